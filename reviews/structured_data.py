"""schema.org data built as dicts and rendered as JSON-LD: a review page's `Review`, and a
show page's `TVSeries` or `Movie` with its readers' `AggregateRating`."""

import json
from decimal import Decimal

from django.utils.safestring import SafeString, mark_safe

from catalog.models import Title
from catalog.structured_data import title_schema
from core.public_urls import absolute_url
from reviews.authors import byline
from reviews.models import Review
from reviews.scores import to_one_decimal

# The characters that could close the <script> element or open a comment inside it;
# JSON allows them as \u escapes, so the data reads the same to a parser.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def reader_rating(*, rating_sum: int, rating_count: int) -> dict | None:
    """Readers' ratings (1 to 10) as schema.org's AggregateRating; None when there are none,
    since Google refuses a rating counted from nobody."""
    if not rating_count:
        return None
    return {
        "@type": "AggregateRating",
        "ratingValue": float(to_one_decimal(Decimal(rating_sum) / rating_count)),
        "ratingCount": rating_count,
        "bestRating": 10,
        "worstRating": 1,
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


def title_json_ld(title: Title, *, url: str, image_url: str, ratings: dict) -> dict:
    """A show page's data; `ratings` sums its live reviews' votes (selectors.title_ratings)."""
    data = {"@context": "https://schema.org", **title_schema(title), "url": url}
    if image_url:
        data["image"] = image_url
    if title.synopsis:
        data["description"] = title.synopsis
    aggregate = reader_rating(**ratings)
    if aggregate:
        data["aggregateRating"] = aggregate
    return data


def review_json_ld(review: Review, url: str, image_url: str = "", request=None) -> dict:
    """Reads only the review's prefetched data, so it adds no query to the page."""
    data = {
        "@context": "https://schema.org",
        "@type": "Review",
        "name": review.display_headline,
        "url": url,
        "itemReviewed": title_schema(review.title),
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
    aggregate = reader_rating(rating_sum=review.rating_sum, rating_count=review.rating_count)
    if aggregate:
        data["aggregateRating"] = aggregate
    return data


def json_ld_script(data: dict) -> SafeString:
    """A <script type="application/ld+json"> element that no string in `data` can break out of."""
    payload = json.dumps(data, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308
