"""Hostile input to the admin gets a 4xx or the form back, never a 500, and stores nothing."""

import pytest
from axes.models import AccessAttempt

from catalog.models import Episode
from reviews.models import Review
from tests.catalog.admin_forms import title_data
from tests.factories import GenreFactory
from tests.reviews.admin_forms import form_data
from tests.reviews.factories import ReviewFactory

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999999"


def test_a_username_longer_than_any_account_gets_a_form_error_and_is_not_recorded(client):
    """django-axes stores the username of a failed login in a varchar(255): a 500 before."""
    response = client.post("/admin/login/", {"username": "a" * 256, "password": "guess"})

    assert response.status_code == 200
    assert "at most 150 characters" in response.content.decode()
    assert not AccessAttempt.objects.exists()


@pytest.mark.parametrize(
    "path",
    [
        "/admin/reviews/review/?status=%00",
        "/admin/comments/comment/?status=%00",
        "/admin/catalog/title/?status=%00",
        "/admin/autocomplete/?term=%00&app_label=reviews&model_name=review&field_name=title",
    ],
)
def test_a_nul_byte_in_an_admin_filter_or_search_gets_the_400_page(admin_client, path):
    response = admin_client.get(path)

    assert response.status_code == 400
    assert "<h1>Bad request</h1>" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        f"publish_at__year={HUGE}",
        f"publish_at__year=2024&publish_at__month={HUGE}",
        f"publish_at__year=2024&publish_at__month=1&publish_at__day={HUGE}",
    ],
)
def test_an_overflowing_date_filter_reloads_the_list_without_it(admin_client, query):
    response = admin_client.get(f"/admin/reviews/review/?{query}")

    assert response.status_code == 302
    assert response["Location"] == "/admin/reviews/review/?e=1"


@pytest.mark.parametrize(
    "changelist",
    [
        "/admin/comments/comment/?created_at__year=",
        "/admin/catalog/title/?aired_from__year=",
        "/admin/axes/accessattempt/?attempt_time__year=",
    ],
)
def test_every_admin_list_with_dates_refuses_an_overflowing_year(admin_client, changelist):
    """The apps' lists and third-party ones (django-axes) alike: the check is the site's."""
    response = admin_client.get(changelist + HUGE)

    assert response.status_code == 302
    assert response["Location"].endswith("?e=1")


@pytest.mark.parametrize("value", ["abc", "1.5", HUGE])
def test_a_review_saved_with_a_show_that_is_no_id_gets_the_form_back_unchanged(admin_client, value):
    review = ReviewFactory(headline="Before")
    change = f"/admin/reviews/review/{review.pk}/change/"
    data = form_data(admin_client.get(change), title=value, headline="After")

    response = admin_client.post(change, data)

    assert response.status_code == 200
    assert "Select a valid choice" in str(response.context["adminform"].form.errors["title"])
    review.refresh_from_db()
    assert review.headline == "Before"


def test_a_new_review_with_a_show_that_is_no_id_is_not_created(admin_client):
    review = ReviewFactory()
    data = form_data(admin_client.get(f"/admin/reviews/review/{review.pk}/change/"))

    response = admin_client.post(
        "/admin/reviews/review/add/", {**data, "title": "abc", "slug": "another"}
    )

    assert response.status_code == 200
    assert list(Review.objects.all()) == [review]


def test_an_episode_of_a_season_that_is_no_id_gets_the_form_back(admin_client):
    response = admin_client.post("/admin/catalog/episode/add/", {"season": "abc", "number": "1"})

    assert response.status_code == 200
    assert not Episode.objects.exists()


def test_a_show_with_genres_that_are_no_ids_gets_the_form_back(admin_client):
    GenreFactory()

    response = admin_client.post("/admin/catalog/title/add/", title_data(genres=["1", "abc"]))

    assert response.status_code == 200
    assert "genres" in response.context["adminform"].form.errors


def test_a_show_relation_to_a_show_that_is_no_id_gets_the_form_back(admin_client):
    """Inlines' autocomplete widgets get the same check as the forms they sit in."""
    response = admin_client.post(
        "/admin/catalog/title/add/",
        title_data(relations=[{"to_title": "abc", "kind": "sequel"}]),
    )

    assert response.status_code == 200
