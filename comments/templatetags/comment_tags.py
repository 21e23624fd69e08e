"""Template tags: a review's discussion for its page, the queue's summary for the admin index."""

from dataclasses import dataclass

from django import template

from comments import cookies, fragments, spam
from comments.forms import CommentForm
from comments.models import Comment, DiscussionSettings
from comments.moderation import comments_are_closed
from comments.selectors import Threads, threads_for_page
from reviews.models import Review

register = template.Library()


@dataclass
class Discussion:
    """Everything templates/comments/section.html shows, loaded in a fixed number of queries."""

    review: Review
    threads: Threads
    rules: DiscussionSettings
    is_closed: bool
    form: CommentForm | None
    reply_to: Comment | None

    @property
    def approved_count(self) -> int:
        return self.threads.approved_count


def _reply_target(request, threads: Threads) -> Comment | None:
    """?replytocom=ID (the no-JavaScript reply link), if ID is an approved comment shown here."""
    value = request.GET.get("replytocom", "")
    comment = threads.by_id.get(int(value)) if value.isdigit() else None
    return comment if comment and comment.status == Comment.Status.APPROVED else None


@register.simple_tag(takes_context=True)
def comment_discussion(context, review) -> Discussion:
    """The review's threads for ?cpage=, the reader's own held comments, and the form."""
    request = context["request"]
    rules = DiscussionSettings.load()
    threads = threads_for_page(
        review, rules, request.GET.get("cpage"), cookies.pending_comment_ids(request)
    )
    is_closed = comments_are_closed(review, rules)
    reply_to = _reply_target(request, threads)
    form = None
    if not is_closed:
        initial = {
            **cookies.saved_author(request),
            "form_token": spam.issue_form_token(review.pk),
            "parent": reply_to.pk if reply_to else None,
        }
        initial["remember"] = bool(initial.get("email"))
        form = CommentForm(review=review, user=request.user, initial=initial)
    return Discussion(
        review=review,
        threads=threads,
        rules=rules,
        is_closed=is_closed,
        form=form,
        reply_to=reply_to,
    )


@register.simple_tag(takes_context=True)
def comment_list(context, discussion: Discussion) -> str:
    """The page's comment list (templates/comments/comment_list.html), shared between readers."""
    return fragments.comment_list(context, discussion)


@register.simple_tag(takes_context=True)
def comment_section(context, review) -> str:
    """The review page's discussion (templates/comments/section.html), with the page's context.

    Rendered in the page's own context, as an include would be, so the section sees
    the request, the CSRF token and whether the page is a preview.
    """
    section = context.template.engine.get_template("comments/section.html")
    with context.push(review=review):
        return section.render(context)


@register.inclusion_tag("comments/admin/queue_summary.html", takes_context=True)
def comment_queue_summary(context) -> dict:
    """Comments per status for moderators on the admin index (one query); nothing for others."""
    if not context["request"].user.has_perm("comments.view_comment"):
        return {"counts": None}
    return {"counts": Comment.objects.count_by_status()}
