"""The moderators' admin queue: pending first, counts, bulk decisions, replies, permissions."""

import pytest
from django.contrib.auth.models import Group

from comments.models import (
    BODY_MAX_LENGTH,
    Comment,
    CommentReport,
    DiscussionSettings,
    ModerationDecision,
)
from tests.comments.factories import CommentFactory
from tests.factories import UserFactory
from tests.reviews.factories import ReviewFactory

pytestmark = pytest.mark.django_db

QUEUE = "/admin/comments/comment/"


def staff_in(group_name: str, username: str):
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def moderator(db):
    return staff_in("Moderators", "moderator")


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


def bulk(client, action: str, comments, status: str = "pending"):
    """Select comments in the queue filtered on status (as the moderator sees it) and act."""
    return client.post(
        f"{QUEUE}?status={status}",
        {"action": action, "_selected_action": [comment.pk for comment in comments]},
        follow=True,
    )


def test_the_queue_opens_on_pending_comments(moderator_client):
    CommentFactory(body="Held words", status=Comment.Status.PENDING)
    CommentFactory(body="Published words")
    page = moderator_client.get(QUEUE).content.decode()
    assert "Held words" in page
    assert "Published words" not in page


def test_the_queue_shows_counts_per_status_and_can_show_all(moderator_client):
    CommentFactory(status=Comment.Status.PENDING)
    CommentFactory.create_batch(2)
    CommentFactory(status=Comment.Status.SPAM)
    page = moderator_client.get(QUEUE).content.decode()
    for label in ("Pending (1)", "Approved (2)", "Spam (1)", "Removed (0)"):
        assert label in page
    assert "4 comments" in moderator_client.get(QUEUE, {"status": "all"}).content.decode()


def test_each_row_shows_what_a_moderator_needs(moderator_client):
    comment = CommentFactory(
        status=Comment.Status.PENDING,
        name="Arun",
        email="arun@readers.example",
        ip="203.0.113.7",
        link_count=3,
        held_reason="more than 2 links",
        body="An excerpt worth reading " * 10,
    )
    page = moderator_client.get(QUEUE).content.decode()
    for shown in (
        "Arun",
        "arun@readers.example",
        "203.0.113.7",
        "more than 2 links",
        str(comment.review),
    ):
        assert shown in page
    assert "An excerpt worth reading An excerpt" in page
    assert ("An excerpt worth reading " * 10).strip() not in page


def test_the_admin_index_shows_the_pending_count_to_moderators(moderator_client):
    CommentFactory.create_batch(3, status=Comment.Status.PENDING)
    page = moderator_client.get("/admin/").content.decode()
    assert 'id="comment-queue-summary"' in page
    summary = page[page.index('id="comment-queue-summary"') :]
    assert "Pending" in summary and "<strong>3</strong>" in summary


@pytest.mark.parametrize(
    ("action", "start", "end"),
    [
        ("mark_approved", "pending", "approved"),
        ("mark_spam", "pending", "spam"),
        ("mark_removed", "approved", "removed"),
        ("mark_pending", "spam", "pending"),
    ],
)
def test_bulk_actions_change_status_and_record_who_and_when(
    moderator_client, moderator, action, start, end
):
    comments = CommentFactory.create_batch(2, status=start)
    response = bulk(moderator_client, action, comments, status=start)
    assert response.status_code == 200
    for comment in comments:
        comment.refresh_from_db()
        assert comment.status == end
        assert comment.moderated_by == moderator
        assert comment.moderated_at is not None
    decisions = ModerationDecision.objects.filter(by=moderator, from_status=start, to_status=end)
    assert decisions.count() == 2


def test_who_moderated_and_when_is_shown_in_the_queue(moderator_client, moderator):
    comment = CommentFactory(status=Comment.Status.PENDING)
    bulk(moderator_client, "mark_spam", [comment])
    page = moderator_client.get(QUEUE, {"status": "spam"}).content.decode()
    assert "moderator" in page
    change = moderator_client.get(f"{QUEUE}{comment.pk}/change/").content.decode()
    assert "moderation history" in change.lower()


