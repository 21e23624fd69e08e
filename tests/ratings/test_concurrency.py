"""On PostgreSQL, votes arriving at the same moment on one review lose nothing.

Each test starts 20 threads behind a barrier, each its own browser (test client)
with its own database connection, all posting to the same review at once.
"""

import pytest
from django.core import signing
from django.test import Client

from core.readers import VOTER_COOKIE, VOTER_COOKIE_SALT
from ratings.models import Rating
from tests.concurrency import all_at_once, skip_unless_postgresql
from tests.reviews.factories import ReviewFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 20


@pytest.fixture(autouse=True)
def _postgres_only():
    skip_unless_postgresql("row locks keep concurrent votes exact")


@pytest.fixture
def review():
    return ReviewFactory()


def rate(client: Client, review, score: int, reader: int):
    def post():
        url = f"/reviews/{review.slug}/rate/"
        return client.post(url, {"score": str(score)}, REMOTE_ADDR=f"10.0.0.{reader}").status_code

    return post


def totals(review) -> tuple[int, int]:
    review.refresh_from_db()
    return review.rating_count, review.rating_sum


def test_twenty_readers_rating_at_once_make_exactly_twenty_votes_and_the_exact_sum(review):
    scores = [reader % 10 + 1 for reader in range(THREADS)]

    statuses = all_at_once(
        [rate(Client(), review, score, reader) for reader, score in enumerate(scores)]
    )

    assert statuses == [302] * THREADS
    assert Rating.objects.filter(review=review).count() == THREADS
    assert totals(review) == (THREADS, sum(scores))


def test_twenty_readers_re_rating_at_once_keep_twenty_votes_and_the_exact_sum(review):
    readers = [Client() for _ in range(THREADS)]
    for number, reader in enumerate(readers):
        rate(reader, review, 1, number)()
    new_scores = [(number * 3) % 10 + 1 for number in range(THREADS)]

    statuses = all_at_once(
        [
            rate(reader, review, score, number)
            for number, (reader, score) in enumerate(zip(readers, new_scores, strict=True))
        ]
    )

    assert statuses == [302] * THREADS
    assert totals(review) == (THREADS, sum(new_scores))


def test_one_reader_voting_from_twenty_tabs_at_once_has_one_vote(review):
    """Each tab carries the same signed voter cookie; the first vote and the re-rates queue up."""
    cookie = signing.get_cookie_signer(salt=VOTER_COOKIE + VOTER_COOKIE_SALT).sign("c" * 32)
    tabs = [Client() for _ in range(THREADS)]
    for tab in tabs:
        tab.cookies[VOTER_COOKIE] = cookie

    statuses = all_at_once(
        [rate(tab, review, number % 10 + 1, 1) for number, tab in enumerate(tabs)]
    )

    assert statuses == [302] * THREADS
    vote = Rating.objects.get(review=review)
    assert totals(review) == (1, vote.score)
