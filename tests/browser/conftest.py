"""Fixtures for browser tests that need more than the live demo site."""

import pytest

from animeblog.roles import grant_role_permissions
from tests.browser.helpers import RECORD_VIOLATIONS


@pytest.fixture
def role_groups(_allow_sync_orm_under_playwright, transactional_db):
    """The Writers, Editors and Moderators groups with their permissions.

    Live-server tests are transactional: each empties every table afterwards, the
    groups included. The flush's post_migrate grants the roles again; this fixture
    makes sure of them whatever ran before.
    """
    grant_role_permissions()


@pytest.fixture
def watched_page(page):
    """A page that records CSP violations from events and console messages alike."""
    page.add_init_script(RECORD_VIOLATIONS)
    page.console_messages_about_csp = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text
            and page.console_messages_about_csp.append(message.text)
        ),
    )
    return page
