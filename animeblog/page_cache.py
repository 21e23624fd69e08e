"""The full-page cache for anonymous readers: keys, generations, and the middleware serving it.

Pages live in Django's default cache (Redis when REDIS_URL is set), so every app
server shares them. Invalidation never deletes pages: each key includes the site's
*generation* (and, for a review's own page, that page's generation), and a change
stores a new random generation, so every server stops finding the old pages at once.
The README's "Caching" section explains the whole design.
"""

import hashlib
import logging
import math
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import parse_qsl

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import cc_delim_re

from comments.cookies import AUTHOR_COOKIE, PENDING_COOKIE
from core.generations import bump_generation, current_generation, start_generation
from core.readers import VOTER_COOKIE
from core.requests import is_admin_request
from reviews.models import Review

logger = logging.getLogger(__name__)
SITE_GENERATION_KEY = "pagecache:generation"
PATH_GENERATION_PREFIX = "pagecache:generation:"
NEXT_PUBLISH_KEY = "pagecache:next-publish"
PAGE_KEY_PREFIX = "pagecache:page:"
# A path generation only has to outlive the pages stored under it.
PATH_GENERATION_SECONDS = 24 * 60 * 60
# Headers a stored page keeps; anything per-reader (cookies) is never among them.
STORED_HEADERS = (
    "Content-Type",
    "Content-Language",
    "X-Frame-Options",
    "X-Robots-Tag",
    "Content-Security-Policy",
    "Link",
)


def is_enabled() -> bool:
    return settings.PAGE_CACHE_SECONDS > 0


def is_front_cache_allowed() -> bool:
    """A shared cache in front (deploy/nginx/) may keep anonymous pages FRONT_CACHE_SECONDS."""
    return settings.FRONT_CACHE_SECONDS > 0


def personal_cookie_names() -> tuple[str, ...]:
    """Cookies that make a page this reader's own: their session, messages, held comment,
    saved name and email, or their vote. A reader sending any of them bypasses the cache."""
    return (
        settings.SESSION_COOKIE_NAME,
        CookieStorage.cookie_name,
        PENDING_COOKIE,
        AUTHOR_COOKIE,
        VOTER_COOKIE,
    )


def is_cacheable_request(request) -> bool:
    """An anonymous reader's GET (or HEAD) of a public page, with only the known query keys:
    a page every such reader shares, which this cache or the front cache may keep.

    Unknown query parameters bypass the cache rather than each making a new entry, so a
    crawler appending junk cannot fill the cache.
    """
    if not (is_enabled() or is_front_cache_allowed()):
        return False
    if request.method not in ("GET", "HEAD"):
        return False
    if is_admin_request(request):
        return False
    if any(name in request.COOKIES for name in personal_cookie_names()):
        return False
    allowed = set(settings.PAGE_CACHE_QUERY_PARAMETERS)
    return all(key in allowed for key, _ in parse_qsl(request.META.get("QUERY_STRING", "")))


# Generations ------------------------------------------------------------------


def current_site_generation() -> str:
    """The site's generation, for parts of pages kept apart from the pages themselves."""
    return current_generation(SITE_GENERATION_KEY)


def bump_site_generation() -> None:
    """Retire every cached page: the catalog, a review or a comment changed."""
    bump_generation(SITE_GENERATION_KEY)
    remember_next_scheduled_publish()


def path_generation_key(path: str) -> str:
    """The cache key of one path's generation: a digest, as a path may hold spaces or be long."""
    return PATH_GENERATION_PREFIX + hashlib.sha256(path.encode()).hexdigest()


def bump_path_generation(path: str) -> None:
    """Retire the cached pages of one path (all its ?page= variants), e.g. a rated review."""
    bump_generation(path_generation_key(path), PATH_GENERATION_SECONDS)


def current_generations(path: str) -> tuple[tuple[str, str], float | None]:
    """The site's and the path's generation, starting either afresh when it is missing,
    and the remembered next publication (None if lost), all in one cache round-trip.

    A missing generation (never set, evicted, cache flushed) must not fall back to a
    fixed value, or pages stored under that value long ago could come back.
    """
    path_key = path_generation_key(path)
    found = cache.get_many([SITE_GENERATION_KEY, path_key, NEXT_PUBLISH_KEY])
    site = found.get(SITE_GENERATION_KEY) or start_generation(SITE_GENERATION_KEY, None)
    page = found.get(path_key) or start_generation(path_key, PATH_GENERATION_SECONDS)
    return (site, page), found.get(NEXT_PUBLISH_KEY)


def page_key(request, generations: tuple[str, str]) -> str:
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(f"{generations}|{url}".encode()).hexdigest()
    return PAGE_KEY_PREFIX + digest


# Scheduled reviews ------------------------------------------------------------


def remember_next_scheduled_publish(now: datetime | None = None) -> float | None:
    """Look up when the next scheduled review goes live (a timestamp) and remember it.

    Done when content changes (bump_site_generation) rather than per request; a page
    miss only looks again when the remembered moment has passed or was lost.
    """
    now = now or timezone.now()
    publish_at = Review.objects.next_publish_at(now)
    found = publish_at.timestamp() if publish_at else 0
    cache.set(NEXT_PUBLISH_KEY, found, timeout=None)
    return found or None


