"""Comment endpoints: post a comment and report one; both answer with a redirect (PRG)."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from animeblog.ratelimit import client_ip, is_over_limit, seconds_until_reset
from comments import cookies, spam
from comments.forms import CommentForm
from comments.models import Comment, DiscussionSettings
from comments.moderation import comments_are_closed
from comments.selectors import page_of_thread
from comments.services import DuplicateComment, Submission, post_comment, report_comment
from reviews.models import Review
from reviews.ratings import remember_voter, voter_for

CLOSED_MESSAGE = "Comments are closed."
DUPLICATE_MESSAGE = "Duplicate comment detected; it looks as though you’ve already said that!"


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
        retry_after = seconds_until_reset(window)
        response = render(
            request,
            "comments/rate_limited.html",
            {"review": review, "window_minutes": -(-retry_after // 60)},
            status=429,
        )
        response["Retry-After"] = str(retry_after)
        return response
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
    reporter = f"user:{voter.user.pk}" if voter.user is not None else voter.voter_id
    if report_comment(comment, ip=client_ip(request), voter_id=reporter):
        messages.success(request, "Thank you: the moderators will look at this comment.")
    else:
        messages.info(request, "You have already reported this comment.")
    response = redirect(comment.get_absolute_url())
    remember_voter(response, voter)
    return response
