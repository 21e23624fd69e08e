"""axe-core finds no WCAG 2.1 A or AA violation on the main public pages of the demo site."""

import pytest

from tests.browser.helpers import VIEWPORTS

pytestmark = pytest.mark.browser

PUBLIC_PAGES = {
    "home": "/",
    "review": "/reviews/metallic-rouge-season-01-review/",
    "show": "/anime/metallic-rouge/",
    "genre": "/genres/cyberpunk/",
    "tag": "/tags/cyberpunk/",
    "static page": "/pages/privacy/",
}


@pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS.keys())
@pytest.mark.parametrize("path", PUBLIC_PAGES.values(), ids=PUBLIC_PAGES.keys())
def test_public_page_has_no_wcag_21_aa_violation(page, demo_site, axe_violations, path, viewport):
    page.set_viewport_size(viewport)
    response = page.goto(demo_site + path)
    assert response.status == 200
    violations = axe_violations(page)
    assert violations == [], [
        (violation["id"], [node["target"] for node in violation["nodes"]])
        for violation in violations
    ]
