"""The demo content commands: `load_demo` and `ensure_demo_users`."""

import io
import re
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import RequestFactory
from PIL import Image

from catalog.images import RENDITION_WIDTHS, rendition_name
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
from tests.conftest import demo_loaded

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


def test_loading_the_demo_twice_duplicates_nothing():
    run("load_demo")
    first = row_counts()
    run("load_demo")
    assert row_counts() == first
    assert first["Title"] >= 7


@pytest.fixture(scope="class")
def demo_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, loaded once for the class below: the tests after it need a database without it."""
    with demo_loaded(django_db_blocker, tmp_path_factory) as media_root:
        yield media_root


@pytest.mark.usefixtures("demo")
class TestTheLoadedDemo:
    """What one load of the demo holds: read only, so the class shares that load."""

    def test_reference_show_has_the_facts_of_the_reference_page(self):
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

    def test_reference_season_has_tamil_files_per_resolution_and_a_multi_audio_pack(self):
        season = Season.objects.get(title__slug="metallic-rouge", number=1)
        per_episode = season.variants.filter(packaging=QualityVariant.Packaging.EPISODES)
        assert sorted(per_episode.values_list("resolution", flat=True)) == [480, 720, 1080]
        for variant in per_episode:
            assert list(variant.audio_languages.values_list("code", flat=True)) == ["ta"]
        pack = season.variants.get(packaging=QualityVariant.Packaging.SINGLE_FILE)
        assert pack.is_multi_audio
        assert sorted(pack.audio_languages.values_list("code", flat=True)) == ["ja", "ta"]

    def test_demo_languages_carry_their_native_names(self):
        assert dict(Language.objects.values_list("code", "native_name")) == {
            "ta": "தமிழ்",
            "ja": "日本語",
            "en": "English",
            "hi": "हिन्दी",
            "te": "తెలుగు",
        }

    def test_demo_genres_have_descriptions(self):
        assert not Genre.objects.filter(description="").exists()

    def test_demo_has_a_sequel_and_prequel_pair(self):
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

    def test_every_demo_show_gets_a_two_by_three_png_poster(self):
        for show in Title.objects.all():
            with show.poster.open() as poster, Image.open(poster) as image:
                assert image.format == "PNG"
                assert image.width * 3 == image.height * 2

    def test_every_demo_poster_has_its_webp_renditions(self):
        for show in Title.objects.all():
            for width in RENDITION_WIDTHS:
                assert show.poster.storage.exists(rendition_name(show.poster.name, width))


def test_a_second_load_keeps_the_posters_already_stored():
    run("load_demo")
    first = dict(Title.objects.values_list("slug", "poster"))
    output = run("load_demo")
    assert dict(Title.objects.values_list("slug", "poster")) == first
    assert "0 posters drawn" in output


def test_a_missing_poster_file_is_drawn_again():
    run("load_demo")
    show = Title.objects.get(slug="metallic-rouge")
    show.poster.storage.delete(show.poster.name)
    assert "1 posters drawn" in run("load_demo")
    show.refresh_from_db()
    assert show.poster.storage.exists(show.poster.name)


DEMO_USERNAMES = ["admin", "editor", "moderator", "writer"]


def authenticate_at_admin_login(username: str, password: str):
    """The admin login's password check, with the request django-axes needs to count it."""
    request = RequestFactory().post("/admin/login/")
    return authenticate(request, username=username, password=password)


def test_demo_users_get_the_password_from_the_environment(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "a demo password")
    run("ensure_demo_users")
    for username in DEMO_USERNAMES:
        user = authenticate_at_admin_login(username=username, password="a demo password")
        assert user is not None
        assert user.is_staff


def test_only_admin_is_a_superuser(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "a demo password")
    run("ensure_demo_users")
    superusers = get_user_model().objects.filter(is_superuser=True)
    assert list(superusers.values_list("username", flat=True)) == ["admin"]


def test_without_demo_password_a_generated_password_is_printed_and_works(monkeypatch):
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    output = run("ensure_demo_users")
    password = re.search(r"Password for admin, editor, writer, moderator: (\S+)", output)[1]
    assert len(password) >= 12
    assert authenticate_at_admin_login(username="writer", password=password) is not None


def test_a_second_run_without_demo_password_keeps_passwords_and_says_so(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "the first password")
    run("ensure_demo_users")
    monkeypatch.delenv("DEMO_PASSWORD")
    output = run("ensure_demo_users")
    assert "passwords were not changed" in output
    assert authenticate_at_admin_login(username="editor", password="the first password") is not None
    assert get_user_model().objects.count() == 4


def test_demo_users_join_their_editorial_groups_when_those_exist(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "a demo password")
    for name in ["Editors", "Writers", "Moderators"]:
        Group.objects.get_or_create(name=name)
    run("ensure_demo_users")
    User = get_user_model()
    assert list(User.objects.get(username="editor").groups.values_list("name", flat=True)) == [
        "Editors"
    ]
    assert list(User.objects.get(username="writer").groups.values_list("name", flat=True)) == [
        "Writers"
    ]
    assert list(User.objects.get(username="moderator").groups.values_list("name", flat=True)) == [
        "Moderators"
    ]
