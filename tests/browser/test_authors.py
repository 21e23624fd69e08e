"""The author page and archive as readers see them, phone and desktop, with no axe violation."""

import pytest

from tests.browser.helpers import load_lazy_images

pytestmark = pytest.mark.browser

WIDTHS = {"phone": {"width": 360, "height": 780}, "desktop": {"width": 1280, "height": 900}}


@pytest.mark.parametrize("viewport", WIDTHS.values(), ids=WIDTHS.keys())
def test_author_page_reads_well_and_has_no_wcag_violation(
    page, demo_site, axe_violations, save_screenshot, viewport
):
    page.set_viewport_size(viewport)
    page.goto(demo_site + "/reviews/metallic-rouge-season-01-review/")
    page.get_by_role("link", name="Mika Tanabe").first.click()

    assert page.get_by_role("heading", level=1).inner_text() == "Mika Tanabe"
    assert page.locator(".review-card").count() >= 1
    first_tag = page.locator(".review-card .chip--tag").first
    assert first_tag.is_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    load_lazy_images(page)
    save_screenshot("author-page")
    violations = axe_violations(page)
    assert violations == [], [
        (violation["id"], [node["target"] for node in violation["nodes"]])
        for violation in violations
    ]


@pytest.mark.parametrize("viewport", WIDTHS.values(), ids=WIDTHS.keys())
def test_archive_pages_have_no_wcag_violation(page, demo_site, axe_violations, viewport):
    page.set_viewport_size(viewport)
    page.goto(demo_site + "/")
    page.get_by_role("link", name="Archive").click()
    page.locator(".archive-year .chip").first.click()

    assert page.get_by_role("heading", level=1).inner_text().startswith("Reviews from ")
    assert axe_violations(page) == []
