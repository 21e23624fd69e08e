"""`manage.py load_demo`: the demo catalog it writes, once however often it runs."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from PIL import Image

from catalog.models import (
    Episode,
    Genre,
    Language,
    QualityVariant,
    Season,
    Studio,
    Title,
    TitleRelation,
)
from images.fields import RENDITION_WIDTHS, rendition_name

pytestmark = pytest.mark.django_db

DEMO_MODELS = [Genre, Language, Studio, Title, TitleRelation, Season, Episode, QualityVariant]


def run(command: str) -> str:
    out = io.StringIO()
    call_command(command, stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    through_tables = [
        Title.genres.through,
        Title.studios.through,
        QualityVariant.audio_languages.through,
        QualityVariant.subtitle_languages.through,
    ]
    return {model.__name__: model.objects.count() for model in DEMO_MODELS + through_tables}


def test_loading_the_demo_twice_duplicates_nothing(demo):
    first = row_counts()
    run("load_demo")
    assert row_counts() == first
    assert first["Title"] >= 7


def test_reference_show_has_the_facts_of_the_reference_page(demo):
    show = Title.objects.get(slug="metallic-rouge")
    assert show.name == "Metallic Rouge"
    assert show.get_kind_display() == "TV"
    assert show.get_status_display() == "Finished Airing"
    assert (show.aired_from, show.aired_to) == (date(2024, 1, 11), date(2024, 4, 4))
    assert show.premiere_year == 2024
    assert show.episode_duration == 24
    assert (show.imdb_score, show.mal_score) == (Decimal("5.9"), Decimal("6.2"))
    assert sorted(show.genres.values_list("name", flat=True)) == [
        "Action",
        "Cyberpunk",
        "Mecha",
        "Mystery",
        "Sci-fi",
    ]
    assert list(show.studios.values_list("name", flat=True)) == ["Bones"]
    season = show.seasons.get()
    assert season.label == "Season 01"
    assert list(season.episodes.values_list("number", "duration")) == [
        (n, 24) for n in range(1, 14)
    ]
    assert season.episodes.get(number=1).name == "Red Snow"


def test_reference_season_has_tamil_files_per_resolution_and_a_multi_audio_pack(demo):
    season = Season.objects.get(title__slug="metallic-rouge", number=1)
    per_episode = season.variants.filter(packaging=QualityVariant.Packaging.EPISODES)
    assert sorted(per_episode.values_list("resolution", flat=True)) == [480, 720, 1080]
    for variant in per_episode:
        assert list(variant.audio_languages.values_list("code", flat=True)) == ["ta"]
    pack = season.variants.get(packaging=QualityVariant.Packaging.SINGLE_FILE)
    assert pack.is_multi_audio
    assert sorted(pack.audio_languages.values_list("code", flat=True)) == ["ja", "ta"]


def test_demo_languages_carry_their_native_names(demo):
    assert dict(Language.objects.values_list("code", "native_name")) == {
        "ta": "தமிழ்",
        "ja": "日本語",
        "en": "English",
        "hi": "हिन्दी",
        "te": "తెలుగు",
    }


def test_demo_genres_have_descriptions(demo):
    assert not Genre.objects.filter(description="").exists()


def test_demo_has_a_sequel_and_prequel_pair(demo):
    assert TitleRelation.objects.filter(
        from_title__slug="mob-psycho-100",
        to_title__slug="mob-psycho-100-ii",
        kind=TitleRelation.Kind.SEQUEL,
    ).exists()
    assert TitleRelation.objects.filter(
        from_title__slug="mob-psycho-100-ii",
        to_title__slug="mob-psycho-100",
        kind=TitleRelation.Kind.PREQUEL,
    ).exists()


def test_every_demo_show_gets_a_two_by_three_png_poster(demo):
    for show in Title.objects.all():
        with show.poster.open() as poster, Image.open(poster) as image:
            assert image.format == "PNG"
            assert image.width * 3 == image.height * 2


def test_every_demo_poster_has_its_webp_renditions(demo):
    for show in Title.objects.all():
        for width in RENDITION_WIDTHS:
            assert show.poster.storage.exists(rendition_name(show.poster.name, width))


def test_a_second_load_keeps_the_posters_already_stored(demo):
    first = dict(Title.objects.values_list("slug", "poster"))
    output = run("load_demo")
    assert dict(Title.objects.values_list("slug", "poster")) == first
    assert "0 posters drawn" in output


def test_a_missing_poster_file_is_drawn_again(demo):
    show = Title.objects.get(slug="metallic-rouge")
    show.poster.storage.delete(show.poster.name)  # drawn again under its name for later tests
    assert "1 posters drawn" in run("load_demo")
    show.refresh_from_db()
    assert show.poster.storage.exists(show.poster.name)
