"""The search page's head: title, description, noindex on results, canonical address."""

import pytest

from tests.reviews.factories import ReviewFactory
from tests.search.conftest import search

pytestmark = pytest.mark.django_db


def test_a_results_page_has_a_title_and_description_naming_the_query(client):
    page = search(client, "robot").content.decode()

    assert "<title>Search: “robot” · " in page
    assert '<meta name="description" content="Reviews and shows on ' in page
    assert "matching “robot”" in page


def test_results_pages_are_not_indexed(client):
    page = search(client, "robot").content.decode()

    assert '<meta name="robots" content="noindex, follow">' in page


def test_the_empty_search_page_may_be_indexed(client):
    page = search(client, "").content.decode()

    assert "<title>Search · " in page
    assert 'name="robots"' not in page


def test_the_canonical_address_keeps_the_cleaned_query_filters_and_page(client, settings):
    settings.SITE_URL = "https://anime.example"
    for number in range(13):
        ReviewFactory(headline=f"Robot review {number}")

    page = search(client, "  robot  ", page="2", type="tv", year="").content.decode()

    assert (
        '<link rel="canonical" href="https://anime.example/search/?page=2&amp;q=robot&amp;type=tv">'
        in page
    )


def test_the_header_search_box_leads_to_the_search_page(client):
    page = client.get("/").content.decode()

    assert 'action="/search/"' in page
    assert search(client, "robot").status_code == 200
