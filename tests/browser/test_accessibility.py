"""axe-core finds no WCAG 2.2 A or AA violation on any public page type of the demo site,
on a small phone and a desktop, in the light and the dark colour scheme."""

import pytest

pytestmark = pytest.mark.browser

PUBLIC_PAGES = {
    "home": ("/", 200),
    "review": ("/reviews/metallic-rouge-season-01-review/", 200),
    "show": ("/anime/metallic-rouge/", 200),
    "genre": ("/genres/cyberpunk/", 200),
    "language": ("/languages/ja/", 200),
    "tag": ("/tags/cyberpunk/", 200),
    "search": ("/search/?q=rouge", 200),
    "search, misspelt": ("/search/?q=metalic+rouge", 200),
    "not-found": ("/no-such-page/", 404),
    "static page": ("/pages/privacy/", 200),
}

# The narrowest phone readers use, and a desktop.
WIDTHS = {"phone-360": 360, "desktop": 1280}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize(("path", "status"), PUBLIC_PAGES.values(), ids=PUBLIC_PAGES.keys())
def test_public_page_has_no_wcag_aa_violation(
    page, demo_site, axe_violations, path, status, width, scheme
):
    page.set_viewport_size({"width": width, "height": 900})
    page.emulate_media(color_scheme=scheme)
    response = page.goto(demo_site + path)
    assert response.status == status
    # Open the spoiler-marked comments, as a reader does, so their controls are checked too.
    for spoiler in page.locator("details").all():
        spoiler.evaluate("details => { details.open = true; }")
    violations = axe_violations(page)
    assert violations == [], [
        (violation["id"], [node["target"] for node in violation["nodes"]])
        for violation in violations
    ]
