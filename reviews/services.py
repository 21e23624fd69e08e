"""The editorial workflow: one function per transition, the only code that changes a status.

Each function checks the user's permission, locks the review, makes the change
in a transaction, records a Transition, keeps a revision and announces the change
(reviews.signals). Admin buttons and list actions call these; a disallowed move
raises TransitionNotAllowed with a message fit to show the user. Saving an edit
and deleting go through here too, so every change readers could see is announced.
An edit of a live review waits as its unpublished changes (save_pending_changes)
until an editor publishes them (publish_pending_changes) or they are discarded.

    draft ──submit──▶ in review ──publish──▶ published ──archive──▶ archived
      ▲   ◀─return_to_writer─┘                │   ▲                   │
      └──────────────unpublish────────────────┘   └──────restore──────┘

A publish time in the future makes a published review "scheduled": it goes live
when the time comes, because being live is a query (Review.objects.live()).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

import reversion
from django.db import router, transaction
from django.db.models.signals import m2m_changed
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from reviews.merging import apply_values, review_values
from reviews.models import PendingChange, Review, Transition
from reviews.signals import review_changed, review_published, review_unpublished

Status = Review.Status


class TransitionNotAllowed(Exception):
    """The user may not make this move, or the review is not in a status that allows it."""


class EditConflict(Exception):
    """The review was saved since the copy being saved was loaded; nothing was written.

    ``saved_at`` is the review's ``updated_at`` now, the version the edit must be
    compared (or merged) with before it is saved again.
    """

    def __init__(self, *, saved_at: datetime):
        super().__init__(f"The review was saved at {saved_at.isoformat()}, after it was loaded.")
        self.saved_at = saved_at


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


def can_edit(*, user, review: Review) -> bool:
    """Editors edit any review; writers only their own, before publication or, once it is
    live, as unpublished changes for an editor to publish."""
    if not user.has_perm("reviews.change_review"):
        return False
    if user.has_perm("reviews.edit_others_review"):
        return True
    editable = review.status in (Status.DRAFT, Status.IN_REVIEW) or review.is_live
    return review.author_id == user.pk and editable


NOTE_REQUIRED = "Say what the writer should change: the note is required."


def refusal_reason(*, move: Move, user, review: Review) -> str | None:
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
    if move.permission is None and not can_edit(user=user, review=review):
        return "You can only submit your own reviews."
    return None


def move_refusal(*, move: Move, user, review: Review, note: str = "") -> str | None:
    """Why pressing ``move``'s button with this note would be refused, before anything is saved."""
    if move is RETURN and not note.strip():
        return NOTE_REQUIRED
    return refusal_reason(move=move, user=user, review=review)


def allowed_moves(*, user, review: Review) -> list[Move]:
    """The moves to offer ``user`` as buttons on this review."""
    return [
        move
        for move in MOVES.values()
        if refusal_reason(move=move, user=user, review=review) is None
    ]


def _apply(move: Move, review: Review, by, note: str = "", **changes) -> Review:
    with transaction.atomic(), reversion.create_revision():
        locked = Review.objects.select_for_update().get(pk=review.pk)
        reason = refusal_reason(move=move, user=by, review=locked)
        if reason:
            raise TransitionNotAllowed(reason)
        from_status = locked.status
        pending = None
        if locked.is_live and move.target != Status.PUBLISHED:
            # Off the public site, the unpublished changes become the review's own text.
            pending = PendingChange.objects.filter(review=locked).first()
        if pending is not None:
            apply_values(locked, pending.values)
        locked.status = move.target
        for field, value in changes.items():
            setattr(locked, field, value)
        locked.save()
        if pending is not None:
            set_review_tags(review=locked, names=pending.values["tags"])
            pending.delete()
        Transition.objects.create(
            review=locked, from_status=from_status, to_status=move.target, by=by, note=note
        )
        reversion.set_user(by)
        reversion.set_comment(f"{move.label}." + (f" Note: {note}" if note else ""))
        if move.target == Status.PUBLISHED:
            review_published.send(sender=Review, review=locked)
        elif from_status == Status.PUBLISHED:
            review_unpublished.send(sender=Review, review=locked)
    review.refresh_from_db()
    return review


def submit_review(*, review: Review, by) -> Review:
    """A writer hands a draft to the editors."""
    return _apply(SUBMIT, review, by)


