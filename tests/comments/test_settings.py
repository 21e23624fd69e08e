"""Every Discussion setting changes the outcome it names."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone

from comments.models import Comment, DiscussionSettings
from tests.comments.factories import CommentFactory
from tests.factories import UserFactory
from tests.reviews.factories import ReviewFactory

pytestmark = pytest.mark.django_db


def change(rules: DiscussionSettings, **values) -> None:
    for name, value in values.items():
        setattr(rules, name, value)
    rules.save()


def only_comment_status() -> str:
    return Comment.objects.get().status


def test_hold_all_on_holds_a_first_comment(post_comment, review, rules):
    post_comment(review)
    assert only_comment_status() == Comment.Status.PENDING


def test_hold_all_off_publishes_a_first_comment_at_once(post_comment, review, rules):
    change(rules, hold_all=False)
    post_comment(review)
    assert only_comment_status() == Comment.Status.APPROVED


@pytest.mark.parametrize(("max_links", "status"), [(2, "pending"), (3, "approved")])
def test_more_links_than_the_limit_hold_the_comment(post_comment, review, rules, max_links, status):
    change(rules, hold_all=False, max_links=max_links)
    post_comment(review, body="See https://a.example http://b.example and www.c.example")
    comment = Comment.objects.get()
    assert (comment.status, comment.link_count) == (status, 3)


def test_a_moderation_word_holds_the_comment_and_says_why(post_comment, review, rules):
    change(rules, hold_all=False, moderation_words="Casino\nloan")
    post_comment(review, body="I won at the CASINO while watching.")
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert "casino" in comment.held_reason


def test_a_moderation_word_in_the_name_holds_the_comment(post_comment, review, rules):
    change(rules, hold_all=False, moderation_words="loan")
    post_comment(review, name="Cheap Loans")
    assert only_comment_status() == Comment.Status.PENDING


def test_a_spam_word_sends_the_comment_to_spam(post_comment, review, rules):
    change(rules, spam_words="viagra")
    response = post_comment(review, body="Buy Viagra now")
    assert only_comment_status() == Comment.Status.SPAM
    assert response["Location"].endswith("#respond")


def test_without_words_set_nothing_is_held_for_words(post_comment, review, rules):
    change(rules, hold_all=False)
    post_comment(review, body="I won at the casino while watching.")
    assert only_comment_status() == Comment.Status.APPROVED


def test_close_after_days_refuses_comments_on_older_reviews(client, post_comment, rules):
    change(rules, close_after_days=5)
    old_review = ReviewFactory(publish_at=timezone.now() - timedelta(days=6))
    response = post_comment(old_review)
    assert response.status_code == 403
    assert "Comments are closed" in response.content.decode()
    assert not Comment.objects.exists()
    page = client.get(old_review.get_absolute_url()).content.decode()
    assert "Comments are closed." in page
    assert 'id="commentform"' not in page


def test_close_after_days_leaves_newer_reviews_open(post_comment, rules):
    change(rules, close_after_days=5)
    response = post_comment(ReviewFactory(publish_at=timezone.now() - timedelta(days=4)))
    assert response.status_code == 302


def test_close_after_zero_days_never_closes(post_comment, rules):
    response = post_comment(ReviewFactory(publish_at=timezone.now() - timedelta(days=4000)))
    assert response.status_code == 302


def test_a_review_closed_by_its_editor_refuses_comments(client, post_comment):
    closed = ReviewFactory(comments_open=False)
    response = post_comment(closed)
    assert response.status_code == 403
    assert "Comments are closed" in response.content.decode()
    assert "Comments are closed." in client.get(closed.get_absolute_url()).content.decode()


def test_thread_depth_attaches_a_too_deep_reply_at_the_deepest_level(post_comment, review, rules):
    change(rules, thread_depth=2)
    top = CommentFactory(review=review)
    reply = CommentFactory(parent=top)
    post_comment(review, parent=reply.pk, body="A reply to the reply")
    posted = Comment.objects.latest("pk")
    assert (posted.parent, posted.depth, posted.root) == (top, 1, top)


def test_thread_depth_hides_reply_links_at_the_deepest_level(client, review, rules):
    change(rules, thread_depth=2)
    top = CommentFactory(review=review)
    reply = CommentFactory(parent=top)
    page = client.get(review.get_absolute_url()).content.decode()
    assert f"?replytocom={top.pk}#respond" in page
    assert f"?replytocom={reply.pk}#respond" not in page


def test_thread_depth_of_one_turns_replies_into_top_level_comments(post_comment, review, rules):
    change(rules, thread_depth=1)
    top = CommentFactory(review=review)
    post_comment(review, parent=top.pk)
    assert Comment.objects.latest("pk").parent is None


def test_per_page_splits_threads_over_pages(client, review, rules):
    change(rules, per_page=2)
    first, second, third = (CommentFactory(review=review, body=f"Thread {n}") for n in (1, 2, 3))
    CommentFactory(parent=first, body="Reply in the first thread")
    page_one = client.get(review.get_absolute_url()).content.decode()
    page_two = client.get(review.get_absolute_url(), {"cpage": 2}).content.decode()
    assert "Thread 1" in page_one and "Thread 2" in page_one and "Thread 3" not in page_one
    assert "Reply in the first thread" in page_one
    assert "Thread 3" in page_two and "Thread 1" not in page_two
    assert "?cpage=2#comments" in page_one


@pytest.mark.parametrize(
    ("order", "first_shown"), [("oldest", "Older thread"), ("newest", "Newer thread")]
)
def test_order_puts_older_or_newer_threads_first(client, review, rules, order, first_shown):
    change(rules, order=order)
    CommentFactory(
        review=review, body="Older thread", created_at=timezone.now() - timedelta(hours=2)
    )
    CommentFactory(review=review, body="Newer thread")
    page = client.get(review.get_absolute_url()).content.decode()
    other = "Newer thread" if first_shown == "Older thread" else "Older thread"
    assert page.index(first_shown) < page.index(other)


def test_the_redirect_names_the_page_the_new_thread_is_on(post_comment, review, rules):
    change(rules, per_page=1, hold_all=False)
    CommentFactory(review=review, created_at=timezone.now() - timedelta(hours=1))
    response = post_comment(review)
    assert "?cpage=2#comment-" in response["Location"]


@pytest.fixture
def moderator(db):
    user = UserFactory(username="mod", email="mod@example.com", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def test_held_comments_email_the_moderators_when_enabled(
    post_comment, review, rules, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(review, body="Please approve me")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["mod@example.com"]
    assert "Please approve me" in mail.outbox[0].body
    assert "kavya@example.org" not in mail.outbox[0].body


def test_held_comments_email_nobody_when_disabled(
    post_comment, review, rules, moderator, django_capture_on_commit_callbacks
):
    change(rules, notify_moderators=False)
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(review)
    assert mail.outbox == []


def test_approved_comments_email_nobody(
    post_comment, review, rules, moderator, django_capture_on_commit_callbacks
):
    change(rules, hold_all=False)
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(review)
    assert mail.outbox == []


def report(client, comment, ip):
    return client.post(f"/comments/{comment.pk}/report/", REMOTE_ADDR=ip)


@pytest.mark.parametrize(("threshold", "status"), [(2, "pending"), (3, "approved")])
def test_report_threshold_sends_a_comment_back_to_the_queue(client, rules, threshold, status):
    change(rules, report_threshold=threshold)
    comment = CommentFactory()
    for ip in ("10.0.0.1", "10.0.0.2"):
        client.cookies.clear()
        report(client, comment, ip)
    comment.refresh_from_db()
    assert comment.status == status
    assert comment.reports.count() == 2


def test_the_settings_row_is_created_once_with_the_wordpress_defaults(db):
    rules = DiscussionSettings.load()
    assert DiscussionSettings.load().pk == rules.pk == 1
    assert (rules.hold_all, rules.approve_known_authors, rules.max_links) == (True, True, 2)
    assert (rules.close_after_days, rules.thread_depth, rules.report_threshold) == (0, 5, 3)


def test_a_mail_server_failure_does_not_lose_the_comment(
    post_comment, review, rules, moderator, django_capture_on_commit_callbacks, settings
):
    settings.EMAIL_BACKEND = "tests.comments.broken_mail.Backend"
    with django_capture_on_commit_callbacks(execute=True):
        response = post_comment(review)
    assert response.status_code == 302
    assert only_comment_status() == Comment.Status.PENDING


@pytest.mark.parametrize(
    ("site_url", "base"),
    [("", "http://testserver"), ("https://anime.example", "https://anime.example")],
)
def test_the_moderators_email_links_the_queue_under_site_url_else_the_requests_host(
    post_comment,
    review,
    rules,
    moderator,
    settings,
    django_capture_on_commit_callbacks,
    site_url,
    base,
):
    settings.SITE_URL = site_url
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(review, body="Please approve me")

    comment = Comment.objects.get()
    assert f"{base}/admin/comments/comment/{comment.pk}/change/" in mail.outbox[0].body
