"""Per-IP rate limit for comment posts, counted in the shared cache so every app server agrees."""

from django.conf import settings
from django.core.cache import cache

# Overridable in settings: COMMENTS_RATE_LIMIT posts per COMMENTS_RATE_WINDOW seconds per IP.
DEFAULT_LIMIT = 5
DEFAULT_WINDOW_SECONDS = 600


def limit() -> int:
    return getattr(settings, "COMMENTS_RATE_LIMIT", DEFAULT_LIMIT)


def window_seconds() -> int:
    return getattr(settings, "COMMENTS_RATE_WINDOW", DEFAULT_WINDOW_SECONDS)


def hit_and_check(ip: str | None) -> bool:
    """Count one post from this IP; True when it goes over the limit.

    cache.add creates the counter with its expiry only when absent and incr is atomic on
    Redis, so concurrent posts on several servers cannot both slip under the limit. The
    window is fixed from the first post, not sliding: simple, and enough against floods.
    """
    key = f"comments:rate:{ip or 'unknown'}"
    cache.add(key, 0, timeout=window_seconds())
    try:
        count = cache.incr(key)
    except ValueError:
        # The counter expired between add and incr: this post starts a new window.
        cache.add(key, 1, timeout=window_seconds())
        count = 1
    return count > limit()
