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

Readers never see two reviews under one headline. A composed headline that another review
already shows is told apart (``distinct_headline``): when the other review is of another
show of the same name, by the show's premiere year ("Hunter x Hunter (2011)"), else its type
("(Movie)"), whichever differs; else by a number ("(review 2)"), as for a second review of
the same season. The review that showed the headline first keeps it. An editor's own
headline is never changed: the admin form refuses one that another review shows.
"""

from itertools import chain, count

from catalog.models import Language, QualityVariant, Title


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


def distinct_headline(review, headline: str, *, limit: int) -> str:
    """``headline``, or, when another review shows it already, the first free way to tell
    ``review`` apart, cut to ``limit`` characters with the telling part kept whole."""
    others = type(review)._default_manager.exclude(pk=review.pk)
    taken = dict(
        others.filter(display_headline__startswith=headline[: limit // 2]).values_list(
            "display_headline", "title_id"
        )
    )
    if headline not in taken:
        return headline
    told_apart = []
    if taken[headline] != review.title_id:
        title, other = review.title, Title.objects.get(pk=taken[headline])
        if title.premiere_year and title.premiere_year != other.premiere_year:
            told_apart.append(_with_suffix(headline, f"({title.premiere_year})", limit=limit))
        if title.kind != other.kind:
            told_apart.append(_with_suffix(headline, f"({title.get_kind_display()})", limit=limit))
    numbered = (numbered_headline(headline, number, limit=limit) for number in count(2))
    return next(candidate for candidate in chain(told_apart, numbered) if candidate not in taken)


def numbered_headline(headline: str, number: int, *, limit: int) -> str:
    """The headline of the ``number``-th review (from 2) of one show under ``headline``, as
    ``distinct_headline`` gives it: for writers of many reviews at once (the bench data)."""
    return _with_suffix(headline, f"(review {number})", limit=limit)


def _with_suffix(headline: str, suffix: str, *, limit: int) -> str:
    return f"{headline[: limit - len(suffix) - 1]} {suffix}"


def _audio_language_names(variants) -> list[str]:
    return list(
        Language.objects.filter(audio_variants__in=variants)
        .order_by("name")
        .values_list("name", flat=True)
        .distinct()
    )
