"""The moderation rules: from a new comment and the Discussion settings, its status and why."""

import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import timedelta

from django.template.defaultfilters import pluralize
from django.utils import timezone

from comments.models import Comment, DiscussionSettings

LINK_PATTERN = re.compile(r"https?://|www\.", re.IGNORECASE)


@dataclass(frozen=True)
class Verdict:
    status: str
    reason: str = ""


def count_links(text: str) -> int:
    """Links as a spammer writes them: anything starting with a scheme or "www."."""
    return len(LINK_PATTERN.findall(text))


def _first_word_found(words: list[str], comment: Comment) -> str | None:
    haystack = "\n".join(
        [
            comment.name,
            comment.email,
            comment.website,
            comment.body,
            comment.ip or "",
            comment.user_agent,
        ]
    ).lower()
    return next((word for word in words if word in haystack), None)


def _is_known_author(comment: Comment, authored_comment_ids: Collection[int]) -> bool:
    """The author's browser wrote an approved comment under the same email.

    The email alone proves nothing (anyone who knows a regular's address can type it);
    the ids come from the browser's signed cookie, so only the regular's own browser has
    them. An impostor's held comment adds its own id, which a moderator never approved.
    """
    if not authored_comment_ids:
        return False
    return (
        Comment.objects.approved()
        .filter(pk__in=authored_comment_ids, email__iexact=comment.email)
        .exists()
    )


def judge(
    comment: Comment, rules: DiscussionSettings, *, authored_comment_ids: Collection[int] = ()
) -> Verdict:
    """Apply the rules in WordPress's order: spam words, links, moderation words, then holding.

    `authored_comment_ids` are the comments the author's browser says (signed) it wrote.
    Staff comments never reach this: they are approved by the service before it asks.
    """
    if spam_word := _first_word_found(rules.spam_word_list, comment):
        return Verdict(Comment.Status.SPAM, f"contains the spam word “{spam_word}”")
    if comment.link_count > rules.max_links:
        return Verdict(
            Comment.Status.PENDING, f"more than {rules.max_links} link{pluralize(rules.max_links)}"
        )
    if moderation_word := _first_word_found(rules.moderation_word_list, comment):
        return Verdict(Comment.Status.PENDING, f"contains the moderation word “{moderation_word}”")
    if not rules.hold_all:
        return Verdict(Comment.Status.APPROVED)
    if rules.approve_known_authors and _is_known_author(comment, authored_comment_ids):
        return Verdict(Comment.Status.APPROVED, "author has an approved comment")
    return Verdict(Comment.Status.PENDING, "every comment is held for moderation")


def comments_are_closed(review, rules: DiscussionSettings) -> bool:
    """Closed per review by its editor, or for every review older than the age limit."""
    if not review.comments_open:
        return True
    if rules.close_after_days and review.publish_at:
        return review.publish_at < timezone.now() - timedelta(days=rules.close_after_days)
    return False
