"""Snags a reader met: cropped posters on phones, the report and reply controls of comments,
and the empty column beside a review's body on desktops."""

import pytest
from playwright.sync_api import expect

from comments.models import CommentReport
from tests.comments.factories import CommentFactory
from tests.reviews.factories import ReviewFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def discussed_review(_allow_sync_orm_under_playwright, transactional_db):
    """A review far down whose page has two approved comments, one marked as a spoiler."""
    review = ReviewFactory(headline="Metallic Rouge, season one", body="A paragraph.\n\n" * 60)
    CommentFactory(review=review, name="Kavya", body="The fights look wonderful.")
    CommentFactory(review=review, name="Meena", body="Rouge wins.", is_spoiler=True)
    return review


def test_report_asks_for_confirmation_in_view_and_reports_only_when_confirmed(
    page, live_server, discussed_review, save_screenshot
):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live_server.url + discussed_review.get_absolute_url())
    comment = page.locator(".comment", has_text="The fights look wonderful.")
    report = comment.get_by_role("button", name="Report the comment by Kavya")

    report.click()
    confirm = comment.get_by_role("group", name="Confirm the report")
    expect(confirm).to_be_visible()
    expect(confirm).to_contain_text("Report this comment to the moderators?")
    expect(report).to_be_hidden()
    expect(confirm.get_by_role("button", name="Yes, report it")).to_be_focused()
    expect(confirm).to_be_in_viewport(ratio=1)
    save_screenshot("report-confirmation")

    confirm.get_by_role("button", name="Cancel").click()
    expect(confirm).to_be_hidden()
    expect(report).to_be_focused()
    assert not CommentReport.objects.exists()

    report.click()
    confirm.get_by_role("button", name="Yes, report it").click()
    thanks = page.get_by_role("status")
    expect(thanks).to_contain_text("Thank you: the moderators will look at this comment.")
    expect(thanks).to_be_in_viewport(ratio=1)
    assert CommentReport.objects.count() == 1


def test_report_without_javascript_reports_at_once(browser, live_server, discussed_review):
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    page.goto(discussed_review.get_absolute_url())
    page.get_by_role("button", name="Report the comment by Kavya").click()
    # The page came from the shared cache, without a token: one more click, as for any form.
    page.get_by_role("button", name="Send again").click()
    expect(page.get_by_role("status")).to_contain_text("the moderators will look at this comment")
    assert CommentReport.objects.count() == 1
    context.close()


def test_cancel_reply_returns_focus_to_the_reply_link(page, live_server, discussed_review):
    page.goto(live_server.url + discussed_review.get_absolute_url())
    reply = page.get_by_role("link", name="Reply to Kavya")
    reply.click()
    expect(page.get_by_role("textbox", name="Comment", exact=True)).to_be_focused()
    page.get_by_role("link", name="Cancel reply").click()
    expect(reply).to_be_focused()
    expect(page.get_by_role("heading", name="Leave a Reply", exact=True)).to_be_visible()


@pytest.mark.parametrize("path", ["/", "/genres/cyberpunk/"])
def test_card_posters_keep_their_shape_on_a_360_px_phone(page, demo_site, save_screenshot, path):
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(demo_site + path)
    posters = page.locator(".card__media img")
    assert posters.count() > 0
    for poster in posters.all():
        poster.scroll_into_view_if_needed()
        expect(poster).to_have_js_property("complete", True)
        shown, drawn = poster.evaluate(
            """image => [image.clientWidth / image.clientHeight,
                         image.naturalWidth / image.naturalHeight]"""
        )
        assert shown == pytest.approx(drawn, rel=0.02)
    save_screenshot("cards" + (path.replace("/", "-").rstrip("-") or "-home"))


def test_review_contents_follow_the_reader_beside_the_body_on_a_desktop(
    page, demo_site, save_screenshot, request
):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(demo_site + "/reviews/metallic-rouge-season-01-review/")
    contents = page.get_by_role("navigation", name="Contents")
    body = page.locator(".review__body")
    save_screenshot("review-contents")

    page.locator(".review__body h2").last.scroll_into_view_if_needed()
    expect(contents).to_be_in_viewport(ratio=1)
    assert contents.bounding_box()["x"] > body.bounding_box()["x"] + body.bounding_box()["width"]
    folder = request.config.rootpath / "test-results" / "screenshots"
    page.screenshot(path=folder / "review-contents-scrolled-1280.png")

    contents.get_by_role("link").first.click()
    expect(contents).to_be_in_viewport(ratio=1)


def test_the_info_box_follows_the_reader_when_a_review_has_no_contents(
    page, live_server, discussed_review
):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + discussed_review.get_absolute_url())
    assert page.get_by_role("navigation", name="Contents").count() == 0
    page.locator(".review__body p").last.scroll_into_view_if_needed()
    expect(page.get_by_role("region", name="Information")).to_be_in_viewport(ratio=1)
