"""Sitemap sections for search engines: live reviews, shows and genres, with last-modified dates."""

from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap
from django.db.models import Max

from catalog.models import Genre, Title
from core.public_urls import site_url
from reviews.models import Review


class PublicSitemap(Sitemap):
    """Addresses under SITE_URL when it is set (the public name behind any proxy), else the host.

    An entry's last change is its row's `updated_at` unless a section says otherwise.
    """

    changefreq = "weekly"

    def lastmod(self, item):
        return item.updated_at

    def get_protocol(self, protocol=None):
        return urlsplit(site_url()).scheme or super().get_protocol(protocol)

    def get_domain(self, site=None):
        return urlsplit(site_url()).netloc or super().get_domain(site)


class ReviewSitemap(PublicSitemap):
    priority = 0.8

    def items(self):
        return Review.objects.live().order_by("-publish_at", "pk")


class TitleSitemap(PublicSitemap):
    priority = 0.6

    def items(self):
        return Title.objects.order_by("pk")


class GenreSitemap(PublicSitemap):
    """A genre page changes when one of its shows does, so that is its last-modified date."""

    priority = 0.4

    def items(self):
        return Genre.objects.annotate(last_change=Max("titles__updated_at")).order_by("pk")

    def lastmod(self, genre):
        return genre.last_change


SITEMAPS = {"reviews": ReviewSitemap, "shows": TitleSitemap, "genres": GenreSitemap}
