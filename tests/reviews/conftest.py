"""A small published neighbourhood for the public-page tests: one show, its genre, dub and tag."""

from dataclasses import dataclass

import pytest

from catalog.models import Genre, Language, Title
from tests.factories import GenreFactory, LanguageFactory, QualityVariantFactory, TitleFactory
from tests.reviews.factories import staff_user


@dataclass
class Neighbourhood:
    """A show in one genre, dubbed in one language; reviews of it carry the tag `shared`."""

    title: Title
    genre: Genre
    language: Language
    tag: str = "shared"

    def public_list_urls(self) -> dict[str, str]:
        """Every public list a live review of this show appears on, by name."""
        return {
            "home": "/",
            "tag": f"/tags/{self.tag}/",
            "genre": self.genre.get_absolute_url(),
            "language": self.language.get_absolute_url(),
            "show": self.title.get_absolute_url(),
            "rss": "/feeds/reviews/",
            "atom": "/feeds/reviews/atom/",
            "sitemap": "/sitemap-reviews.xml",
        }


@pytest.fixture
def writer(db):
    return staff_user("Writers", first_name="Wren", last_name="Writer")


@pytest.fixture
def editor(db):
    return staff_user("Editors", first_name="Eda", last_name="Editor")


@pytest.fixture
def neighbourhood(db) -> Neighbourhood:
    genre = GenreFactory(name="Mecha")
    language = LanguageFactory(code="ta", name="Tamil")
    title = TitleFactory(name="Metallic Rouge", genres=[genre])
    QualityVariantFactory(season__title=title, audio_languages=[language])
    return Neighbourhood(title=title, genre=genre, language=language)
