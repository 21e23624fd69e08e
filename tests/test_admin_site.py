"""The admin as a whole: the site's name, a styled page for refusals, times in the site's zone."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from comments.models import Comment, DiscussionSettings, ModerationDecision
from ratings.models import Rating
from reviews.models import Review, Transition
from tests.comments.factories import CommentFactory, form_data
from tests.ratings.votes import cast_votes
from tests.reviews.factories import ReviewFactory, staff_user

pytestmark = pytest.mark.django_db

# 20:00 UTC is 01:30 the next day in Asia/Kolkata, the site's default time zone.
AT_UTC = datetime(2026, 3, 1, 20, 0, tzinfo=UTC)
LOCAL = "2026-03-02 01:30"
LOCAL_ADMIN_FORMAT = "March 2, 2026, 1:30 a.m."


def signed_in(client, role):
    user = staff_user(role, username=role.lower())
    client.force_login(user)
    return client


@pytest.mark.parametrize("url", ["/admin/login/", "/admin/"])
def test_the_admin_carries_the_sites_name(admin_client, client, url):
    page = (client if url.endswith("login/") else admin_client).get(url).content.decode()
    assert "Anime Review Blog administration" in page
    assert "<title>" in page and "| Anime Review Blog administration</title>" in page
    assert "Django administration" not in page
    assert "Django site admin" not in page


def test_the_admin_follows_the_site_name_setting(client, settings):
    settings.SITE_NAME = "Rouge Reviews"
    assert "Rouge Reviews administration" in client.get("/admin/login/").content.decode()


def test_a_page_a_staff_member_may_not_open_is_a_styled_403(client):
    response = signed_in(client, "Moderators").get("/admin/auth/user/")
    page = response.content.decode()
    assert response.status_code == 403
    assert "<h1>You may not open this page</h1>" in page
    assert "You are signed in as moderators" in page
    assert '<link rel="stylesheet" href="/static/css/site.css' in page
    assert 'href="/admin/"' in page


def test_a_writer_opening_the_discussion_settings_gets_the_styled_403(client):
    signed_in(client, "Writers")
    for url in ("/admin/comments/discussionsettings/", "/admin/comments/discussionsettings/1/"):
        response = client.get(url, follow=True)
        assert response.status_code == 403, url
        assert "You may not open this page" in response.content.decode()


def test_moderators_open_and_change_the_discussion_settings(client):
    signed_in(client, "Moderators")
    assert "Discussion settings" in client.get("/admin/").content.decode()
    page = client.get("/admin/comments/discussionsettings/", follow=True)
    assert page.status_code == 200
    data = {
        "hold_all": "on",
        "approve_known_authors": "on",
        "max_links": "1",
        "moderation_words": "",
        "spam_words": "",
        "report_threshold": "3",
        "close_after_days": "0",
        "thread_depth": "5",
        "per_page": "50",
        "order": "oldest",
    }
    response = client.post("/admin/comments/discussionsettings/1/change/", data)
    assert response.status_code == 302
    assert DiscussionSettings.load().max_links == 1


def test_the_queue_and_a_comments_history_show_times_in_the_sites_zone(client):
    moderator = staff_user("Moderators", username="mod")
    comment = CommentFactory(status=Comment.Status.SPAM, created_at=AT_UTC)
    Comment.objects.filter(pk=comment.pk).update(moderated_by=moderator, moderated_at=AT_UTC)
    ModerationDecision.objects.create(
        comment=comment, from_status="pending", to_status="spam", by=moderator, at=AT_UTC
    )
    client.force_login(moderator)

    queue = client.get("/admin/comments/comment/", {"status": "spam"}).content.decode()
    change = client.get(f"/admin/comments/comment/{comment.pk}/change/").content.decode()

    assert "Times (Asia/Kolkata)" in queue
    assert f"received<br>{LOCAL}" in queue
    assert f"moderated by mod<br>{LOCAL}" in queue
    assert "20:00" not in queue
    assert change.count(LOCAL_ADMIN_FORMAT) >= 2  # received, and the moderation history
    assert "8 p.m." not in change


def test_review_lists_workflow_logs_and_ratings_show_times_in_the_sites_zone(admin_client):
    review = cast_votes(ReviewFactory(), 7)
    Review.objects.filter(pk=review.pk).update(updated_at=AT_UTC, publish_at=AT_UTC)
    Transition.objects.create(review=review, from_status="draft", to_status="published", at=AT_UTC)
    Rating.objects.filter(review=review).update(updated_at=AT_UTC, created_at=AT_UTC)

    pages = {
        "reviews": admin_client.get(reverse("admin:reviews_review_changelist")),
        "review": admin_client.get(reverse("admin:reviews_review_change", args=[review.pk])),
        "ratings": admin_client.get(reverse("admin:ratings_rating_changelist")),
    }

    for name, response in pages.items():
        page = response.content.decode()
        assert LOCAL_ADMIN_FORMAT in page or f"{LOCAL} Asia/Kolkata" in page, name
        assert "8 p.m." not in page, name


def test_the_publish_time_entered_names_the_zone(admin_client):
    review = ReviewFactory(in_review=True)
    page = admin_client.get(reverse("admin:reviews_review_change", args=[review.pk]))
    assert "Publish at (Asia/Kolkata time)" in page.content.decode()


def test_one_link_too_many_reads_singular_in_the_queue(admin_client, client):
    rules = DiscussionSettings.load()
    rules.max_links = 1
    rules.hold_all = False
    rules.save()
    review = ReviewFactory()
    body = "See https://a.example and https://b.example"
    client.post(f"/reviews/{review.slug}/comment/", form_data(review, body=body))

    queue = admin_client.get("/admin/comments/comment/").content.decode()

    assert "more than 1 link<br>" in queue
    assert "more than 1 links" not in queue
    assert "2 links · 0 reports" in queue
