"""Autosave: a writer's unsaved review form, kept per user and review, offered back on reopening.

The editor posts the form's text fields every few seconds while its user types; the
record is the user's own (nobody sees another's) and never touches the review. Saving
the review deletes it; a record older than AUTOSAVE_MAX_AGE is deleted the next time
that user autosaves anything, and is never offered.
"""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from reviews.models import Autosave, Review

AUTOSAVE_MAX_AGE = timedelta(days=30)


def save_autosave(*, user, review: Review | None, fields: dict[str, str]) -> Autosave:
    """Keep ``fields`` as the user's autosave of ``review`` (None: their add form)."""
    now = timezone.now()
    Autosave.objects.filter(user=user, saved_at__lt=now - AUTOSAVE_MAX_AGE).delete()
    autosave, _ = Autosave.objects.update_or_create(
        user=user, review=review, defaults={"fields": fields, "saved_at": now}
    )
    return autosave


def discard_autosave(*, user, review: Review | None) -> None:
    """Delete the user's autosave of ``review`` (None: of their add form), if any."""
    Autosave.objects.filter(owned_by(user=user, review=review)).delete()


def autosave_to_offer(*, user, review: Review | None) -> Autosave | None:
    """The user's autosave of ``review`` if it is newer than the review's last save."""
    autosaves = Autosave.objects.filter(
        owned_by(user=user, review=review),
        saved_at__gte=timezone.now() - AUTOSAVE_MAX_AGE,
    )
    if review is not None:
        autosaves = autosaves.filter(saved_at__gt=review.updated_at)
    return autosaves.first()


def owned_by(*, user, review: Review | None) -> Q:
    if review is None:
        return Q(user=user, review__isnull=True)
    return Q(user=user, review=review)
