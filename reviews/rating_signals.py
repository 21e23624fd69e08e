"""Keep the stored rating aggregate exact when rows change outside reviews.ratings.

Two paths bypass the rating service: a raw save of a review (django-reversion
restoring a revision, loaddata) writes the row as it was stored, and deleting a
user cascades to their ratings. Both end with a recount from the votes.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from reviews.models import Rating, Review
from reviews.ratings import recount_ratings


@receiver(post_save, sender=Review)
def recount_after_raw_save(sender, instance, raw=False, **kwargs):
    if raw:
        recount_ratings([instance.pk])


@receiver(post_delete, sender=Rating)
def recount_after_cascade(sender, instance, origin=None, **kwargs):
    """Deleting the rating itself goes through delete_ratings; deleting its review needs nothing."""
    if not isinstance(origin, Rating | Review) and getattr(origin, "model", None) not in (
        Rating,
        Review,
    ):
        recount_ratings([instance.review_id])
