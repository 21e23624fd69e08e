"""Bad input to the comment form: a clear message, a 4xx, the text kept, nothing stored."""

import time

import pytest
from django.test import Client
from django.utils.html import escape

from comments.models import Comment
from comments.spam import HONEYPOT_FIELD, issue_form_token
from tests.comments.factories import CommentFactory, form_data
from tests.reviews.factories import ReviewFactory

pytestmark = pytest.mark.django_db

XSS_PAYLOADS = [
    "<script>alert('xss')</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(1)>",
    "'\"><iframe src=javascript:alert(1)>",
    "</textarea><script>alert(2)</script>",
]


@pytest.mark.parametrize("missing", ["name", "email", "body"])
def test_a_missing_required_field_rerenders_the_form_with_the_text_kept(
    post_comment, review, missing
):
    response = post_comment(
        review, **{missing: "", "body": "Kept words" if missing != "body" else ""}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "comment-form__field--invalid" in page
    kept = {"name": 'value="Kavya"', "email": 'value="kavya@example.org"', "body": "Kept words"}
    assert {field: shown in page for field, shown in kept.items()} == {
        field: field != missing for field in kept
    }
    assert not Comment.objects.exists()


def test_an_invalid_email_is_refused_with_a_message(post_comment, review):
    response = post_comment(review, email="not-an-email")
    assert response.status_code == 400
    assert "Enter a valid email address." in response.content.decode()
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "website",
    ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "ftp://a.example"],
)
def test_only_http_and_https_websites_are_accepted(post_comment, review, website):
    response = post_comment(review, website=website)
    assert response.status_code == 400
    assert "starting with http:// or https://" in response.content.decode()
    assert not Comment.objects.exists()


def test_a_website_without_a_scheme_gets_https(post_comment, review, rules):
    post_comment(review, website="kavya.example")
    assert Comment.objects.get().website == "https://kavya.example"


def test_an_over_long_body_is_refused(post_comment, review):
    response = post_comment(review, body="a" * 5001)
    assert response.status_code == 400
    assert "under 5,000 characters" in response.content.decode()
    assert not Comment.objects.exists()


def test_a_body_of_exactly_the_limit_is_accepted(post_comment, review):
    assert post_comment(review, body="a" * 5000).status_code == 302


def test_an_over_long_name_is_refused(post_comment, review):
    assert post_comment(review, name="n" * 101).status_code == 400
    assert not Comment.objects.exists()


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_xss_payloads_in_every_field_are_escaped_on_the_page(client, review, payload):
    CommentFactory(
        review=review, name=payload, body=payload, website=f"https://x.example/?q={payload}"
    )
    page = client.get(review.get_absolute_url()).content.decode()
    assert payload not in page
    assert escape(payload) in page


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_xss_payloads_posted_through_the_form_are_escaped_on_the_page(
    client, post_comment, review, payload
):
    post_comment(review, name=payload, body=f"Body {payload}")
    page = client.get(review.get_absolute_url()).content.decode()
    assert "Your comment is awaiting moderation." in page
    assert payload not in page
    assert escape(f"Body {payload}") in page


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_xss_payloads_are_escaped_in_the_admin_queue(admin_client, payload):
    comment = CommentFactory(
        name=payload,
        body=payload,
        website=f"https://x.example/?q={payload}",
        status=Comment.Status.PENDING,
        held_reason=payload,
    )
    queue = admin_client.get("/admin/comments/comment/").content.decode()
    change = admin_client.get(f"/admin/comments/comment/{comment.pk}/change/").content.decode()
    reply = admin_client.get(f"/admin/comments/comment/{comment.pk}/reply/").content.decode()
    for page in (queue, change, reply):
        assert payload not in page
        assert escape(payload) in page


def test_xss_payloads_are_escaped_on_the_error_page(post_comment, review):
    payload = XSS_PAYLOADS[1]
    response = post_comment(review, name=payload, email="bad", body=payload)
    assert response.status_code == 400
    assert payload not in response.content.decode()


def test_unicode_right_to_left_text_and_emoji_are_kept_intact(client, post_comment, review, rules):
    rules.hold_all = False
    rules.save()
    name = "நந்தினி مریم"
    body = "அருமையான தொடர் 🎉🤖 — هذا رائع جدا ‏(RTL)‏ 日本語 👩🏽‍🚀"
    post_comment(review, name=name, body=body)
    stored = Comment.objects.get()
    assert (stored.name, stored.body) == (name, body)
    page = client.get(review.get_absolute_url()).content.decode()
    assert name in page and body in page
    assert 'dir="auto"' in page


@pytest.mark.parametrize("trait", ["draft", "in_review", "scheduled", "archived"])
def test_posting_to_a_review_that_is_not_live_gives_404(post_comment, trait):
    response = post_comment(ReviewFactory(**{trait: True}))
    assert response.status_code == 404
    assert not Comment.objects.exists()


def test_posting_to_an_unknown_review_gives_404(client):
    response = client.post("/reviews/no-such-review/comment/", {"name": "A", "body": "B"})
    assert response.status_code == 404


def test_get_on_the_comment_address_is_not_allowed(client, review):
    assert client.get(f"/reviews/{review.slug}/comment/").status_code == 405


def test_a_parent_from_another_review_gives_400(post_comment, review):
    elsewhere = CommentFactory()
    response = post_comment(review, parent=elsewhere.pk)
    assert response.status_code == 400
    assert "not on this review" in response.content.decode()
    assert Comment.objects.count() == 1


@pytest.mark.parametrize("status", ["pending", "spam", "removed"])
def test_replying_to_a_comment_that_is_not_shown_gives_400(post_comment, review, status):
    hidden = CommentFactory(review=review, status=status)
    assert post_comment(review, parent=hidden.pk).status_code == 400


