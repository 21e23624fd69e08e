"""Two editors in two browsers edit one review; a live review's edit waits for "Publish changes"."""

import pytest
from playwright.sync_api import expect

from reviews.models import Review
from tests.browser.helpers import VIEWPORTS, type_into_body
from tests.reviews.factories import ReviewFactory, staff_user

pytestmark = pytest.mark.browser

PASSWORD = "browser test password"
LIVE_REVIEW = "metallic-rouge-season-01-review"


def signed_in(page, demo_site, username: str, first_name: str):
    """``page`` signed in to the admin as a new editor."""
    user = staff_user("Editors", username=username, first_name=first_name)
    user.set_password(PASSWORD)
    user.save()
    page.set_viewport_size(VIEWPORTS["desktop"])
    page.goto(demo_site + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    return page


@pytest.fixture
def eda(page, demo_site, role_groups):
    return signed_in(page, demo_site, "eda", "Eda")


@pytest.fixture
def otto(browser, demo_site, role_groups):
    context = browser.new_context()
    yield signed_in(context.new_page(), demo_site, "otto", "Otto")
    context.close()


@pytest.fixture
def reader(browser, demo_site):
    context = browser.new_context(base_url=demo_site)
    yield context.new_page()
    context.close()


def violations_within(page, violations, region: str) -> list:
    """The axe violations of nodes inside ``region`` (the rest of the admin is Django's)."""
    return [
        (violation["id"], node["target"])
        for violation in violations
        for node in violation["nodes"]
        if page.locator(node["target"][0]).first.evaluate(f"el => !!el.closest('{region}')")
    ]


def open_review(page, demo_site, review):
    page.goto(f"{demo_site}/admin/reviews/review/{review.pk}/change/")


def save(page):
    page.get_by_role("button", name="Save and continue editing").click()


def test_two_editors_change_different_fields_and_both_changes_survive(eda, otto, demo_site):
    review = ReviewFactory(draft=True, excerpt="Old excerpt.", verdict="Old verdict.")
    open_review(eda, demo_site, review)
    open_review(otto, demo_site, review)

    otto.locator("#id_excerpt").fill("Otto's excerpt.")
    save(otto)
    expect(otto.locator(".messagelist")).to_contain_text("changed successfully")
    eda.locator("#id_verdict").fill("Eda's verdict.")
    save(eda)

    expect(eda.locator(".messagelist")).to_contain_text("changed successfully")
    review.refresh_from_db()
    assert (review.excerpt, review.verdict) == ("Otto's excerpt.", "Eda's verdict.")
    expect(eda.locator("#id_excerpt")).to_have_value("Otto's excerpt.")


def test_both_edit_the_body_and_the_second_keeps_both_texts_by_choice(
    eda, otto, demo_site, save_screenshot, axe_violations
):
    review = ReviewFactory(draft=True, body="## Story\n\nThe first paragraph.")
    open_review(otto, demo_site, review)
    open_review(eda, demo_site, review)

    type_into_body(otto, "## Story\n\nOtto's paragraph about the mystery.")
    save(otto)
    type_into_body(eda, "## Story\n\nEda's paragraph about the music.")
    save(eda)

    expect(eda.locator(".errornote")).to_be_visible()
    expect(eda.locator(".errorlist.nonfield")).to_contain_text("Otto saved this review at")
    conflict = eda.locator("#merge-conflict-body")
    expect(conflict).to_contain_text("Otto's paragraph about the mystery.")
    expect(conflict).to_contain_text("Eda's paragraph about the music.")
    save_screenshot("admin-merge-conflict")
    assert violations_within(eda, axe_violations(eda), "#merge-conflicts") == []
    combined = conflict.get_by_role("textbox", name="Combined text")
    expect(combined).to_have_value(
        "## Story\n\nOtto's paragraph about the mystery.\nEda's paragraph about the music."
    )
    combined.fill(
        "## Story\n\nOtto's paragraph about the mystery.\n\nEda's paragraph about the music."
    )
    conflict.get_by_role("radio", name="Use the combined text").check()
    save(eda)

    expect(eda.locator(".messagelist")).to_contain_text("changed successfully")
    review.refresh_from_db()
    assert review.body.replace("\r\n", "\n") == (
        "## Story\n\nOtto's paragraph about the mystery.\n\nEda's paragraph about the music."
    )


def test_readers_see_the_live_text_until_an_editor_publishes_the_changes(
    eda, reader, demo_site, save_screenshot, axe_violations
):
    review = Review.objects.get(slug=LIVE_REVIEW)
    reader.goto(f"/reviews/{LIVE_REVIEW}/")
    live_excerpt = reader.locator(".lede").inner_text()
    open_review(eda, demo_site, review)

    eda.locator("#id_excerpt").fill("A rewritten excerpt, waiting for publication.")
    save(eda)

    expect(eda.get_by_role("heading", name="This review has unpublished changes")).to_be_visible()
    expect(eda.locator("#pending-changes")).to_contain_text("A rewritten excerpt")
    save_screenshot("admin-pending-changes")
    assert violations_within(eda, axe_violations(eda), "#pending-changes") == []
    reader.reload()
    expect(reader.locator(".lede")).to_have_text(live_excerpt)

    eda.get_by_role("button", name="Publish changes").click()
    expect(eda.locator(".messagelist")).to_contain_text("Changes published")
    reader.reload()
    expect(reader.locator(".lede")).to_have_text("A rewritten excerpt, waiting for publication.")
