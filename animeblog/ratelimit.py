"""Per-IP rate limits counted in the shared cache, and the client address they count by.

Comments and ratings both throttle by IP. The counters live in the default cache
(Redis in production), so every app server counts together.
"""

import ipaddress
import time

from django.conf import settings
from django.core.cache import cache


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


def is_over_limit(scope: str, ip: str | None, limit: int, window: int) -> bool:
    """Count one hit from this IP in `scope`; True once it passes `limit` in the window.

    Windows are fixed slices of the clock, so a key names its slice and expires
    with it. cache.add creates the counter only when absent and incr is atomic on
    Redis, so concurrent hits on several servers cannot both slip under the limit.
    """
    key = f"ratelimit:{scope}:{ip or 'unknown'}:{int(time.time() // window)}"
    cache.add(key, 0, timeout=window)
    try:
        hits = cache.incr(key)
    except ValueError:  # evicted between add and incr: this hit is the first
        cache.set(key, 1, timeout=window)
        hits = 1
    return hits > limit


def seconds_until_reset(window: int) -> int:
    """Seconds until the current window of `window` seconds ends (for Retry-After)."""
    return window - int(time.time()) % window
