"""Hostile requests get a 400, never a 500: a bad Host header, an oversize body, too many fields."""

import pytest
from django.conf import settings

from tests.reviews.factories import ReviewFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def post_targets():
    """The form endpoints anyone may post to: comment, rating and the admin login."""
    review = ReviewFactory()
    return [
        f"/reviews/{review.slug}/comment/",
        f"/reviews/{review.slug}/rate/",
        "/admin/login/",
    ]


@pytest.mark.parametrize("path", ["/", "/admin/login/", "/healthz"])
def test_a_host_header_not_in_allowed_hosts_gets_400(client, path):
    response = client.get(path, HTTP_HOST="attacker.example")
    assert response.status_code == 400


def test_a_body_over_the_upload_limit_gets_400_on_every_form_endpoint(client, post_targets):
    body = "body=" + "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    for path in post_targets:
        response = client.post(path, body, content_type="application/x-www-form-urlencoded")
        assert response.status_code == 400, path


def test_more_form_fields_than_allowed_gets_400_on_every_form_endpoint(client, post_targets):
    body = "&".join(f"f{n}=1" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
    for path in post_targets:
        response = client.post(path, body, content_type="application/x-www-form-urlencoded")
        assert response.status_code == 400, path


def test_a_body_just_under_the_limit_is_not_refused_as_too_big(client, post_targets):
    """The limit is where the settings say: a normal-sized bad post is answered by the form."""
    comment, rating, login = post_targets
    answers = {
        comment: (400, "comment-form__field--invalid"),  # the form again, its errors marked
        rating: (400, "Rating not saved"),
        login: (200, "This field is required."),
    }
    for path, (status, shown) in answers.items():
        response = client.post(path, {"body": "x" * 1000})
        assert response.status_code == status, path
        assert shown in response.content.decode(), path
        assert b"Bad Request" not in response.content, path
