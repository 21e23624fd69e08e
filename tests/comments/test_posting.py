"""A reader posts a comment: the redirect, the held comment shown only to its author, cookies."""

import pytest

from comments.cookies import AUTHOR_COOKIE
from comments.models import Comment
from tests.comments.factories import CommentFactory
from tests.factories import UserFactory

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


def test_the_form_says_email_is_not_published_and_marks_required_fields(client, review):
    page = client.get(review.get_absolute_url()).content.decode()
    assert "Leave a Reply" in page
    assert "Your email address will not be published." in page
    assert "Required fields are marked" in page
    for label in ("Name", "Email", "Website", "Comment"):
        assert f">{label}" in page
    assert "Save my name and email in this browser" in page


def test_a_signed_in_staff_member_comments_under_their_account_approved_at_once(client, review):
    staff = UserFactory(username="editor", first_name="Asha", last_name="Rao", is_staff=True)
    client.force_login(staff)
    page = client.get(review.get_absolute_url()).content.decode()
    assert 'name="email"' not in page
    response = client.post(f"/reviews/{review.slug}/comment/", {"body": "From the editor"})
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert (comment.status, comment.user, comment.name) == ("approved", staff, "Asha Rao")
    assert "Site team" in client.get(review.get_absolute_url()).content.decode()


def test_a_signed_in_reader_without_staff_rights_is_moderated_like_anyone(
    client, post_comment, review
):
    client.force_login(UserFactory())
    post_comment(review)
    comment = Comment.objects.get()
    assert (comment.status, comment.user) == ("pending", None)


def test_save_my_details_sets_a_cookie_only_when_ticked(client, post_comment, review):
    response = post_comment(review, body="Not remembered")
    assert response.cookies[AUTHOR_COOKIE]["max-age"] == 0  # any saved details are forgotten
    assert 'value="kavya@example.org"' not in client.get(review.get_absolute_url()).content.decode()
    post_comment(review, body="Remembered", remember="on", website="https://kavya.example")
    assert client.cookies[AUTHOR_COOKIE].value
    page = client.get(review.get_absolute_url()).content.decode()
    assert 'value="kavya@example.org"' in page
    assert 'value="https://kavya.example"' in page


def test_unticking_save_my_details_forgets_them(client, post_comment, review):
    post_comment(review, body="Remembered", remember="on")
    post_comment(review, body="Forget me now")
    page = client.get(review.get_absolute_url()).content.decode()
    assert 'value="kavya@example.org"' not in page


def test_reply_links_work_without_javascript(client, review):
    parent = CommentFactory(review=review, name="Arun")
    page = client.get(review.get_absolute_url()).content.decode()
    assert f'href="?replytocom={parent.pk}#respond"' in page
    reply_page = client.get(review.get_absolute_url(), {"replytocom": parent.pk}).content.decode()
    assert f'name="parent" value="{parent.pk}"' in reply_page
    assert "Leave a Reply to" in reply_page and "Cancel reply" in reply_page


def test_replytocom_for_a_comment_not_shown_is_ignored(client, review):
    hidden = CommentFactory(review=review, status=Comment.Status.PENDING)
    page = client.get(review.get_absolute_url(), {"replytocom": hidden.pk}).content.decode()
    assert f'name="parent" value="{hidden.pk}"' not in page
    assert 'name="parent" id=' in page


def test_a_reply_appears_under_its_parent(client, post_comment, review, rules):
    rules.hold_all = False
    rules.save()
    parent = CommentFactory(review=review, body="The parent comment")
    CommentFactory(review=review, body="Another thread")
    post_comment(review, parent=parent.pk, body="The reply")
    page = client.get(review.get_absolute_url()).content.decode()
    parent_block = page[page.index(f'id="comment-{parent.pk}"') : page.index("Another thread")]
    assert "comment-list--children" in parent_block
    assert "The reply" in parent_block


def test_a_held_reply_shows_under_its_parent_to_its_author(client, post_comment, review):
    parent = CommentFactory(review=review, body="The parent comment")
    post_comment(review, parent=parent.pk, body="My held reply")
    page = client.get(review.get_absolute_url()).content.decode()
    assert page.index("The parent comment") < page.index("My held reply")
    assert "Your comment is awaiting moderation." in page


def test_a_spoiler_comment_is_collapsed_until_revealed(client, post_comment, review, rules):
    rules.hold_all = False
    rules.save()
    post_comment(review, body="Rouge is the villain", is_spoiler="on")
    page = client.get(review.get_absolute_url()).content.decode()
    assert Comment.objects.get().is_spoiler
    details = page[page.index("<details") : page.index("</details>")]
    assert "Rouge is the villain" in details


def test_each_comment_has_a_permalink_anchor_and_date(client, review):
    comment = CommentFactory(review=review)
    page = client.get(review.get_absolute_url()).content.decode()
    assert f'id="comment-{comment.pk}"' in page
    assert f'href="#comment-{comment.pk}"' in page
    assert "<time datetime=" in page


def test_the_page_loads_its_script_from_a_file_not_inline(client, review):
    page = client.get(review.get_absolute_url()).content.decode()
    assert '<script src="/static/js/comments.js" defer></script>' in page


def test_the_approved_count_counts_replies_and_ignores_held_comments(client, review):
    top = CommentFactory(review=review)
    CommentFactory(parent=top)
    CommentFactory(review=review, status=Comment.Status.PENDING)
    assert "2 comments" in client.get(review.get_absolute_url()).content.decode()
