"""The one write path for comments: posting, moderation decisions and reports, each recorded.

Every write that changes what readers see announces `comments.signals.approved_comments_changed`
once, however many comments it moved.
"""

import logging
from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment, CommentReport, DiscussionSettings, ModerationDecision
from comments.moderation import Verdict, count_links, judge
from comments.signals import approved_comments_changed
from core.public_urls import site_url as configured_site_url
from reviews.authors import author_name
from reviews.models import Review

logger = logging.getLogger(__name__)

MODERATORS_GROUP = "Moderators"
MODERATE_PERMISSION = "comments.change_comment"


class DuplicateComment(Exception):
    """The same author already said exactly this on this review."""


@dataclass(frozen=True)
class Submission:
    """What a reader typed into the form, already validated."""

    name: str
    email: str
    body: str
    website: str = ""
    is_spoiler: bool = False
    parent: Comment | None = None


def attach_within_depth(parent: Comment | None, thread_depth: int) -> Comment | None:
    """The parent a reply hangs under: its own, or the deepest ancestor the depth allows."""
    while parent is not None and parent.depth + 1 >= thread_depth:
        parent = parent.parent
    return parent


def is_duplicate(review, submission: Submission) -> bool:
    """WordPress's refusal: same review, same author (by email or name), same text."""
    return (
        Comment.objects.filter(review=review, body=submission.body)
        .filter(Q(email__iexact=submission.email) | Q(name=submission.name))
        .exists()
    )


def is_staff_author(user) -> bool:
    """Signed-in staff comment under their account: no name or email asked, approved at once."""
    return user is not None and user.is_authenticated and user.is_staff


def refresh_comment_counts(review_ids: Iterable[int]) -> None:
    """Keep Review.comment_count, which review cards show, equal to the approved comments.

    Called in the transaction that changed the comments. The reviews' rows are locked
    first, so writers count one at a time: under READ COMMITTED each statement sees
    what was committed when it started, and the count starts only once the previous
    writer has committed its comments, which it therefore includes. (Counting in the
    UPDATE alone, two posts each counted without the other's comment.) FOR NO KEY
    UPDATE, the lock the UPDATE takes anyway, does not wait for posts whose new
    comments key-share lock the review; ordered by id, batches cannot deadlock.

    Positional on purpose: data loaders outside the project (the peer benchmark in
    ../shared/peer-wordpress/) call it as refresh_comment_counts([review.pk]).
    """
    ids = sorted(set(review_ids))
    approved = (
        Comment.objects.approved()
        .filter(review=OuterRef("pk"))
        .order_by()
        .values("review")
        .annotate(total=Count("pk"))
        .values("total")
    )
    with transaction.atomic(savepoint=False):
        locked = Review.objects.select_for_update(no_key=True).filter(pk__in=ids).order_by("pk")
        list(locked.values_list("pk", flat=True))
        Review.objects.filter(pk__in=ids).update(comment_count=Coalesce(Subquery(approved), 0))


def _approved_comments_changed(review_ids: set[int]) -> None:
    """Bring the reviews' approved counts up to date, then say that their threads changed."""
    refresh_comment_counts(review_ids=review_ids)
    approved_comments_changed.send(sender=Comment, review_ids=review_ids)


def _record(comment: Comment, from_status: str, verdict: Verdict, by=None) -> None:
    ModerationDecision.objects.create(
        comment=comment,
        from_status=from_status,
        to_status=verdict.status,
        by=by,
        at=comment.moderated_at or timezone.now(),
        reason=verdict.reason,
    )


def post_comment(
    *,
    review: Review,
    submission: Submission,
    user=None,
    ip: str | None = None,
    user_agent: str = "",
    spam_reason: str = "",
    site_url: str = "",
    authored_comment_ids: Collection[int] = (),
) -> Comment:
    """Store a reader's (or staff member's) comment with the status the rules give it.

    Staff signed in write under their account and are approved at once; a post caught by a
    bot trap (spam_reason) goes straight to spam, kept so a moderator can rescue a false alarm.
    `authored_comment_ids` (comments.cookies.authored_comment_ids) are the comments the
    poster's browser wrote: an approved one under the same email makes the author known.
    `site_url` (core.public_urls.site_url) makes the link in the moderators' email absolute.
    """
    rules = DiscussionSettings.load()
    is_staff = is_staff_author(user)
    if is_staff:
        submission = replace(
            submission,
            name=author_name(user),
            email=user.email or submission.email,
        )
    if is_duplicate(review, submission):
        raise DuplicateComment
    parent = attach_within_depth(submission.parent, rules.thread_depth)
    comment = Comment(
        review=review,
        parent=parent,
        root_id=parent.thread_root_id if parent else None,
        depth=parent.depth + 1 if parent else 0,
        name=submission.name,
        email=submission.email,
        website=submission.website,
        body=submission.body,
        is_spoiler=submission.is_spoiler,
        link_count=count_links(submission.body),
        ip=ip,
        user_agent=user_agent[:300],
    )
    if is_staff:
        comment.user = user
        verdict = Verdict(Comment.Status.APPROVED, "written by staff")
    elif spam_reason:
        verdict = Verdict(Comment.Status.SPAM, spam_reason)
    else:
        verdict = judge(comment, rules, authored_comment_ids=authored_comment_ids)
    comment.status = verdict.status
    comment.held_reason = "" if verdict.status == Comment.Status.APPROVED else verdict.reason
    with transaction.atomic():
        comment.save()
        _record(comment, "", verdict, by=comment.user)
        if verdict.status == Comment.Status.APPROVED:
            _approved_comments_changed({comment.review_id})
        if verdict.status == Comment.Status.PENDING and rules.notify_moderators:
            transaction.on_commit(lambda: notify_moderators(comment=comment, site_url=site_url))
    return comment


