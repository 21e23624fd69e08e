"""Sitemap sections for search engines: live reviews, shows and genres, with last-modified dates."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max

from catalog.models import Genre, Title
from reviews.models import Review


class ReviewSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return Review.objects.live().order_by("-publish_at", "pk")

    def lastmod(self, review):
        return review.updated_at


class TitleSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return Title.objects.order_by("pk")

    def lastmod(self, title):
        return title.updated_at


class GenreSitemap(Sitemap):
    """A genre page changes when one of its shows does, so that is its last-modified date."""

    changefreq = "weekly"
    priority = 0.4

    def items(self):
        return Genre.objects.annotate(last_change=Max("titles__updated_at")).order_by("pk")

    def lastmod(self, genre):
        return genre.last_change


SITEMAPS = {"reviews": ReviewSitemap, "shows": TitleSitemap, "genres": GenreSitemap}
