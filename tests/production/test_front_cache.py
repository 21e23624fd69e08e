"""The nginx front of deploy/nginx/ caches anonymous pages, and nothing personal, briefly.

A real nginx with the shipped configuration in front of a real gunicorn. Anonymous
pages are kept for FRONT_CACHE_SECONDS (the app's Cache-Control s-maxage); a reader
carrying a personal cookie neither gets nor fills a cached page; a publication and a
comment approval show through the front within FRONT_CACHE_SECONDS.
"""

import re
import shutil
import time

import pytest

from animeblog.page_cache import personal_cookie_names
from tests.production.conftest import skip_or_fail_in_ci
from tests.production.servers import NGINX_SITE, Browser, gunicorn, manage, nginx, production_env

FRONT_CACHE_SECONDS = 2
# Room for a loaded machine on top of the stated time.
VISIBLE_WITHIN_SECONDS = FRONT_CACHE_SECONDS + 4
REVIEW = "/reviews/metallic-rouge-season-01-review/"
DRAFT_SLUG = "frieren-rewatch-notes"


@pytest.fixture(scope="module")
def site_env(static_root, tmp_path_factory):
    """A production environment on its own SQLite file, with the demo loaded.

    The app's own page cache is off, so what is cached here is nginx's doing, and a
    change made by another process shows as soon as the front lets it.
    """
    folder = tmp_path_factory.mktemp("front-cache")
    env = production_env(
        f"sqlite:///{folder / 'site.sqlite3'}",
        static_root,
        DJANGO_MEDIA_ROOT=str(folder / "media"),
        PAGE_CACHE_SECONDS="0",
        FRONT_CACHE_SECONDS=str(FRONT_CACHE_SECONDS),
    )
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo")
    manage(env, "ensure_demo_users")
    return env


@pytest.fixture(scope="module")
def front(site_env, static_root, tmp_path_factory):
    binary = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
    if not binary:
        skip_or_fail_in_ci("nginx not found: install Debian's `nginx`")
    folder = tmp_path_factory.mktemp("front-cache-logs")
    with gunicorn(site_env, folder / "gunicorn.log") as site:
        nginx_folder = tmp_path_factory.mktemp("front-cache-nginx")
        with nginx(binary, nginx_folder, site, static_root, nginx_folder / "media") as url:
            yield url


def front_status(answer) -> str:
    return answer.headers.get("X-Front-Cache", "")


def served_from_the_front(url: str) -> bool:
    """Fill the front cache with url; True when the next answer came from it (fresh, or
    stale while one request fetches the new copy)."""
    Browser().get(url)
    return front_status(Browser().get(url)) in {"HIT", "UPDATING", "STALE"}


def test_an_anonymous_review_page_is_a_hit_after_the_first_request(front):
    first = Browser().get(f"{front}{REVIEW}?page=2")
    second = Browser().get(f"{front}{REVIEW}?page=2")

    assert first.status == second.status == 200
    assert front_status(first) == "MISS"
    assert front_status(second) == "HIT"
    assert second.body == first.body


def test_a_cached_answer_never_sets_a_cookie(front):
    Browser().get(f"{front}/")
    hit = Browser().get(f"{front}/")

    assert front_status(hit) == "HIT"
    assert "Set-Cookie" not in hit.headers


@pytest.mark.parametrize("cookie", personal_cookie_names())
def test_a_reader_with_a_personal_cookie_is_never_served_a_cached_page(front, cookie):
    assert served_from_the_front(f"{front}{REVIEW}")

    personal = Browser(cookies={cookie: "x"}).get(f"{front}{REVIEW}")

    assert personal.status == 200
    assert front_status(personal) == "BYPASS"
    assert "no-store" in personal.headers["Cache-Control"]


@pytest.mark.parametrize("cookie", personal_cookie_names())
def test_a_reader_with_a_personal_cookie_never_has_their_page_stored(front, cookie):
    url = f"{front}/search/?q={cookie}"

    assert front_status(Browser(cookies={cookie: "x"}).get(url)) == "BYPASS"
    assert front_status(Browser().get(url)) == "MISS"


def test_the_token_endpoint_and_the_admin_are_never_cached(front):
    for path in ("/csrf/", "/admin/login/"):
        Browser().get(f"{front}{path}")
        assert front_status(Browser().get(f"{front}{path}")) != "HIT", path


def wait_until_shown(url: str, text: str) -> float:
    """Seconds until `text` appears at `url` through the front; fails past the stated time."""
    started = time.monotonic()
    while time.monotonic() - started < VISIBLE_WITHIN_SECONDS:
        if text in Browser().get(url).body:
            return time.monotonic() - started
        time.sleep(0.2)
    raise AssertionError(f"{text!r} not shown at {url} within {VISIBLE_WITHIN_SECONDS} s")


def test_a_publication_shows_through_the_front_within_its_stated_time(front, site_env):
    assert served_from_the_front(f"{front}/")
    assert DRAFT_SLUG not in Browser().get(f"{front}/").body

    manage(
        site_env,
        "shell",
        "-c",
        "from django.contrib.auth import get_user_model;"
        "from reviews.models import Review; from reviews.services import publish_review;"
        f"publish_review(review=Review.objects.get(slug={DRAFT_SLUG!r}),"
        " by=get_user_model().objects.get(username='editor'))",
    )

    wait_until_shown(f"{front}/", DRAFT_SLUG)


def test_an_approved_comment_shows_through_the_front_within_its_stated_time(front, site_env):
    assert served_from_the_front(f"{front}{REVIEW}")

    manage(
        site_env,
        "shell",
        "-c",
        "from django.contrib.auth import get_user_model;"
        "from comments.models import Comment; from comments.services import moderate_comments;"
        "from reviews.models import Review;"
        f"review = Review.objects.get(slug={REVIEW.split('/')[2]!r});"
        "held = Comment.objects.create(review=review, name='Front Reader',"
        " email='front@example.org', body='Seen through the front cache.', status='pending');"
        "moderate_comments(comments=[held], to_status='approved',"
        " by=get_user_model().objects.get(username='moderator'))",
    )

    wait_until_shown(f"{front}{REVIEW}", "Seen through the front cache.")


def test_the_shipped_configuration_bypasses_exactly_the_apps_personal_cookies():
    [names] = re.findall(r'"~\(\^\|;\)\\s\*\(([^)]*)\)="', NGINX_SITE.read_text())

    assert sorted(names.split("|")) == sorted(personal_cookie_names())
