"""The sitemap: live reviews, shows and genres, each with its last-modified date."""

import xml.etree.ElementTree as ElementTree

import pytest
from django.utils.timezone import localdate

from tests.factories import GenreFactory, TitleFactory
from tests.reviews.factories import ReviewFactory

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemap_entries(client) -> dict[str, str]:
    """Each listed address with its <lastmod>."""
    root = ElementTree.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 (our own output)
    return {
        url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
        for url in root.findall(f"{SITEMAP}url")
    }


def lastmod_of(client, listed) -> str:
    """The <lastmod> of an object's entry; KeyError when the sitemap does not list it."""
    return sitemap_entries(client)[f"http://testserver{listed.get_absolute_url()}"]


def test_sitemap_lists_a_live_review_with_its_last_change(client):
    review = ReviewFactory()

    assert lastmod_of(client, review) == localdate(review.updated_at).isoformat()


def test_sitemap_lists_shows_with_their_last_change(client):
    title = TitleFactory()

    assert lastmod_of(client, title) == localdate(title.updated_at).isoformat()


def test_sitemap_dates_a_genre_by_its_most_recently_changed_show(client):
    genre = GenreFactory()
    TitleFactory(genres=[genre])
    newest = TitleFactory(genres=[genre])

    assert lastmod_of(client, genre) == localdate(newest.updated_at).isoformat()


def test_sitemap_uses_the_configured_site_address(client, settings):
    settings.SITE_URL = "https://anime.example"
    review = ReviewFactory()

    assert f"https://anime.example{review.get_absolute_url()}" in sitemap_entries(client)
