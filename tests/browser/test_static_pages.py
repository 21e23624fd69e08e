"""A reader reaches the demo's static pages from the footer and reads them at every width."""

import pytest

from tests.browser.helpers import VIEWPORTS

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS.keys())
def test_footer_leads_to_the_privacy_page(page, demo_site, save_screenshot, viewport):
    page.set_viewport_size(viewport)
    page.goto(demo_site + "/")

    page.get_by_role("contentinfo").get_by_role("link", name="Privacy").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Privacy"
    assert page.get_by_role("heading", name="What we keep").is_visible()
    body_width = page.evaluate("document.documentElement.scrollWidth")
    assert body_width <= viewport["width"]
    save_screenshot("static-page")