def return_review_to_writer(*, review: Review, by, note: str) -> Review:
    """An editor sends a submitted review back to draft, saying what to change."""
    if not note.strip():
        raise TransitionNotAllowed(NOTE_REQUIRED)
    return _apply(RETURN, review, by, note=note.strip())


def publish_review(*, review: Review, by, publish_at: datetime | None = None) -> Review:
    """Publish now, or schedule when ``publish_at`` is in the future."""
    return _apply(PUBLISH, review, by, publish_at=publish_at or timezone.now())


def unpublish_review(*, review: Review, by) -> Review:
    """Take a published or scheduled review back to draft; it needs publishing again."""
    return _apply(UNPUBLISH, review, by, publish_at=None)


def archive_review(*, review: Review, by) -> Review:
    """Retire a review from every public surface, keeping it for the record."""
    return _apply(ARCHIVE, review, by)


def restore_review(*, review: Review, by) -> Review:
    """Bring an archived review back as published, at its old publish time.

    Only published reviews can be archived, so an archived one always has a publish time.
    """
    return _apply(RESTORE, review, by)


MOVE_SERVICES = {
    SUBMIT.name: submit_review,
    RETURN.name: return_review_to_writer,
    PUBLISH.name: publish_review,
    UNPUBLISH.name: unpublish_review,
    ARCHIVE.name: archive_review,
    RESTORE.name: restore_review,
}


def make_move(*, move: Move, review: Review, by, **arguments) -> Review:
    """Make ``move`` through its service (the admin's buttons and actions name moves)."""
    return MOVE_SERVICES[move.name](review=review, by=by, **arguments)


def version_stamp(*, review: Review, pending: PendingChange | None = None) -> str:
    """Names the version of ``review`` an editor edits: its unpublished changes, if any."""
    return (pending.saved_at if pending else review.updated_at).isoformat()


def save_review(*, review: Review, by, loaded_version: str | None = None) -> Review:
    """Save an edit of the article (from the admin's form) and announce it.

    ``by`` is who saved it; the admin's form has already checked they may.
    ``loaded_version`` is the version_stamp the edit was merged with: if anyone
    saved the review since, EditConflict is raised and nothing is written. The
    check holds the row lock until the write commits, so of two saves racing
    each other exactly one wins, and the other merges again. None skips the
    check (a new review, or a revision restored on purpose).
    """
    with transaction.atomic():
        if review.pk is None:
            review.author = by
        elif loaded_version is not None:
            # no_key: the lock the UPDATE below takes anyway. A plain FOR UPDATE would
            # also wait for every comment being posted, which key-share locks its review.
            saved_at = (
                Review.objects.select_for_update(no_key=True)
                .values_list("updated_at", flat=True)
                .get(pk=review.pk)
            )
            if saved_at.isoformat() != loaded_version:
                raise EditConflict(saved_at=saved_at)
        review.save()
        review_changed.send(sender=Review, review=review)
    return review


def save_pending_changes(
    *, review: Review, values: dict, by, loaded_version: str | None = None
) -> PendingChange | None:
    """Keep an edit of a live review as its unpublished changes: readers see none of it.

    ``values`` are the edited fields as reviews.merging.review_values gives them.
    Nothing is announced (the public pages did not change); a revision records
    the save. ``loaded_version`` works as for save_review. An edit back to the
    live version leaves no unpublished changes (and returns None).
    """
    with transaction.atomic(), reversion.create_revision():
        locked = Review.objects.select_for_update(no_key=True).get(pk=review.pk)
        pending = PendingChange.objects.filter(review=locked).first()
        stamp = version_stamp(review=locked, pending=pending)
        if loaded_version is not None and stamp != loaded_version:
            raise EditConflict(saved_at=pending.saved_at if pending else locked.updated_at)
        if not (locked.is_live and can_edit(user=by, review=locked)):
            raise TransitionNotAllowed("Only a live review you may edit keeps unpublished changes.")
        reversion.add_to_revision(locked)
        reversion.set_user(by)
        reversion.set_comment("Saved unpublished changes; readers still see the live version.")
        if values == review_values(locked, locked.tags.names()):
            if pending is not None:
                pending.delete()
            return None
        if pending is None:
            pending = PendingChange(review=locked, based_on=locked.updated_at)
        pending.values = values
        pending.saved_by = by
        pending.save()
    return pending


def pending_change_refusal(*, user, review: Review, publishing: bool) -> str | None:
    """Why ``user`` may not publish (or discard) ``review``'s unpublished changes, or None."""
    if publishing and not user.has_perm("reviews.publish_review"):
        return "Only editors publish changes; an editor will review yours."
    if not can_edit(user=user, review=review):
        return "You cannot change this review."
    return None


