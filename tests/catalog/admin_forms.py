"""POST data for the catalog admin forms, as the browser sends it, inlines included."""

from catalog.models import QualityVariant, Title


def inline_forms(prefix: str, rows: list[dict] = (), initial: int = 0) -> dict:
    """The management form and rows of one inline formset."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})
    return data


def title_data(seasons=(), relations=(), **fields) -> dict:
    return {
        "name": "Metallic Rouge",
        "slug": "metallic-rouge",
        "kind": Title.Kind.TV,
        "status": Title.Status.FINISHED,
        "source": Title.Source.ORIGINAL,
        **inline_forms("seasons", list(seasons)),
        **inline_forms("relations", list(relations)),
        **fields,
    }


def season_data(title, episodes=(), variants=(), initial_episodes=0, **fields) -> dict:
    return {
        "title": title.pk,
        "number": "1",
        **inline_forms("episodes", list(episodes), initial_episodes),
        **inline_forms("variants", list(variants)),
        **fields,
    }


def variant_data(season, audio_languages, **fields) -> dict:
    return {
        "season": season.pk,
        "resolution": QualityVariant.Resolution.P1080,
        "packaging": QualityVariant.Packaging.EPISODES,
        "audio_languages": [language.pk for language in audio_languages],
        "is_available": "on",
        **fields,
    }
