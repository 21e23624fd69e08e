"""Keep Review.comment_count exact when a review is saved outside the comment services."""

from django.dispatch import receiver

from comments.services import refresh_comment_counts
from reviews.signals import review_changed


@receiver(review_changed)
def recount_after_edit(sender, review, **kwargs):
    """An edit never writes the counter, but a restored revision did just before it."""
    refresh_comment_counts(review_ids=[review.pk])
