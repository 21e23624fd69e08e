"""Arrange reader votes through the rating service, each by a distinct anonymous reader."""

import secrets

from core.readers import Voter
from ratings.services import rate_review
from reviews.models import Review


def anonymous_voter() -> Voter:
    return Voter(voter_id=secrets.token_hex(16))


def cast_votes(review: Review, *scores: int) -> Review:
    """One vote per score, each by a new anonymous reader; returns the refreshed review."""
    for score in scores:
        rate_review(review=review, voter=anonymous_voter(), score=score)
    review.refresh_from_db()
    return review
