"""The count and sum stored on a review always equal its votes, whatever else writes the row."""

import io

import pytest
import reversion
from django.core.management import CommandError, call_command
from django.db import IntegrityError
from reversion.models import Version

from ratings.models import Rating
from reviews.models import Review
from tests.factories import UserFactory
from tests.ratings.votes import cast_votes
from tests.reviews.factories import ReviewFactory

pytestmark = pytest.mark.django_db


def totals(review) -> tuple[int, int]:
    review.refresh_from_db()
    return review.rating_count, review.rating_sum


def recount(*slugs) -> str:
    out = io.StringIO()
    call_command("recount_ratings", *slugs, stdout=out)
    return out.getvalue()


def test_recount_ratings_rebuilds_every_reviews_totals_from_the_votes():
    first, second = cast_votes(ReviewFactory(), 3, 8), cast_votes(ReviewFactory(), 10)
    unrated = ReviewFactory()
    Review.objects.update(rating_count=5, rating_sum=50)

    output = recount()

    assert (totals(first), totals(second), totals(unrated)) == ((2, 11), (1, 10), (0, 0))
    assert "3 review(s) from 3 rating(s)" in output


def test_a_cached_review_page_shows_the_recounted_totals(client):
    review = cast_votes(ReviewFactory(), 3, 8)
    Review.objects.filter(pk=review.pk).update(rating_count=5, rating_sum=50)
    assert "from 5 readers" in client.get(review.get_absolute_url()).content.decode()

    recount()

    assert "from 2 readers" in client.get(review.get_absolute_url()).content.decode()


def test_recount_ratings_can_rebuild_chosen_reviews_only():
    chosen, left = cast_votes(ReviewFactory(), 7), cast_votes(ReviewFactory(), 7)
    Review.objects.update(rating_count=2, rating_sum=20)

    recount(chosen.slug)

    assert (totals(chosen), totals(left)) == ((1, 7), (2, 20))


def test_recount_ratings_names_a_slug_it_does_not_know():
    with pytest.raises(CommandError, match="No review with the slug: no-such-review"):
        recount("no-such-review")


def test_saving_the_article_does_not_write_back_the_count_it_loaded():
    review = ReviewFactory()
    editors_copy = Review.objects.get(pk=review.pk)
    cast_votes(review, 9)

    editors_copy.verdict = "Changed while a reader voted."
    editors_copy.save()

    assert totals(review) == (1, 9)
    assert review.verdict == "Changed while a reader voted."


def test_restoring_an_old_revision_keeps_the_current_totals():
    review = ReviewFactory()
    with reversion.create_revision():
        review.save()
    cast_votes(review, 4, 6)

    Version.objects.get_for_object(review).get().revert()

    assert totals(review) == (2, 10)


def test_deleting_a_reader_account_takes_its_votes_out_of_the_totals(client):
    review = cast_votes(ReviewFactory(), 5)
    reader = UserFactory()
    client.force_login(reader)
    client.post(f"/reviews/{review.slug}/rate/", {"score": "9"})

    reader.delete()

    assert totals(review) == (1, 5)


def test_deleting_a_review_deletes_its_votes():
    review = cast_votes(ReviewFactory(), 5, 6)

    review.delete()

    assert not Rating.objects.exists()


def test_the_database_refuses_a_second_vote_by_the_same_voter():
    review = ReviewFactory()
    Rating.objects.create(review=review, voter_id="a" * 32, score=5)

    with pytest.raises(IntegrityError):
        Rating.objects.create(review=review, voter_id="a" * 32, score=6)


@pytest.mark.parametrize("score", [0, 11])
def test_the_database_refuses_a_score_outside_1_to_10(score):
    with pytest.raises(IntegrityError):
        Rating.objects.create(review=ReviewFactory(), voter_id="b" * 32, score=score)
