"""What search engines and link previews read: titles, descriptions, canonical links,
Open Graph tags, and the review's schema.org JSON-LD."""

import json
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.core.files.base import ContentFile

from tests.catalog.images import image_bytes
from tests.factories import QualityVariantFactory, TitleFactory, UserFactory
from tests.reviews.factories import AuthorProfileFactory, ReviewFactory

pytestmark = pytest.mark.django_db


class HeadReader(HTMLParser):
    """Collects <title>, <meta>, <link rel=canonical> and JSON-LD scripts of a page."""

    def __init__(self):
        super().__init__()
        self.title = ""
        self.meta: dict[str, str] = {}
        self.canonical = ""
        self.json_ld: list[str] = []
        self._in = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "meta" and "content" in attributes:
            key = attributes.get("property") or attributes.get("name")
            self.meta[key] = attributes["content"]
        elif tag == "link" and attributes.get("rel") == "canonical":
            self.canonical = attributes["href"]
        elif tag == "title" or (
            tag == "script" and attributes.get("type") == "application/ld+json"
        ):
            self._in = tag
            if tag == "script":
                self.json_ld.append("")

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in == "title":
            self.title += data
        elif self._in == "script":
            self.json_ld[-1] += data


def head_of(client, url) -> HeadReader:
    response = client.get(url)
    assert response.status_code == 200
    reader = HeadReader()
    reader.feed(response.content.decode())
    return reader


@pytest.fixture
def review(neighbourhood):
    return ReviewFactory(
        title=neighbourhood.title,
        tags=[neighbourhood.tag],
        excerpt="Androids hunt androids in a city of secrets.",
    )


@pytest.mark.parametrize("page", ["home", "review", "show", "genre", "language", "tag"])
def test_every_public_page_has_title_description_canonical_and_open_graph(
    client, settings, neighbourhood, review, page
):
    settings.SITE_URL = "https://anime.example"
    url = {**neighbourhood.public_list_urls(), "review": review.get_absolute_url()}[page]

    head = head_of(client, url)

    assert head.title.strip()
    assert head.meta["description"].strip()
    assert head.canonical == f"https://anime.example{url}"
    assert head.meta["og:url"] == head.canonical
    assert head.meta["og:title"].strip()
    assert head.meta["og:description"].strip()
    assert head.meta["og:type"]


def test_review_page_describes_itself_as_an_article_with_its_headline(client, review):
    head = head_of(client, review.get_absolute_url())

    assert review.display_headline in head.title
    assert head.meta["og:title"] == review.display_headline
    assert head.meta["og:type"] == "article"
    assert head.meta["description"] == "Androids hunt androids in a city of secrets."


def test_review_page_offers_its_poster_as_the_open_graph_image(client, settings, review):
    settings.SITE_URL = "https://anime.example"
    review.title.poster.save("rouge.png", ContentFile(image_bytes(600, 900)))

    head = head_of(client, review.get_absolute_url())

    assert head.meta["og:image"] == f"https://anime.example{review.title.poster.url}"


def test_review_page_without_any_image_has_no_open_graph_image(client, review):
    assert "og:image" not in head_of(client, review.get_absolute_url()).meta


def test_review_json_ld_describes_the_review_of_a_series(client):
    author = UserFactory(first_name="Kavya", last_name="Raman", email="kavya@private.example")
    AuthorProfileFactory(user=author, display_name="Kavya Raman", slug="kavya-raman")
    variant = QualityVariantFactory(season__title=TitleFactory(name="Metallic Rouge"))
    variant.season.episodes.create(number=1)
    variant.season.episodes.create(number=2)
    review = ReviewFactory(title=variant.season.title, author=author, editor_score=Decimal("7.5"))

    (raw,) = head_of(client, review.get_absolute_url()).json_ld
    data = json.loads(raw)

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Review"
    assert data["itemReviewed"] == {
        "@type": "TVSeries",
        "name": "Metallic Rouge",
        "genre": [],
        "numberOfEpisodes": 2,
    }
    assert data["author"] == {
        "@type": "Person",
        "name": "Kavya Raman",
        "url": "http://testserver/authors/kavya-raman/",
    }
    assert data["datePublished"] == review.publish_at.isoformat()
    assert data["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 7.5,
        "bestRating": 10,
        "worstRating": 0,
    }
    assert "kavya@private.example" not in raw


def test_review_json_ld_names_the_site_for_an_author_without_a_public_profile(client, settings):
    review = ReviewFactory(author=UserFactory(username="kraman"))

    (raw,) = head_of(client, review.get_absolute_url()).json_ld

    assert json.loads(raw)["author"] == {"@type": "Organization", "name": settings.SITE_NAME}
    assert "kraman" not in raw


def test_review_json_ld_has_no_rating_without_an_editor_score(client):
    review = ReviewFactory(editor_score=None)

    (raw,) = head_of(client, review.get_absolute_url()).json_ld

    assert "reviewRating" not in json.loads(raw)


def test_a_headline_with_a_closing_script_tag_cannot_break_out_of_the_json_ld(client):
    headline = '</script><script>alert("x")</script>'
    review = ReviewFactory(headline=headline)

    page = client.get(review.get_absolute_url()).content.decode()
    (raw,) = head_of(client, review.get_absolute_url()).json_ld

    assert json.loads(raw)["name"] == headline
    assert '<script>alert("x")' not in page
