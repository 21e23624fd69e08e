"""Public pages and the admin run under the strict Content Security Policy without a violation."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from catalog.models import Title
from comments.models import Comment
from reviews.models import Review
from tests.browser.helpers import violations

pytestmark = pytest.mark.browser

PASSWORD = "csp browser test password"


def visit(page, url: str) -> None:
    response = page.goto(url)
    assert response.status == 200, url
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")


def test_home_show_and_review_pages_break_no_rule_of_the_policy(watched_page, demo_site):
    review = Review.objects.live().first()
    pages = ["/", review.title.get_absolute_url(), "/search/?q=a", review.get_absolute_url()]
    for path in pages:
        visit(watched_page, demo_site + path)
    # The review page's JSON-LD is a data block: Chromium does not treat it as a script.
    assert watched_page.locator('script[type="application/ld+json"]').count() == 1
    watched_page.mouse.wheel(0, 5000)
    watched_page.wait_for_timeout(300)
    assert violations(watched_page) == []


def test_the_admin_breaks_no_rule_of_the_policy(watched_page, demo_site):
    get_user_model().objects.create_superuser("chief", "chief@example.com", PASSWORD)
    watched_page.goto(demo_site + "/admin/")
    watched_page.get_by_label("Username").fill("chief")
    watched_page.get_by_label("Password").fill(PASSWORD)
    watched_page.get_by_role("button", name="Log in").click()
    expect(watched_page.get_by_role("button", name="Log out")).to_be_visible()
    review = Review.objects.first()
    title = Title.objects.first()
    pages = [
        "/admin/",
        "/admin/reviews/review/",
        "/admin/reviews/review/add/",
        f"/admin/reviews/review/{review.pk}/change/",
        "/admin/catalog/title/",
        f"/admin/catalog/title/{title.pk}/change/",
        "/admin/comments/comment/",
    ]
    if Comment.objects.exists():
        pages.append(f"/admin/comments/comment/{Comment.objects.first().pk}/change/")
    for path in pages:
        visit(watched_page, demo_site + path)
    assert violations(watched_page) == []
