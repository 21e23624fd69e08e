"""The demo's reader ratings: a spread over the live reviews, one left unrated, repeatable."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Count, Sum

from ratings.models import Rating
from reviews.models import Review

pytestmark = pytest.mark.django_db


def load_demo() -> None:
    call_command("load_demo", stdout=io.StringIO())


def stored_totals() -> dict[str, tuple[int, int]]:
    return {
        slug: (count, total)
        for slug, count, total in Review.objects.values_list("slug", "rating_count", "rating_sum")
    }


def test_every_live_demo_review_but_one_has_a_spread_of_ratings(demo):
    live = Review.objects.live()
    unrated = [review.slug for review in live if review.rating_count == 0]
    assert unrated == ["metallic-rouge-season-01-review"]
    averages = {review.reader_average for review in live if review.rating_count}
    assert len(averages) >= 4
    assert not Rating.objects.exclude(review__in=live).exists()


def test_the_demo_totals_equal_the_demo_votes(demo):
    counted = Rating.objects.values("review__slug").annotate(n=Count("pk"), total=Sum("score"))
    assert {row["review__slug"]: (row["n"], row["total"]) for row in counted} == {
        slug: totals for slug, totals in stored_totals().items() if totals != (0, 0)
    }


def test_loading_the_demo_again_adds_no_rating(demo):
    before = (Rating.objects.count(), stored_totals())

    load_demo()

    assert (Rating.objects.count(), stored_totals()) == before