def test_bulk_approval_publishes_on_the_review_page(moderator_client, client):
    comment = CommentFactory(status=Comment.Status.PENDING, body="Now public")
    bulk(moderator_client, "mark_approved", [comment])
    moderator_client.logout()
    assert "Now public" in client.get(comment.review.get_absolute_url()).content.decode()


def test_a_moderator_replies_from_the_admin_under_their_account(moderator_client, moderator):
    parent = CommentFactory(status=Comment.Status.PENDING)
    url = f"{QUEUE}{parent.pk}/reply/"
    assert moderator_client.get(url).status_code == 200
    response = moderator_client.post(url, {"body": "Thanks for watching!"})
    reply = Comment.objects.get(body="Thanks for watching!")
    assert response.status_code == 302
    assert (reply.parent, reply.user, reply.status) == (parent, moderator, "approved")
    parent.refresh_from_db()
    assert parent.status == Comment.Status.APPROVED


def test_an_admin_reply_may_be_no_longer_than_a_comment(moderator_client):
    parent = CommentFactory(status=Comment.Status.PENDING)
    url = f"{QUEUE}{parent.pk}/reply/"
    assert moderator_client.post(url, {"body": "x" * BODY_MAX_LENGTH}).status_code == 302
    response = moderator_client.post(url, {"body": "y" * (BODY_MAX_LENGTH + 1)})
    assert response.status_code == 200
    assert not Comment.objects.filter(body__startswith="y").exists()


def test_replying_to_spam_is_refused_until_restored(moderator_client):
    parent = CommentFactory(status=Comment.Status.SPAM)
    response = moderator_client.post(f"{QUEUE}{parent.pk}/reply/", {"body": "Hello"})
    assert response.status_code == 200
    assert "Restore this comment" in response.content.decode()
    assert Comment.objects.count() == 1


def test_reports_are_listed_on_the_comment(moderator_client):
    comment = CommentFactory(status=Comment.Status.PENDING, held_reason="reported by 3 readers")
    CommentReport.objects.create(comment=comment, ip="198.51.100.9", voter_id="abc")
    page = moderator_client.get(f"{QUEUE}{comment.pk}/change/").content.decode()
    assert "reports by readers" in page.lower()
    assert "198.51.100.9" in page


def test_moderators_hold_exactly_the_comment_queue_permissions(moderator):
    comment_perms = {p for p in moderator.get_all_permissions() if p.startswith("comments.")}
    assert comment_perms == {
        "comments.view_comment",
        "comments.change_comment",
        "comments.view_commentreport",
        "comments.view_moderationdecision",
        "comments.view_discussionsettings",
        "comments.change_discussionsettings",
    }


def test_editors_also_moderate_and_edit_the_discussion_settings(db):
    editor = staff_in("Editors", "editor")
    assert editor.has_perm("comments.change_comment")
    assert editor.has_perm("comments.change_discussionsettings")


@pytest.mark.parametrize(
    "url",
    [
        "/admin/reviews/review/add/",
        "/admin/catalog/title/add/",
        "/admin/auth/user/",
    ],
)
def test_moderators_cannot_change_reviews_the_catalog_or_users(moderator_client, url, rules):
    assert moderator_client.get(url).status_code == 403


