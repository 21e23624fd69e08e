"""The one write path for reader ratings: vote, delete abusive votes, recount the totals.

A vote and the review's stored count and sum change in one transaction that first
locks the review's row, so concurrent votes queue up instead of overwriting each
other, and the aggregate is always the exact total of the Rating rows. Every change
announces `ratings.signals.rating_changed`.
"""

from django.db import transaction
from django.db.models import Count, F, IntegerField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from core.readers import Voter
from ratings.models import Rating
from ratings.signals import rating_changed
from reviews.models import Review

SCORES = range(1, 11)
RECOUNT_BATCH = 500


class InvalidScore(ValueError):
    """The score is not a whole number from 1 to 10."""


def rate_review(*, review: Review, voter: Voter, score: int, ip: str | None = None) -> Rating:
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
        rating_changed.send(sender=Rating, review_ids=[review.pk])
    review.refresh_from_db(fields=["rating_count", "rating_sum"])
    return rating


def delete_ratings(*, ratings: QuerySet[Rating]) -> int:
    """Delete ratings (abusive ones, from the admin); their reviews' aggregates follow.

    Returns how many ratings were deleted.
    """
    with transaction.atomic():
        review_ids = list(ratings.values_list("review_id", flat=True).distinct())
        lock_reviews(review_ids)
        deleted, _by_model = Rating.objects.filter(pk__in=ratings.values("pk")).delete()
        _recount(review_ids)
        rating_changed.send(sender=Rating, review_ids=review_ids)
    return deleted


def recount_ratings(*, review_ids: list[int] | None = None) -> int:
    """Rebuild count and sum from the Rating rows, in batches; returns how many reviews."""
    if review_ids is None:
        review_ids = list(Review.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(review_ids), RECOUNT_BATCH):
        batch = review_ids[start : start + RECOUNT_BATCH]
        with transaction.atomic():
            lock_reviews(batch)
            _recount(batch)
            rating_changed.send(sender=Rating, review_ids=batch)
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
