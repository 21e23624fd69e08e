"""Filters narrow both lists (genre, audio language, quality, type, year); bad values get a 400."""

import pytest

from catalog.models import Title
from tests.factories import GenreFactory, LanguageFactory, QualityVariantFactory, TitleFactory
from tests.reviews.factories import ReviewFactory
from tests.search.conftest import found_headlines, found_shows, search

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_robot_shows():
    """Two robot shows differing in genre, dub, quality, type and year, each with a live review."""
    mecha, comedy = GenreFactory(name="Mecha"), GenreFactory(name="Comedy")
    tamil, english = LanguageFactory(code="ta", name="Tamil"), LanguageFactory(code="en")
    steel = TitleFactory(name="Robot Steel", genres=[mecha], kind=Title.Kind.TV, premiere_year=2024)
    jokes = TitleFactory(
        name="Robot Jokes", genres=[comedy], kind=Title.Kind.MOVIE, premiere_year=2019
    )
    QualityVariantFactory(season__title=steel, audio_languages=[tamil], resolution=2160)
    QualityVariantFactory(season__title=jokes, audio_languages=[english], resolution=720)
    ReviewFactory(title=steel, headline="Robot Steel review")
    ReviewFactory(title=jokes, headline="Robot Jokes review")


@pytest.mark.parametrize(
    "filters",
    [
        {"genre": "mecha"},
        {"language": "ta"},
        {"quality": "2160"},
        {"type": "tv"},
        {"year": "2024"},
    ],
    ids=["genre", "language", "quality", "type", "year"],
)
def test_a_filter_narrows_reviews_and_shows(client, two_robot_shows, filters):
    response = search(client, "robot", **filters)

    assert found_headlines(response) == ["Robot Steel review"]
    assert found_shows(response) == ["Robot Steel"]


def test_filters_combine(client, two_robot_shows):
    response = search(client, "robot", genre="mecha", year="2019")

    assert found_headlines(response) == []
    assert found_shows(response) == []


def test_empty_filters_filter_nothing(client, two_robot_shows):
    response = search(client, "robot", genre="", language="", quality="", type="", year="")

    assert len(found_headlines(response)) == 2


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"genre": "no-such-genre"}, "Select a valid choice."),
        ({"language": "xx"}, "Select a valid choice."),
        ({"type": "podcast"}, "Select a valid choice."),
        ({"quality": "8k"}, "Select a valid choice."),
        ({"quality": "1440"}, "Select a valid choice."),
        ({"year": "soon"}, "Enter a whole number."),
        ({"year": "1800"}, "greater than or equal to 1900"),
        ({"genre": "%' OR 1=1 --"}, "Select a valid choice."),
    ],
)
def test_a_bad_filter_value_gets_a_message_and_a_400(client, two_robot_shows, filters, message):
    response = search(client, "robot", **filters)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert "Robot Steel review" not in response.content.decode()


def test_the_form_offers_genres_and_audio_languages_in_use(client, two_robot_shows):
    LanguageFactory(code="de", name="German")

    page = search(client, "").content.decode()

    assert '<option value="mecha">Mecha</option>' in page
    assert '<option value="ta">Tamil</option>' in page
    assert '<option value="1080">1080p</option>' in page
    assert "German" not in page
