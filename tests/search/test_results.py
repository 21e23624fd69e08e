"""What a search finds, on every database: live reviews by any of their words, and shows."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import TitleFactory
from tests.reviews.factories import ReviewFactory
from tests.search.conftest import found_headlines, found_shows, search

pytestmark = pytest.mark.django_db


@pytest.fixture
def metallic_rouge():
    return TitleFactory(
        name="Metallic Rouge",
        name_romaji="Metarikku Rūju",
        name_native="メタリックルージュ",
        synopsis="An android hunts renegade androids on Mars.",
    )


def test_a_review_is_found_by_a_word_of_its_headline(client):
    ReviewFactory(headline="Steel hearts and quiet cities")
    ReviewFactory(headline="Something else entirely")

    assert found_headlines(search(client, "quiet")) == ["Steel hearts and quiet cities"]


def test_a_review_is_found_by_a_word_of_its_body(client):
    ReviewFactory(headline="Body match", body="The soundtrack leans on **saxophone** solos.")

    assert found_headlines(search(client, "saxophone")) == ["Body match"]


def test_a_review_is_found_by_a_word_of_its_excerpt(client):
    ReviewFactory(headline="Excerpt match", excerpt="A patient, melancholic detective story.")

    assert found_headlines(search(client, "melancholic")) == ["Excerpt match"]


def test_a_review_is_found_by_its_tag(client):
    ReviewFactory(headline="Tagged", tags=["cyberpunk"])
    ReviewFactory(headline="Untagged")

    assert found_headlines(search(client, "cyberpunk")) == ["Tagged"]


@pytest.mark.parametrize("name", ["Metallic Rouge", "Metarikku Rūju", "メタリックルージュ"])
def test_a_review_is_found_by_any_name_of_its_show(client, metallic_rouge, name):
    ReviewFactory(title=metallic_rouge, headline="An android's awakening")

    assert found_headlines(search(client, name)) == ["An android's awakening"]


def test_a_show_named_in_tamil_is_found_by_its_tamil_name(client):
    TitleFactory(name="The Heroes", name_native="வீரர்கள்")

    assert found_shows(search(client, "வீரர்கள்")) == ["The Heroes"]


def test_every_word_must_match_somewhere(client):
    ReviewFactory(headline="Rogue androids", body="Set on Mars.")
    ReviewFactory(headline="Rogue knights", body="Set in a castle.")

    assert found_headlines(search(client, "rogue mars")) == ["Rogue androids"]


@pytest.mark.parametrize("trait", ["draft", "in_review", "scheduled", "archived"])
def test_an_unpublished_review_is_never_found(client, trait):
    ReviewFactory(headline="Hidden saxophone review", **{trait: True})
    ReviewFactory(headline="Public saxophone review")

    response = search(client, "saxophone")

    assert found_headlines(response) == ["Public saxophone review"]
    assert "Hidden saxophone review" not in response.content.decode()


def test_shows_are_listed_apart_from_reviews(client, metallic_rouge):
    ReviewFactory(title=metallic_rouge, headline="Review of the show")

    response = search(client, "Metallic")
    page = response.content.decode()

    assert found_shows(response) == ["Metallic Rouge"]
    assert '<h2 id="shows-heading">Shows</h2>' in page
    assert '<a href="/anime/metallic-rouge/">Metallic Rouge</a>' in page
    assert "Metarikku Rūju · メタリックルージュ" in page


def test_a_show_is_found_by_its_romaji_name(client, metallic_rouge):
    assert found_shows(search(client, "Metarikku")) == ["Metallic Rouge"]


def test_results_are_paginated_twelve_reviews_a_page(client):
    for number in range(13):
        ReviewFactory(headline=f"Saxophone review {number}")

    first = search(client, "saxophone")
    second = search(client, "saxophone", page=2)

    assert len(found_headlines(first)) == 12
    assert "Page 1 of 2" in first.content.decode()
    assert "page=2" in first.content.decode() and "q=saxophone" in first.content.decode()
    assert len(found_headlines(second)) == 1


def test_shows_are_listed_on_the_first_page_only(client, metallic_rouge):
    for number in range(13):
        ReviewFactory(title=metallic_rouge, headline=f"Review {number}")

    assert found_shows(search(client, "metallic")) == ["Metallic Rouge"]
    assert found_shows(search(client, "metallic", page=2)) == []


def test_nothing_found_says_so(client):
    ReviewFactory(headline="Something")

    page = search(client, "zeppelin").content.decode()

    assert "No review matches “zeppelin”" in page
    assert '<a href="/#genres">browse by genre</a>' in page
    assert "fewer filters" not in page


def test_nothing_found_with_filters_suggests_fewer_filters(client):
    ReviewFactory(headline="Zeppelin pilots")

    page = search(client, "zeppelin", year="1999").content.decode()

    assert "No review matches “zeppelin”" in page
    assert "fewer filters" in page


def test_the_matched_words_are_marked_in_the_snippet(client):
    ReviewFactory(body="The soundtrack leans on saxophone solos over rainy streets.")

    page = search(client, "saxophone").content.decode()

    assert "<mark>saxophone</mark>" in page


def test_markup_in_the_review_text_never_reaches_the_snippet_as_markup(client):
    """SQLite's snippet escapes the tags; PostgreSQL's ts_headline drops them: never markup."""
    ReviewFactory(
        excerpt="",
        body='Saxophone <script>alert("x")</script> & <b>bold</b> claims.',
    )

    page = search(client, "saxophone").content.decode()
    snippet = page.split('class="search-result__snippet">')[1].split("</p>")[0]

    assert "<script>" not in page
    assert "&amp;" in snippet
    assert snippet.replace("<mark>", "").replace("</mark>", "").count("<") == 0


def test_a_headline_match_is_listed_before_a_newer_body_match(client):
    older = timezone.now() - timedelta(days=9)
    ReviewFactory(headline="Zeppelin pilots", publish_at=older)
    ReviewFactory(headline="Newer review", body="It mentions a zeppelin once.")

    assert found_headlines(search(client, "zeppelin")) == ["Zeppelin pilots", "Newer review"]


def test_a_partly_typed_word_finds_the_show_and_its_reviews(client, metallic_rouge):
    ReviewFactory(title=metallic_rouge, headline="An android's awakening")

    response = search(client, "metallic ro")

    assert found_headlines(response) == ["An android's awakening"]
    assert found_shows(response) == ["Metallic Rouge"]


def test_the_snippet_shows_the_article_text_without_markdown_syntax(client):
    ReviewFactory(excerpt="", body="## Story\n\nAn android hunts **renegades** & rogues on Mars.")

    page = search(client, "renegades").content.decode()
    snippet = page.split('class="search-result__snippet">')[1].split("</p>")[0]

    assert "##" not in snippet and "**" not in snippet
    assert "<mark>renegades</mark> &amp; rogues" in snippet


def test_the_snippet_never_shows_the_text_of_a_spoiler_block(client):
    ReviewFactory(
        excerpt="",
        body="## Ending\n\nThe android wins.\n\n:::spoiler Ep. 12\nThe android was Rouge.\n:::\n",
    )

    response = search(client, "android")
    snippet = response.context["page_obj"].object_list[0].snippet

    assert "<mark>android</mark> wins" in snippet
    assert "Rouge" not in snippet and "¶" not in snippet
