"""The catalog back office as an editor uses it: lists, add and change forms, inlines."""

import json

import pytest
from django.contrib.messages import get_messages

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
from tests.catalog.admin_forms import season_data, title_data, variant_data
from tests.factories import (
    EpisodeFactory,
    GenreFactory,
    LanguageFactory,
    QualityVariantFactory,
    SeasonFactory,
    StudioFactory,
    TitleFactory,
)

pytestmark = pytest.mark.django_db


def admin_url(model, action="add", obj=None) -> str:
    """The admin URL of a model's change list ("list"), add page, or an entry's page."""
    name = model._meta.model_name
    if action == "list":
        return f"/admin/catalog/{name}/"
    if obj is None:
        return f"/admin/catalog/{name}/{action}/"
    return f"/admin/catalog/{name}/{obj.pk}/{action}/"


def model_name(value):
    """Test ids: a model's class name; other values get pytest's default id."""
    return getattr(value, "__name__", None)


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.mark.parametrize(
    "model", [Genre, Language, Studio, Title, Season, Episode, QualityVariant], ids=model_name
)
def test_add_page_opens_for_an_editor(editor_client, model):
    assert editor_client.get(admin_url(model)).status_code == 200


@pytest.mark.parametrize(
    ("model", "data", "lookup"),
    [
        (Genre, {"name": "Cyberpunk", "slug": "cyberpunk"}, {"slug": "cyberpunk"}),
        (Language, {"code": "pt-BR", "name": "Portuguese"}, {"code": "pt-BR"}),
        (Studio, {"name": "Bones", "slug": "bones"}, {"slug": "bones"}),
    ],
    ids=["genre", "language", "studio"],
)
def test_editor_adds_a_simple_catalog_entry(editor_client, model, data, lookup):
    response = editor_client.post(admin_url(model), data)

    assert response.status_code == 302
    assert model.objects.filter(**lookup).exists()


@pytest.mark.parametrize(
    ("factory", "data", "field", "expected"),
    [
        (GenreFactory, {"name": "Mecha", "slug": "mecha-robots"}, "slug", "mecha-robots"),
        (
            LanguageFactory,
            {"code": "ta", "name": "Tamil", "native_name": "தமிழ்"},
            "native_name",
            "தமிழ்",
        ),
        (StudioFactory, {"name": "Studio Bones", "slug": "bones"}, "name", "Studio Bones"),
    ],
    ids=["genre", "language", "studio"],
)
def test_editor_changes_a_simple_catalog_entry(editor_client, factory, data, field, expected):
    entry = factory()

    response = editor_client.post(admin_url(type(entry), "change", entry), data)

    assert response.status_code == 302
    entry.refresh_from_db()
    assert getattr(entry, field) == expected


def test_editor_adds_a_show_with_genres_seasons_and_a_relation(editor_client):
    genre, studio, prequel = GenreFactory(), StudioFactory(), TitleFactory()

    response = editor_client.post(
        admin_url(Title),
        title_data(
            genres=[genre.pk],
            studios=[studio.pk],
            imdb_score="5.9",
            mal_score="6.2",
            seasons=[{"number": "1"}, {"number": "2", "display_name": "Final Season"}],
            relations=[{"kind": TitleRelation.Kind.PREQUEL, "to_title": prequel.pk}],
        ),
    )

    assert response.status_code == 302
    title = Title.objects.get(slug="metallic-rouge")
    assert list(title.genres.all()) == [genre]
    assert list(title.studios.all()) == [studio]
    assert [season.label for season in title.seasons.all()] == ["Season 01", "Final Season"]
    assert title.relations.get().to_title == prequel


def test_editor_changes_a_show(editor_client):
    title = TitleFactory(name="Old name", slug="old-name")

    response = editor_client.post(
        admin_url(Title, "change", title),
        title_data(name="New name", slug="new-name", status=Title.Status.AIRING),
    )

    assert response.status_code == 302
    title.refresh_from_db()
    assert (title.name, title.slug, title.status) == ("New name", "new-name", "airing")


