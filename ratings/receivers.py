"""Keep the stored rating totals exact when rows change outside ratings.services.

Two paths bypass the rating service: restoring a revision of a review writes the
review row as it was stored, counters included, and deleting a user cascades to
their ratings. Both end with a recount from the votes.
"""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from ratings.models import Rating
from ratings.services import recount_ratings
from reviews.models import Review
from reviews.signals import review_restored


@receiver(review_restored)
def recount_after_restore(sender, review, **kwargs):
    """A restored row carries the counters as they were stored, not as they are now."""
    recount_ratings(review_ids=[review.pk])


@receiver(post_delete, sender=Rating)
def recount_after_cascade(sender, instance, origin=None, **kwargs):
    """Deleting the rating itself goes through delete_ratings; deleting its review needs nothing."""
    if not isinstance(origin, Rating | Review) and getattr(origin, "model", None) not in (
        Rating,
        Review,
    ):
        recount_ratings(review_ids=[instance.review_id])
