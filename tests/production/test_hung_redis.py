"""A hung Redis (process stopped with SIGSTOP, its socket still open) under a running gunicorn.

Unlike a stopped server, a hung one accepts connections and never answers, so every
cache call waits for its timeout. The site must answer at normal speed as if it had
no cache, and use Redis again by itself once it resumes.
"""

import os
import shutil
import signal
import time

import pytest

from tests.production.conftest import skip_or_fail_in_ci
from tests.production.servers import Browser, gunicorn, manage, production_env
from tests.production.services import ThrowawayRedis

# Shorter than the default so the recovery test need not wait long.
SKIP_SECONDS = 2
# A page normally answers in a tenth of a second; without the timeouts and the breaker a
# hung Redis made each cache call wait a second, several per page.
NORMAL_SECONDS = 1.0
RECOVERY_SECONDS = 15


@pytest.fixture(scope="module")
def redis():
    if not shutil.which("redis-server"):
        skip_or_fail_in_ci("redis-server not found: install Debian's `redis-server`")
    server = ThrowawayRedis()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def site(redis, static_root, tmp_path_factory):
    """A gunicorn on SQLite whose cache is the throwaway Redis; yields its URL."""
    folder = tmp_path_factory.mktemp("hung-redis")
    env = production_env(
        f"sqlite:///{folder / 'site.sqlite3'}",
        static_root,
        REDIS_URL=redis.url(),
        REDIS_SKIP_SECONDS=str(SKIP_SECONDS),
        DJANGO_MEDIA_ROOT=str(folder / "media"),
    )
    manage(env, "migrate", "--noinput")
    with gunicorn(env, folder / "gunicorn.log") as url:
        yield url


@pytest.fixture
def redis_hung(redis, site):
    """Redis stopped (SIGSTOP) for the test; the returned function resumes it (SIGCONT)."""
    wait_until_the_cache_answers(site)

    def resume():
        os.kill(redis.process.pid, signal.SIGCONT)

    os.kill(redis.process.pid, signal.SIGSTOP)
    try:
        yield resume
    finally:
        resume()


def wait_until_the_cache_answers(site: str) -> None:
    """Poll the health check until it finds the cache (each worker retries after its skip)."""
    deadline = time.monotonic() + RECOVERY_SECONDS
    while Browser().get(f"{site}/healthz").status != 200:
        assert time.monotonic() < deadline, f"the cache was not used in {RECOVERY_SECONDS} s"
        time.sleep(0.5)


def timed_get(url: str):
    started = time.monotonic()
    answer = Browser().get(url)
    return answer, time.monotonic() - started


def test_pages_answer_at_normal_speed_while_redis_hangs(site, redis_hung):
    timings = {}
    for attempt in range(3):
        for path in ("/", "/search/?q=robot", "/feeds/reviews/"):
            answer, seconds = timed_get(f"{site}{path}")
            assert answer.status == 200, path
            timings[f"{path} #{attempt + 1}"] = round(seconds, 2)

    slow = {request: seconds for request, seconds in timings.items() if seconds >= NORMAL_SECONDS}
    assert not slow, f"slow answers while Redis hangs: {slow}"


def test_the_health_check_reports_the_cache_down_at_once_while_redis_hangs(site, redis_hung):
    answer, seconds = timed_get(f"{site}/healthz")

    assert answer.status == 503
    assert answer.json() == {"status": "unavailable", "database": True, "cache": False}
    assert seconds < NORMAL_SECONDS


def test_the_site_uses_redis_again_once_it_resumes(site, redis_hung):
    assert timed_get(f"{site}/")[0].status == 200

    redis_hung()
    time.sleep(SKIP_SECONDS)
    wait_until_the_cache_answers(site)

    Browser().get(f"{site}/?page=1")
    assert Browser().get(f"{site}/?page=1").headers["X-Cache"] == "hit"
