"""The headline composed from catalog data: "Metallic Rouge (Season 01) Tamil [480p 720p 1080p]".

Rules (also in the README):

- the show's name, then the season label in brackets when the review is about one season;
- the audio languages of the available quality variants of that season (of every
  season when the review covers the whole show), by name, joined with " + ".
  Multi-audio packs are left out of the languages when other variants exist: a
  "Single File (Multi Audio)" pack would otherwise list every dub and drown the
  language the release is known for. When only multi-audio packs exist, their
  languages are used;
- the distinct resolutions of those variants, ascending, in square brackets.

Parts with nothing to show are left out, so a show without variants is just its name.
"""

from catalog.models import Language, QualityVariant


def compose_headline(review) -> str:
    """Build the headline for ``review`` from its show, season and quality variants."""
    variants = QualityVariant.objects.filter(is_available=True, season__title=review.title_id)
    if review.season_id:
        variants = variants.filter(season=review.season_id)
    parts = [review.title.name]
    if review.season_id:
        parts.append(f"({review.season.label})")
    languages = _audio_language_names(variants.filter(is_multi_audio=False))
    if not languages:
        languages = _audio_language_names(variants.filter(is_multi_audio=True))
    if languages:
        parts.append(" + ".join(languages))
    resolutions = sorted(set(variants.values_list("resolution", flat=True)))
    if resolutions:
        labels = " ".join(QualityVariant.Resolution(value).label for value in resolutions)
        parts.append(f"[{labels}]")
    return " ".join(parts)


def _audio_language_names(variants) -> list[str]:
    return list(
        Language.objects.filter(audio_variants__in=variants)
        .order_by("name")
        .values_list("name", flat=True)
        .distinct()
    )
