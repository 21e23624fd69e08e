"""Per-IP rate limits counted in the shared cache, and the 429 page a reader over one gets.

Comments and ratings both throttle by IP (core.requests.client_ip). The counters live
in the default cache (Redis in production), so every app server counts together.
"""

import time

from django.core.cache import cache
from django.http import JsonResponse
from django.shortcuts import render

from core.requests import wants_json


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


def wait_in_words(seconds: int) -> str:
    """How long to wait, rounded up to whole minutes: "1 minute", "7 minutes"."""
    minutes = -(-seconds // 60)
    return f"{minutes} minute{'' if minutes == 1 else 's'}"


def rate_limited_response(
    request, *, window: int, heading: str, message: str, back_url: str, back_label: str
):
    """The 429 of a rate-limited form: what happened, how long to wait, the way back.

    `message` names the wait as {wait}, so the answer and its Retry-After header agree.
    A script asking for JSON gets {"error": message}; a browser gets the page.
    """
    seconds = seconds_until_reset(window)
    message = message.format(wait=wait_in_words(seconds))
    if wants_json(request):
        response = JsonResponse({"error": message}, status=429)
    else:
        context = {
            "heading": heading,
            "message": message,
            "back_url": back_url,
            "back_label": back_label,
        }
        response = render(request, "rate_limited.html", context, status=429)
    response["Retry-After"] = str(seconds)
    return response
