"""RSS and Atom feeds of the latest live reviews."""

import xml.etree.ElementTree as ElementTree
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import GenreFactory, TitleFactory, UserFactory
from tests.reviews.factories import AuthorProfileFactory, ReviewFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
FEEDS = ["/feeds/reviews/", "/feeds/reviews/atom/"]


def parsed(client, url):
    return ElementTree.fromstring(client.get(url).content)  # noqa: S314 (our own output)


def rss_items(client):
    return parsed(client, "/feeds/reviews/").findall("channel/item")


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
