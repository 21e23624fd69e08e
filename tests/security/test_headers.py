"""Every page sends the security headers: Content Security Policy, nosniff, Referrer-Policy."""

import re

import pytest

from tests.reviews.factories import ReviewFactory

pytestmark = pytest.mark.django_db

POLICY = (
    "default-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; "
    "img-src 'self' data:; object-src 'none'; script-src 'self'; style-src 'self'"
)


def directives(header: str) -> set[str]:
    return {part.strip() for part in header.split(";")}


@pytest.fixture
def review():
    return ReviewFactory()


@pytest.mark.parametrize("path", ["/", "/admin/login/", "/search/?q=x", "/no-such-page/"])
def test_pages_send_the_strict_policy_nosniff_referrer_policy_and_no_framing(client, path):
    response = client.get(path)
    assert directives(response["Content-Security-Policy"]) == directives(POLICY)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_a_page_served_from_the_page_cache_keeps_the_policy(client, review):
    client.get(review.get_absolute_url())
    cached = client.get(review.get_absolute_url())
    assert cached["X-Cache"] == "hit"
    assert directives(cached["Content-Security-Policy"]) == directives(POLICY)


def test_pages_hold_no_inline_script_or_style(client, review):
    """Scripts come from files; JSON-LD is a data block, never run, so the policy allows it."""
    page = client.get(review.get_absolute_url()).content.decode()
    assert "<style" not in page
    assert " style=" not in page
    scripts = re.findall(r"<script[^>]*>", page)
    assert '<script type="application/ld+json">' in scripts
    assert all(
        tag.startswith("<script src=") or tag == '<script type="application/ld+json">'
        for tag in scripts
    )
