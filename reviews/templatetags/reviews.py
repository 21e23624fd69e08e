"""Review lists for the catalog's and the home page, a show's structured data (which
carries its reviews' reader ratings), and authors' names (admin and public).

The catalog app must not import reviews (dependencies point one way), so its
templates pull their "Reviews" sections in through these tags instead; the home
page shows the latest reviews the same way.
"""

from django import template

from core.public_urls import absolute_url
from reviews import authors, selectors
from reviews.structured_data import json_ld_script, title_json_ld

register = template.Library()

SECTION_TEMPLATE = "reviews/includes/review_section.html"


@register.inclusion_tag("reviews/includes/latest_reviews.html")
def latest_reviews(page_obj):
    """The home page's latest reviews: one page of cards, featured first, with its links."""
    return {"page_obj": page_obj}


@register.filter
def author_name(user) -> str:
    """The admin-side name; public pages use `byline`."""
    return authors.author_name(user)


@register.inclusion_tag("reviews/includes/byline.html")
def byline(user):
    """The reader-facing author: their public profile's name and page, else the site's name."""
    return {"byline": authors.byline(user)}


@register.inclusion_tag(SECTION_TEMPLATE)
def reviews_of_title(title):
    return {"reviews": selectors.reviews_of_title(title)[: selectors.REVIEWS_IN_SECTION]}


@register.inclusion_tag(SECTION_TEMPLATE)
def reviews_in_genre(genre):
    return {"reviews": selectors.reviews_in_genre(genre)[: selectors.REVIEWS_IN_SECTION]}


@register.inclusion_tag(SECTION_TEMPLATE)
def reviews_in_audio_language(language):
    reviews = selectors.reviews_in_audio_language(language)
    return {"reviews": reviews[: selectors.REVIEWS_IN_SECTION]}


@register.simple_tag(takes_context=True)
def title_structured_data(context, title):
    """The show page's JSON-LD script, with the show's image_url from the page's context."""
    request = context["request"]
    data = title_json_ld(
        title,
        url=absolute_url(title.get_absolute_url(), request=request),
        image_url=context.get("image_url", ""),
        ratings=selectors.title_ratings(title),
    )
    return json_ld_script(data)
