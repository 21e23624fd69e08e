"""The home page's catalog part (recent shows, genres, languages) is kept between readers.

It is read once, then served from the shared cache until the catalog changes; every
change readers could see on it shows on the next home page at once.
"""

import pytest

from tests.factories import GenreFactory, LanguageFactory, QualityVariantFactory, TitleFactory
from tests.reviews.factories import ReviewFactory

pytestmark = pytest.mark.django_db

# The reviews' count and page and their tags: the catalog's four queries (recent shows,
# their genres, genres with shows, languages in use) come from the kept part.
HOME_NEXT_READER_QUERIES = 3


@pytest.fixture(autouse=True)
def _page_cache_off(settings):
    """The page itself rendered every time, so only the kept part can save the reads."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def catalog():
    mecha = GenreFactory(name="Mecha")
    title = TitleFactory(name="Metallic Rouge", genres=[mecha])
    QualityVariantFactory(season__title=title, audio_languages=[LanguageFactory(name="Tamil")])
    ReviewFactory(title=title, headline="Metallic Rouge reviewed")
    return title


def test_the_next_reader_gets_the_catalog_part_without_reading_the_catalog(
    client, catalog, django_assert_num_queries
):
    client.get("/")

    with django_assert_num_queries(HOME_NEXT_READER_QUERIES):
        page = client.get("/").text

    assert "Recently added shows" in page
    assert "Metallic Rouge" in page and "Mecha <span" in page and "Tamil" in page


def test_a_new_show_genre_and_language_show_at_once(client, catalog):
    client.get("/")
    drama = GenreFactory(name="Drama")
    new_show = TitleFactory(name="Cowboy Bebop", genres=[drama])
    QualityVariantFactory(season__title=new_show, audio_languages=[LanguageFactory(name="Hindi")])

    page = client.get("/").text

    assert "Cowboy Bebop" in page
    assert "Drama <span" in page
    assert "Hindi" in page


def test_a_renamed_show_and_a_genre_taken_off_show_at_once(client, catalog):
    client.get("/")
    catalog.name = "Metallic Rouge (2024)"
    catalog.save()
    catalog.genres.clear()

    page = client.get("/").text

    assert "Metallic Rouge (2024)" in page
    assert "No genres yet." in page


def test_with_nothing_shared_the_catalog_is_read_every_time(
    client, catalog, settings, django_assert_num_queries
):
    settings.FRAGMENT_CACHE_SECONDS = 0
    client.get("/")

    with django_assert_num_queries(HOME_NEXT_READER_QUERIES + 4):
        client.get("/")
