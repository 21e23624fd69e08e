"""The demo review's library images in a real browser, on a small phone and on a desktop,
and the image library as the editor sees it."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.helpers import load_lazy_images

pytestmark = pytest.mark.browser

REVIEW_PATH = "/reviews/metallic-rouge-season-01-review/"
PASSWORD = "demo password for the browser test"
WIDTHS = {"phone-360": {"width": 360, "height": 780}, "desktop": {"width": 1280, "height": 900}}


@pytest.mark.parametrize("viewport", WIDTHS.values(), ids=WIDTHS.keys())
def test_the_review_shows_its_figures_and_the_spoiler_keeps_its_own_hidden(
    page, demo_site, save_screenshot, viewport
):
    page.set_viewport_size(viewport)
    page.goto(demo_site + REVIEW_PATH)
    body = page.locator(".review__body")
    figures = body.locator("figure")
    spoiler = body.locator("details.spoiler")

    expect(figures).to_have_count(2)
    open_figure = figures.first
    open_figure.scroll_into_view_if_needed()
    expect(open_figure.get_by_role("img", name="A city of glass domes")).to_be_visible()
    expect(open_figure.locator("figcaption")).to_contain_text("The capital of Mars")
    hidden_figure = spoiler.locator("figure")
    expect(hidden_figure).to_be_hidden()

    spoiler.locator("summary").click()
    expect(hidden_figure.get_by_role("img", name="A lone armoured figure")).to_be_visible()
    expect(hidden_figure.locator("figcaption")).to_contain_text("The last fight")

    load_lazy_images(page)
    for image in figures.locator("img").all():
        shown = image.evaluate(
            """img => ({natural: img.naturalWidth, width: img.getBoundingClientRect().width,
                        chosen: img.currentSrc})"""
        )
        assert shown["natural"] > 0
        assert 0 < shown["width"] <= viewport["width"]
        # A phone gets a rendition, not the 1600 px original.
        if viewport["width"] < 400:
            assert shown["chosen"].endswith("w.webp")
    assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")
    page_shot = save_screenshot("review-with-figures")
    for index, figure in enumerate(figures.all(), start=1):
        figure.screenshot(
            path=page_shot.with_name(f"review-figure-{index}-{viewport['width']}.png")
        )


def test_the_editor_sees_the_library_as_a_grid_and_cannot_delete_an_image_in_use(
    page, demo_site, role_groups, monkeypatch, save_screenshot
):
    monkeypatch.setenv("DEMO_PASSWORD", PASSWORD)
    call_command("ensure_demo_users", stdout=io.StringIO())
    page.set_viewport_size(WIDTHS["desktop"])
    page.goto(demo_site + "/admin/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    page.goto(demo_site + "/admin/images/image/")
    cards = page.locator("#result_list tbody tr")
    expect(cards).to_have_count(2)
    first, second = (card.bounding_box() for card in cards.all())
    assert first["y"] == second["y"] and first["x"] < second["x"]  # side by side: a grid
    expect(cards.first).to_contain_text("1 review")
    save_screenshot("admin-image-library")

    cards.first.get_by_role("link").first.click()
    page.get_by_role("link", name="Delete").click()
    expect(page.locator("#content")).to_contain_text("protected related objects")
    expect(page.locator("#content")).to_contain_text("Metallic Rouge")
    save_screenshot("admin-image-delete-refused")
