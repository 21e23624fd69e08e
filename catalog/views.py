"""Public catalog pages: a show, a genre, a language."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from catalog import selectors
from catalog.models import Genre, Language, Title
from core.public_urls import absolute_url

TITLES_PER_PAGE = 24


def title_detail(request, slug):
    try:
        title = selectors.title_for_page(slug)
    except Title.DoesNotExist as missing:
        raise Http404("No show with this address.") from missing
    return render(
        request,
        "catalog/title_detail.html",
        {
            "title": title,
            "seasons": title.seasons.all(),
            "audio_languages": selectors.audio_languages(title),
            "episode_count": selectors.episode_count(title),
            "franchise_links": selectors.franchise_links(title),
            "image_url": absolute_url(title.poster.url, request=request) if title.poster else "",
        },
    )


def _page_of(request, titles):
    """The requested page of a list; a bad or out-of-range ?page= gives the nearest page."""
    return Paginator(titles, TITLES_PER_PAGE).get_page(request.GET.get("page"))


def genre_detail(request, slug):
    genre = get_object_or_404(Genre, slug=slug)
    page_obj = _page_of(request, selectors.titles_in_genre(genre))
    return render(request, "catalog/genre_detail.html", {"genre": genre, "page_obj": page_obj})


def language_detail(request, code):
    language = get_object_or_404(Language, code=code)
    page_obj = _page_of(request, selectors.titles_with_audio_language(language))
    return render(
        request, "catalog/language_detail.html", {"language": language, "page_obj": page_obj}
    )
