"""Public catalog pages: a show, a genre, a language."""

from django.shortcuts import get_object_or_404, render

from catalog.models import Genre, Language, Title


def title_detail(request, slug):
    title = get_object_or_404(Title, slug=slug)
    return render(request, "catalog/title_detail.html", {"title": title})


def genre_detail(request, slug):
    genre = get_object_or_404(Genre, slug=slug)
    return render(request, "catalog/genre_detail.html", {"genre": genre})


def language_detail(request, code):
    language = get_object_or_404(Language, code=code)
    return render(request, "catalog/language_detail.html", {"language": language})
