"""The admin as staff see it at 1,280 px: the moderation queue, the styled 403, presence."""

import re

import pytest
from playwright.sync_api import expect

from comments.models import Comment
from reviews import presence
from tests.comments.factories import CommentFactory
from tests.reviews.factories import ReviewFactory, staff_user

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"  # tests.factories.UserFactory's
SINCE = r"{name} is also editing this review \(since \d\d:\d\d\)"


@pytest.fixture
def sign_in(browser, live_server, role_groups):
    """Sign a user in to the admin in a browser context of their own; returns their page."""
    contexts = []

    def sign_in_as(user, width=1280):
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": width, "height": 900}
        )
        contexts.append(context)
        page = context.new_page()
        page.goto("/admin/login/")
        page.get_by_label("Username").fill(user.username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        expect(page.get_by_role("button", name="Log out")).to_be_visible()
        return page

    yield sign_in_as
    for context in contexts:
        context.close()


def screenshot(request, page, name: str) -> None:
    folder = request.config.rootpath / "test-results" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=folder / f"{name}-{page.viewport_size['width']}.png", full_page=True)


def test_the_moderation_queue_shows_excerpts_readably_at_1280_px(sign_in, request):
    moderator = staff_user("Moderators", username="moderator")
    for number in range(3):
        CommentFactory(
            status=Comment.Status.PENDING,
            name="Kavya Raghunathan",
            email=f"kavya.raghunathan.{number}@readers.example",
            website="https://kavya-writes-about-anime.example/blog/",
            body="The fights in episode four look wonderful, and the soundtrack carries "
            "every quiet scene between them. https://a.example https://b.example",
            link_count=2,
            held_reason="more than 1 link",
        )
    page = sign_in(moderator)
    page.goto("/admin/comments/comment/")
    excerpt = page.locator("#result_list tbody tr td.field-excerpt, #result_list tbody tr th")
    expect(excerpt.first).to_contain_text("The fights in episode four")
    screenshot(request, page, "admin-moderation-queue")

    first_row = page.locator("#result_list tbody tr").first
    excerpt_box = first_row.locator(".field-excerpt").bounding_box()
    reason_box = first_row.locator(".field-held").bounding_box()
    assert excerpt_box["width"] >= 200, excerpt_box
    assert reason_box["x"] + reason_box["width"] <= 1280, reason_box
    results = page.locator("#changelist .results")
    assert results.evaluate("box => box.scrollWidth <= box.clientWidth"), "the rows scroll sideways"
    assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")


def test_a_refused_admin_page_is_the_sites_styled_403(sign_in, request, axe_violations):
    moderator = staff_user("Moderators", username="moderator")
    page = sign_in(moderator)
    response = page.goto("/admin/auth/user/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("You may not open this page")
    expect(page.get_by_role("link", name="admin")).to_have_attribute("href", "/admin/")
    screenshot(request, page, "admin-403")
    assert page.evaluate("getComputedStyle(document.body).margin") == "0px"  # site.css applied
    violations = axe_violations(page)
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


def test_two_editors_on_one_review_see_each_other_and_the_one_left_behind_sees_them_go(
    sign_in, request, monkeypatch
):
    monkeypatch.setattr(presence, "HEARTBEAT_SECONDS", 1)
    review = ReviewFactory(draft=True, headline="Metallic Rouge, the first season")
    change = f"/admin/reviews/review/{review.pk}/change/"
    asha = sign_in(staff_user("Editors", username="asha", first_name="Asha", last_name="Menon"))
    ravi = sign_in(staff_user("Editors", username="ravi", first_name="Ravi", last_name="Iyer"))

    asha.goto(change)
    expect(asha.locator("#presence")).to_have_text("")
    ravi.goto(change)

    shown_to_ravi = ravi.get_by_role("status")
    shown_to_asha = asha.get_by_role("status")
    expect(shown_to_ravi).to_have_text(re.compile(SINCE.format(name="Asha Menon")))
    expect(shown_to_asha).to_have_text(re.compile(SINCE.format(name="Ravi Iyer")))
    expect(shown_to_asha).to_have_attribute("aria-live", "polite")
    screenshot(request, asha, "admin-presence-first-editor")
    screenshot(request, ravi, "admin-presence-second-editor")

    ravi.goto("/admin/")
    expect(shown_to_asha).to_have_text("")
