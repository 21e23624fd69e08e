"""POST /reviews/<slug>/rate/: a reader's score, by form post (redirected back) or as JSON."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.ratelimit import is_over_limit, rate_limited_response
from core.readers import remember_voter, voter_for
from core.requests import client_ip, wants_json
from ratings.forms import SCORE_MESSAGE, RatingForm
from ratings.services import rate_review
from reviews.models import Review
from reviews.scores import reader_summary

NOT_LIVE_MESSAGE = "No published review with this address."
LIMIT_MESSAGE = (
    "Too many ratings from your network in a short time. Nothing was changed; "
    "please try again in {wait}."
)


def refused_response(request, message: str, status: int, review: Review | None = None):
    """The refusal as JSON for the rating script, or as a page for a plain form post."""
    if wants_json(request):
        return JsonResponse({"error": message}, status=status)
    context = {"message": message, "review": review}
    return render(request, "ratings/refused.html", context, status=status)


@require_POST
def rate(request, slug):
    """Check in this order: the review is live, the score is valid, the IP is under its limit.

    Bad input is refused before it counts against the IP's limit; every refusal
    changes nothing. CSRF is checked by the middleware, as for any form post.
    """
    review = Review.objects.live().filter(slug=slug).first()
    if review is None:
        return refused_response(request, NOT_LIVE_MESSAGE, 404)
    form = RatingForm(request.POST)
    if not form.is_valid():
        return refused_response(request, SCORE_MESSAGE, 400, review)
    ip = client_ip(request)
    if is_over_limit("ratings", ip, settings.RATINGS_PER_IP_LIMIT, settings.RATINGS_PER_IP_WINDOW):
        return rate_limited_response(
            request,
            window=settings.RATINGS_PER_IP_WINDOW,
            heading="Your rating was not saved",
            message=LIMIT_MESSAGE,
            back_url=f"{review.get_absolute_url()}#reader-rating",
            back_label=str(review),
        )
    voter = voter_for(request)
    score = form.cleaned_data["score"]
    rate_review(review=review, voter=voter, score=score, ip=ip)
    if wants_json(request):
        average = review.reader_average
        response = JsonResponse(
            {
                "average": float(average) if average is not None else None,
                "count": review.rating_count,
                "your_score": score,
                "summary": reader_summary(review),
            }
        )
    else:
        response = redirect(f"{review.get_absolute_url()}#reader-rating")
    remember_voter(response, voter)
    return response
