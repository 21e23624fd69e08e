"""Every page sends the security headers: Content Security Policy, nosniff, Referrer-Policy,
and a Permissions-Policy turning off the browser features the site never uses."""

import re

import pytest

from tests.reviews.factories import ReviewFactory

pytestmark = pytest.mark.django_db

POLICY = (
    "default-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; "
    "img-src 'self' data:; object-src 'none'; script-src 'self'; style-src 'self'"
)

# Features a hostile script would want; each must be off (an empty allow-list).
POWERFUL_FEATURES = ["camera", "microphone", "geolocation", "payment", "usb", "serial", "hid"]


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


def disabled_features(header: str) -> set[str]:
    """The features a Permissions-Policy header allows nowhere (``feature=()``)."""
    entries = [entry.strip() for entry in header.split(",")]
    return {entry.removesuffix("=()") for entry in entries if entry.endswith("=()")}


@pytest.mark.parametrize(
    "path", ["/", "/admin/login/", "/search/?q=x", "/no-such-page/", "/languages/%00/"]
)
def test_every_page_turns_off_camera_microphone_location_payment_and_usb(client, path):
    response = client.get(path)

    assert set(POWERFUL_FEATURES) <= disabled_features(response["Permissions-Policy"])


def test_a_page_served_from_the_page_cache_keeps_the_permissions_policy(client, review):
    client.get(review.get_absolute_url())
    cached = client.get(review.get_absolute_url())

    assert cached["X-Cache"] == "hit"
    assert set(POWERFUL_FEATURES) <= disabled_features(cached["Permissions-Policy"])
