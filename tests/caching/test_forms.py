"""Readers served a cached page can still comment, rate and report, with or without JavaScript."""

import json
import re
import time

import pytest

from comments import spam
from comments.models import Comment, DiscussionSettings
from ratings.models import Rating
from tests.caching.helpers import warm
from tests.comments.factories import CommentFactory, form_data

pytestmark = pytest.mark.django_db


def cached_page(reader, review) -> str:
    """The review page as a new reader gets it: from the cache, with an empty token field."""
    warm(reader, review.get_absolute_url())
    response = reader.get(review.get_absolute_url())
    assert response["X-Cache"] == "hit"
    return response.content.decode()


def form_token_in(html: str) -> str:
    return re.search(r'name="form_token" value="([^"]+)"', html).group(1)


def resend_fields(html: str) -> dict:
    """The hidden fields of the "send again" page, as the browser would post them."""
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', html))


@pytest.fixture
def writing_time(monkeypatch):
    """A clock for the form token's age check; calling it lets the reader take ten seconds."""
    now = [time.time()]
    monkeypatch.setattr(spam.time, "time", lambda: now[0])

    def take_ten_seconds():
        now[0] += 10

    return take_ten_seconds


# The JavaScript path: static/js/csrf.js asks /csrf/ for the reader's own token.


def test_the_token_endpoint_gives_the_reader_a_token_and_its_cookie_and_is_never_cached(reader):
    response = reader.get("/csrf/")

    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content)["csrfToken"]
    assert "csrftoken" in response.cookies
    assert "no-store" in response["Cache-Control"]


def test_the_token_endpoint_renews_a_comment_form_token_for_the_same_review(reader, review):
    old = spam.issue_form_token(review.pk, issued_at=time.time() - 100)

    renewed = json.loads(reader.get("/csrf/", {"form_token": old}).content)["formToken"]

    assert renewed != old
    assert spam.form_token_problem(renewed, review.pk).startswith("posted less than")


def test_the_token_endpoint_renews_no_forged_form_token(reader):
    answer = json.loads(reader.get("/csrf/", {"form_token": "forged:token"}).content)

    assert answer["formToken"] == ""


def test_a_reader_with_javascript_comments_from_a_cached_page(reader, review, writing_time):
    html = cached_page(reader, review)
    answer = json.loads(reader.get("/csrf/", {"form_token": form_token_in(html)}).content)
    writing_time()

    response = reader.post(
        f"{review.get_absolute_url()}comment/",
        form_data(review, form_token=answer["formToken"], csrfmiddlewaretoken=answer["csrfToken"]),
    )

    assert response.status_code == 302
    assert Comment.objects.get().status == Comment.Status.PENDING  # a first comment, not spam


def test_a_reader_with_javascript_rates_from_a_cached_page_by_json(reader, review):
    cached_page(reader, review)
    token = json.loads(reader.get("/csrf/").content)["csrfToken"]

    response = reader.post(
        f"{review.get_absolute_url()}rate/",
        {"score": "8"},
        HTTP_X_CSRFTOKEN=token,
        HTTP_ACCEPT="application/json",
    )

    assert response.status_code == 200
    assert Rating.objects.get().score == 8


# Without JavaScript: the post fails the CSRF check and the reader is offered to send it again.


def test_a_comment_posted_without_a_token_comes_back_to_send_again_with_the_text_kept(
    reader, review
):
    html = cached_page(reader, review)
    data = form_data(review, form_token=form_token_in(html), body="Loved <b>every</b> episode.")

    response = reader.post(f"{review.get_absolute_url()}comment/", data)

    page = response.content.decode()
    assert response.status_code == 403
    assert "Send again" in page
    assert "Loved &lt;b&gt;every&lt;/b&gt; episode." in page
    assert resend_fields(page)["body"] == "Loved &lt;b&gt;every&lt;/b&gt; episode."
    assert resend_fields(page)["csrfmiddlewaretoken"]
    assert not Comment.objects.exists()


def test_a_reader_without_javascript_comments_from_a_cached_page_in_two_clicks(
    reader, review, writing_time
):
    html = cached_page(reader, review)
    data = form_data(review, form_token=form_token_in(html), body="Second click posts it.")
    writing_time()
    again = reader.post(f"{review.get_absolute_url()}comment/", data).content.decode()

    fields = resend_fields(again)
    fields["body"] = data["body"]  # the browser posts the unescaped value
    response = reader.post(f"{review.get_absolute_url()}comment/", fields)

    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.body == "Second click posts it."
    assert comment.status == Comment.Status.PENDING  # a first comment, not spam


def test_a_reader_without_javascript_rates_from_a_cached_page_in_two_clicks(reader, review):
    cached_page(reader, review)
    again = reader.post(f"{review.get_absolute_url()}rate/", {"score": "6"})
    assert again.status_code == 403

    response = reader.post(
        f"{review.get_absolute_url()}rate/", resend_fields(again.content.decode())
    )

    assert response.status_code == 302
    assert Rating.objects.get().score == 6


def test_a_report_without_a_token_is_offered_to_send_again(reader, review):
    comment = CommentFactory(review=review)
    cached_page(reader, review)

    response = reader.post(f"/comments/{comment.pk}/report/")

    assert response.status_code == 403
    assert "Send again" in response.content.decode()


def test_a_script_posting_without_a_token_gets_json(reader, review):
    response = reader.post(
        f"{review.get_absolute_url()}rate/", {"score": "6"}, HTTP_ACCEPT="application/json"
    )

    assert response.status_code == 403
    assert "security token" in json.loads(response.content)["error"]


def test_a_foreign_origin_gets_no_offer_to_send_again(reader, review):
    response = reader.post(
        f"{review.get_absolute_url()}rate/", {"score": "6"}, HTTP_ORIGIN="https://evil.example"
    )

    assert response.status_code == 403
    assert "Send again" not in response.content.decode()


def test_other_forms_get_djangos_own_csrf_refusal(reader, db):
    response = reader.post("/admin/login/", {"username": "a", "password": "b"})

    assert response.status_code == 403
    assert "Send again" not in response.content.decode()
    assert "password" not in resend_fields(response.content.decode())


# After posting: the held comment shows to its author, whose cookie bypasses the cache.


def test_a_reader_whose_comment_is_held_sees_it_awaiting_moderation_despite_the_cache(
    reader, client, review, writing_time
):
    rules = DiscussionSettings.load()
    rules.hold_all = True
    rules.save()
    html = cached_page(reader, review)
    token = json.loads(reader.get("/csrf/").content)["csrfToken"]
    writing_time()
    reader.post(
        f"{review.get_absolute_url()}comment/",
        form_data(
            review, form_token=form_token_in(html), body="Held for now.", csrfmiddlewaretoken=token
        ),
    )

    own = reader.get(review.get_absolute_url())

    assert own["X-Cache"] == "bypass"
    assert "Your comment is awaiting moderation." in own.content.decode()
    other = served_to_another_reader(client, review)
    assert "Held for now." not in other


def served_to_another_reader(client, review) -> str:
    client.get(review.get_absolute_url())
    response = client.get(review.get_absolute_url())
    assert response["X-Cache"] == "hit"
    return response.content.decode()
