"""Hostile requests get a 400, never a 500: a bad Host header, an oversize body, too many
fields or query parameters, a NUL byte anywhere a view could pass it to the database."""

import pytest
from django.conf import settings

from comments.models import Comment
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


def assert_bad_request_page(response):
    """The site's styled 400 page, not Django's bare one or a 500."""
    assert response.status_code == 400
    page = response.content.decode()
    assert "<h1>Bad request</h1>" in page
    assert "css/site.css" in page


@pytest.mark.parametrize(
    "path",
    [
        "/languages/%00/",
        "/languages/ja%00/",
        "/anime/%00/",
        "/search/?q=%00",
        "/search/?q%00=naruto",
        "/?page=1%00",
        "/admin/login/?next=/admin/%00",
    ],
)
def test_a_nul_byte_in_the_address_gets_the_400_page(client, path):
    assert_bad_request_page(client.get(path))


def test_a_nul_byte_in_a_form_field_gets_the_400_page_and_nothing_is_stored(client):
    review = ReviewFactory()
    response = client.post(
        f"/reviews/{review.slug}/comment/",
        {"name": "Reader\x00", "email": "reader@example.com", "body": "Lovely review."},
    )

    assert_bad_request_page(response)
    assert not Comment.objects.exists()


def test_a_nul_byte_in_a_cookie_gets_the_400_page_before_the_session_is_looked_up(client):
    """PostgreSQL refuses the session key in its query: a 500 on every admin page."""
    response = client.get("/admin/", HTTP_COOKIE="sessionid=abcdefgh\x00ijklmnop")

    assert_bad_request_page(response)


def query_of(count: int) -> str:
    return "&".join(f"p{n}=1" for n in range(count))


def test_more_query_parameters_than_allowed_get_the_400_page(client):
    response = client.get(f"/?{query_of(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}")

    assert_bad_request_page(response)


def test_too_many_query_parameters_get_the_400_page_on_the_development_server_too(client, settings):
    """With DEBUG on, Django's debug page re-parsed request.GET to report the error: a 500."""
    settings.DEBUG = True
    client.raise_request_exception = False

    response = client.get(f"/?{query_of(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}")

    assert_bad_request_page(response)


def test_as_many_query_parameters_as_allowed_are_still_served(client):
    response = client.get(f"/?{query_of(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS)}")

    assert response.status_code == 200
