"""In a real browser, a reader served a cached page comments and reports with csrf.js's token."""

import pytest
from playwright.sync_api import expect

from comments.models import Comment
from comments.spam import MIN_SECONDS_TO_WRITE
from tests.comments.factories import CommentFactory
from tests.reviews.factories import ReviewFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def review(_allow_sync_orm_under_playwright, transactional_db):
    return ReviewFactory(headline="Metallic Rouge, season one")


def open_cached(page, live_server, review):
    """Open the review page once another reader has filled the cache; check it was a hit."""
    url = live_server.url + review.get_absolute_url()
    page.request.get(url)
    response = page.goto(url)
    assert response.headers["x-cache"] == "hit"
    token = page.locator("#commentform input[name=csrfmiddlewaretoken]")
    assert token.get_attribute("value") == ""
    return token


def test_a_reader_comments_from_a_cached_page_and_sees_it_awaiting_moderation(
    page, live_server, review
):
    token = open_cached(page, live_server, review)

    page.get_by_role("textbox", name="Comment", exact=True).fill("Written on a cached page.")
    expect(token).not_to_have_value("")  # csrf.js fetched the reader's own token
    page.get_by_role("textbox", name="Name", exact=True).fill("Kavya")
    page.get_by_role("textbox", name="Email", exact=True).fill("kavya@example.org")
    page.wait_for_timeout(MIN_SECONDS_TO_WRITE * 1000 + 200)
    page.get_by_role("button", name="Post Comment").click()

    expect(page.locator(".comment--pending")).to_contain_text("Written on a cached page.")
    expect(page.locator(".comment--pending")).to_contain_text("awaiting moderation")
    assert Comment.objects.get().status == Comment.Status.PENDING  # not caught as a bot


def test_a_quick_click_on_report_waits_for_the_token(page, live_server, review):
    CommentFactory(review=review, body="A comment to report.")
    open_cached(page, live_server, review)

    page.get_by_role("button", name="Report").click()
    page.get_by_role("button", name="Yes, report it").click()

    expect(page.get_by_text("Thank you: the moderators will look at this comment.")).to_be_visible()