def test_moderators_can_neither_add_nor_delete_comments(moderator_client):
    comment = CommentFactory()
    assert moderator_client.get(f"{QUEUE}add/").status_code == 403
    assert moderator_client.post(f"{QUEUE}{comment.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Comment.objects.filter(pk=comment.pk).exists()


def test_a_writer_cannot_moderate(client):
    writer = staff_in("Writers", "writer")
    client.force_login(writer)
    comment = CommentFactory(status=Comment.Status.PENDING)
    response = client.post(QUEUE, {"action": "mark_approved", "_selected_action": [comment.pk]})
    assert response.status_code == 403
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_the_discussion_settings_open_on_their_one_row(admin_client):
    response = admin_client.get("/admin/comments/discussionsettings/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/comments/discussionsettings/1/change/"
    assert admin_client.get("/admin/comments/discussionsettings/add/").status_code == 403
    assert DiscussionSettings.objects.count() == 1


def test_the_discussion_settings_are_saved_from_the_admin(admin_client, rules):
    url = "/admin/comments/discussionsettings/1/change/"
    data = {
        "hold_all": "",
        "approve_known_authors": "on",
        "notify_moderators": "on",
        "max_links": "4",
        "moderation_words": "casino",
        "spam_words": "",
        "report_threshold": "5",
        "close_after_days": "30",
        "thread_depth": "3",
        "per_page": "10",
        "order": "newest",
    }
    assert admin_client.post(url, data).status_code == 302
    rules.refresh_from_db()
    assert (rules.hold_all, rules.max_links, rules.thread_depth, rules.order) == (
        False,
        4,
        3,
        "newest",
    )


def test_a_repeated_admin_reply_is_refused_and_leaves_the_parent_held(moderator_client):
    first = CommentFactory(status=Comment.Status.PENDING)
    moderator_client.post(f"{QUEUE}{first.pk}/reply/", {"body": "Thanks!"})
    second = CommentFactory(review=first.review, status=Comment.Status.PENDING)
    response = moderator_client.post(f"{QUEUE}{second.pk}/reply/", {"body": "Thanks!"})
    assert "already posted exactly this reply" in response.content.decode()
    second.refresh_from_db()
    assert second.status == Comment.Status.PENDING


@pytest.mark.parametrize("held", [1, 30])
def test_the_queue_costs_the_same_number_of_queries_however_long(
    admin_client, django_assert_num_queries, held
):
    CommentFactory.create_batch(held, status=Comment.Status.PENDING)
    with django_assert_num_queries(8):
        assert admin_client.get(QUEUE).status_code == 200


def test_a_moderator_can_tidy_a_comment_and_its_link_count_follows(moderator_client):
    comment = CommentFactory(body="Spam at https://a.example", link_count=1)
    url = f"{QUEUE}{comment.pk}/change/"
    data = {"name": comment.name, "website": "", "body": "Link removed by a moderator."}
    data.update(
        {
            f"{prefix}-{field}": value
            for prefix in ("reports", "decisions")
            for field, value in (("TOTAL_FORMS", 0), ("INITIAL_FORMS", 0))
        }
    )
    response = moderator_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    comment.refresh_from_db()
    assert (comment.body, comment.link_count) == ("Link removed by a moderator.", 0)


# One bulk action pays a fixed price, however many comments it moves (206 queries for 50
# before): session, user and permissions (4), the queue's counts and pages (5), then the
# action: the selection, a savepoint, the lock, one UPDATE, one INSERT of the decisions,
# the lock on the review's row and its approved count, the next scheduled publication for
# the page cache's single retirement, and the savepoint's release (9).
BULK_APPROVAL_QUERIES = 17


@pytest.mark.parametrize("held", [1, 50])
def test_approving_comments_in_bulk_costs_the_same_queries_for_1_and_for_50(
    moderator_client, held, django_assert_num_queries
):
    review = ReviewFactory()
    comments = CommentFactory.create_batch(held, review=review, status=Comment.Status.PENDING)
    data = {"action": "mark_approved", "_selected_action": [comment.pk for comment in comments]}

    with django_assert_num_queries(BULK_APPROVAL_QUERIES):
        response = moderator_client.post(f"{QUEUE}?status=pending", data)

    assert response.status_code == 302
    assert Comment.objects.approved().filter(review=review).count() == held
    review.refresh_from_db()
    assert review.comment_count == held
