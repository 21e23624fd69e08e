"""Who is posting: the client's IP address, read safely behind the site's own proxies."""

import ipaddress

from django.conf import settings


def client_ip(request) -> str | None:
    """REMOTE_ADDR, or the address the trusted proxies in front of the app saw.

    COMMENTS_TRUSTED_PROXIES (default 0) is how many proxies of our own (load balancer,
    CDN) append to X-Forwarded-For. Each appends the address it saw, so the client is the
    entry that many places from the right; anything further left is the client's own
    claim and could be forged to dodge the rate limit.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    trusted = getattr(settings, "COMMENTS_TRUSTED_PROXIES", 0)
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if not trusted or len(forwarded) < trusted:
        return remote
    candidate = forwarded[-trusted]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
