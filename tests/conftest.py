"""Fixtures shared by the whole suite."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache (Redis db or local memory)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploads land in a per-test folder, so tests can assert what was stored."""
    settings.MEDIA_ROOT = tmp_path / "media"
