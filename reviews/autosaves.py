"""Autosave: a writer's unsaved review form, kept per user and review, offered back on reopening.

The editor posts the form's text fields every few seconds while its user types; the
record is the user's own (nobody sees another's) and never touches the review. Saving
the review deletes it; a record older than AUTOSAVE_MAX_AGE is deleted the next time
that user autosaves anything, and is never offered.
"""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from taggit.utils import edit_string_for_tags

from reviews.models import Autosave, Review

AUTOSAVE_MAX_AGE = timedelta(days=30)
TEXT_FIELDS = ("headline", "slug", "excerpt", "body", "verdict", "meta_description")


def save_autosave(*, user, review: Review | None, fields: dict[str, str]) -> Autosave:
    """Keep ``fields`` as the user's autosave of ``review`` (None: their add form).

    Line breaks are kept as the text field holds them (``\\n``), not as a form post
    sends them (``\\r\\n``).
    """
    fields = {name: value.replace("\r\n", "\n") for name, value in fields.items()}
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
    """The user's autosave of ``review`` if it is newer than the review's last save.

    One that holds what the review already says (an autosave that reached the server
    just after the save it belonged to) is deleted instead: there is nothing to restore.
    """
    autosaves = Autosave.objects.filter(
        owned_by(user=user, review=review),
        saved_at__gte=timezone.now() - AUTOSAVE_MAX_AGE,
    )
    if review is None:
        return autosaves.first()
    autosave = autosaves.filter(saved_at__gt=review.updated_at).first()
    if autosave is not None and autosave.fields == form_fields(review):
        autosave.delete()
        return None
    return autosave


def form_fields(review: Review) -> dict[str, str]:
    """The review's autosaved fields as its form shows them, line breaks as autosaves keep them."""
    fields = {name: getattr(review, name) for name in TEXT_FIELDS}
    fields["editor_score"] = "" if review.editor_score is None else str(review.editor_score)
    fields["tags"] = edit_string_for_tags(review.tags.all())
    return {name: value.replace("\r\n", "\n") for name, value in fields.items()}


def owned_by(*, user, review: Review | None) -> Q:
    if review is None:
        return Q(user=user, review__isnull=True)
    return Q(user=user, review=review)
