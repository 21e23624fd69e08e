"""Catalog constraints hold in the database, and the admin turns them into form errors."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils.html import escape

from catalog.models import Episode, Genre, Language, QualityVariant, Season, Studio, Title
from catalog.models import TitleRelation as Relation
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


def duplicate_relation():
    first, second = TitleFactory.create_batch(2)
    Relation.objects.create(from_title=first, to_title=second, kind=Relation.Kind.SEQUEL)
    Relation.objects.create(from_title=first, to_title=second, kind=Relation.Kind.SEQUEL)


def title_related_to_itself():
    title = TitleFactory()
    Relation.objects.create(from_title=title, to_title=title, kind=Relation.Kind.SEQUEL)


def duplicate_season_number():
    season = SeasonFactory(number=1)
    Season.objects.create(title=season.title, number=1)


def duplicate_episode_number():
    episode = EpisodeFactory(number=3)
    Episode.objects.create(season=episode.season, number=3)


@pytest.mark.parametrize(
    "violate",
    [
        pytest.param(
            lambda: [GenreFactory(slug="action"), Genre.objects.create(name="B", slug="action")],
            id="genre slug is unique",
        ),
        pytest.param(
            lambda: [GenreFactory(name="Action"), Genre.objects.create(name="Action", slug="b")],
            id="genre name is unique",
        ),
        pytest.param(
            lambda: [LanguageFactory(code="ta"), Language.objects.create(code="ta", name="B")],
            id="language code is unique",
        ),
        pytest.param(
            lambda: [StudioFactory(slug="bones"), Studio.objects.create(name="B", slug="bones")],
            id="studio slug is unique",
        ),
        pytest.param(
            lambda: [StudioFactory(name="Bones"), Studio.objects.create(name="Bones", slug="b")],
            id="studio name is unique",
        ),
        pytest.param(
            lambda: [TitleFactory(slug="rouge"), TitleFactory(slug="rouge")],
            id="title slug is unique",
        ),
        pytest.param(lambda: TitleFactory(imdb_score=Decimal("11.0")), id="imdb score above 10"),
        pytest.param(lambda: TitleFactory(mal_score=Decimal("-0.1")), id="mal score below 0"),
        pytest.param(lambda: TitleFactory(episode_duration=0), id="title duration is positive"),
        pytest.param(
            lambda: TitleFactory(aired_from=date(2024, 3, 1), aired_to=date(2024, 1, 1)),
            id="title aired to is not before aired from",
        ),
        pytest.param(duplicate_relation, id="relation is recorded once"),
        pytest.param(title_related_to_itself, id="title is not related to itself"),
        pytest.param(duplicate_season_number, id="season number is unique per title"),
        pytest.param(lambda: SeasonFactory(number=0), id="season numbers start at 1"),
        pytest.param(duplicate_episode_number, id="episode number is unique per season"),
        pytest.param(lambda: EpisodeFactory(number=0), id="episode numbers start at 1"),
        pytest.param(lambda: EpisodeFactory(duration=0), id="episode duration is positive"),
        pytest.param(lambda: EpisodeFactory(duration=-5), id="episode duration is not negative"),
        pytest.param(lambda: QualityVariantFactory(file_size=0), id="variant size is positive"),
    ],
)
def test_database_refuses_a_row_that_breaks_a_constraint(violate):
    with pytest.raises(IntegrityError), transaction.atomic():
        violate()


def title_change(title, **fields):
    return f"/admin/catalog/title/{title.pk}/change/", title_data(
        name=title.name, slug=title.slug, **fields
    )


def season_change(season, **fields):
    return f"/admin/catalog/season/{season.pk}/change/", season_data(
        season.title, number=season.number, **fields
    )


def episode_rows(*numbers, duration="24"):
    return [{"number": str(number), "duration": duration} for number in numbers]


def genre_add_with_taken_name():
    GenreFactory(name="Action", slug="action-1")
    return "/admin/catalog/genre/add/", {"name": "Action", "slug": "action-2"}


def studio_add_with_taken_slug():
    StudioFactory(slug="bones")
    return "/admin/catalog/studio/add/", {"name": "Bones", "slug": "bones"}


def new_title_with_existing_slug():
    TitleFactory(slug="metallic-rouge")
    return "/admin/catalog/title/add/", title_data()


def inline_season_duplicating_a_stored_one():
    season = SeasonFactory(number=1)
    return title_change(season.title, seasons=[{"number": "1"}])


def relation_to_itself_in_the_inline():
    title = TitleFactory()
    return title_change(title, relations=[{"kind": "sequel", "to_title": str(title.pk)}])


def season_add_with_taken_number():
    season = SeasonFactory(number=2)
    return "/admin/catalog/season/add/", season_data(season.title, number="2")


def inline_episode_duplicating_a_stored_one():
    episode = EpisodeFactory(number=1)
    return season_change(episode.season, episodes=episode_rows(1))


def episode_add_with_taken_number():
    episode = EpisodeFactory(number=4)
    return "/admin/catalog/episode/add/", {"season": episode.season.pk, "number": "4"}


def variant_with_zero_size():
    return "/admin/catalog/qualityvariant/add/", variant_data(
        SeasonFactory(), [LanguageFactory()], file_size="0"
    )


@pytest.mark.parametrize(
    ("build_post", "message"),
    [
        pytest.param(
            genre_add_with_taken_name,
            "Genre with this Name already exists.",
            id="duplicate genre",
        ),
        pytest.param(
            lambda: ("/admin/catalog/language/add/", {"code": "Tamil", "name": "Tamil"}),
            "Enter a BCP-47 language tag",
            id="language code that is not BCP-47",
        ),
        pytest.param(
            studio_add_with_taken_slug,
            "Studio with this Slug already exists.",
            id="duplicate studio slug",
        ),
        pytest.param(
            new_title_with_existing_slug,
            "Title with this Slug already exists.",
            id="duplicate title slug",
        ),
        pytest.param(
            lambda: ("/admin/catalog/title/add/", title_data(imdb_score="11")),
            "Ensure this value is less than or equal to 10.0.",
            id="score 11",
        ),
        pytest.param(
            lambda: ("/admin/catalog/title/add/", title_data(mal_score="6.25")),
            "Ensure that there are no more than 1 decimal place.",
            id="score with two decimals",
        ),
        pytest.param(
            lambda: ("/admin/catalog/title/add/", title_data(episode_duration="0")),
            "Episode duration must be positive.",
            id="zero title duration",
        ),
        pytest.param(
            lambda: (
                "/admin/catalog/title/add/",
                title_data(aired_from="2024-03-01", aired_to="2024-01-01"),
            ),
            "The last air date cannot be before the first.",
            id="aired to before aired from",
        ),
        pytest.param(
            lambda: (
                "/admin/catalog/title/add/",
                title_data(seasons=[{"number": "1"}, {"number": "1"}]),
            ),
            "Please correct the duplicate data for number",
            id="two season rows with one number",
        ),
        pytest.param(
            inline_season_duplicating_a_stored_one,
            "This show already has a season with this number.",
            id="season row duplicating a stored season",
        ),
        pytest.param(
            lambda: ("/admin/catalog/title/add/", title_data(seasons=[{"number": "0"}])),
            "Season numbers start at 1.",
            id="season number 0 in the inline",
        ),
        pytest.param(
            relation_to_itself_in_the_inline,
            "A show cannot be related to itself.",
            id="relation to itself",
        ),
        pytest.param(
            season_add_with_taken_number,
            "This show already has a season with this number.",
            id="season added with a taken number",
        ),
        pytest.param(
            lambda: season_change(SeasonFactory(), episodes=episode_rows(5, 5)),
            "Please correct the duplicate data for number",
            id="two episode rows with one number",
        ),
        pytest.param(
            inline_episode_duplicating_a_stored_one,
            "This season already has an episode with this number.",
            id="episode row duplicating a stored episode",
        ),
        pytest.param(
            lambda: season_change(SeasonFactory(), episodes=episode_rows(1, duration="-5")),
            "Ensure this value is greater than or equal to 0.",
            id="negative episode duration",
        ),
        pytest.param(
            lambda: season_change(SeasonFactory(), episodes=episode_rows(1, duration="0")),
            "Duration must be positive.",
            id="zero episode duration",
        ),
        pytest.param(
            episode_add_with_taken_number,
            "This season already has an episode with this number.",
            id="episode added with a taken number",
        ),
        pytest.param(
            variant_with_zero_size,
            "File size must be positive.",
            id="variant of zero bytes",
        ),
    ],
)
def test_admin_shows_a_constraint_violation_as_a_form_error(editor_client, build_post, message):
    url, data = build_post()
    rows_before = row_counts()

    response = editor_client.post(url, data)

    assert response.status_code == 200
    assert escape(message) in response.content.decode()
    assert row_counts() == rows_before


def row_counts() -> dict[str, int]:
    models = (Genre, Language, Studio, Title, Relation, Season, Episode, QualityVariant)
    return {model.__name__: model.objects.count() for model in models}
