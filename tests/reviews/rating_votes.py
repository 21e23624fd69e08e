"""Arrange reader votes through the rating service, each by a distinct anonymous reader."""

import secrets

from reviews.models import Review
from reviews.ratings import Voter, rate_review


def anonymous_voter() -> Voter:
    return Voter(voter_id=secrets.token_hex(16))


def cast_votes(review: Review, *scores: int) -> Review:
    """One vote per score, each by a new anonymous reader; returns the refreshed review."""
    for score in scores:
        rate_review(review, anonymous_voter(), score)
    review.refresh_from_db()
    return review
