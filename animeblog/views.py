"""Site-wide views: the home page, the health check and robots.txt."""

from django.core.cache import cache
from django.db import connection
from django.db.utils import DatabaseError
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from catalog import selectors
from reviews import selectors as review_selectors
from reviews.views import page_of_reviews

RECENT_TITLES_ON_HOME = 12


def home(request):
    """The front page: the latest reviews (featured first), then ways into the catalog."""
    return render(
        request,
        "home.html",
        {
            "genres": selectors.genres_with_title_counts(),
            "languages": selectors.audio_languages_in_use(),
            "recent_titles": selectors.titles_for_list()[:RECENT_TITLES_ON_HOME],
            "page_obj": page_of_reviews(request, review_selectors.reviews_for_home()),
        },
    )


def _database_is_reachable() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def _cache_is_reachable() -> bool:
    probe_key = "healthz:probe"
    try:
        cache.set(probe_key, "ok", 10)
        return cache.get(probe_key) == "ok"
    except Exception:  # noqa: BLE001 - any backend error means "not reachable"
        return False


@never_cache
def healthz(request):
    """Report whether the database and the cache answer; 503 when either does not."""
    checks = {"database": _database_is_reachable(), "cache": _cache_is_reachable()}
    healthy = all(checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **checks},
        status=200 if healthy else 503,
    )