def next_scheduled_publish(now: datetime, remembered: float | None) -> float | None:
    """The remembered next publication, looked up again when it has passed or was lost."""
    if remembered is None or 0 < remembered <= now.timestamp():
        return remember_next_scheduled_publish(now)
    return remembered or None


def seconds_to_keep(
    now: datetime, remembered_publish: float | None, limit: float | None = None
) -> float:
    """`limit` (PAGE_CACHE_SECONDS by default), cut short so no page outlives the next
    scheduled publication.

    0 (keep nothing) while the database cannot say when that is: a page rendered without
    it (robots.txt) is still served, and this runs after the view, outside the 503 page's
    handling, so an outage here must not become a 500.
    """
    seconds = float(settings.PAGE_CACHE_SECONDS if limit is None else limit)
    try:
        upcoming = next_scheduled_publish(now, remembered_publish)
    except DatabaseError as error:
        logger.warning("page not cached: next scheduled publication unknown: %s", error)
        return 0.0
    if upcoming is not None:
        seconds = min(seconds, upcoming - now.timestamp())
    return seconds


# Stored pages -----------------------------------------------------------------


@dataclass(frozen=True)
class StoredPage:
    valid_until: float
    headers: tuple[tuple[str, str], ...]
    content: bytes

    def response(self) -> HttpResponse:
        response = HttpResponse(self.content)
        for name, value in self.headers:
            response[name] = value
        return response


def is_storable(response) -> bool:
    """A complete 200 page that sets no cookie and that the view did not mark private."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    cache_control = {
        part.split("=")[0].strip().lower()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    if cache_control & {"private", "no-cache", "no-store"}:
        return False
    varies_on = {part.strip().lower() for part in response.get("Vary", "").split(",")}
    # Cookie: the requests that reach here carry no personal cookie, so it makes no difference.
    return varies_on <= {"", "cookie", "accept-encoding"}


def store(key: str, response, seconds: float, now: datetime) -> None:
    response["ETag"] = f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
    headers = tuple(
        (name, response[name]) for name in (*STORED_HEADERS, "ETag") if response.has_header(name)
    )
    page = StoredPage(now.timestamp() + seconds, headers, response.content)
    cache.set(key, page, timeout=math.ceil(seconds))


def fetch(key: str, now: datetime) -> StoredPage | None:
    """The stored page, unless its time has come (checked here too, not only by the backend's
    expiry, so a scheduled review appears at its publish time to the second)."""
    page = cache.get(key)
    if isinstance(page, StoredPage) and page.valid_until > now.timestamp():
        return page
    return None


def shared_page_headers(response, seconds: float) -> None:
    """How browsers and a front cache may keep a page that every anonymous reader shares.

    Browsers revalidate every time (max-age=0: with the ETag, an unchanged page is a 304
    that costs no rendering). A shared cache in front may keep it for FRONT_CACHE_SECONDS,
    never past `seconds` (the next scheduled publication, or this cache's own expiry), so
    a change shows through the front within FRONT_CACHE_SECONDS. Requests carrying a
    personal cookie must bypass that cache (deploy/nginx/animeblog.conf does).
    """
    front_seconds = math.floor(min(settings.FRONT_CACHE_SECONDS, seconds))
    if front_seconds > 0:
        response["Cache-Control"] = f"public, max-age=0, s-maxage={front_seconds}"
    else:
        response["Cache-Control"] = "private, no-cache"
    if response.has_header("Vary"):
        remaining = [
            part.strip()
            for part in response["Vary"].split(",")
            if part.strip() and part.strip().lower() != "cookie"
        ]
        if remaining:
            response["Vary"] = ", ".join(remaining)
        else:
            del response["Vary"]


class PageCacheMiddleware:
    """Serve anonymous readers' GETs from the shared page cache; store what may be shared.

    Sits above the session, CSRF and auth middleware, so a hit touches neither the
    database nor the session. X-Cache says hit, miss or bypass, for tests and the benchmark.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.is_page_cacheable = is_cacheable_request(request)
        if not request.is_page_cacheable:
            response = self.get_response(request)
            if request.method in ("GET", "HEAD"):
                # Personal (or junk-laden) pages: no shared cache may keep them.
                response.setdefault("Cache-Control", "private, no-store")
                if is_enabled():
                    response["X-Cache"] = "bypass"
            return response
        now = timezone.now()
        if not is_enabled():
            return self.front_cache_only(request, now)
        generations, remembered_publish = current_generations(request.path)
        key = page_key(request, generations)
        page = fetch(key, now)
        if page is not None:
            response = page.response()
            shared_page_headers(response, page.valid_until - now.timestamp())
            response["X-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if request.method == "GET" and is_storable(response):
            seconds = seconds_to_keep(now, remembered_publish)
            if seconds > 0:
                store(key, response, seconds, now)
            shared_page_headers(response, seconds)
        response["X-Cache"] = "miss"
        return response

    def front_cache_only(self, request, now: datetime):
        """PAGE_CACHE_SECONDS=0: nothing kept here, but the front cache may keep the page."""
        response = self.get_response(request)
        if request.method == "GET" and is_storable(response):
            limit = settings.FRONT_CACHE_SECONDS
            shared_page_headers(response, seconds_to_keep(now, cache.get(NEXT_PUBLISH_KEY), limit))
        return response
