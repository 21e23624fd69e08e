"""The page cache serves anonymous readers a shared copy, and nothing personal ever gets in."""

from datetime import timedelta

import pytest
from django.utils import timezone

from reviews import services
from tests.caching.helpers import warm
from tests.factories import UserFactory
from tests.reviews.factories import ReviewFactory, staff_user

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["home", "review", "show", "genre", "feed", "sitemap"]


def url_of(page, review):
    return {
        "home": "/",
        "review": review.get_absolute_url(),
        "show": review.title.get_absolute_url(),
        "genre": review.title.genres.get().get_absolute_url(),
        "feed": "/feeds/reviews/",
        "sitemap": "/sitemap-reviews.xml",
    }[page]


@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_a_public_page_is_served_from_the_cache_without_a_query_the_second_time(
    client, review, page, django_assert_num_queries
):
    url = url_of(page, review)
    first = warm(client, url)

    with django_assert_num_queries(0):
        second = client.get(url)

    assert second.status_code == 200
    assert second["X-Cache"] == "hit"
    assert second.content == first.content


def test_a_cached_review_page_holds_no_csrf_token_cookie_or_vary_on_cookie(client, review):
    warm(client, review.get_absolute_url())
    response = client.get(review.get_absolute_url())

    html = response.content.decode()
    assert response["X-Cache"] == "hit"
    assert '<input type="hidden" name="csrfmiddlewaretoken" value="">' in html
    assert not response.cookies
    assert "Set-Cookie" not in response.headers
    assert "cookie" not in response.get("Vary", "").lower()
    assert "csrftoken" not in client.cookies


def test_the_page_that_filled_the_cache_sets_no_cookie_either(client, review):
    response = warm(client, review.get_absolute_url())

    assert not response.cookies
    assert "cookie" not in response.get("Vary", "").lower()


def test_cached_pages_are_revalidated_by_browsers_and_kept_briefly_by_a_front_cache(
    client, review, settings
):
    settings.FRONT_CACHE_SECONDS = 5
    warm(client, "/")
    response = client.get("/")

    assert response["Cache-Control"] == "public, max-age=0, s-maxage=5"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Content-Type"].startswith("text/html")


def test_without_a_front_cache_shared_pages_are_private_to_the_browser(client, review, settings):
    settings.FRONT_CACHE_SECONDS = 0
    warm(client, "/")

    assert client.get("/")["Cache-Control"] == "private, no-cache"


def test_a_front_cache_never_keeps_a_page_past_the_next_scheduled_publication(
    client, review, settings
):
    settings.FRONT_CACHE_SECONDS = 60
    editor = staff_user("Editors")
    scheduled = ReviewFactory(draft=True)
    services.publish_review(
        review=scheduled, by=editor, publish_at=timezone.now() + timedelta(seconds=20)
    )

    max_age = int(client.get("/")["Cache-Control"].rsplit("s-maxage=", 1)[1])

    assert 0 < max_age <= 20


@pytest.mark.parametrize(
    "cookie", ["sessionid", "messages", "comments_pending", "comments_author", "reader_voter"]
)
def test_a_page_with_a_personal_cookie_may_be_kept_by_no_shared_cache(client, review, cookie):
    client.cookies[cookie] = "anything"

    response = client.get(review.get_absolute_url())

    assert response["Cache-Control"] == "private, no-store"


def test_the_front_cache_may_keep_a_tokenless_page_when_this_cache_is_off(client, review, settings):
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRONT_CACHE_SECONDS = 5

    response = client.get(review.get_absolute_url())

    assert response["Cache-Control"] == "public, max-age=0, s-maxage=5"
    assert '<input type="hidden" name="csrfmiddlewaretoken" value="">' in response.content.decode()
    assert not response.cookies


def test_a_signed_in_editor_bypasses_the_cache_and_gets_a_token(client, review):
    warm(client, review.get_absolute_url())
    client.force_login(UserFactory(is_staff=True))

    response = client.get(review.get_absolute_url())

    assert response["X-Cache"] == "bypass"
    assert 'name="csrfmiddlewaretoken" value=""' not in response.content.decode()


@pytest.mark.parametrize("cookie", ["sessionid", "messages", "comments_author", "reader_voter"])
def test_any_personal_cookie_bypasses_the_cache(client, review, cookie):
    warm(client, "/")
    client.cookies[cookie] = "anything"

    assert client.get("/")["X-Cache"] == "bypass"


def test_the_csrf_cookie_alone_does_not_bypass_the_cache(client, review):
    warm(client, "/")
    client.cookies["csrftoken"] = "a" * 32

    assert client.get("/")["X-Cache"] == "hit"


def test_known_query_parameters_get_their_own_cached_page_and_unknown_ones_bypass(client, review):
    warm(client, "/?page=2")

    assert client.get("/?page=2")["X-Cache"] == "hit"
    assert client.get("/")["X-Cache"] == "miss"
    assert client.get("/?utm_source=mail")["X-Cache"] == "bypass"


def test_posts_previews_admin_and_errors_are_never_cached(client, review, admin_client):
    for _ in range(2):
        assert client.get("/reviews/no-such-review/")["X-Cache"] == "miss"
        assert client.get("/admin/login/")["X-Cache"] == "bypass"
        assert client.get("/preview/not-a-token/")["X-Cache"] == "miss"
        assert client.get("/csrf/")["X-Cache"] == "miss"
    assert "X-Cache" not in client.post(f"{review.get_absolute_url()}rate/", {"score": "7"})


def test_a_rate_limited_answer_is_not_cached(client, review, settings):
    settings.RATINGS_PER_IP_LIMIT = 0
    first = client.post(f"{review.get_absolute_url()}rate/", {"score": "7"})

    assert first.status_code == 429
    assert "X-Cache" not in first


def test_the_admin_login_form_keeps_its_token_for_a_cookieless_visitor(client, db):
    html = client.get("/admin/login/").content.decode()

    assert 'name="csrfmiddlewaretoken" value=""' not in html
    assert 'name="csrfmiddlewaretoken" value="' in html


def test_a_review_page_answers_a_conditional_get_with_304(client, review):
    etag = warm(client, review.get_absolute_url())["ETag"]

    response = client.get(review.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_a_changed_review_page_answers_the_old_etag_with_the_new_page(client, review):
    etag = warm(client, review.get_absolute_url())["ETag"]
    review.excerpt = "A new opening line."
    services.save_review(review=review, by=review.author)

    response = client.get(review.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200
    assert "A new opening line." in response.content.decode()


def test_the_cache_can_be_turned_off(client, review, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/")

    response = client.get("/")

    assert "X-Cache" not in response
    assert 'name="csrfmiddlewaretoken" value=""' not in response.content.decode()
