"""The demo review read in a real browser at phone and desktop widths."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import VIEWPORTS, definition_list, load_lazy_images

pytestmark = pytest.mark.browser

REVIEW_PATH = "/reviews/metallic-rouge-season-01-review/"


@pytest.fixture(params=VIEWPORTS.values(), ids=VIEWPORTS.keys())
def review_page(request, page, demo_site):
    """The long demo review of the reference show, opened at each viewport."""
    page.set_viewport_size(request.param)
    page.goto(demo_site + REVIEW_PATH)
    return page


def test_demo_review_shows_its_headline_information_box_and_final_summary(
    review_page, save_screenshot
):
    expect(review_page.get_by_role("heading", level=1)).to_have_text(
        "Metallic Rouge (Season 01) Tamil [480p 720p 1080p]"
    )
    information = review_page.get_by_role("region", name="Information")
    expect(information).to_be_visible()
    facts = definition_list(information)
    assert (facts["Type"], facts["Episodes"]) == ("TV", "13")
    summary = review_page.get_by_role("region", name="Final Summary")
    expect(summary).to_be_visible()
    scores = definition_list(summary)
    assert (scores["IMDb"], scores["MyAnimeList"], scores["Average Score"]) == (
        "5.9",
        "6.2",
        "6.1",
    )
    load_lazy_images(review_page)
    save_screenshot("review-page")


def test_table_of_contents_link_brings_its_chapter_into_view(review_page):
    contents = review_page.get_by_role("navigation", name="Contents")
    contents.get_by_role("link", name="Where it stumbles").click()
    expect(review_page).to_have_url(f"{review_page.url.split('#')[0]}#where-it-stumbles")
    expect(
        review_page.get_by_role("heading", name="Where it stumbles", level=2)
    ).to_be_in_viewport()


def test_back_to_top_control_scrolls_back_to_the_top(review_page):
    headline = review_page.get_by_role("heading", level=1)
    review_page.evaluate("window.scrollTo(0, document.scrollingElement.scrollHeight)")
    expect(headline).not_to_be_in_viewport()
    review_page.get_by_role("link", name="Back to top").click()
    expect(headline).to_be_in_viewport()


def test_review_page_does_not_scroll_sideways(review_page):
    assert review_page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")
