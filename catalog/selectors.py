"""Read-side queries for the public catalog pages, built so their query count never grows.

A show page lists every season, episode and quality variant; fetching them with
Prefetch objects keeps it at a fixed number of queries whether a show has one
episode or five hundred. Reviews reuse `show_prefetches(prefix)` to fetch the
same data for the show a review is about.
"""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet

from catalog.models import Genre, Language, QualityVariant, Season, Title, TitleRelation

# How a relation reads from the other side: if B is a sequel of A, A is B's prequel.
INVERSE_RELATION_LABELS = {
    TitleRelation.Kind.SEQUEL: "Prequel",
    TitleRelation.Kind.PREQUEL: "Sequel",
    TitleRelation.Kind.SIDE_STORY: "Main story",
    TitleRelation.Kind.SPIN_OFF: "Original story",
}


@dataclass(frozen=True)
class FranchiseLink:
    """Another show of the same franchise, labelled from the point of view of this one."""

    label: str
    title: Title


@dataclass(frozen=True)
class AvailabilityRow:
    """Variants of a season that a reader would name together: "Season 01 — 480p 720p 1080p"."""

    label: str
    packaging: str
    resolutions: list[tuple[str, bool]]
    audio_languages: list[Language]
    subtitle_languages: list[Language]

    @property
    def is_available(self) -> bool:
        return any(is_available for _, is_available in self.resolutions)


def availability_rows(season: Season) -> list[AvailabilityRow]:
    """Group a season's prefetched variants by packaging, multi-audio and languages."""
    groups: dict[tuple, list[QualityVariant]] = {}
    for variant in season.variants.all():
        key = (
            variant.packaging,
            variant.is_multi_audio,
            tuple(language.pk for language in variant.audio_languages.all()),
            tuple(language.pk for language in variant.subtitle_languages.all()),
        )
        groups.setdefault(key, []).append(variant)
    rows = []
    for (packaging, is_multi_audio, _, _), variants in groups.items():
        label = season.label
        if packaging == QualityVariant.Packaging.SINGLE_FILE:
            label += " Single File"
        if is_multi_audio:
            label += " (Multi Audio)"
        rows.append(
            AvailabilityRow(
                label=label,
                packaging=variants[0].get_packaging_display(),
                resolutions=[
                    (variant.get_resolution_display(), variant.is_available)
                    for variant in sorted(variants, key=lambda variant: variant.resolution)
                ],
                audio_languages=list(variants[0].audio_languages.all()),
                subtitle_languages=list(variants[0].subtitle_languages.all()),
            )
        )
    return rows


def show_prefetches(prefix: str = "") -> list:
    """Everything the show page and information box read, as prefetches under `prefix`."""
    variants = QualityVariant.objects.prefetch_related("audio_languages", "subtitle_languages")
    seasons = Season.objects.prefetch_related("episodes", Prefetch("variants", queryset=variants))
    return [
        f"{prefix}genres",
        f"{prefix}studios",
        Prefetch(f"{prefix}seasons", queryset=seasons),
    ]


def title_for_page(slug: str) -> Title:
    """The show with the given slug and all it displays; raises Title.DoesNotExist."""
    return Title.objects.prefetch_related(
        *show_prefetches(),
        Prefetch("relations", queryset=TitleRelation.objects.select_related("to_title")),
        Prefetch("related_from", queryset=TitleRelation.objects.select_related("from_title")),
    ).get(slug=slug)


def audio_languages(title: Title) -> list[Language]:
    """The audio languages across the show's variants, by name, from prefetched data."""
    languages = {
        language.pk: language
        for season in title.seasons.all()
        for variant in season.variants.all()
        for language in variant.audio_languages.all()
    }
    return sorted(languages.values(), key=lambda language: language.name)


def episode_count(title: Title) -> int:
    """The number of episodes recorded across all seasons, from prefetched data."""
    return sum(len(season.episodes.all()) for season in title.seasons.all())


def franchise_links(title: Title) -> list[FranchiseLink]:
    """Related shows in both directions of TitleRelation, sequels and prequels first."""
    links = [
        FranchiseLink(relation.get_kind_display(), relation.to_title)
        for relation in title.relations.all()
    ]
    links += [
        FranchiseLink(INVERSE_RELATION_LABELS[relation.kind], relation.from_title)
        for relation in title.related_from.all()
    ]
    order = ["Sequel", "Prequel"]
    return sorted(
        links,
        key=lambda link: (
            order.index(link.label) if link.label in order else len(order),
            link.title.name,
        ),
    )


# What a show's card never displays: lists leave these long columns unread.
TITLE_CARD_OMITS = ("synopsis", "search_vector")


def titles_for_list() -> QuerySet[Title]:
    """Shows as list cards display them: with their genres, newest first."""
    return (
        Title.objects.defer(*TITLE_CARD_OMITS)
        .prefetch_related("genres")
        .order_by("-created_at", "name")
    )


def titles_in_genre(genre: Genre) -> QuerySet[Title]:
    return titles_for_list().filter(genres=genre).order_by("name")


def titles_with_audio_language(language: Language) -> QuerySet[Title]:
    """Shows with at least one variant in that audio language, each once."""
    return (
        titles_for_list()
        .filter(seasons__variants__audio_languages=language)
        .distinct()
        .order_by("name")
    )


def genres_with_title_counts() -> QuerySet[Genre]:
    """Genres that have at least one show, each with `title_count`."""
    return Genre.objects.annotate(title_count=Count("titles")).filter(title_count__gt=0)


def audio_languages_in_use() -> QuerySet[Language]:
    """Languages some variant is dubbed (or originally spoken) in.

    An EXISTS per language stops at the first variant found; a join with DISTINCT read
    every variant's language row first (20 ms at bench scale against 0.1 ms).
    """
    dubbed = QualityVariant.audio_languages.through.objects.filter(language_id=OuterRef("pk"))
    return Language.objects.filter(Exists(dubbed))
