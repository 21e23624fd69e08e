"""The editorial workflow: one function per transition, the only code that changes a status.

Each function checks the user's permission, locks the review, makes the change
in a transaction, records a Transition and keeps a revision. Admin buttons and
list actions call these; a disallowed move raises TransitionNotAllowed with a
message fit to show the user.

    draft ──submit──▶ in review ──publish──▶ published ──archive──▶ archived
      ▲   ◀─return_to_writer─┘                │   ▲                   │
      └──────────────unpublish────────────────┘   └──────restore──────┘

A publish time in the future makes a published review "scheduled": it goes live
when the time comes, because being live is a query (Review.objects.live()).
"""

from dataclasses import dataclass
from datetime import datetime

import reversion
from django.db import transaction
from django.utils import timezone

from reviews.models import Review, Transition

Status = Review.Status


class TransitionNotAllowed(Exception):
    """The user may not make this move, or the review is not in a status that allows it."""


@dataclass(frozen=True)
class Move:
    name: str
    label: str
    sources: tuple[str, ...]
    target: str
    permission: str | None


SUBMIT = Move("submit", "Submit for review", (Status.DRAFT,), Status.IN_REVIEW, None)
RETURN = Move(
    "return_to_writer",
    "Send back to writer",
    (Status.IN_REVIEW,),
    Status.DRAFT,
    "reviews.publish_review",
)
PUBLISH = Move(
    "publish",
    "Publish or schedule",
    (Status.DRAFT, Status.IN_REVIEW, Status.PUBLISHED),
    Status.PUBLISHED,
    "reviews.publish_review",
)
UNPUBLISH = Move(
    "unpublish", "Unpublish", (Status.PUBLISHED,), Status.DRAFT, "reviews.publish_review"
)
ARCHIVE = Move(
    "archive",
    "Archive",
    (Status.PUBLISHED,),
    Status.ARCHIVED,
    "reviews.archive_review",
)
RESTORE = Move(
    "restore",
    "Restore from archive",
    (Status.ARCHIVED,),
    Status.PUBLISHED,
    "reviews.archive_review",
)
MOVES = {move.name: move for move in (SUBMIT, RETURN, PUBLISH, UNPUBLISH, ARCHIVE, RESTORE)}


def can_edit(user, review: Review) -> bool:
    """Editors edit any review; writers only their own, and only before publication."""
    if not user.has_perm("reviews.change_review"):
        return False
    if user.has_perm("reviews.edit_others_review"):
        return True
    return review.author_id == user.pk and review.status in (Status.DRAFT, Status.IN_REVIEW)


def refusal(move: Move, user, review: Review) -> str | None:
    """Why ``user`` may not make ``move`` on ``review`` now, or None when they may."""
    if review.status not in move.sources:
        return (
            f"“{move.label}” is not possible while the review is "
            f"{review.get_status_display().lower()}."
        )
    if move is PUBLISH and review.is_live:
        return "The review is already live; unpublish it first to change its publish time."
    if move.permission and not user.has_perm(move.permission):
        return f"You do not have permission to “{move.label.lower()}”."
    if move.permission is None and not can_edit(user, review):
        return "You can only submit your own reviews."
    return None


def allowed_moves(user, review: Review) -> list[Move]:
    """The moves to offer ``user`` as buttons on this review."""
    return [move for move in MOVES.values() if refusal(move, user, review) is None]


def _apply(move: Move, review: Review, by, note: str = "", **changes) -> Review:
    with transaction.atomic(), reversion.create_revision():
        locked = Review.objects.select_for_update().get(pk=review.pk)
        reason = refusal(move, by, locked)
        if reason:
            raise TransitionNotAllowed(reason)
        from_status = locked.status
        locked.status = move.target
        for field, value in changes.items():
            setattr(locked, field, value)
        locked.save()
        Transition.objects.create(
            review=locked, from_status=from_status, to_status=move.target, by=by, note=note
        )
        reversion.set_user(by)
        reversion.set_comment(f"{move.label}." + (f" Note: {note}" if note else ""))
    review.refresh_from_db()
    return review


def submit(review: Review, by) -> Review:
    """A writer hands a draft to the editors."""
    return _apply(SUBMIT, review, by)


def return_to_writer(review: Review, by, note: str) -> Review:
    """An editor sends a submitted review back to draft, saying what to change."""
    if not note.strip():
        raise TransitionNotAllowed("Say what the writer should change: the note is required.")
    return _apply(RETURN, review, by, note=note.strip())


def publish(review: Review, by, publish_at: datetime | None = None) -> Review:
    """Publish now, or schedule when ``publish_at`` is in the future."""
    return _apply(PUBLISH, review, by, publish_at=publish_at or timezone.now())


def unpublish(review: Review, by) -> Review:
    """Take a published or scheduled review back to draft; it needs publishing again."""
    return _apply(UNPUBLISH, review, by, publish_at=None)


def archive(review: Review, by) -> Review:
    """Retire a review from every public surface, keeping it for the record."""
    return _apply(ARCHIVE, review, by)


def restore(review: Review, by) -> Review:
    """Bring an archived review back as published, at its old publish time.

    Only published reviews can be archived, so an archived one always has a publish time.
    """
    return _apply(RESTORE, review, by)