def test_show_page_in_admin_lists_its_seasons_inline(editor_client):
    season = SeasonFactory(display_name="The Rouge Arc")

    response = editor_client.get(admin_url(Title, "change", season.title))

    assert response.status_code == 200
    assert "The Rouge Arc" in response.content.decode()


def test_editor_adds_a_season_with_episodes_and_a_variant(editor_client):
    title, tamil, japanese = TitleFactory(), LanguageFactory(code="ta"), LanguageFactory(code="ja")

    response = editor_client.post(
        admin_url(Season),
        season_data(
            title,
            episodes=[{"number": "1", "name": "Rouge", "duration": "24"}],
            variants=[
                {
                    "resolution": "720",
                    "packaging": QualityVariant.Packaging.SINGLE_FILE,
                    "audio_languages": [tamil.pk, japanese.pk],
                    "is_multi_audio": "on",
                    "is_available": "on",
                }
            ],
        ),
    )

    assert response.status_code == 302
    season = Season.objects.get(title=title)
    assert season.episodes.get().name == "Rouge"
    variant = season.variants.get()
    assert (variant.resolution, variant.is_multi_audio) == (720, True)
    assert set(variant.audio_languages.all()) == {tamil, japanese}


def test_editor_changes_a_season(editor_client):
    season = SeasonFactory(number=1)

    response = editor_client.post(
        admin_url(Season, "change", season),
        season_data(season.title, number="2", display_name="Season Two", aired_from="2024-01-10"),
    )

    assert response.status_code == 302
    season.refresh_from_db()
    assert (season.number, season.label) == (2, "Season Two")


def test_season_page_in_admin_lists_its_episodes_and_variants(editor_client):
    season = SeasonFactory()
    EpisodeFactory(season=season, name="Neo-Tokyo Nights")
    QualityVariantFactory(season=season, resolution=2160)

    content = editor_client.get(admin_url(Season, "change", season)).content.decode()

    assert "Neo-Tokyo Nights" in content
    assert 'value="2160" selected' in content


def test_editor_adds_and_changes_an_episode(editor_client):
    season = SeasonFactory()

    added = editor_client.post(
        admin_url(Episode), {"season": season.pk, "number": "7", "duration": "23"}
    )
    episode = Episode.objects.get(season=season, number=7)
    changed = editor_client.post(
        admin_url(Episode, "change", episode),
        {"season": season.pk, "number": "7", "duration": "23", "is_recap": "on"},
    )

    assert (added.status_code, changed.status_code) == (302, 302)
    episode.refresh_from_db()
    assert episode.is_recap


def test_editor_adds_and_changes_a_quality_variant(editor_client):
    season, tamil = SeasonFactory(), LanguageFactory(code="ta")

    added = editor_client.post(admin_url(QualityVariant), variant_data(season, [tamil]))
    variant = QualityVariant.objects.get(season=season)
    changed = editor_client.post(
        admin_url(QualityVariant, "change", variant),
        variant_data(season, [tamil], resolution="480", file_size="734003200"),
    )

    assert (added.status_code, changed.status_code) == (302, 302)
    variant.refresh_from_db()
    assert (variant.resolution, variant.file_size) == (480, 734003200)


@pytest.mark.parametrize(
    ("model", "query"),
    [
        (Genre, "?q=Cyber"),
        (Language, "?q=ta"),
        (Studio, "?q=Bones"),
        (Title, "?q=Rouge&kind__exact=tv&status__exact=finished"),
        (Season, "?q=Rouge&title__kind__exact=tv"),
        (Episode, "?q=Rouge&is_filler__exact=0"),
        (QualityVariant, "?q=Rouge&resolution__exact=1080"),
    ],
    ids=model_name,
)
def test_change_list_searches_and_filters(editor_client, model, query):
    title = TitleFactory(name="Metallic Rouge", genres=[GenreFactory(name="Cyberpunk")])
    season = SeasonFactory(title=title)
    EpisodeFactory(season=season)
    QualityVariantFactory(season=season)
    StudioFactory(name="Bones")
    LanguageFactory(code="ta")
    other_season = SeasonFactory(title=TitleFactory(name="Unrelated Show"))
    EpisodeFactory(season=other_season)
    QualityVariantFactory(season=other_season)
    GenreFactory(name="Drama")
    StudioFactory(name="Madhouse")
    LanguageFactory(code="ja")

    response = editor_client.get(admin_url(model, "list") + query)

    assert response.status_code == 200
    assert response.context["cl"].result_count == 1


