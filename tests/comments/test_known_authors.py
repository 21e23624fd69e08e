"""A known author is approved at once only from the browser that wrote their approved comment.

The email alone proves nothing: anyone who knows a regular's address can type it.
"""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from comments.cookies import AUTHORED_COOKIE
from comments.models import Comment, DiscussionSettings
from tests.caching.helpers import warm
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

REGULAR = "kavya@example.org"


@pytest.fixture
def moderator_browser(db) -> Client:
    moderator = UserFactory(username="moderator", is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    browser = Client()
    browser.force_login(moderator)
    return browser


@pytest.fixture
def regular(post_comment, review, rules, moderator_browser) -> Client:
    """A reader's browser whose first, held comment a moderator approved in the admin."""
    browser = Client()
    post_comment(review, client=browser, email="Kavya@Example.org", body="My first comment.")
    first = Comment.objects.get(body="My first comment.")
    moderator_browser.post(
        "/admin/comments/comment/?status=pending",
        {"action": "mark_approved", "_selected_action": [first.pk]},
    )
    first.refresh_from_db()
    assert first.status == Comment.Status.APPROVED
    return browser


def status_of(body: str) -> str:
    return Comment.objects.get(body=body).status


def test_a_regular_posting_again_from_their_own_browser_is_approved_at_once(
    post_comment, review, regular
):
    post_comment(review, client=regular, email=REGULAR, body="Back for episode two.")
    assert status_of("Back for episode two.") == Comment.Status.APPROVED
    assert Comment.objects.get(body="Back for episode two.").held_reason == ""


def test_an_impostor_with_a_regulars_email_is_held(post_comment, review, regular):
    post_comment(review, client=Client(), email=REGULAR, body="Buy cheap figures here.")
    comment = Comment.objects.get(body="Buy cheap figures here.")
    assert comment.status == Comment.Status.PENDING
    assert comment.held_reason == "every comment is held for moderation"


def test_an_impostor_stays_held_after_posting_twice_with_a_regulars_email(
    post_comment, review, regular
):
    impostor = Client()
    post_comment(review, client=impostor, email=REGULAR, body="First try.")
    post_comment(review, client=impostor, email=REGULAR, body="Second try.")
    assert status_of("Second try.") == Comment.Status.PENDING


def test_a_tampered_cookie_naming_the_regulars_comment_is_held(post_comment, review, regular):
    approved_id = Comment.objects.get(body="My first comment.").pk
    impostor = Client()
    signed = regular.cookies[AUTHORED_COOKIE].value
    impostor.cookies[AUTHORED_COOKIE] = signed.replace(f"[{approved_id}]", f"[{approved_id} ]")
    post_comment(review, client=impostor, email=REGULAR, body="Tampered.")
    forger = Client()
    forger.cookies[AUTHORED_COOKIE] = f'"[{approved_id}]":forged:signature'
    post_comment(review, client=forger, email=REGULAR, body="Forged.")
    assert (status_of("Tampered."), status_of("Forged.")) == ("pending", "pending")


def test_the_regulars_browser_under_another_email_is_held(post_comment, review, regular):
    post_comment(review, client=regular, email="someone.else@example.org", body="Not me.")
    assert status_of("Not me.") == Comment.Status.PENDING


def test_an_author_whose_comments_were_only_held_is_not_known(post_comment, review, rules):
    browser = Client()
    post_comment(review, client=browser, body="Held first.")
    post_comment(review, client=browser, body="Held second.")
    assert status_of("Held second.") == Comment.Status.PENDING


def test_a_regular_is_held_when_the_setting_is_off(post_comment, review, regular):
    rules = DiscussionSettings.load()
    rules.approve_known_authors = False
    rules.save()
    post_comment(review, client=regular, email=REGULAR, body="Back again.")
    assert status_of("Back again.") == Comment.Status.PENDING


def test_the_authored_cookie_alone_still_gets_the_shared_cached_page(review, regular):
    """It is read only when posting, so a regular's browser is not cut off from the cache."""
    only_authored = Client()
    only_authored.cookies[AUTHORED_COOKIE] = regular.cookies[AUTHORED_COOKIE].value
    warm(Client(), review.get_absolute_url())
    assert only_authored.get(review.get_absolute_url())["X-Cache"] == "hit"


def test_the_discussion_settings_say_what_makes_an_author_known(admin_client, rules):
    page = admin_client.get("/admin/comments/discussionsettings/1/change/").content.decode()
    assert "browser already wrote an approved comment under the same email" in page
    assert "The email alone is not enough" in page