def test_a_garbage_parent_gives_400(post_comment, review):
    assert post_comment(review, parent="abc").status_code == 400


def test_a_reply_past_the_default_depth_is_attached_at_the_deepest_level(post_comment, review):
    chain = [CommentFactory(review=review)]
    for _ in range(4):
        chain.append(CommentFactory(parent=chain[-1]))
    post_comment(review, parent=chain[-1].pk, body="Too deep")
    posted = Comment.objects.get(body="Too deep")
    assert posted.depth == 4
    assert posted.parent == chain[3]


def test_a_flood_from_one_ip_gets_429_after_the_limit_and_adds_no_rows(
    post_comment, review, settings
):
    settings.COMMENTS_RATE_LIMIT = 3
    statuses = [post_comment(review, body=f"Comment {n}").status_code for n in range(3)]
    assert statuses == [302, 302, 302]
    response = post_comment(review, body="One too many")
    assert response.status_code == 429
    assert "Too many comments" in response.content.decode()
    assert response["Retry-After"]
    assert Comment.objects.count() == 3


def test_the_rate_limit_counts_each_ip_apart(client, review, settings):
    settings.COMMENTS_RATE_LIMIT = 1
    url = f"/reviews/{review.slug}/comment/"
    assert (
        client.post(url, form_data(review, body="One"), REMOTE_ADDR="10.0.0.1").status_code == 302
    )
    assert (
        client.post(url, form_data(review, body="Two"), REMOTE_ADDR="10.0.0.2").status_code == 302
    )
    assert (
        client.post(url, form_data(review, body="Three"), REMOTE_ADDR="10.0.0.1").status_code == 429
    )


def test_a_duplicate_comment_is_refused(post_comment, review):
    post_comment(review, body="Same words")
    response = post_comment(review, body="Same words", name="Someone else")
    assert response.status_code == 409
    assert "Duplicate comment detected" in response.content.decode()
    assert Comment.objects.count() == 1


def test_the_same_words_from_another_author_are_not_a_duplicate(post_comment, review):
    post_comment(review, body="Great show")
    post_comment(review, body="Great show", name="Arun", email="arun@example.org")
    assert Comment.objects.count() == 2


def test_a_filled_honeypot_sends_the_comment_to_spam(post_comment, review):
    post_comment(review, **{HONEYPOT_FIELD: "http://spam.example"})
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.SPAM
    assert "honeypot" in comment.held_reason


@pytest.mark.parametrize(
    ("age_seconds", "reason"),
    [(1, "less than 3 seconds"), (25 * 3600, "older than a day")],
)
def test_a_form_posted_too_fast_or_too_late_is_spam(post_comment, review, age_seconds, reason):
    post_comment(
        review, form_token=issue_form_token(review.pk, issued_at=time.time() - age_seconds)
    )
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.SPAM
    assert reason in comment.held_reason


@pytest.mark.parametrize("token", ["", "forged:token"])
def test_a_missing_or_forged_form_token_is_spam(post_comment, review, token):
    post_comment(review, form_token=token)
    assert Comment.objects.get().status == Comment.Status.SPAM


def test_a_form_token_from_another_review_is_spam(post_comment, review):
    other = ReviewFactory()
    post_comment(review, form_token=issue_form_token(other.pk, issued_at=time.time() - 10))
    assert Comment.objects.get().status == Comment.Status.SPAM


def test_a_spam_post_is_not_shown_even_to_its_author(client, post_comment, review):
    post_comment(review, body="Trapped words", **{HONEYPOT_FIELD: "x"})
    assert "Trapped words" not in client.get(review.get_absolute_url()).content.decode()


def test_posting_without_a_csrf_token_is_refused(review):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(f"/reviews/{review.slug}/comment/", form_data(review))
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_behind_a_trusted_proxy_the_limit_counts_the_forwarded_client(client, review, settings):
    settings.COMMENTS_RATE_LIMIT = 1
    settings.TRUSTED_PROXIES = 1
    url = f"/reviews/{review.slug}/comment/"

    def post(body, forwarded_for):
        data = form_data(review, body=body)
        return client.post(url, data, REMOTE_ADDR="10.9.9.9", HTTP_X_FORWARDED_FOR=forwarded_for)

    assert post("One", "198.51.100.1").status_code == 302
    assert post("Two", "198.51.100.2").status_code == 302
    assert post("Three", "203.0.113.5, 198.51.100.1").status_code == 429
    assert Comment.objects.get(body="One").ip == "198.51.100.1"


def test_without_trusted_proxies_a_forged_forwarded_for_is_ignored(client, review, settings):
    settings.COMMENTS_RATE_LIMIT = 1
    url = f"/reviews/{review.slug}/comment/"
    client.post(url, form_data(review, body="One"), HTTP_X_FORWARDED_FOR="198.51.100.1")
    response = client.post(url, form_data(review, body="Two"), HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert response.status_code == 429


def test_an_out_of_range_parent_gives_400_not_500(post_comment, review):
    assert post_comment(review, parent="9" * 30).status_code == 400
    assert not Comment.objects.exists()


def test_reporting_an_out_of_range_comment_gives_404(client):
    assert client.post(f"/comments/{'9' * 30}/report/").status_code == 404


def test_an_out_of_range_comment_page_or_reply_is_ignored(client, review):
    response = client.get(review.get_absolute_url(), {"cpage": "9" * 30, "replytocom": "9" * 30})
    assert response.status_code == 200


def test_browser_line_breaks_count_once_toward_the_limit(post_comment, review):
    body = ("a" * 99 + "\r\n") * 50  # 5,000 characters as the reader's textarea counts them
    assert post_comment(review, body=body.strip()).status_code == 302
    assert "\r" not in Comment.objects.get().body
