"""POST /reviews/<slug>/rate/: a reader's score, by form post (redirected back) or as JSON."""

from django import forms
from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from animeblog.ratelimit import client_ip, is_over_limit, seconds_until_reset
from reviews import ratings
from reviews.models import Review

NOT_LIVE_MESSAGE = "No published review with this address."
SCORE_MESSAGE = "Choose a score: a whole number from 1 to 10."
LIMIT_MESSAGE = (
    "Too many ratings from your network in a short time. Nothing was changed; "
    "please try again in {wait}."
)


class RatingForm(forms.Form):
    """Only the exact strings "1" to "10": "7.5", "7.0", " 7" and "seven" are all refused."""

    score = forms.TypedChoiceField(
        choices=[(str(score), str(score)) for score in ratings.SCORES],
        coerce=int,
        error_messages={"required": SCORE_MESSAGE, "invalid_choice": SCORE_MESSAGE},
    )


def wants_json(request) -> bool:
    """A script asked for JSON; a browser's form post (Accept: text/html, */*) did not."""
    return "application/json" in request.headers.get("Accept", "") or (
        "X-Requested-With" in request.headers
    )


def refusal(request, message: str, status: int, review: Review | None = None):
    if wants_json(request):
        return JsonResponse({"error": message}, status=status)
    context = {"message": message, "review": review}
    return render(request, "reviews/rating_refused.html", context, status=status)


def too_many_ratings(request, review: Review):
    """429, saying how long to wait in words and in Retry-After."""
    seconds = seconds_until_reset(settings.RATINGS_PER_IP_WINDOW)
    minutes = -(-seconds // 60)
    wait = f"{minutes} minute{'' if minutes == 1 else 's'}"
    response = refusal(request, LIMIT_MESSAGE.format(wait=wait), 429, review)
    response["Retry-After"] = str(seconds)
    return response


@require_POST
def rate(request, slug):
    """Check in this order: the review is live, the score is valid, the IP is under its limit.

    Bad input is refused before it counts against the IP's limit; every refusal
    changes nothing. CSRF is checked by the middleware, as for any form post.
    """
    review = Review.objects.live().filter(slug=slug).first()
    if review is None:
        return refusal(request, NOT_LIVE_MESSAGE, 404)
    form = RatingForm(request.POST)
    if not form.is_valid():
        return refusal(request, SCORE_MESSAGE, 400, review)
    ip = client_ip(request)
    if is_over_limit("ratings", ip, settings.RATINGS_PER_IP_LIMIT, settings.RATINGS_PER_IP_WINDOW):
        return too_many_ratings(request, review)
    voter = ratings.voter_for(request)
    score = form.cleaned_data["score"]
    ratings.rate_review(review, voter, score, ip=ip)
    if wants_json(request):
        average = review.reader_average
        response = JsonResponse(
            {
                "average": float(average) if average is not None else None,
                "count": review.rating_count,
                "your_score": score,
                "summary": ratings.summary_text(review),
            }
        )
    else:
        response = redirect(f"{review.get_absolute_url()}#reader-rating")
    ratings.remember_voter(response, voter)
    return response
