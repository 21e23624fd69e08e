"""The benchmark dataset generator at a tiny size: exact counts, consistent totals, live pages."""

import pytest
from django.db.models import Count, Q, Sum

from bench.dataset import Sizes, generate
from bench.names import DISCUSSION_COMMENTS, DISCUSSION_REVIEW_SLUG
from catalog.models import Episode, Title
from comments.models import Comment
from ratings.models import Rating
from reviews.models import Review
from tests.search.conftest import postgresql_only

TINY = Sizes(shows=6, episodes=20, reviews=25, comments=400, ratings=90)

pytestmark = pytest.mark.django_db


@pytest.fixture
def dataset():
    generate(TINY)


def test_generator_creates_exactly_the_requested_rows(dataset):
    counts = (
        Title.objects.count(),
        Episode.objects.count(),
        Review.objects.count(),
        Comment.objects.count(),
        Rating.objects.count(),
    )
    assert counts == (6, 20, 25, 400, 90)


def test_stored_rating_totals_match_the_rating_rows(dataset):
    totals = Rating.objects.values("review").annotate(count=Count("pk"), total=Sum("score"))
    by_review = {row["review"]: (row["count"], row["total"]) for row in totals}
    stored = {
        review.pk: (review.rating_count, review.rating_sum)
        for review in Review.objects.filter(rating_count__gt=0)
    }
    assert stored == by_review


def test_stored_comment_counts_match_the_approved_comments(dataset):
    approved = Count("comments", filter=Q(comments__status=Comment.Status.APPROVED))
    reviews = Review.objects.annotate(approved=approved)
    assert {review.comment_count for review in reviews} != {0}
    assert all(review.comment_count == review.approved for review in reviews)


def test_discussion_review_has_exactly_300_approved_comments_on_its_page(dataset, client):
    review = Review.objects.get(slug=DISCUSSION_REVIEW_SLUG)
    assert review.comments.approved().count() == DISCUSSION_COMMENTS == review.comments.count()
    response = client.get(review.get_absolute_url())
    assert response.status_code == 200
    assert f"{DISCUSSION_COMMENTS} comments" in response.text


def test_generated_review_page_shows_its_rendered_body_and_composed_headline(dataset, client):
    review = Review.objects.live().exclude(slug=DISCUSSION_REVIEW_SLUG).first()
    response = client.get(review.get_absolute_url())
    assert response.status_code == 200
    assert review.display_headline.startswith(review.title.name)
    assert review.display_headline in response.text
    assert review.toc and review.toc[0]["id"] in response.text


def test_rendered_body_is_the_body_rendered_by_the_review_itself(dataset):
    review = Review.objects.live().first()
    stored = (review.body_html, review.toc, review.display_headline)
    review.save()
    assert (review.body_html, review.toc, review.display_headline) == stored


def test_no_two_generated_reviews_share_a_headline(dataset):
    headlines = list(Review.objects.values_list("display_headline", flat=True))
    assert len(headlines) > len(set(Review.objects.values_list("title", flat=True)))
    assert len(set(headlines)) == len(headlines)


def test_some_reviews_are_drafts_or_scheduled_and_stay_off_the_home_page(dataset, client):
    hidden = Review.objects.exclude(pk__in=Review.objects.live()).first()
    assert hidden is not None
    response = client.get("/")
    assert response.status_code == 200
    assert hidden.get_absolute_url() not in response.text
    assert client.get(hidden.get_absolute_url()).status_code == 404


def test_every_show_page_renders(dataset, client):
    for title in Title.objects.all():
        assert client.get(title.get_absolute_url()).status_code == 200


def test_generator_refuses_a_database_that_already_holds_shows(dataset):
    with pytest.raises(ValueError, match="empty"):
        generate(TINY)
    assert Title.objects.count() == TINY.shows


def test_generator_refuses_fewer_comments_than_the_big_discussion_needs():
    with pytest.raises(ValueError, match="at least 300"):
        generate(Sizes(shows=1, episodes=1, reviews=1, comments=10, ratings=0))
    assert not Title.objects.exists()


def test_generated_reviews_are_found_by_search(dataset, client):
    review = Review.objects.live().exclude(slug=DISCUSSION_REVIEW_SLUG).select_related("title")[0]
    response = client.get("/search/", {"q": review.title.name})
    assert response.status_code == 200
    assert review.get_absolute_url() in response.text


@pytest.mark.postgres
@postgresql_only
def test_every_generated_review_and_show_has_a_search_vector(dataset):
    assert not Review.objects.filter(search_vector=None).exists()
    assert not Title.objects.filter(search_vector=None).exists()
