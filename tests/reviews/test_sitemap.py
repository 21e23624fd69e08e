"""The sitemap: an index of sections (home, reviews with their images, shows, genres, audio
languages, tags, authors, static pages), each entry with its last-modified date, nothing
unpublished."""

import xml.etree.ElementTree as ElementTree

import pytest
from django.core.files.base import ContentFile
from django.utils.timezone import localdate

from tests.catalog.images import image_bytes
from tests.factories import GenreFactory, LanguageFactory, QualityVariantFactory, TitleFactory
from tests.images.factories import ImageFactory
from tests.reviews.factories import AuthorProfileFactory, ReviewFactory

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
IMAGE = "{http://www.google.com/schemas/sitemap-image/1.1}"
SECTIONS = ["home", "reviews", "shows", "genres", "languages", "tags", "authors", "pages"]


def parsed(client, url) -> ElementTree.Element:
    response = client.get(url)
    assert response.status_code == 200
    return ElementTree.fromstring(response.content)  # noqa: S314 (our own output)


def section_urls(client) -> list[str]:
    """The sections' addresses, as the index lists them."""
    index = parsed(client, "/sitemap.xml")
    assert index.tag == f"{SITEMAP}sitemapindex"
    return [entry.findtext(f"{SITEMAP}loc") for entry in index.findall(f"{SITEMAP}sitemap")]


def section_entries(client, section: str) -> dict[str, ElementTree.Element]:
    """Each address a section lists, with its <url> element."""
    root = parsed(client, f"/sitemap-{section}.xml")
    return {url.findtext(f"{SITEMAP}loc"): url for url in root.findall(f"{SITEMAP}url")}


def sitemap_entries(client) -> dict[str, str]:
    """Every address of every section the index lists, with its <lastmod>."""
    entries = {}
    for section_url in section_urls(client):
        root = parsed(client, section_url.removeprefix("http://testserver"))
        for url in root.findall(f"{SITEMAP}url"):
            entries[url.findtext(f"{SITEMAP}loc")] = url.findtext(f"{SITEMAP}lastmod")
    return entries


def lastmod_of(client, path: str) -> str:
    """The <lastmod> of an address's entry; KeyError when the sitemap does not list it."""
    return sitemap_entries(client)[f"http://testserver{path}"]


def test_sitemap_index_lists_every_section(client):
    assert section_urls(client) == [f"http://testserver/sitemap-{name}.xml" for name in SECTIONS]


def test_sitemap_lists_the_home_page_dated_by_the_latest_review_change(client):
    ReviewFactory()
    newest = ReviewFactory()

    assert lastmod_of(client, "/") == localdate(newest.updated_at).isoformat()


def test_sitemap_lists_a_live_review_with_its_last_change(client):
    review = ReviewFactory()

    assert lastmod_of(client, review.get_absolute_url()) == localdate(review.updated_at).isoformat()


@pytest.mark.parametrize("state", ["draft", "in_review", "scheduled", "archived"])
def test_sitemap_lists_no_review_that_is_not_live_nor_its_only_tag(client, state):
    live = ReviewFactory(tags=["seen"])
    hidden = ReviewFactory(tags=["secret"], **{state: True})

    entries = sitemap_entries(client)

    assert f"http://testserver{live.get_absolute_url()}" in entries
    assert "http://testserver/tags/seen/" in entries
    assert f"http://testserver{hidden.get_absolute_url()}" not in entries
    assert "http://testserver/tags/secret/" not in entries


def test_sitemap_lists_a_reviews_library_images_in_the_image_extension(client):
    image = ImageFactory(file=ContentFile(image_bytes(300, 200), "shot.png"))
    review = ReviewFactory(body=f"Intro.\n\n![Shot](image:{image.pk})\n")

    entry = section_entries(client, "reviews")[f"http://testserver{review.get_absolute_url()}"]

    assert [loc.text for loc in entry.iter(f"{IMAGE}loc")] == [f"http://testserver{image.file.url}"]


def test_sitemap_lists_shows_with_their_last_change(client):
    title = TitleFactory()

    assert lastmod_of(client, title.get_absolute_url()) == localdate(title.updated_at).isoformat()


def test_sitemap_dates_a_genre_by_its_most_recently_changed_show(client):
    genre = GenreFactory()
    TitleFactory(genres=[genre])
    newest = TitleFactory(genres=[genre])

    assert lastmod_of(client, genre.get_absolute_url()) == localdate(newest.updated_at).isoformat()


def test_sitemap_lists_only_languages_some_show_is_dubbed_in(client):
    dubbed = LanguageFactory(code="ta", name="Tamil")
    unused = LanguageFactory(code="fi", name="Finnish")
    variant = QualityVariantFactory(audio_languages=[dubbed])

    entries = sitemap_entries(client)

    assert entries[f"http://testserver{dubbed.get_absolute_url()}"] == (
        localdate(variant.season.title.updated_at).isoformat()
    )
    assert f"http://testserver{unused.get_absolute_url()}" not in entries


def test_sitemap_dates_a_tag_by_its_most_recently_changed_live_review(client):
    ReviewFactory(tags=["dub"])
    newest = ReviewFactory(tags=["dub"])

    assert lastmod_of(client, "/tags/dub/") == localdate(newest.updated_at).isoformat()


def test_sitemap_lists_public_authors_with_a_live_review_dated_by_their_latest_change(client):
    listed = ReviewFactory()
    profile = AuthorProfileFactory(user=listed.author)
    AuthorProfileFactory(user=ReviewFactory(draft=True).author)  # no live review: no page
    AuthorProfileFactory(user=ReviewFactory().author, is_public=False)

    authors = section_entries(client, "authors")

    assert list(authors) == [f"http://testserver{profile.get_absolute_url()}"]
    latest = max(profile.updated_at, listed.updated_at)
    assert lastmod_of(client, profile.get_absolute_url()) == localdate(latest).isoformat()


def test_sitemap_uses_the_configured_site_address(client, settings):
    settings.SITE_URL = "https://anime.example"
    review = ReviewFactory()

    assert "https://anime.example/sitemap-reviews.xml" in section_urls(client)
    assert f"https://anime.example{review.get_absolute_url()}" in section_entries(client, "reviews")
