"""The demo review's library images in a real browser, on a small phone and on a desktop."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import load_lazy_images

pytestmark = pytest.mark.browser

REVIEW_PATH = "/reviews/metallic-rouge-season-01-review/"
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