def moderate_comments(*, comments: Iterable[Comment], to_status: str, by, reason: str = "") -> int:
    """Move comments to a status (approve, spam, remove, restore to pending), recording who.

    Returns how many changed; comments already in that status are left untouched. A
    batch costs the same few queries however many comments it holds.
    """
    if not by.has_perm(MODERATE_PERMISSION):
        raise PermissionDenied("Only moderators can moderate comments.")
    with transaction.atomic():
        ids = [comment.pk for comment in comments]
        moving = [
            comment
            for comment in Comment.objects.select_for_update().filter(pk__in=ids).order_by("pk")
            if comment.status != to_status
        ]
        now = timezone.now()
        Comment.objects.filter(pk__in=[comment.pk for comment in moving]).update(
            status=to_status, moderated_by=by, moderated_at=now
        )
        ModerationDecision.objects.bulk_create(
            ModerationDecision(
                comment=comment,
                from_status=comment.status,
                to_status=to_status,
                by=by,
                at=now,
                reason=reason,
            )
            for comment in moving
        )
        changed_reviews = {
            comment.review_id
            for comment in moving
            if Comment.Status.APPROVED in (comment.status, to_status)
        }
        if changed_reviews:
            _approved_comments_changed(changed_reviews)
    return len(moving)


def edit_comment(*, comment: Comment, by) -> Comment:
    """A moderator tidies a comment's text in the admin; its link count follows the new text."""
    if not by.has_perm(MODERATE_PERMISSION):
        raise PermissionDenied("Only moderators can edit comments.")
    comment.link_count = count_links(comment.body)
    with transaction.atomic():
        comment.save()
        if comment.status == Comment.Status.APPROVED:
            approved_comments_changed.send(sender=Comment, review_ids={comment.review_id})
    return comment


def reply_to_comment(*, parent: Comment, body: str, by) -> Comment:
    """A moderator's reply from the admin: approved at once, under the moderator's account."""
    if not by.has_perm(MODERATE_PERMISSION):
        raise PermissionDenied("Only moderators can reply from the admin.")
    submission = Submission(name="", email="", body=body, parent=parent)
    return post_comment(review=parent.review, submission=submission, user=by)


def report_comment(*, comment: Comment, ip: str | None, voter_id: str, site_url: str = "") -> bool:
    """Record a reader's report; at the threshold of distinct readers, back to the queue.

    Returns False when this reader (by IP or voter cookie) already reported the comment.
    """
    rules = DiscussionSettings.load()
    try:
        with transaction.atomic():
            CommentReport.objects.create(comment=comment, ip=ip, voter_id=voter_id)
            comment = Comment.objects.select_for_update().get(pk=comment.pk)
            reports = comment.reports.count()
            if comment.status == Comment.Status.APPROVED and reports >= rules.report_threshold:
                reason = f"reported by {reports} readers"
                comment.status = Comment.Status.PENDING
                comment.held_reason = reason
                comment.save(update_fields=["status", "held_reason"])
                _record(comment, Comment.Status.APPROVED, Verdict(comment.status, reason))
                _approved_comments_changed({comment.review_id})
                if rules.notify_moderators:
                    transaction.on_commit(
                        lambda: notify_moderators(comment=comment, site_url=site_url)
                    )
    except IntegrityError:
        return False
    return True


def notify_moderators(*, comment: Comment, site_url: str = "") -> None:
    """Email every active moderator that a comment waits in the queue (with no reader email)."""
    recipients = list(
        get_user_model()
        .objects.filter(is_active=True, groups__name=MODERATORS_GROUP)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )
    if not recipients:
        return
    path = reverse("admin:comments_comment_change", args=[comment.pk])
    queue_url = f"{site_url or configured_site_url()}{path}"
    try:
        send_mail(
            subject=f"Comment awaiting moderation on “{comment.review}”",
            message=(
                f"{comment.name} wrote on “{comment.review}”:\n\n{comment.body}\n\n"
                f"Held because: {comment.held_reason}\n"
                f"Review it in the admin: {queue_url}\n"
            ),
            from_email=None,
            recipient_list=recipients,
        )
    except Exception:
        # The comment is saved and waits in the queue either way; a mail server being
        # down must not turn the reader's successful post into an error page.
        logger.exception("Could not email moderators about comment %s", comment.pk)
