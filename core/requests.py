"""What a request says about itself: the client's address, and whether it is for the admin."""

import ipaddress

from django.conf import settings
from django.urls import reverse


def client_ip(request) -> str | None:
    """REMOTE_ADDR, or the address the site's own proxies saw when there are any.

    TRUSTED_PROXIES (default 0) is how many proxies of our own (load balancer, CDN)
    append to X-Forwarded-For. Each appends the address it saw, so the client is
    the entry that many places from the right; anything further left is the
    client's own claim and could be forged to dodge a limit.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    trusted = settings.TRUSTED_PROXIES
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if not trusted or len(forwarded) < trusted:
        return remote
    try:
        return str(ipaddress.ip_address(forwarded[-trusted]))
    except ValueError:
        return remote


def is_admin_request(request) -> bool:
    """The request is for the admin, which is never cached and always reads the primary."""
    return request.path.startswith(reverse("admin:index"))


def wants_json(request) -> bool:
    """A script asked for JSON; a browser's form post (Accept: text/html, */*) did not."""
    return "application/json" in request.headers.get("Accept", "") or (
        "X-Requested-With" in request.headers
    )
