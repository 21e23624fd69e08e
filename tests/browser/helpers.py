"""Helpers the browser tests share: the widths pages are read at, and reading what they show."""

VIEWPORTS = {
    "phone": {"width": 375, "height": 812},
    "desktop": {"width": 1280, "height": 900},
}


def definition_list(region) -> dict[str, str]:
    """The <dt>/<dd> pairs inside a locator as {term: shown text}, read as a reader sees them."""
    return region.evaluate(
        """region => Object.fromEntries([...region.querySelectorAll("dt")].map(
            term => [term.innerText.trim(), term.nextElementSibling.innerText.trim()]
        ))"""
    )


def type_into_body(page, text: str, replace: bool = True) -> None:
    """Type into the review body's Markdown editor as a writer does (keyboard, not a fill)."""
    page.locator(".field-body .CodeMirror").click()
    if replace:
        page.keyboard.press("Control+A")
        page.keyboard.press("Delete")
    page.keyboard.type(text)


def load_lazy_images(page) -> None:
    """Load every lazy image now, so a full-page screenshot shows what a scrolling reader sees."""
    page.evaluate(
        """() => Promise.all([...document.images].map(image => {
            image.loading = "eager";
            return image.decode().catch(() => null);
        }))"""
    )


# Kept in the page from its first script on: every violation the browser reports
# (added by the watched_page fixture, tests/browser/conftest.py).
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", event => {
    window.cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
});
"""


def violations(page) -> list[str]:
    """The CSP violations a watched_page saw, from events and console messages alike."""
    return page.evaluate("window.cspViolations") + page.console_messages_about_csp
