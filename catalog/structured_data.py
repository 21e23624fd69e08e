"""schema.org data for a show: a `Movie`, or a `TVSeries` with its episode count and run."""

from datetime import date

from catalog.models import Title
from catalog.selectors import episode_count


def _dates(**dates: date | None) -> dict[str, str]:
    """The known dates in ISO form; unknown ones are left out rather than sent empty."""
    return {name: value.isoformat() for name, value in dates.items() if value}


def title_schema(title: Title) -> dict:
    """Reads only the show page's prefetched data (genres, seasons, episodes): no query.

    A movie has one release date; a series runs from its first air date to its last.
    """
    genres = [genre.name for genre in title.genres.all()]
    if title.kind == Title.Kind.MOVIE:
        return {
            "@type": "Movie",
            "name": title.name,
            "genre": genres,
            **_dates(datePublished=title.aired_from),
        }
    return {
        "@type": "TVSeries",
        "name": title.name,
        "genre": genres,
        "numberOfEpisodes": episode_count(title),
        **_dates(startDate=title.aired_from, endDate=title.aired_to),
    }
