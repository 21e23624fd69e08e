"""Reader ratings: who the voter is, the per-IP limit, and the one write path for votes.

A vote and the review's stored count and sum change in one transaction that first
locks the review's row, so concurrent votes queue up instead of overwriting each
other, and the aggregate is always the exact total of the Rating rows.
"""

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Count, F, IntegerField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from reviews.models import Rating, Review

SCORES = range(1, 11)
VOTER_COOKIE = "reader_voter"
VOTER_COOKIE_SALT = "reviews.ratings.voter"
VOTER_COOKIE_MAX_AGE = 2 * 365 * 24 * 60 * 60
RECOUNT_BATCH = 500


class InvalidScore(ValueError):
    """The score is not a whole number from 1 to 10."""


@dataclass(frozen=True)
class Voter:
    """A signed-in reader (by account) or an anonymous one (by the id in their cookie)."""

    user: object = None
    voter_id: str = ""
    is_new: bool = False  # a fresh anonymous id that the response must set

    @property
    def lookup(self) -> dict:
        return {"user": self.user} if self.user is not None else {"voter_id": self.voter_id}


def voter_for(request) -> Voter:
    """The reader behind this request; a missing or tampered cookie makes a brand-new voter.

    A bad signature never falls back to any stored id, so forging a cookie cannot
    vote as someone else: it only starts a fresh anonymous identity.
    """
    return known_voter(request) or Voter(voter_id=secrets.token_hex(16), is_new=True)


def known_voter(request) -> Voter | None:
    """The reader by account or by a validly signed cookie; None when they have no identity yet."""
    if request.user.is_authenticated:
        return Voter(user=request.user)
    voter_id = known_voter_id(request)
    return Voter(voter_id=voter_id) if voter_id else None


def known_voter_id(request) -> str:
    """The anonymous voter id from a validly signed cookie, else ""."""
    try:
        voter_id = request.get_signed_cookie(
            VOTER_COOKIE, salt=VOTER_COOKIE_SALT, max_age=VOTER_COOKIE_MAX_AGE
        )
    except (KeyError, signing.BadSignature):
        return ""
    is_well_formed = len(voter_id) == 32 and all(char in "0123456789abcdef" for char in voter_id)
    return voter_id if is_well_formed else ""


def remember_voter(response, voter: Voter) -> None:
    """Set the long-lived signed cookie for a new anonymous voter (HttpOnly: no script needs it)."""
    if voter.is_new:
        response.set_signed_cookie(
            VOTER_COOKIE,
            voter.voter_id,
            salt=VOTER_COOKIE_SALT,
            max_age=VOTER_COOKIE_MAX_AGE,
            httponly=True,
            secure=settings.SESSION_COOKIE_SECURE,
            samesite="Lax",
        )


def own_score(request, review: Review) -> int | None:
    """The score this reader gave, if any; no query for a reader with no identity yet.

    Readers without an account or voter cookie (first visits, crawlers) all get the
    same page, which keeps that page cacheable.
    """
    voter = known_voter(request)
    if voter is None:
        return None
    ratings = Rating.objects.filter(review=review, **voter.lookup)
    return ratings.values_list("score", flat=True).first()


def rate_review(review: Review, voter: Voter, score: int, ip: str | None = None) -> Rating:
    """Record the voter's score: a first vote adds one, rating again only changes the score.

    Locking the review row first serialises the votes on this review, so the read
    of the voter's previous score and the F() update of the total cannot interleave
    with another vote. `review` is refreshed with the new count and sum.
    """
    if isinstance(score, bool) or score not in SCORES:
        raise InvalidScore("A score is a whole number from 1 to 10.")
    with transaction.atomic():
        Review.objects.select_for_update().filter(pk=review.pk).values_list("pk").get()
        rating = Rating.objects.filter(review=review, **voter.lookup).first()
        if rating is None:
            rating = Rating.objects.create(review=review, score=score, ip=ip, **voter.lookup)
            change = {"rating_count": F("rating_count") + 1, "rating_sum": F("rating_sum") + score}
        else:
            change = {"rating_sum": F("rating_sum") + (score - rating.score)}
            rating.score, rating.ip = score, ip
            rating.save(update_fields=["score", "ip", "updated_at"])
        Review.objects.filter(pk=review.pk).update(**change)
    review.refresh_from_db(fields=["rating_count", "rating_sum"])
    return rating


def delete_ratings(ratings: QuerySet[Rating]) -> int:
    """Delete ratings (abusive ones, from the admin); their reviews' aggregates follow.

    Returns how many ratings were deleted.
    """
    with transaction.atomic():
        review_ids = list(ratings.values_list("review_id", flat=True).distinct())
        lock_reviews(review_ids)
        deleted, _by_model = Rating.objects.filter(pk__in=ratings.values("pk")).delete()
        _recount(review_ids)
    return deleted


def recount_ratings(review_ids: list[int] | None = None) -> int:
    """Rebuild count and sum from the Rating rows, in batches; returns how many reviews."""
    if review_ids is None:
        review_ids = list(Review.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(review_ids), RECOUNT_BATCH):
        batch = review_ids[start : start + RECOUNT_BATCH]
        with transaction.atomic():
            lock_reviews(batch)
            _recount(batch)
    return len(review_ids)


def lock_reviews(review_ids: list[int]) -> None:
    """Lock the rows in a fixed order, so two lockers of overlapping sets cannot deadlock.

    Holding the lock before counting means the count's query starts after every
    vote that got in first has committed, and no later vote commits until we do.
    """
    list(Review.objects.select_for_update().filter(pk__in=review_ids).order_by("pk").values("pk"))


def _recount(review_ids: list[int]) -> None:
    votes = Rating.objects.filter(review=OuterRef("pk")).order_by().values("review")
    zero = Value(0, output_field=IntegerField())
    Review.objects.filter(pk__in=review_ids).update(
        rating_count=Coalesce(Subquery(votes.annotate(n=Count("pk")).values("n")), zero),
        rating_sum=Coalesce(Subquery(votes.annotate(total=Sum("score")).values("total")), zero),
    )


def summary_text(review: Review) -> str:
    """What the rating box says about the readers' scores, e.g. "6.8 / 10 from 143 readers"."""
    if not review.rating_count:
        return "Be the first one!"
    readers = "reader" if review.rating_count == 1 else "readers"
    return f"{review.reader_average} / 10 from {review.rating_count} {readers}"
