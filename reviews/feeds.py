"""RSS and Atom feeds of the latest live reviews, and RSS feeds of one show's or genre's.

Authors appear by their public byline only (reviews.authors.byline: a profile's name
and page, else the site's name): `item_author_email` is deliberately not defined, so
no address ever reaches a feed reader. Links are under SITE_URL when it is set (Django's
syndication adds the request's host only to links that have none). An item carries the
excerpt or, with FEED_CONTENT=full, the whole sanitised article with absolute URLs.
"""

import copy

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.safestring import mark_safe

from catalog.models import Genre, Title
from core.public_urls import absolute_url
from reviews import selectors
from reviews.authors import byline
from reviews.markdown import with_absolute_urls

FEED_LENGTH = 20


def is_full_text() -> bool:
    return settings.FEED_CONTENT == "full"


class LatestReviewsFeed(Feed):
    title = f"{settings.SITE_NAME}: latest reviews"
    description = "The newest long-form anime reviews."
    # Renders get_context_data's "description", which needs the request (for the
    # absolute URLs of a full-text item when SITE_URL is unset).
    description_template = "reviews/feed_item_description.html"

    feed_url_name = "reviews:feed"

    def link(self):
        return absolute_url(reverse("home"))

    def feed_url(self):
        return absolute_url(reverse(self.feed_url_name))

    def item_link(self, item):
        return absolute_url(item.get_absolute_url())

    def items(self):
        return self.reviews()[:FEED_LENGTH]

    def reviews(self):
        """The feed's live reviews, newest first; narrowed by the feeds of a show or genre."""
        return selectors.reviews_for_feed(with_body=is_full_text())

    def item_title(self, item):
        return item.display_headline

    def get_context_data(self, *, item, request, **kwargs):
        if is_full_text():
            base_url = absolute_url(item.get_absolute_url(), request=request)
            description = mark_safe(with_absolute_urls(item.body_html, base_url=base_url))  # noqa: S308 (sanitised)
        else:
            description = item.excerpt or item.meta_description
        return {"description": description}

    def item_author_name(self, item):
        return byline(item.author).name

    def get_feed(self, obj, request):
        """Author links are not given the request's host by Django (item links are): a copy
        of the feed per request knows it, for when SITE_URL is unset."""
        feed = copy.copy(self)
        feed.request = request
        return Feed.get_feed(feed, obj, request)

    def item_author_link(self, item):
        url = byline(item.author).url
        return absolute_url(url, request=self.request) if url else None

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        genres = [genre.name for genre in item.title.genres.all()]
        return genres + [tag.name for tag in item.tags.all()]


class LatestReviewsAtomFeed(LatestReviewsFeed):
    feed_type = Atom1Feed
    feed_url_name = "reviews:atom_feed"
    subtitle = LatestReviewsFeed.description


class ReviewsOfFeed(LatestReviewsFeed):
    """RSS of the live reviews under one show or genre, found by slug; unknown, a 404.

    A subclass names the `model`, the review `lookup` that reaches it, its URL name and
    the feed's `heading` and `blurb` (with `{name}`).
    """

    model: type[Title | Genre]
    lookup: str
    heading: str
    blurb: str

    def get_object(self, request, slug):
        return get_object_or_404(self.model, slug=slug)

    def title(self, obj):
        return f"{settings.SITE_NAME}: {self.heading.format(name=obj.name)}"

    def description(self, obj):
        return self.blurb.format(name=obj.name)

    def link(self, obj):
        return absolute_url(obj.get_absolute_url())

    def feed_url(self, obj):
        return absolute_url(reverse(self.feed_url_name, kwargs={"slug": obj.slug}))

    def items(self, obj):
        return self.reviews().filter(**{self.lookup: obj})[:FEED_LENGTH]


class TitleReviewsFeed(ReviewsOfFeed):
    model = Title
    lookup = "title"
    feed_url_name = "reviews:title_feed"
    heading = "reviews of {name}"
    blurb = "The newest reviews of {name}."


class GenreReviewsFeed(ReviewsOfFeed):
    model = Genre
    lookup = "title__genres"
    feed_url_name = "reviews:genre_feed"
    heading = "{name} reviews"
    blurb = "The newest reviews of {name} shows."
