"""A reader posts a comment: the redirect, the held comment shown only to its author, cookies."""

import pytest

from comments.models import Comment

pytestmark = pytest.mark.django_db


def test_posting_redirects_back_to_the_comment_anchor(post_comment, review):
    response = post_comment(review)
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/reviews/{review.slug}/#comment-{comment.pk}"


def test_a_held_comment_is_shown_to_its_author_as_awaiting_moderation(client, post_comment, review):
    post_comment(review, body="Waiting for the moderators.")
    page = client.get(review.get_absolute_url())
    assert "Waiting for the moderators." in page.content.decode()
    assert "Your comment is awaiting moderation." in page.content.decode()


def test_a_held_comment_is_invisible_to_everyone_else(client, post_comment, review):
    post_comment(review, body="Waiting for the moderators.")
    client.cookies.clear()
    page = client.get(review.get_absolute_url()).content.decode()
    assert "Waiting for the moderators." not in page
    assert "awaiting moderation" not in page
