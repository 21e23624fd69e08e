"""The demo show page in a real browser: information box, layout at phone and desktop widths."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import VIEWPORTS, definition_list

pytestmark = pytest.mark.browser

SHOW_PATH = "/anime/metallic-rouge/"


@pytest.fixture(params=VIEWPORTS.values(), ids=VIEWPORTS.keys())
def show_page(request, page, demo_site):
    """The reference show's page, opened at each viewport."""
    page.set_viewport_size(request.param)
    page.goto(demo_site + SHOW_PATH)
    return page


def information_box_facts(page) -> dict[str, str]:
    """The information box as {label: shown text}, read the way a reader sees it."""
    box = page.get_by_role("region", name="Information")
    expect(box).to_be_visible()
    return definition_list(box)


def test_show_page_information_box_shows_the_facts_of_the_show(show_page, save_screenshot):
    facts = information_box_facts(show_page)
    save_screenshot("show-page")
    assert facts["Type"] == "TV"
    assert facts["Status"] == "Finished Airing"
    assert facts["Episodes"] == "13"
    assert "24 min" in facts["Duration"]
    assert "2024" in facts["Aired"]
    for genre in ["Action", "Cyberpunk", "Mecha", "Mystery", "Sci-fi"]:
        assert genre in facts["Genres"]
    for language in ["Tamil", "Japanese"]:
        assert language in facts["Language"]


def test_show_page_does_not_scroll_sideways(show_page):
    assert show_page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")


def test_show_page_meets_wcag_21_a_and_aa(show_page, axe_violations):
    violations = axe_violations(show_page)
    assert violations == [], [
        (violation["id"], [node["target"] for node in violation["nodes"]])
        for violation in violations
    ]
