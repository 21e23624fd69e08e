"""RSS and Atom feeds of the latest live reviews, excerpt or full text, and the feeds of a
show and of a genre."""

import xml.etree.ElementTree as ElementTree
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from tests.catalog.images import image_bytes
from tests.factories import GenreFactory, TitleFactory, UserFactory
from tests.images.factories import ImageFactory
from tests.reviews.factories import AuthorProfileFactory, ReviewFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
FEEDS = ["/feeds/reviews/", "/feeds/reviews/atom/"]


def parsed(client, url):
    return ElementTree.fromstring(client.get(url).content)  # noqa: S314 (our own output)


def rss_items_of(client, url):
    return parsed(client, url).findall("channel/item")


def rss_items(client):
    return rss_items_of(client, "/feeds/reviews/")


def test_rss_item_carries_headline_link_excerpt_date_and_categories(client):
    review = ReviewFactory(
        title=TitleFactory(genres=[GenreFactory(name="Mecha")]),
        excerpt="Androids hunt androids.",
        tags=["dub"],
    )

    (item,) = rss_items(client)

    assert item.findtext("title") == review.display_headline
    assert item.findtext("link").endswith(review.get_absolute_url())
    assert item.findtext("description") == "Androids hunt androids."
    assert item.findtext("pubDate")
    assert sorted(category.text for category in item.findall("category")) == ["Mecha", "dub"]


def test_rss_lists_the_latest_twenty_reviews_newest_first(client):
    reviews = [
        ReviewFactory(publish_at=timezone.now() - timedelta(hours=hours)) for hours in range(1, 23)
    ]

    links = [item.findtext("link") for item in rss_items(client)]

    assert len(links) == 20
    assert links[0].endswith(reviews[0].get_absolute_url())
    assert links[-1].endswith(reviews[19].get_absolute_url())


def test_atom_entry_names_the_author_by_display_name_and_links_their_page(client):
    profile = AuthorProfileFactory(display_name="Kavya Raman", slug="kavya-raman")
    ReviewFactory(author=profile.user)

    feed = parsed(client, "/feeds/reviews/atom/")

    author = feed.find(f"{ATOM}entry/{ATOM}author")
    assert author.find(f"{ATOM}name").text == "Kavya Raman"
    assert author.find(f"{ATOM}uri").text == "http://testserver/authors/kavya-raman/"


@pytest.mark.parametrize("url", FEEDS)
def test_feed_names_an_author_without_a_public_profile_as_the_site(client, settings, url):
    ReviewFactory(author=UserFactory(username="kavya", first_name="Kavya"))
    AuthorProfileFactory(user=ReviewFactory().author, display_name="Hidden Name", is_public=False)

    content = client.get(url).content.decode()

    assert content.count(f">{settings.SITE_NAME}</") == 2
    assert "kavya" not in content.lower()
    assert "Hidden Name" not in content


@pytest.mark.parametrize("url", FEEDS)
def test_feeds_never_contain_an_email_address(client, url):
    user = UserFactory(username="kavya", email="kavya@private.example")
    AuthorProfileFactory(user=user, display_name="Kavya")
    ReviewFactory(author=user)

    content = client.get(url).content.decode()

    assert "Kavya" in content
    assert "@" not in content


@pytest.mark.parametrize("url", FEEDS)
@pytest.mark.parametrize(
    ("site_url", "base", "other_host"),
    [
        ("https://anime.example", "https://anime.example", "testserver"),
        ("", "http://testserver", "anime.example"),
    ],
)
def test_feed_links_are_under_site_url_else_the_requested_host(
    client, url, settings, site_url, base, other_host
):
    settings.SITE_URL = site_url
    review = ReviewFactory()

    content = client.get(url).content.decode()

    assert f"{base}{review.get_absolute_url()}" in content
    assert f"{base}{url}" in content
    assert other_host not in content


def test_feed_items_carry_the_excerpt_by_default(client):
    ReviewFactory(excerpt="Androids hunt androids.", body="The whole **article**.")

    (item,) = rss_items(client)

    assert item.findtext("description") == "Androids hunt androids."


def test_full_text_items_carry_the_sanitised_article_with_absolute_urls(client, settings):
    settings.FEED_CONTENT = "full"
    settings.SITE_URL = "https://anime.example"
    image = ImageFactory(file=ContentFile(image_bytes(1000, 600), "shot.png"))
    review = ReviewFactory(
        body=(
            "## Opening\n\nSee [the show](/anime/rouge/) and [elsewhere](https://else.example/).\n\n"
            f"![Shot](image:{image.pk})\n\n<script>alert(1)</script>\n"
        )
    )
    page = f"https://anime.example{review.get_absolute_url()}"

    (item,) = rss_items(client)
    body = item.findtext("description")

    assert "<h2" in body
    assert 'href="https://anime.example/anime/rouge/"' in body
    assert 'href="https://else.example/"' in body
    assert f'href="{page}#opening"' in body
    assert f'src="https://anime.example{image.file.url}"' in body
    srcset = body.split('srcset="')[1].split('"')[0]
    assert all(url.startswith("https://anime.example/") for url in srcset.split()[::2])
    assert "<script" not in body


def test_full_text_items_use_the_requested_host_without_site_url(client, settings):
    settings.FEED_CONTENT = "full"
    ReviewFactory(body="See [the show](/anime/rouge/).")

    (item,) = rss_items(client)

    assert 'href="http://testserver/anime/rouge/"' in item.findtext("description")


def test_a_show_feed_lists_the_live_reviews_of_that_show_only(client):
    title = TitleFactory(slug="metallic-rouge")
    review = ReviewFactory(title=title)
    ReviewFactory(title=title, draft=True)
    ReviewFactory()

    feed = parsed(client, "/feeds/shows/metallic-rouge/")

    assert [item.findtext("link") for item in feed.findall("channel/item")] == [
        f"http://testserver{review.get_absolute_url()}"
    ]
    assert feed.findtext("channel/link") == f"http://testserver{title.get_absolute_url()}"


def test_a_genre_feed_lists_the_live_reviews_of_shows_in_that_genre(client):
    mecha = GenreFactory(name="Mecha", slug="mecha")
    review = ReviewFactory(title=TitleFactory(genres=[mecha]))
    ReviewFactory(title=TitleFactory(genres=[GenreFactory()]))

    links = [item.findtext("link") for item in rss_items_of(client, "/feeds/genres/mecha/")]

    assert links == [f"http://testserver{review.get_absolute_url()}"]


@pytest.mark.parametrize("url", ["/feeds/shows/no-such-show/", "/feeds/genres/no-such-genre/"])
def test_the_feed_of_an_unknown_show_or_genre_is_not_found(client, url):
    assert client.get(url).status_code == 404


def test_show_and_genre_pages_link_their_feeds(client):
    genre = GenreFactory(slug="mecha")
    title = TitleFactory(slug="metallic-rouge", genres=[genre])

    show_page = client.get(title.get_absolute_url()).content.decode()
    genre_page = client.get(genre.get_absolute_url()).content.decode()

    assert 'rel="alternate" type="application/rss+xml"' in show_page
    assert 'href="/feeds/shows/metallic-rouge/"' in show_page
    assert 'href="/feeds/genres/mecha/"' in genre_page
