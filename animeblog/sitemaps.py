"""The sitemap index and its sections: one class per kind of public page, from every app.

An app's sections live in its own sitemaps.py; this list, in the project package that
may import them all, is where a new kind of page adds its section.
"""

from django.db.models import Max
from django.urls import reverse

from pages.sitemaps import PageSitemap
from reviews.models import Review
from reviews.sitemaps import (
    AuthorSitemap,
    GenreSitemap,
    LanguageSitemap,
    PublicSitemap,
    ReviewSitemap,
    TagSitemap,
    TitleSitemap,
)


class HomeSitemap(PublicSitemap):
    """The front page changes whenever a live review does."""

    priority = 1.0
    changefreq = "daily"

    def items(self):
        return ["home"]

    def location(self, item):
        return reverse(item)

    def lastmod(self, item):
        return Review.objects.live().aggregate(last_change=Max("updated_at"))["last_change"]


SITEMAPS = {
    "home": HomeSitemap,
    "reviews": ReviewSitemap,
    "shows": TitleSitemap,
    "genres": GenreSitemap,
    "languages": LanguageSitemap,
    "tags": TagSitemap,
    "authors": AuthorSitemap,
    "pages": PageSitemap,
}