def _locked_pending(review: Review, by, *, publishing: bool) -> tuple[Review, PendingChange]:
    locked = Review.objects.select_for_update(no_key=True).get(pk=review.pk)
    reason = pending_change_refusal(user=by, review=locked, publishing=publishing)
    if reason:
        raise TransitionNotAllowed(reason)
    pending = PendingChange.objects.filter(review=locked).first()
    if pending is None:
        raise TransitionNotAllowed("The review has no unpublished changes (any more).")
    return locked, pending


def publish_pending_changes(*, review: Review, by) -> Review:
    """Make a live review's unpublished changes what readers see, and announce it."""
    with transaction.atomic(), reversion.create_revision():
        locked, pending = _locked_pending(review, by, publishing=True)
        apply_values(locked, pending.values)
        locked.save()
        set_review_tags(review=locked, names=pending.values["tags"])
        pending.delete()
        reversion.set_user(by)
        reversion.set_comment("Published the unpublished changes.")
        review_changed.send(sender=Review, review=locked)
    review.refresh_from_db()
    return review


def discard_pending_changes(*, review: Review, by) -> None:
    """Throw away a live review's unpublished changes; the live version stays as it is."""
    with transaction.atomic(), reversion.create_revision():
        locked, pending = _locked_pending(review, by, publishing=False)
        pending.delete()
        reversion.add_to_revision(locked)
        reversion.set_user(by)
        reversion.set_comment("Discarded the unpublished changes.")


def _tags_named(names: Sequence[str]) -> list[Tag]:
    """The tags called ``names``, creating the missing ones in one insert."""
    tags = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
    missing = [name for name in names if name not in tags]
    if missing:
        slug_length = Tag._meta.get_field("slug").max_length
        Tag.objects.bulk_create(
            [Tag(name=name, slug=Tag().slugify(name)[:slug_length]) for name in missing],
            ignore_conflicts=True,
        )
        tags.update((tag.name, tag) for tag in Tag.objects.filter(name__in=missing))
    for name in missing:
        if name not in tags:
            # Its slug belongs to a tag of another name ("Sci-Fi" and "sci fi"): taggit's
            # own save finds a free one. Rare, and at most once per tag of the review.
            tags[name], _created = Tag.objects.get_or_create(name=name)
    return [tags[name] for name in names]


def _announce_tags(review: Review, action: str, tag_ids: set[int]) -> None:
    """The m2m_changed signal taggit sends, which the page cache listens to."""
    m2m_changed.send(
        sender=TaggedItem,
        action=action,
        instance=review,
        reverse=False,
        model=Tag,
        pk_set=tag_ids,
        using=router.db_for_write(TaggedItem, instance=review),
    )


def set_review_tags(*, review: Review, names: Sequence[str]) -> None:
    """Give ``review`` exactly the tags ``names``, in the same few queries however many.

    taggit's ``tags.set()`` looks up, creates and links tag by tag (some fourteen queries
    for each new one); here missing tags are made in one insert and linked in another.
    Unlinking is one delete, plus the page cache's one query per removed row (it listens
    to each TaggedItem, for the tag admin's merges), so at most MAX_TAGS more.
    """
    with transaction.atomic():
        wanted = {tag.pk for tag in _tags_named(names)}
        links = TaggedItem.objects.filter(**TaggedItem.lookup_kwargs(review))
        current = set(links.values_list("tag_id", flat=True))
        removed, added = current - wanted, wanted - current
        if removed:
            _announce_tags(review, "pre_remove", removed)
            links.filter(tag_id__in=removed).delete()
            _announce_tags(review, "post_remove", removed)
        if added:
            _announce_tags(review, "pre_add", added)
            TaggedItem.objects.bulk_create(
                [TaggedItem(content_object=review, tag_id=tag_id) for tag_id in sorted(added)]
            )
            _announce_tags(review, "post_add", added)


def delete_reviews(*, reviews: Iterable[Review], by) -> int:
    """Delete reviews (editors, from the admin); the live ones leave the site. Returns how many."""
    deleted = 0
    with transaction.atomic():
        for review in reviews:
            was_public = review.status == Status.PUBLISHED
            review.delete()
            deleted += 1
            if was_public:
                review_unpublished.send(sender=Review, review=review)
    return deleted
