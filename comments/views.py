"""Comment endpoints: post a comment and report one; both answer with a redirect (PRG)."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from comments import cookies, spam
from comments.forms import CommentForm
from comments.models import Comment, DiscussionSettings
from comments.moderation import comments_are_closed
from comments.selectors import page_of_thread
from comments.services import DuplicateComment, Submission, post_comment, report_comment
from core.public_urls import site_url
from core.ratelimit import is_over_limit, rate_limited_response
from core.readers import remember_voter, voter_for
from core.requests import client_ip
from reviews.models import Review

CLOSED_MESSAGE = "Comments are closed."
DUPLICATE_MESSAGE = "Duplicate comment detected; it looks as though you’ve already said that!"
LIMIT_MESSAGE = (
    "You have posted several comments in a short time, so this one was not saved. "
    "Please wait {wait} and try again."
)


def _form_page(request, review, form, status):
    return render(
        request, "comments/form_page.html", {"review": review, "form": form}, status=status
    )


@require_POST
def post(request, slug):
    """Take a comment for a live review; the reader lands back on it, or on the form with errors."""
    review = get_object_or_404(Review.objects.live(), slug=slug)
    window = settings.COMMENTS_RATE_WINDOW
    if is_over_limit("comments", client_ip(request), settings.COMMENTS_RATE_LIMIT, window):
        return rate_limited_response(
            request,
            window=window,
            heading="Too many comments at once",
            message=LIMIT_MESSAGE,
            back_url=f"{review.get_absolute_url()}#comments",
            back_label=str(review),
        )
    rules = DiscussionSettings.load()
    if comments_are_closed(review, rules):
        return render(
            request,
            "comments/closed.html",
            {"review": review, "message": CLOSED_MESSAGE},
            status=403,
        )
    form = CommentForm(request.POST, review=review, user=request.user)
    if not form.is_valid():
        return _form_page(request, review, form, status=400)
    data = form.cleaned_data
    submission = Submission(
        name=data.get("name", ""),
        email=data.get("email", ""),
        website=data.get("website", ""),
        body=data["body"],
        is_spoiler=data["is_spoiler"],
        parent=data["parent"],
    )
    spam_reason = ""
    if not form.is_staff_author:
        spam_reason = spam.honeypot_problem(request.POST) or spam.form_token_problem(
            data["form_token"], review.pk
        )
    try:
        comment = post_comment(
            review=review,
            submission=submission,
            user=request.user,
            ip=client_ip(request),
            user_agent=request.META.get("HTTP_USER_AGENT", ""),
            spam_reason=spam_reason,
            site_url=site_url(request),
            authored_comment_ids=cookies.authored_comment_ids(request),
        )
    except DuplicateComment:
        form.add_error(None, DUPLICATE_MESSAGE)
        return _form_page(request, review, form, status=409)
    return _after_posting(request, review, comment, rules, remember=data.get("remember"))


def _after_posting(request, review, comment, rules, *, remember):
    """Back to the comment (or to the form, for spam, which the poster is not shown)."""
    if comment.status == Comment.Status.SPAM:
        response = redirect(f"{review.get_absolute_url()}#respond")
    else:
        page = page_of_thread(comment, rules)
        query = f"?cpage={page}" if page > 1 else ""
        response = redirect(f"{review.get_absolute_url()}{query}#{comment.anchor}")
    if comment.status == Comment.Status.PENDING:
        cookies.remember_pending_comment(request, response, comment.pk)
    if comment.user_id is None:
        cookies.remember_authored_comment(request, response, comment.pk)
    if remember:
        cookies.save_author(response, comment.name, comment.email, comment.website)
    elif comment.user_id is None:
        cookies.forget_author(response)
    return response


@require_POST
def report(request, pk):
    """A reader flags an approved comment; enough distinct readers send it back to the queue."""
    comment = get_object_or_404(
        Comment.objects.approved().select_related("review"),
        pk=pk,
        review__in=Review.objects.live(),
    )
    voter = voter_for(request)
    reported = report_comment(
        comment=comment, ip=client_ip(request), voter_id=voter.key, site_url=site_url(request)
    )
    if reported:
        messages.success(request, "Thank you: the moderators will look at this comment.")
    else:
        messages.info(request, "You have already reported this comment.")
    # Back to the thank-you, not to the comment: it is shown above the thread.
    response = redirect(f"{comment.review.get_absolute_url()}#comments-status")
    remember_voter(response, voter)
    return response
