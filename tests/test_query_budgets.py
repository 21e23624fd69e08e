"""Public pages cost a fixed number of queries however much content surrounds them.

The app test files pin each page along its own dimension (a show's episodes, a
review's related reviews, 500 comments); these grow every dimension at once: reviews,
tags, genres, audio languages, episodes, comments and ratings. The page cache is off
here so the pins measure the page itself; the cache's own costs are its tests' concern.
"""

import pytest

from comments.models import Comment
from ratings.models import Rating
from tests.factories import (
    EpisodeFactory,
    GenreFactory,
    LanguageFactory,
    QualityVariantFactory,
    SeasonFactory,
    TitleFactory,
)
from tests.reviews.factories import ReviewFactory

pytestmark = pytest.mark.django_db

SIZES = [1, 15]
# Every list of review cards reads its reviews (with show and byline) and their tags.
# The reviews' count and page, their tags; the recently added shows and their
# genres; the genres with shows and the audio languages in use.
HOME_QUERIES = 7
# The tag, the paginator's count, the page of reviews with their shows, their tags.
TAG_PAGE_QUERIES = 4
# The genre, its live reviews with their shows and their tags, the paginator's count,
# the page of shows and their genres (tests/catalog/test_pages.py pins it without reviews).
GENRE_PAGE_QUERIES = 6
# The show and its nine prefetches, then its live reviews, their tags and their summed reader votes
# (tests/catalog/test_pages.py pins it without reviews).
SHOW_PAGE_QUERIES = 13
# The review page for its next reader: the review with show, season and author's profile;
# tags, genres, studios, seasons, episodes, variants, audio and subtitle languages; the kept
# Also Check cards and their tags; the discussion's counts. The Discussion settings, the
# comment list and the Also Check ranking come from the shared cache.
REVIEW_PAGE_QUERIES = 12


@pytest.fixture(autouse=True)
def _page_cache_off(settings):
    settings.PAGE_CACHE_SECONDS = 0


def add_comments(review, how_many: int) -> None:
    Comment.objects.bulk_create(
        Comment(
            review=review,
            name=f"Reader {number}",
            email=f"reader{number}@example.org",
            body=f"Comment {number}",
            status=Comment.Status.APPROVED,
        )
        for number in range(how_many)
    )


def add_ratings(review, how_many: int) -> None:
    Rating.objects.bulk_create(
        Rating(review=review, voter_id=f"voter{number}", score=7) for number in range(how_many)
    )


def grown_site(size: int):
    """`size` shows in one genre (plus `size` more each), dubbed, each with a live review
    carrying `size` tags, `size` comments and ratings, and a season of `size` episodes.
    Returns the first review."""
    mecha = GenreFactory(name="Mecha")
    genres = [mecha, *GenreFactory.create_batch(size)]
    languages = [LanguageFactory(code=f"l{number}") for number in range(size)]
    tags = ["shared", *(f"tag {number}" for number in range(size))]
    reviews = []
    for number in range(size):
        title = TitleFactory(name=f"Show {number}", slug=f"show-{number}", genres=genres)
        season = SeasonFactory(title=title, number=1)
        EpisodeFactory.create_batch(size, season=season)
        QualityVariantFactory(season=season, audio_languages=languages)
        review = ReviewFactory(title=title, tags=tags)
        add_comments(review, size)
        add_ratings(review, size)
        reviews.append(review)
    return reviews[0]


@pytest.mark.parametrize("size", SIZES)
def test_home_query_count_does_not_grow_with_reviews_tags_genres_and_comments(
    client, django_assert_num_queries, size
):
    grown_site(size)

    with django_assert_num_queries(HOME_QUERIES):
        response = client.get("/")

    assert len(response.context["page_obj"].object_list) == min(size, 12)


@pytest.mark.parametrize("size", SIZES)
def test_tag_page_query_count_does_not_grow_with_its_reviews(
    client, django_assert_num_queries, size
):
    grown_site(size)

    with django_assert_num_queries(TAG_PAGE_QUERIES):
        response = client.get("/tags/shared/")

    assert len(response.context["page_obj"].object_list) == min(size, 12)


@pytest.mark.parametrize("size", SIZES)
def test_genre_page_query_count_does_not_grow_with_reviews_of_its_shows(
    client, django_assert_num_queries, size
):
    grown_site(size)

    with django_assert_num_queries(GENRE_PAGE_QUERIES):
        response = client.get("/genres/mecha/")

    assert response.status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_show_page_query_count_does_not_grow_with_its_reviews_and_comments(
    client, django_assert_num_queries, size
):
    review = grown_site(size)
    for _ in range(size - 1):
        ReviewFactory(title=review.title, tags=["shared"])

    with django_assert_num_queries(SHOW_PAGE_QUERIES):
        response = client.get(review.title.get_absolute_url())

    assert response.status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_review_page_query_count_does_not_grow_with_comments_episodes_and_ratings(
    client, django_assert_num_queries, size
):
    review = grown_site(size)
    client.get(review.get_absolute_url())  # the first reader's page fills the shared cache

    # A lone review has no Also Check cards, so neither they nor their tags are read.
    expected = REVIEW_PAGE_QUERIES if size > 1 else REVIEW_PAGE_QUERIES - 2
    with django_assert_num_queries(expected):
        response = client.get(review.get_absolute_url())

    assert response.status_code == 200