@pytest.mark.parametrize(
    ("model_name", "field_name", "term", "expected"),
    [
        ("title", "genres", "cyber", "Cyberpunk"),
        ("title", "studios", "bon", "Bones"),
        ("qualityvariant", "audio_languages", "tam", "Tamil"),
        ("season", "title", "rou", "Metallic Rouge"),
    ],
)
def test_autocomplete_finds_related_entries(editor_client, model_name, field_name, term, expected):
    GenreFactory(name="Cyberpunk")
    StudioFactory(name="Bones")
    LanguageFactory(code="ta", name="Tamil")
    TitleFactory(name="Metallic Rouge")

    response = editor_client.get(
        "/admin/autocomplete/",
        {"app_label": "catalog", "model_name": model_name, "field_name": field_name, "term": term},
    )

    assert [result["text"] for result in json.loads(response.content)["results"]] == [expected]


def test_show_slug_is_prepopulated_from_its_name(editor_client):
    response = editor_client.get(admin_url(Title))

    prepopulated = response.context["adminform"].prepopulated_fields
    assert [
        (field["field"].name, [dep.name for dep in field["dependencies"]]) for field in prepopulated
    ] == [("slug", ["name"])]


def test_episode_generator_creates_episodes_one_to_n(editor_client):
    season = SeasonFactory()

    response = editor_client.post(
        admin_url(Season, "change", season),
        season_data(season.title, number=season.number, episodes_up_to="13", episode_duration="24"),
    )

    assert response.status_code == 302
    assert list(season.episodes.values_list("number", "duration")) == [
        (number, 24) for number in range(1, 14)
    ]
    assert "Created 13 episodes; episodes 1 to 13 now exist." in messages_of(response)


def test_episode_generator_keeps_episodes_that_exist(editor_client):
    season = SeasonFactory()
    EpisodeFactory(season=season, number=2, duration=47, name="Double length")

    response = editor_client.post(
        admin_url(Season, "change", season),
        season_data(season.title, number=season.number, episodes_up_to="3", episode_duration="24"),
    )

    assert list(season.episodes.values_list("number", "duration", "name")) == [
        (1, 24, ""),
        (2, 47, "Double length"),
        (3, 24, ""),
    ]
    assert "Created 2 episodes; episodes 1 to 3 now exist." in messages_of(response)


def test_episode_generator_works_while_adding_the_season(editor_client):
    title = TitleFactory()

    editor_client.post(
        admin_url(Season), season_data(title, episodes_up_to="1", episode_duration="30")
    )

    assert list(Episode.objects.values_list("season__title", "number", "duration")) == [
        (title.pk, 1, 30)
    ]


def test_episode_generator_prefills_the_shows_duration(editor_client):
    season = SeasonFactory(title=TitleFactory(episode_duration=26))

    response = editor_client.get(admin_url(Season, "change", season))

    assert response.context["adminform"].form["episode_duration"].value() == 26


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"episodes_up_to": "0", "episode_duration": "24"}, "greater than or equal to 1"),
        ({"episodes_up_to": "2001", "episode_duration": "24"}, "less than or equal to 2000"),
        ({"episodes_up_to": "12", "episode_duration": "0"}, "greater than or equal to 1"),
        ({"episodes_up_to": "12", "episode_duration": "-3"}, "greater than or equal to 1"),
        (
            {"episodes_up_to": "12", "episode_duration": ""},
            "Give the duration of the new episodes.",
        ),
    ],
    ids=["zero episodes", "2001 episodes", "zero minutes", "negative minutes", "no duration"],
)
def test_episode_generator_refuses_bad_numbers_and_creates_nothing(editor_client, fields, message):
    season = SeasonFactory(title=TitleFactory(episode_duration=None))

    response = editor_client.post(
        admin_url(Season, "change", season),
        season_data(season.title, number=season.number, **fields),
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Episode.objects.exists()
