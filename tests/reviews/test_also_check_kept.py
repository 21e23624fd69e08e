"""Also Check is ranked once and kept until something that ranks it changes."""

from datetime import timedelta
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from catalog.models import TitleRelation
from reviews import services
from tests.factories import GenreFactory, TitleFactory
from tests.reviews.factories import ReviewFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_off(settings):
    """Every look below renders the page, so what Also Check holds is seen each time."""
    settings.PAGE_CACHE_SECONDS = 0


def also_check(client, review) -> tuple[list, int]:
    """The page's Also Check, and how many queries ranked every live review for it."""
    with CaptureQueriesContext(connection) as captured:
        picks = client.get(review.get_absolute_url()).context["also_check"]
    return picks, sum('"is_franchise"' in query["sql"] for query in captured.captured_queries)


@pytest.fixture
def mecha():
    return GenreFactory(name="Mecha")


@pytest.fixture
def reading(mecha):
    """The review a reader is on, and one sharing its genre."""
    return ReviewFactory(title=TitleFactory(genres=[mecha])), ReviewFactory(
        title=TitleFactory(genres=[mecha])
    )


def test_the_next_reader_gets_the_kept_picks_without_ranking(client, reading):
    review, neighbour = reading
    assert also_check(client, review) == ([neighbour], 1)
    assert also_check(client, review) == ([neighbour], 0)


def test_a_published_or_unpublished_review_reranks_at_once(client, reading, mecha, editor):
    review, neighbour = reading
    also_check(client, review)
    draft = ReviewFactory(title=TitleFactory(genres=[mecha]), draft=True)

    services.publish_review(review=draft, by=editor)
    picks, ranked = also_check(client, review)
    assert draft in picks and ranked == 1

    services.unpublish_review(review=neighbour, by=editor)
    assert also_check(client, review)[0] == [draft]


def test_a_shared_genre_tag_or_franchise_link_reranks(client, reading):
    review, neighbour = reading
    stranger = ReviewFactory(title=TitleFactory(), publish_at=timezone.now() - timedelta(days=300))
    sequel = ReviewFactory(title=TitleFactory(), publish_at=timezone.now() - timedelta(days=400))
    assert also_check(client, review)[0] == [neighbour, stranger, sequel]

    TitleRelation.objects.create(
        from_title=review.title, to_title=sequel.title, kind=TitleRelation.Kind.SEQUEL
    )
    assert also_check(client, review)[0] == [sequel, neighbour, stranger]

    services.set_review_tags(review=review, names=["android"])
    services.set_review_tags(review=stranger, names=["android"])
    stranger.title.genres.add(*review.title.genres.all())
    assert also_check(client, review)[0] == [sequel, stranger, neighbour]


def test_kept_picks_make_way_for_a_scheduled_review_when_it_goes_live(client, reading, mecha):
    review, neighbour = reading
    scheduled = ReviewFactory(title=TitleFactory(genres=[mecha]), scheduled=True)
    assert also_check(client, review)[0] == [neighbour]

    later = scheduled.publish_at + timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        picks, ranked = also_check(client, review)
    assert scheduled in picks and ranked == 1
