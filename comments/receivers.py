"""Keep Review.comment_count exact when a review is saved outside the comment services, and
retire the rendered comment lists of reviews whose comments changed."""

from django.dispatch import receiver

from comments.fragments import retire_comment_lists
from comments.services import refresh_comment_counts
from comments.signals import approved_comments_changed
from reviews.signals import review_restored


@receiver(review_restored)
def recount_after_restore(sender, review, **kwargs):
    """A restored row carries the counter as it was stored, not as it is now."""
    refresh_comment_counts(review_ids=[review.pk])


@receiver(approved_comments_changed)
def forget_comment_lists(sender, review_ids, **kwargs):
    retire_comment_lists(review_ids)
