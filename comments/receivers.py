"""Keep Review.comment_count exact when a review is saved outside the comment services."""

from django.dispatch import receiver

from comments.services import refresh_comment_counts
from reviews.signals import review_restored


@receiver(review_restored)
def recount_after_restore(sender, review, **kwargs):
    """A restored row carries the counter as it was stored, not as it is now."""
    refresh_comment_counts(review_ids=[review.pk])
