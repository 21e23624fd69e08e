"""Editors see reader ratings read-only in the admin and delete abusive ones; totals follow."""

import pytest

from ratings.models import Rating
from tests.ratings.votes import cast_votes
from tests.reviews.factories import ReviewFactory, staff_user

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/ratings/rating/"


@pytest.fixture
def editor_client(client):
    client.force_login(staff_user("Editors"))
    return client


@pytest.fixture
def review():
    return cast_votes(ReviewFactory(), 2, 9, 10)


def totals(review) -> tuple[int, int]:
    review.refresh_from_db()
    return review.rating_count, review.rating_sum


def test_an_editor_sees_a_reviews_ratings(editor_client, review):
    other = cast_votes(ReviewFactory(), 4)

    response = editor_client.get(CHANGELIST, {"review__id__exact": review.pk})

    assert response.status_code == 200
    assert response.context["cl"].result_count == 3
    assert other.ratings.get() not in response.context["cl"].result_list


def test_an_editor_sees_a_rating_read_only(editor_client, review):
    rating = review.ratings.first()

    response = editor_client.get(f"{CHANGELIST}{rating.pk}/change/")
    editor_client.post(f"{CHANGELIST}{rating.pk}/change/", {"score": "1"})

    assert response.status_code == 200
    assert not response.context["has_change_permission"]
    rating.refresh_from_db()
    assert rating.score != 1


def test_nobody_adds_ratings_in_the_admin(editor_client):
    assert editor_client.get(f"{CHANGELIST}add/").status_code == 403


def test_writers_do_not_see_ratings(client, review):
    client.force_login(staff_user("Writers"))

    assert client.get(CHANGELIST).status_code == 403


def test_deleting_an_abusive_rating_takes_it_out_of_the_totals(editor_client, review):
    abusive = review.ratings.get(score=2)

    response = editor_client.post(f"{CHANGELIST}{abusive.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not Rating.objects.filter(pk=abusive.pk).exists()
    assert totals(review) == (2, 19)


def test_deleting_ratings_in_bulk_keeps_every_reviews_totals_exact(editor_client, review):
    other = cast_votes(ReviewFactory(), 1, 1, 8)
    chosen = [*review.ratings.filter(score__in=[2, 10]), *other.ratings.filter(score=1)]

    response = editor_client.post(
        CHANGELIST,
        {
            "action": "delete_selected",
            "_selected_action": [rating.pk for rating in chosen],
            "post": "yes",
        },
    )

    assert response.status_code == 302
    assert totals(review) == (1, 9)
    assert totals(other) == (1, 8)


def test_the_review_list_links_each_reviews_average_to_its_ratings(editor_client, review):
    response = editor_client.get("/admin/reviews/review/")

    link = f'href="{CHANGELIST}?review__id__exact={review.pk}">7.0 / 10 from 3 readers</a>'
    assert link in response.content.decode()
