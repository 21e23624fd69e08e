"""In-process checks of the two degraded modes: the 503 page and a cache that cannot reach Redis.

The fault tests run the same through gunicorn with real outages; these run in every
suite, on SQLite too, and pin the details.
"""

import pytest
from django.db import InterfaceError, OperationalError

from core.cache_backend import ResilientRedisCache
from tests.production.servers import free_port


@pytest.fixture
def database_gone(monkeypatch):
    """The home page's first query fails as it does when PostgreSQL is down."""

    def refuse(*args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")

    monkeypatch.setattr("animeblog.views.selectors.genres_with_title_counts", refuse)


@pytest.mark.django_db
def test_a_lost_database_gives_the_friendly_503_page(client, database_gone):
    response = client.get("/")

    assert response.status_code == 503
    assert "Back in a moment" in response.content.decode()
    assert response["Retry-After"] == "30"
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_a_closed_connection_also_gives_the_503_page(client, monkeypatch):
    def closed(*args, **kwargs):
        raise InterfaceError("connection already closed")

    monkeypatch.setattr("animeblog.views.selectors.genres_with_title_counts", closed)

    assert client.get("/").status_code == 503


@pytest.mark.django_db
def test_other_errors_still_give_the_500_page(client, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("a bug, not an outage")

    monkeypatch.setattr("animeblog.views.selectors.genres_with_title_counts", broken)
    client.raise_request_exception = False

    assert client.get("/").status_code == 500


@pytest.fixture
def unreachable_cache():
    """A Redis cache pointed at a loopback port where nothing listens."""
    return ResilientRedisCache(f"redis://127.0.0.1:{free_port()}/0", {})


def test_an_unreachable_redis_reads_as_an_empty_cache(unreachable_cache):
    assert unreachable_cache.get("page", "fallback") == "fallback"
    assert unreachable_cache.get_many(["a", "b"]) == {}
    assert unreachable_cache.get_or_set("key", "computed") == "computed"


def test_writes_to_an_unreachable_redis_are_dropped_without_raising(unreachable_cache):
    unreachable_cache.set("page", "html")

    assert unreachable_cache.add("counter", 0) is False
    assert unreachable_cache.set_many({"a": 1}) == ["a"]


def test_counters_on_an_unreachable_redis_restart_from_the_increment(unreachable_cache):
    assert unreachable_cache.incr("comments:rate:127.0.0.1") == 1


def test_an_unreachable_redis_is_logged_once_not_on_every_call(unreachable_cache, caplog):
    for _ in range(5):
        unreachable_cache.get("page")

    warnings = [record for record in caplog.records if record.name == "core.cache_backend"]
    assert len(warnings) == 1
    assert "answering as an empty cache" in warnings[0].getMessage()
