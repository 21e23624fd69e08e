"""Comments in a real browser: a reader posts, a moderator approves in bulk, replies nest."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from comments.spam import MIN_SECONDS_TO_WRITE
from tests.comments.factories import CommentFactory
from tests.factories import UserFactory
from tests.reviews.factories import ReviewFactory

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"


@pytest.fixture
def moderator(role_groups):
    """A staff user in the Moderators group."""
    user = UserFactory(username="moderator", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def review(_allow_sync_orm_under_playwright, transactional_db):
    return ReviewFactory(headline="Metallic Rouge, season one")


@pytest.fixture
def new_page(browser, live_server):
    """Pages in separate browser contexts: separate readers, with separate cookies."""
    contexts = []

    def make():
        context = browser.new_context(base_url=live_server.url)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def screenshot(request):
    """Save a full-page screenshot of any page as test-results/screenshots/<name>-<width>.png."""
    folder = request.config.rootpath / "test-results" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)

    def save(page, name: str) -> None:
        page.screenshot(path=folder / f"{name}-{page.viewport_size['width']}.png", full_page=True)

    return save


def write_comment(page, body: str, name: str, email: str) -> None:
    """Fill the form like a person; the form refuses posts quicker than a person can write."""
    page.get_by_role("textbox", name="Comment", exact=True).fill(body)
    page.get_by_role("textbox", name="Name", exact=True).fill(name)
    page.get_by_role("textbox", name="Email", exact=True).fill(email)
    page.wait_for_timeout(MIN_SECONDS_TO_WRITE * 1000 + 200)
    page.get_by_role("button", name="Post Comment").click()


def test_a_comment_goes_from_reader_through_moderation_to_every_reader(
    page, new_page, live_server, review, moderator, screenshot
):
    page.goto(live_server.url + review.get_absolute_url())
    write_comment(page, "The fights look wonderful.", "Kavya", "kavya@example.org")
    held = page.locator(".comment--pending")
    expect(held).to_contain_text("The fights look wonderful.")
    expect(held).to_contain_text("Your comment is awaiting moderation.")
    screenshot(page, "comments-1-awaiting-moderation")

    other_reader = new_page()
    other_reader.goto(review.get_absolute_url())
    expect(other_reader.locator("#comments")).not_to_contain_text("The fights look wonderful.")

    admin = new_page()
    admin.goto("/admin/comments/comment/")
    admin.get_by_label("Username").fill("moderator")
    admin.get_by_label("Password").fill(PASSWORD)
    admin.get_by_role("button", name="Log in").click()
    row = admin.locator("#result_list tbody tr", has_text="The fights look wonderful.")
    expect(row).to_be_visible()
    expect(admin.get_by_text("Pending (1)")).to_be_visible()
    row.locator("input[name=_selected_action]").check()
    admin.locator("select[name=action]").select_option(label="Approve selected comments")
    screenshot(admin, "comments-2-moderator-queue")
    admin.get_by_role("button", name="Go").click()
    expect(admin.get_by_text("1 comment approved.")).to_be_visible()

    other_reader.reload()
    approved = other_reader.locator(".comment", has_text="The fights look wonderful.")
    expect(approved).to_be_visible()
    expect(approved).not_to_contain_text("awaiting moderation")
    expect(other_reader.locator("#comments-title")).to_have_text("1 comment")
    screenshot(other_reader, "comments-3-approved-for-everyone")

    approved.get_by_role("link", name="Reply").click()
    expect(approved.locator("#respond")).to_be_visible()
    expect(other_reader.locator("#reply-title")).to_contain_text("Leave a Reply to Kavya")
    write_comment(other_reader, "Agreed, episode four most of all.", "Arun", "arun@example.org")
    reply = approved.locator(".comment-list--children .comment")
    expect(reply).to_contain_text("Agreed, episode four most of all.")
    expect(reply).to_contain_text("Your comment is awaiting moderation.")
    screenshot(other_reader, "comments-4-reply-under-its-parent")


@pytest.fixture
def discussed_review(review):
    """The review with a thread, a spoiler and a staff reply, all approved."""
    top = CommentFactory(review=review, name="Kavya", website="https://kavya.example")
    CommentFactory(parent=top, name="Arun", body="A reply " * 40)
    CommentFactory(review=review, name="Meena", body="Rouge wins.", is_spoiler=True)
    return review


@pytest.mark.parametrize("width", [375, 1280])
def test_the_discussion_meets_wcag_21_aa_and_fits_a_phone(
    page, live_server, discussed_review, axe_violations, screenshot, width
):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + discussed_review.get_absolute_url())
    spoiler = page.locator(".comment__spoiler")
    expect(spoiler).not_to_contain_text("Rouge wins.", use_inner_text=True)
    spoiler.locator("summary").click()
    expect(spoiler).to_contain_text("Rouge wins.", use_inner_text=True)
    screenshot(page, "comments-5-thread-and-spoiler")
    assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")
    violations = axe_violations(page)
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]
