"""A show page's JSON-LD: a TVSeries or Movie with genres, episodes and dates, and the
readers' AggregateRating of its live reviews when there are votes (Google's shape)."""

import json
from datetime import date

import pytest

from catalog.models import Title
from core.readers import Voter
from ratings.services import rate_review
from tests.factories import EpisodeFactory, GenreFactory, SeasonFactory, TitleFactory
from tests.reviews.factories import ReviewFactory
from tests.reviews.test_seo import head_of

pytestmark = pytest.mark.django_db


def show_json_ld(client, title) -> dict:
    (raw,) = head_of(client, title.get_absolute_url()).json_ld
    return json.loads(raw)


def vote(review, *scores: int) -> None:
    for number, score in enumerate(scores, start=1):
        rate_review(
            review=review, voter=Voter(voter_id=f"{review.pk:08x}{number:024x}"), score=score
        )


def test_a_series_page_describes_a_tv_series_with_genres_episodes_and_run(client):
    title = TitleFactory(
        name="Metallic Rouge",
        genres=[GenreFactory(name="Mecha")],
        aired_from=date(2024, 1, 10),
        aired_to=date(2024, 4, 3),
    )
    EpisodeFactory.create_batch(3, season=SeasonFactory(title=title, number=1))

    data = show_json_ld(client, title)

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "TVSeries"
    assert data["name"] == "Metallic Rouge"
    assert data["genre"] == ["Mecha"]
    assert data["numberOfEpisodes"] == 3
    assert (data["startDate"], data["endDate"]) == ("2024-01-10", "2024-04-03")
    assert data["url"] == f"http://testserver{title.get_absolute_url()}"


def test_a_movie_page_describes_a_movie_with_its_release_date(client):
    title = TitleFactory(kind=Title.Kind.MOVIE, aired_from=date(2016, 8, 26))

    data = show_json_ld(client, title)

    assert data["@type"] == "Movie"
    assert data["datePublished"] == "2016-08-26"
    assert "numberOfEpisodes" not in data


def test_a_show_without_votes_has_no_aggregate_rating(client):
    title = TitleFactory()
    ReviewFactory(title=title)

    assert "aggregateRating" not in show_json_ld(client, title)


def test_the_aggregate_rating_counts_the_votes_of_live_reviews_only(client):
    title = TitleFactory()
    vote(ReviewFactory(title=title), 9, 8)
    vote(ReviewFactory(title=title), 6)
    vote(ReviewFactory(title=title, archived=True), 1, 1, 1)

    assert show_json_ld(client, title)["aggregateRating"] == {
        "@type": "AggregateRating",
        "ratingValue": 7.7,
        "ratingCount": 3,
        "bestRating": 10,
        "worstRating": 1,
    }


def test_a_vote_retires_the_cached_show_page(client, settings):
    settings.PAGE_CACHE_SECONDS = 300
    title = TitleFactory()
    review = ReviewFactory(title=title)
    vote(review, 8)
    assert show_json_ld(client, title)["aggregateRating"]["ratingCount"] == 1

    rate_review(review=review, voter=Voter(voter_id="f" * 32), score=10)

    assert show_json_ld(client, title)["aggregateRating"]["ratingCount"] == 2


def test_a_show_name_cannot_break_out_of_the_json_ld(client):
    title = TitleFactory(name='</script><script>alert("x")</script>', slug="hostile")

    page = client.get(title.get_absolute_url()).content.decode()

    assert show_json_ld(client, title)["name"] == title.name
    assert '<script>alert("x")' not in page
