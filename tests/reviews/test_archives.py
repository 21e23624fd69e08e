"""Date archives: every month with live reviews, counted, each year and month a page of them."""

from datetime import datetime

import pytest
from django.utils import timezone

from tests.reviews.factories import ReviewFactory

pytestmark = pytest.mark.django_db

# The months with their counts, the paginator's count, the page of reviews, their tags.
YEAR_PAGE_QUERIES = 4
# The paginator's count, the page of reviews, their tags.
MONTH_PAGE_QUERIES = 3


def published(year, month, day=15, **kwargs):
    """A live review published at noon, site time, on that day."""
    return ReviewFactory(publish_at=timezone.make_aware(datetime(year, month, day, 12)), **kwargs)


def test_archive_counts_live_reviews_per_month_and_links_each_month(client):
    published(2025, 11, headline="November one")
    published(2025, 11, 20, headline="November two")
    published(2025, 3, headline="March one")
    published(2024, 12, headline="December one")
    published(2025, 10, draft=True)
    published(2025, 10, archived=True)

    page = client.get("/archive/").content.decode()

    assert '<a class="chip" href="/archive/2025/11/">November <span class="chip__count">(2)' in page
    assert 'href="/archive/2025/3/">March <span class="chip__count">(1)' in page
    assert 'href="/archive/2024/12/">December <span class="chip__count">(1)' in page
    assert "/archive/2025/10/" not in page
    assert page.index("/archive/2025/") < page.index("/archive/2024/")


def test_footer_links_the_archive(client):
    page = client.get("/").content.decode()

    assert '<a href="/archive/">Archive</a>' in page


def test_year_page_lists_its_months_and_its_live_reviews(client):
    published(2025, 11, headline="November one")
    published(2025, 3, headline="March one")
    published(2024, 12, headline="December one")
    published(2025, 5, headline="Unpublished one", draft=True)

    response = client.get("/archive/2025/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Reviews from 2025</h1>" in page
    assert "November one" in page and "March one" in page
    assert "December one" not in page and "Unpublished one" not in page
    assert 'href="/archive/2025/11/">November <span class="chip__count">(1)' in page


def test_month_page_lists_only_that_months_live_reviews(client):
    published(2025, 11, 1, headline="First of November")
    published(2025, 11, 30, headline="End of November")
    published(2025, 12, 1, headline="First of December")
    published(2024, 11, headline="A year before")

    response = client.get("/archive/2025/11/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Reviews from November 2025</h1>" in page
    assert "First of November" in page and "End of November" in page
    assert "First of December" not in page and "A year before" not in page


def test_month_page_is_paginated(client):
    for day in range(1, 14):
        published(2025, 11, day)

    first = client.get("/archive/2025/11/")
    second = client.get("/archive/2025/11/?page=2")

    assert len(first.context["page_obj"].object_list) == 12
    assert len(second.context["page_obj"].object_list) == 1


@pytest.mark.parametrize(
    "url",
    [
        "/archive/2023/",
        "/archive/2025/10/",
        "/archive/2025/13/",
        "/archive/2025/0/",
        "/archive/0/",
        "/archive/1/",
        "/archive/1/1/",
        "/archive/9999/12/",
        "/archive/99999/",
        "/archive/99999/1/",
        "/archive/2025/november/",
    ],
)
def test_empty_or_impossible_periods_are_not_found(client, url):
    published(2025, 11)
    published(2025, 10, draft=True)

    assert client.get(url).status_code == 404


def test_a_scheduled_review_is_not_in_the_archive_before_its_time(client):
    future = ReviewFactory(scheduled=True, headline="Coming soon")
    local = timezone.localtime(future.publish_at)

    assert "Coming soon" not in client.get("/archive/").content.decode()
    assert client.get(f"/archive/{local.year}/{local.month}/").status_code == 404


@pytest.mark.parametrize("size", [1, 15])
def test_archive_pages_query_counts_do_not_grow_with_reviews_or_tags(
    client, django_assert_num_queries, settings, size
):
    settings.PAGE_CACHE_SECONDS = 0
    tags = [f"tag {number}" for number in range(size)]
    for day in range(1, size + 1):
        published(2025, 11, day, tags=tags)
        published(2025, (day % 10) + 1, tags=tags)

    with django_assert_num_queries(1):
        assert client.get("/archive/").status_code == 200
    with django_assert_num_queries(YEAR_PAGE_QUERIES):
        assert client.get("/archive/2025/").status_code == 200
    with django_assert_num_queries(MONTH_PAGE_QUERIES):
        assert client.get("/archive/2025/11/").status_code == 200
