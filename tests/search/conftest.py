"""Helpers for the search tests: a way to read the page, and a mark for PostgreSQL-only tests."""

import pytest
from django.db import connection

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="full-text ranking, prefixes, stemming and the vector triggers exist on PostgreSQL "
    "only; SQLite serves the icontains fallback (set DATABASE_URL to run these)",
)


@pytest.fixture(autouse=True)
def _pages_rendered_afresh(settings):
    """These tests read what the search view computed; the page cache has tests of its own."""
    settings.PAGE_CACHE_SECONDS = 0


def search(client, query="", **filters):
    """GET /search/ as a reader would, with the query and any filters."""
    return client.get("/search/", {"q": query, **filters})


def found_headlines(response) -> list[str]:
    """The headlines of the reviews on the results page, in order."""
    page_obj = response.context["page_obj"]
    return [review.display_headline for review in page_obj.object_list] if page_obj else []


def found_shows(response) -> list[str]:
    return [title.name for title in response.context["titles"]]


def plan_without_sequential_scans(sql: str) -> str:
    """PostgreSQL's EXPLAIN of `sql`, one line, with sequential scans ruled out.

    A table of a few test rows is scanned faster than read through an index; ruling
    the scan out shows whether an index can serve the query at all.
    """
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}")
        plan = " ".join(row[0] for row in cursor.fetchall())
        cursor.execute("SET enable_seqscan = on")
    return plan
