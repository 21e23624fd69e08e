"""schema.org `Review` data for a review page, built as a dict and rendered as JSON-LD."""

import json

from django.utils.safestring import SafeString, mark_safe

from catalog.models import Title
from catalog.selectors import episode_count
from core.public_urls import absolute_url
from reviews.authors import byline
from reviews.models import Review

# The characters that could close the <script> element or open a comment inside it;
# JSON allows them as \u escapes, so the data reads the same to a parser.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def item_reviewed(title: Title) -> dict:
    """The show as schema.org sees it: a Movie, or a TVSeries with its episode count."""
    genres = [genre.name for genre in title.genres.all()]
    if title.kind == Title.Kind.MOVIE:
        return {"@type": "Movie", "name": title.name, "genre": genres}
    return {
        "@type": "TVSeries",
        "name": title.name,
        "genre": genres,
        "numberOfEpisodes": episode_count(title),
    }


def review_author(review: Review, request=None) -> dict:
    """The author's Person with their page, or the site as an Organization (no public profile)."""
    author = byline(review.author)
    if not author.is_person:
        return {"@type": "Organization", "name": author.name}
    return {
        "@type": "Person",
        "name": author.name,
        "url": absolute_url(author.url, request=request),
    }


def review_json_ld(review: Review, url: str, image_url: str = "", request=None) -> dict:
    """Reads only the review's prefetched data, so it adds no query to the page."""
    data = {
        "@context": "https://schema.org",
        "@type": "Review",
        "name": review.display_headline,
        "url": url,
        "itemReviewed": item_reviewed(review.title),
        "author": review_author(review, request),
        "datePublished": review.publish_at.isoformat() if review.publish_at else None,
        "dateModified": review.updated_at.isoformat(),
        "description": review.meta_description or review.excerpt,
    }
    if image_url:
        data["image"] = image_url
    if review.editor_score is not None:
        data["reviewRating"] = {
            "@type": "Rating",
            "ratingValue": float(review.editor_score),
            "bestRating": 10,
            "worstRating": 0,
        }
    if review.rating_count:
        data["aggregateRating"] = {
            "@type": "AggregateRating",
            "ratingValue": float(review.reader_average),
            "ratingCount": review.rating_count,
            "bestRating": 10,
            "worstRating": 1,
        }
    return data


def json_ld_script(data: dict) -> SafeString:
    """A <script type="application/ld+json"> element that no string in `data` can break out of."""
    payload = json.dumps(data, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308
