"""The search page costs a fixed number of queries, however many results, tags and genres."""

import pytest
from django.db import connection

from tests.factories import GenreFactory, LanguageFactory, QualityVariantFactory, TitleFactory
from tests.reviews.factories import ReviewFactory
from tests.search.conftest import search

pytestmark = pytest.mark.django_db

# The genre and audio-language choices of the form, the shows named like the query, on
# PostgreSQL the reviews with a near headline, the count of matching reviews, the page
# of reviews with their shows, the matching shows, and the shows' genres.
SEARCH_PAGE_QUERIES = 8 if connection.vendor == "postgresql" else 7
# Each filter naming a row checks that it exists.
ROW_FILTERS = {"genre": "mecha", "language": "ta"}


def robot_catalog(size: int) -> None:
    """`size` robot shows in `size` + 1 genres, each dubbed, with a review carrying `size` tags."""
    genres = [GenreFactory(name="Mecha"), *GenreFactory.create_batch(size)]
    tamil = LanguageFactory(code="ta", name="Tamil")
    tags = [f"robot tag {number}" for number in range(size)]
    for number in range(size):
        title = TitleFactory(name=f"Robot show {number}", genres=genres, premiere_year=2024)
        QualityVariantFactory(season__title=title, audio_languages=[tamil])
        ReviewFactory(title=title, headline=f"Robot review {number}", tags=tags)


@pytest.mark.parametrize("size", [1, 30])
def test_search_page_query_count_does_not_grow_with_results_tags_and_genres(
    client, django_assert_num_queries, size
):
    robot_catalog(size)

    with django_assert_num_queries(SEARCH_PAGE_QUERIES):
        response = search(client, "robot")

    assert len(response.context["page_obj"].object_list) == min(size, 12)
    assert len(response.context["titles"]) == min(size, 8)


@pytest.mark.parametrize("size", [1, 30])
def test_filtered_search_page_query_count_does_not_grow(client, django_assert_num_queries, size):
    robot_catalog(size)

    with django_assert_num_queries(SEARCH_PAGE_QUERIES + len(ROW_FILTERS)):
        response = search(client, "robot", quality="1080", type="tv", year="2024", **ROW_FILTERS)

    assert len(response.context["page_obj"].object_list) == min(size, 12)


def test_a_later_results_page_skips_the_shows(client, django_assert_num_queries):
    robot_catalog(13)

    with django_assert_num_queries(SEARCH_PAGE_QUERIES - 2):
        response = search(client, "robot", page=2)

    assert len(response.context["page_obj"].object_list) == 1


def test_the_empty_search_page_only_reads_the_filter_choices(client, django_assert_num_queries):
    robot_catalog(3)

    with django_assert_num_queries(2):
        search(client, "")
