"""Readers report comments: once each, by IP and by browser, and only comments they can see."""

import pytest

from comments.models import Comment, CommentReport
from tests.comments.factories import CommentFactory
from tests.reviews.factories import ReviewFactory

pytestmark = pytest.mark.django_db


def report(client, comment, ip="10.1.1.1"):
    return client.post(f"/comments/{comment.pk}/report/", REMOTE_ADDR=ip)


def test_a_report_is_recorded_and_the_reader_is_thanked(client):
    comment = CommentFactory()
    response = report(client, comment)
    assert response.status_code == 302
    assert response["Location"] == f"{comment.review.get_absolute_url()}#comments-status"
    assert comment.reports.count() == 1
    page = client.get(comment.review.get_absolute_url()).content.decode()
    # The redirect lands on the thank-you, shown above the thread.
    assert '<ul id="comments-status" class="comments__messages" role="status">' in page
    assert "the moderators will look at this comment" in page


def test_the_same_browser_cannot_report_twice(client):
    comment = CommentFactory()
    report(client, comment, ip="10.1.1.1")
    report(client, comment, ip="10.1.1.2")
    assert comment.reports.count() == 1
    page = client.get(comment.review.get_absolute_url()).content.decode()
    assert "already reported" in page


def test_the_same_ip_cannot_report_twice_with_a_fresh_cookie(client):
    comment = CommentFactory()
    report(client, comment)
    client.cookies.clear()
    report(client, comment)
    assert comment.reports.count() == 1


def test_three_distinct_readers_send_a_comment_back_to_the_queue_by_default(client):
    comment = CommentFactory(body="Rude words")
    for n in range(3):
        client.cookies.clear()
        report(client, comment, ip=f"10.1.1.{n}")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    assert comment.held_reason == "reported by 3 readers"
    assert "Rude words" not in client.get(comment.review.get_absolute_url()).content.decode()


@pytest.mark.parametrize("status", ["pending", "spam", "removed"])
def test_a_comment_that_is_not_shown_cannot_be_reported(client, status):
    assert report(client, CommentFactory(status=status)).status_code == 404
    assert not CommentReport.objects.exists()


def test_a_comment_on_a_review_that_is_not_live_cannot_be_reported(client):
    comment = CommentFactory(review=ReviewFactory(draft=True))
    assert report(client, comment).status_code == 404


def test_reporting_needs_a_post(client):
    assert client.get(f"/comments/{CommentFactory().pk}/report/").status_code == 405
