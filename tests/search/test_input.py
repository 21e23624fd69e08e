"""Whatever a reader types is plain text: never an error, never search syntax, never markup."""

import pytest

from tests.reviews.factories import ReviewFactory
from tests.search.conftest import found_headlines, search

pytestmark = pytest.mark.django_db

ODD_QUERIES = [
    "'",
    '"',
    '"unclosed phrase',
    "%",
    "_",
    "\\",
    "\\'",
    "&",
    "|",
    "!",
    ":",
    "*",
    "<->",
    "<2>",
    "(",
    ")",
    "()",
    "a & b",
    "a | !b",
    "robot:*",
    "robot:A",
    "'robot':*",
    "(robot & (",
    "-",
    "--",
    "or",
    "robot or",
    "'; DROP TABLE reviews_review; --",
    "%_%",
    "100%",
    "\x07",
    "tab\there",
    "<b>bold</b>",
    "💥🤖",
]


@pytest.mark.parametrize("query", ODD_QUERIES)
def test_operators_quotes_and_wildcards_are_answered_as_plain_text(client, query):
    ReviewFactory(headline="Robot review")

    response = search(client, query)

    assert response.status_code == 200


@pytest.mark.parametrize("wildcard", ["%", "_", "%_%", "\\"])
def test_like_wildcards_do_not_match_everything(client, wildcard):
    ReviewFactory(headline="Robot review", excerpt="", body="Nothing special here.")

    assert found_headlines(search(client, wildcard)) == []


def test_a_percent_sign_finds_the_review_that_has_it(client):
    ReviewFactory(headline="A 100% sync rate", body="Body.")
    ReviewFactory(headline="Other review", body="Body.")

    assert found_headlines(search(client, "100%")) == ["A 100% sync rate"]


def test_the_query_is_shown_escaped(client):
    page = search(client, '<script>alert("x")</script>').content.decode()

    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


@pytest.mark.parametrize("query", ["", "   ", "\t\n"])
def test_an_empty_query_gets_a_friendly_page_and_no_search(client, query):
    ReviewFactory(headline="Robot review")

    response = search(client, query)
    page = response.content.decode()

    assert response.status_code == 200
    assert response.context["page_obj"] is None
    assert "<h1>Search</h1>" in page
    assert "Type a show’s name" in page
    assert "Robot review" not in page


def test_no_q_at_all_gets_the_friendly_page(client):
    response = client.get("/search/")

    assert response.status_code == 200
    assert "Type a show’s name" in response.content.decode()


def test_a_very_long_query_is_cut_to_200_characters(client):
    ReviewFactory(headline="Robot review")

    response = search(client, "robot " + "x" * 5000)

    assert response.status_code == 200
    assert response.context["query"] == ("robot " + "x" * 5000)[:200]


def test_a_nul_byte_in_the_query_gets_the_bad_request_page_not_a_search(client):
    """The site refuses NUL everywhere (core/bad_input.py), the search box included."""
    response = search(client, "robot\x00")

    assert response.status_code == 400
    assert "<h1>Bad request</h1>" in response.content.decode()


def test_spaces_and_control_characters_are_collapsed(client):
    ReviewFactory(headline="Robot review")

    response = search(client, "  robot\x07\x1b   review ")

    assert response.context["query"] == "robot review"
    assert found_headlines(response) == ["Robot review"]
