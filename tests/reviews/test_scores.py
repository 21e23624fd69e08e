"""The final summary's Average Score: the mean of the scores present, rounded half-up."""

from decimal import Decimal

import pytest

from reviews.scores import average_score
from tests.factories import TitleFactory
from tests.reviews.factories import ReviewFactory


def test_imdb_5_9_and_mal_6_2_give_6_1():
    assert average_score(Decimal("5.9"), Decimal("6.2")) == Decimal("6.1")


def test_a_mean_ending_in_5_rounds_up_not_to_even():
    assert average_score(Decimal("6.0"), Decimal("6.5")) == Decimal("6.3")


def test_one_score_alone_is_its_own_average():
    assert average_score(None, Decimal("7.4"), None) == Decimal("7.4")


def test_no_score_gives_no_average():
    assert average_score(None, None, None) is None


def test_the_editor_score_counts_in_the_average():
    assert average_score(Decimal("5.9"), Decimal("6.2"), Decimal("8.0")) == Decimal("6.7")


@pytest.mark.django_db
def test_review_page_shows_the_average_of_imdb_and_myanimelist(client):
    title = TitleFactory(imdb_score=Decimal("5.9"), mal_score=Decimal("6.2"))
    review = ReviewFactory(title=title)

    response = client.get(review.get_absolute_url())

    summary = response.context["summary"]
    assert (summary.imdb_score, summary.mal_score, summary.average) == (
        Decimal("5.9"),
        Decimal("6.2"),
        Decimal("6.1"),
    )
    assert "Average Score</dt><dd>6.1</dd>" in response.content.decode()


@pytest.mark.django_db
def test_review_page_without_scores_shows_no_average(client):
    review = ReviewFactory(title=TitleFactory(imdb_score=None, mal_score=None))

    response = client.get(review.get_absolute_url())

    assert response.status_code == 200
    assert "Average Score" not in response.content.decode()
