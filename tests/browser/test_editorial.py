"""An editor writes, submits and publishes a review in the admin; a reader then finds it."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.helpers import type_into_body

pytestmark = pytest.mark.browser

PASSWORD = "demo password for the browser test"
SLUG = "cowboy-bebop-session-notes"
HEADLINE = "Cowboy Bebop, one session at a time"


@pytest.fixture
def editor_page(page, demo_site, role_groups, monkeypatch):
    """A page signed in to the admin as the demo editor (in the Editors group)."""
    monkeypatch.setenv("DEMO_PASSWORD", PASSWORD)
    call_command("ensure_demo_users", stdout=io.StringIO())
    page.goto(demo_site + "/admin/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    return page


@pytest.fixture
def reader(browser, demo_site):
    """A separate, anonymous browser context: nothing of the editor's session leaks into it."""
    context = browser.new_context(base_url=demo_site)
    yield context.new_page()
    context.close()


def choose_autocomplete(page, field_id: str, search: str, option: str) -> None:
    """Pick a value in one of the admin's select2 autocomplete widgets."""
    page.locator(f"#{field_id}").locator("xpath=following-sibling::span[1]").click()
    page.locator(".select2-search__field").fill(search)
    page.locator(".select2-results__option", has_text=option).first.click()


def test_editor_creates_submits_and_publishes_a_review_that_a_reader_then_sees(
    editor_page, reader, demo_site, save_screenshot
):
    editor_page.goto(demo_site + "/admin/reviews/review/add/")
    choose_autocomplete(editor_page, "id_title", "Cowboy", "Cowboy Bebop")
    editor_page.locator("#id_headline").fill(HEADLINE)
    editor_page.locator("#id_slug").fill(SLUG)
    type_into_body(
        editor_page,
        "## The sessions\n\nEvery episode plays a different genre, and the crew stays broke.\n",
    )
    editor_page.locator("#id_verdict").fill("A classic that still swings.")
    editor_page.get_by_role("button", name="Submit for review").click()
    expect(editor_page.locator(".messagelist")).to_contain_text("now in review")

    assert reader.goto(f"/reviews/{SLUG}/").status == 404
    reader.goto("/")
    expect(reader.get_by_role("link", name=HEADLINE)).to_have_count(0)

    editor_page.goto(demo_site + "/admin/reviews/review/?q=" + SLUG)
    editor_page.get_by_role("link", name=HEADLINE).click()
    editor_page.get_by_role("button", name="Publish or schedule").click()
    expect(editor_page.locator(".messagelist")).to_contain_text("now published")
    save_screenshot("admin-review-published")

    reader.goto("/")
    reader.get_by_role("link", name=HEADLINE).first.click()
    expect(reader).to_have_url(f"{demo_site}/reviews/{SLUG}/")
    expect(reader.get_by_role("heading", level=1)).to_have_text(HEADLINE)
    expect(reader.get_by_role("heading", name="The sessions")).to_be_visible()
