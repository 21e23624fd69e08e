"""RSS and Atom feeds of the latest live reviews.

Authors appear by their public byline only (reviews.authors.byline: a profile's name
and page, else the site's name): `item_author_email` is deliberately not defined, so
no address ever reaches a feed reader. Links are under SITE_URL when it is set (Django's
syndication adds the request's host only to links that have none).
"""

import copy

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from core.public_urls import absolute_url
from reviews import selectors
from reviews.authors import byline

FEED_LENGTH = 20


class LatestReviewsFeed(Feed):
    title = f"{settings.SITE_NAME}: latest reviews"
    description = "The newest long-form anime reviews."

    feed_url_name = "reviews:feed"

    def link(self):
        return absolute_url(reverse("home"))

    def feed_url(self):
        return absolute_url(reverse(self.feed_url_name))

    def item_link(self, item):
        return absolute_url(item.get_absolute_url())

    def items(self):
        return selectors.reviews_for_feed()[:FEED_LENGTH]

    def item_title(self, item):
        return item.display_headline

    def item_description(self, item):
        return item.excerpt or item.meta_description

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
