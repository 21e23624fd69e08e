"""Sitemap sections for search engines: live reviews (with their images), shows, genres,
audio languages, tags and authors, each entry with its last-modified date.

The index that lists them, with the sections of the apps above, is animeblog.sitemaps.
"""

from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from catalog.models import Genre, Language, Title
from catalog.selectors import audio_languages_in_use
from core.public_urls import site_url
from reviews.models import Review, ReviewImage
from reviews.selectors import public_authors


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
    """Each entry also lists the library images placed in the review (the image extension,
    rendered by sitemaps/images.xml), read in one query for the whole section."""

    priority = 0.8

    def items(self):
        placed = Prefetch("image_uses", ReviewImage.objects.select_related("image").order_by("pk"))
        return (
            Review.objects.live()
            .only("slug", "updated_at", "publish_at")
            .prefetch_related(placed)
            .order_by("-publish_at", "pk")
        )

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        base = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        for url in urls:
            url["images"] = [
                {"location": _absolute(base, use.image.file.url), "caption": use.image.alt_text}
                for use in url["item"].image_uses.all()
            ]
        return urls


def _absolute(base: str, url: str) -> str:
    """Media served by this site get its address; a media host's URLs are already absolute."""
    return f"{base}{url}" if url.startswith("/") else url


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


class LanguageSitemap(PublicSitemap):
    """Languages some show is dubbed in, dated by the most recently changed such show."""

    priority = 0.4

    def items(self):
        return (
            audio_languages_in_use()
            .annotate(last_change=Max("audio_variants__season__title__updated_at"))
            .order_by("pk")
        )

    def lastmod(self, language: Language):
        return language.last_change


class TagSitemap(PublicSitemap):
    """Tags some live review carries, dated by the most recently changed of those reviews."""

    priority = 0.4

    def items(self):
        return (
            Tag.objects.filter(review__in=Review.objects.live())
            .annotate(last_change=Max("review__updated_at"))
            .order_by("pk")
        )

    def location(self, tag: Tag) -> str:
        return reverse("reviews:tag", kwargs={"slug": tag.slug})

    def lastmod(self, tag: Tag):
        return tag.last_change


class AuthorSitemap(PublicSitemap):
    """Author pages that exist (a public profile with a live review), dated by the later of
    the profile's last change and the author's latest live review."""

    priority = 0.4

    def items(self):
        live = Q(
            user__reviews__status=Review.Status.PUBLISHED,
            user__reviews__publish_at__lte=timezone.now(),
        )
        return public_authors().annotate(last_review=Max("user__reviews__updated_at", filter=live))

    def lastmod(self, profile):
        return max(filter(None, (profile.updated_at, profile.last_review)))
