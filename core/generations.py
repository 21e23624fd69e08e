"""Generations: a random token per cached thing in the shared cache, replaced to retire it.

Whatever is cached under a generation (pages, comment lists, related reviews) puts the
generation in its key, so storing a new one retires every copy on every server at once,
with nothing to find and delete. A missing generation (never set, evicted, cache
flushed) starts afresh, never at a fixed value: copies stored under a fixed value long
ago could otherwise come back.
"""

import uuid

from django.core.cache import cache
from django.db import transaction


def new_generation() -> str:
    return uuid.uuid4().hex


def start_generation(key: str, timeout: int | None = None) -> str:
    """A fresh generation for a missing key; a server that stored one first wins."""
    fresh = new_generation()
    return fresh if cache.add(key, fresh, timeout=timeout) else cache.get(key, fresh)


def current_generation(key: str, timeout: int | None = None) -> str:
    return cache.get(key) or start_generation(key, timeout)


def bump_generation(key: str, timeout: int | None = None) -> None:
    cache.set(key, new_generation(), timeout=timeout)


def now_and_on_commit(retire, *args) -> None:
    """Retire at once and again when the transaction commits.

    A reader who filled the cache from the old rows in between stored the copy under a
    generation nobody asks for any more.
    """
    retire(*args)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: retire(*args))
