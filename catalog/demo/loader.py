"""Writes the demo catalog in `catalog.demo.data` to the database, safely repeatable.

Every row is keyed on its natural key (slug, code, season and episode number,
resolution and packaging) through `update_or_create` or an upsert, so a second run updates
rather than duplicates, and posters already in storage are kept.
"""

from django.core.files.base import ContentFile
from django.db import transaction

from catalog.demo.data import GENRES, LANGUAGES, RELATIONS, SHOWS, STUDIOS, DemoSeason, DemoShow
from catalog.demo.posters import draw_poster
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


def load(log) -> None:
    """Load the demo catalog, then draw any poster that is missing; `log` takes one line."""
    with transaction.atomic():
        titles = _load_rows()
    drawn = sum(_ensure_poster(title, show) for title, show in titles)
    log(
        f"Demo catalog: {len(SHOWS)} shows, {len(GENRES)} genres, {len(LANGUAGES)} languages "
        f"({drawn} posters drawn)."
    )


def _load_rows() -> list[tuple[Title, DemoShow]]:
    languages = {
        code: Language.objects.update_or_create(
            code=code, defaults={"name": name, "native_name": native_name}
        )[0]
        for code, name, native_name in LANGUAGES
    }
    genres = {
        slug: Genre.objects.update_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )[0]
        for slug, (name, description) in GENRES.items()
    }
    studios = {
        slug: Studio.objects.update_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in STUDIOS.items()
    }
    titles = []
    for show in SHOWS:
        title = _load_show(show)
        title.genres.set([genres[slug] for slug in show.genres])
        title.studios.set([studios[slug] for slug in show.studios])
        for demo_season in show.seasons:
            _load_season(title, show, demo_season, languages)
        titles.append((title, show))

    by_slug = {title.slug: title for title, _ in titles}
    for from_slug, kind, to_slug in RELATIONS:
        TitleRelation.objects.get_or_create(
            from_title=by_slug[from_slug], to_title=by_slug[to_slug], kind=kind
        )
    return titles


def _load_show(show: DemoShow) -> Title:
    title, _ = Title.objects.update_or_create(
        slug=show.slug,
        defaults={
            "name": show.name,
            "name_native": show.name_native,
            "name_romaji": show.name_romaji,
            "kind": show.kind,
            "status": show.status,
            "synopsis": show.synopsis,
            "director": show.director,
            "aired_from": show.aired_from,
            "aired_to": show.aired_to,
            "premiere_season": show.premiere_season,
            "premiere_year": show.premiere_year,
            "episode_duration": show.episode_duration,
            "source": show.source,
            "age_rating": show.age_rating,
            "imdb_score": show.imdb_score,
            "imdb_score_date": show.scores_taken_on if show.imdb_score else None,
            "mal_score": show.mal_score,
            "mal_score_date": show.scores_taken_on if show.mal_score else None,
        },
    )
    return title


def _load_season(title: Title, show: DemoShow, demo: DemoSeason, languages: dict) -> None:
    season, _ = Season.objects.update_or_create(
        title=title,
        number=demo.number,
        defaults={"aired_from": demo.aired_from, "aired_to": demo.aired_to},
    )
    names = demo.episode_names + ("",) * (demo.episode_count - len(demo.episode_names))
    # One upsert per season rather than a query pair per episode: shows run to dozens.
    Episode.objects.bulk_create(
        [
            Episode(season=season, number=number, name=name, duration=show.episode_duration)
            for number, name in enumerate(names, start=1)
        ],
        update_conflicts=True,
        unique_fields=["season", "number"],
        update_fields=["name", "duration"],
    )
    for demo_variant in demo.variants:
        variant, _ = QualityVariant.objects.update_or_create(
            season=season,
            resolution=demo_variant.resolution,
            packaging=demo_variant.packaging,
            defaults={
                "is_multi_audio": demo_variant.is_multi_audio,
                "video_codec": demo_variant.video_codec,
                "is_available": True,
            },
        )
        variant.audio_languages.set([languages[code] for code in demo_variant.audio])
        variant.subtitle_languages.set([languages[code] for code in demo_variant.subtitles])


def _ensure_poster(title: Title, show: DemoShow) -> bool:
    """Draw and store the show's poster unless one is already in storage; say if it drew."""
    if title.poster and title.poster.storage.exists(title.poster.name):
        return False
    subtitle = f"{title.get_kind_display()} · {show.premiere_year}"
    png = draw_poster(show.name, subtitle, show.poster_colours)
    title.poster.save(f"{show.slug}.png", ContentFile(png), save=True)
    return True
