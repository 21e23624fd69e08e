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
