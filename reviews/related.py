"""The "Also Check" picks of each review, kept in the shared cache between publications.

Ranking every live review against this one (reviews.selectors.also_check_ranked) is the
review page's costliest query, and its answer changes only when a review is published,
unpublished or edited, or when shows' genres, tags or franchise relations change. So
the picked ids are kept per review under one generation for all of them, which any of
those changes replaces (retire_all_picks); the page then reads just the picked rows.
A kept pick also expires when the next scheduled review goes live, which may rank.
"""

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from core.generations import bump_generation, current_generation, now_and_on_commit
from reviews.models import Review

GENERATION_KEY = "reviews:also-check:generation"
PICKS_PREFIX = "reviews:also-check:"


def retire_all_picks() -> None:
    """Forget every review's picks, now and when the change commits."""
    now_and_on_commit(bump_generation, GENERATION_KEY)


def _picks_key(review_id: int) -> str:
    return f"{PICKS_PREFIX}{review_id}:{current_generation(GENERATION_KEY)}"


def kept_picks(review_id: int) -> list[int] | None:
    """The ids picked for this review, best first, or None when they must be ranked anew."""
    if settings.FRAGMENT_CACHE_SECONDS <= 0:
        return None
    kept = cache.get(_picks_key(review_id))
    if kept is None:
        return None
    ids, valid_until = kept
    if valid_until is not None and timezone.now().timestamp() >= valid_until:
        return None
    return ids


def keep_picks(review_id: int, ids: list[int]) -> None:
    """Keep the ranked ids until the next scheduled review goes live (or a change)."""
    if settings.FRAGMENT_CACHE_SECONDS <= 0:
        return
    next_publish = Review.objects.next_publish_at(timezone.now())
    valid_until = next_publish.timestamp() if next_publish else None
    cache.set(_picks_key(review_id), (ids, valid_until), timeout=settings.FRAGMENT_CACHE_SECONDS)
