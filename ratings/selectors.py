"""Reads of reader ratings: the score this reader gave."""

from core.readers import known_voter
from ratings.models import Rating


def own_score(request, review) -> int | None:
    """The score this reader gave, if any; no query for a reader with no identity yet.

    Readers without an account or voter cookie (first visits, crawlers) all get the
    same page, which keeps that page cacheable.
    """
    voter = known_voter(request)
    if voter is None:
        return None
    ratings = Rating.objects.filter(review=review, **voter.lookup)
    return ratings.values_list("score", flat=True).first()
