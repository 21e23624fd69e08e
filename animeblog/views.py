"""Site-wide views: the home page, search, the sitemap index and the health check."""

import dataclasses

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.core.cache import cache
from django.db import connection
from django.db.utils import DatabaseError
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache

from animeblog import page_cache
from animeblog import search as site_search
from animeblog.forms import SearchForm
from animeblog.sitemaps import SITEMAPS
from catalog import selectors
from core.public_urls import absolute_url, site_url
from reviews import selectors as review_selectors
from reviews.views import page_of_reviews

RECENT_TITLES_ON_HOME = 12


def home(request):
    """The front page: the latest reviews (featured first), then ways into the catalog.

    The catalog's part (recent shows, genres, languages) is kept in the shared cache
    under the site's generation, which any catalog change replaces; the querysets are
    lazy, so a kept part reads nothing.
    """
    return render(
        request,
        "home.html",
        {
            "catalog_generation": page_cache.current_site_generation(),
            "fragment_seconds": settings.FRAGMENT_CACHE_SECONDS,
            "genres": selectors.genres_with_title_counts(),
            "languages": selectors.audio_languages_in_use(),
            "recent_titles": selectors.titles_for_list()[:RECENT_TITLES_ON_HOME],
            "page_obj": page_of_reviews(request, review_selectors.reviews_for_home()),
        },
    )


def search(request):
    """Live reviews and shows matching ?q=, narrowed by genre, audio language, type and year.

    Bad filter values get the form back with its messages and a 400; a query that
    is empty after cleaning gets a friendly page with the form, and no search.
    """
    form = SearchForm(request.GET)
    context = {"form": form, "query": "", "page_obj": None, "titles": []}
    if not form.is_valid():
        return render(request, "search.html", context, status=400)
    query = form.cleaned_data["q"]
    context["query"] = query
    if query:
        filters = form.filters()
        terms = site_search.search_terms(query)
        named_like = site_search.shows_named_like(query, filters)
        reviews = site_search.search_reviews(terms, filters, named_like)
        page_obj = page_of_reviews(request, reviews)
        page_obj.object_list = list(page_obj.object_list)
        site_search.attach_snippets(page_obj.object_list, terms)
        context["page_obj"] = page_obj
        if page_obj.number == 1:
            titles = site_search.search_titles(terms, filters, named_like)
            context["titles"] = list(titles[: site_search.SHOWS_LISTED])
            suggestion = site_search.did_you_mean(named_like, context["titles"])
            if suggestion:
                context["suggestion"] = suggestion
                context["suggestion_url"] = search_url(request, form, suggestion)
        context["canonical_url"] = absolute_url(
            search_url(request, form, query, page_obj.number), request=request
        )
    return render(request, "search.html", context)


def search_url(request, form: SearchForm, query: str, page_number: int = 1) -> str:
    """/search/ for `query` with the form's cleaned filters (and page), in one stable order."""
    params = {name: request.GET[name] for name in form.fields if form.cleaned_data.get(name)}
    params["q"] = query
    if page_number > 1:
        params["page"] = page_number
    return f"{request.path}?{urlencode(sorted(params.items()))}"


def sitemap_index(request):
    """Django's sitemap index, its sections named under SITE_URL like every other address.

    Django builds them from the request's host, which behind a proxy is not the public name.
    """
    response = sitemap_views.index(request, SITEMAPS, sitemap_url_name="sitemap_section")
    request_base = f"{request.scheme}://{request.get_host()}"
    response.context_data["sitemaps"] = [
        dataclasses.replace(
            item, location=site_url(request) + item.location.removeprefix(request_base)
        )
        for item in response.context_data["sitemaps"]
    ]
    return response


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
