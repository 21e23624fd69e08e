"""Faults: the site's answers while its database or Redis is down, and its recovery.

A throwaway PostgreSQL and Redis, started here on their own loopback ports, are
stopped and started again under a running gunicorn; the shared services are never
touched. The app server is never restarted.
"""

import pytest

from tests.production.servers import Browser, gunicorn, manage, production_env
from tests.production.services import ThrowawayPostgres, ThrowawayRedis

DATABASE = "animeblog"


@pytest.fixture(scope="module")
def services(postgres_binaries):
    """Running throwaway PostgreSQL and Redis; removed at the end whatever happened."""
    postgres = ThrowawayPostgres(postgres_binaries)
    redis = ThrowawayRedis()
    try:
        postgres.start()
        postgres.create_database(DATABASE)
        redis.start()
        yield postgres, redis
    finally:
        redis.stop()
        postgres.remove()


@pytest.fixture(scope="module")
def site(services, static_root, tmp_path_factory):
    """A gunicorn on the throwaway services, with the schema migrated; yields its URL."""
    postgres, redis = services
    folder = tmp_path_factory.mktemp("faults")
    env = production_env(
        postgres.url(DATABASE),
        static_root,
        REDIS_URL=redis.url(),
        DJANGO_MEDIA_ROOT=str(folder / "media"),
    )
    manage(env, "migrate", "--noinput")
    with gunicorn(env, folder / "gunicorn.log") as url:
        yield url


@pytest.fixture
def database_stopped(services):
    """The database down for the test's first part; the test calls the returned restart."""
    postgres, _ = services
    postgres.stop()
    try:
        yield postgres.start
    finally:
        if not (postgres.data / "postmaster.pid").exists():
            postgres.start()


@pytest.fixture
def cache_emptied(services):
    """Redis restarted: it keeps nothing on disk, so the page cache comes back empty."""
    _, redis = services
    redis.stop()
    redis.start()


@pytest.fixture
def redis_stopped(services):
    _, redis = services
    redis.stop()
    try:
        yield
    finally:
        redis.start()


def test_public_pages_answer_a_friendly_503_while_the_database_is_down(site, database_stopped):
    answer = Browser().get(f"{site}/")

    assert answer.status == 503
    assert "Back in a moment" in answer.body
    assert answer.headers["Retry-After"] == "30"


def test_the_health_check_reports_the_database_down(site, database_stopped):
    answer = Browser().get(f"{site}/healthz")

    assert answer.status == 503
    assert answer.json()["database"] is False


def test_the_site_recovers_once_the_database_is_back_without_a_restart(site, database_stopped):
    assert Browser().get(f"{site}/").status == 503

    database_stopped()

    assert Browser().get(f"{site}/").status == 200
    assert Browser().get(f"{site}/healthz").json() == {
        "status": "ok",
        "database": True,
        "cache": True,
    }


def test_a_page_cached_before_the_database_stopped_is_still_served(services, site):
    reader = Browser()
    assert reader.get(f"{site}/?page=1").status == 200
    postgres, _ = services
    postgres.stop()
    try:
        answer = reader.get(f"{site}/?page=1")
    finally:
        postgres.start()

    assert answer.status == 200


def test_robots_txt_answers_while_the_database_is_down_and_the_cache_is_empty(
    site, cache_emptied, database_stopped
):
    """robots.txt needs no database, but storing it asked the database for the next scheduled
    review: outside the views, so past the 503 page's handling, a 500."""
    answer = Browser().get(f"{site}/robots.txt")

    assert answer.status == 200
    assert "Disallow: /admin/" in answer.body


def test_pages_are_served_from_the_database_while_redis_is_down(site, redis_stopped):
    answer = Browser().get(f"{site}/")

    assert answer.status == 200


def test_the_health_check_reports_redis_down(site, redis_stopped):
    answer = Browser().get(f"{site}/healthz")

    assert answer.status == 503
    assert answer.json() == {"status": "unavailable", "database": True, "cache": False}
