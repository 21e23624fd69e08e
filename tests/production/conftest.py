"""Fixtures for the production tests: collected static files, and the skip rules.

These tests run the site in subprocesses (gunicorn, manage.py) as production does.
Those needing the machine's PostgreSQL and Redis skip with a reason on SQLite; those
starting their own PostgreSQL and Redis skip without the binaries, except in CI,
where PostgreSQL and Redis are installed and every one of them must run.
"""

import os
import shutil

import pytest

from tests.conftest import IN_CI
from tests.production.servers import collect_static
from tests.production.services import postgres_bin_dir

DATABASE_URL = os.environ.get("DATABASE_URL", "")
REDIS_URL = os.environ.get("REDIS_URL", "")
ON_POSTGRES = DATABASE_URL.startswith(("postgres://", "postgresql://"))
ON_POSTGRES_AND_REDIS = ON_POSTGRES and bool(REDIS_URL)

needs_postgres = pytest.mark.skipif(
    not ON_POSTGRES, reason="needs the shared PostgreSQL: set DATABASE_URL=postgres://…"
)

needs_postgres_and_redis = pytest.mark.skipif(
    not ON_POSTGRES_AND_REDIS,
    reason="needs the shared PostgreSQL and Redis: set DATABASE_URL=postgres://… and REDIS_URL",
)


def skip_or_fail_in_ci(reason: str):
    """Skip for a missing tool; in CI, where PostgreSQL and Redis are installed, fail instead."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: production tests may not be skipped)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def static_root(tmp_path_factory):
    """Static files collected once with the production storage (hashed names, manifest)."""
    folder = tmp_path_factory.mktemp("static")
    collect_static(folder)
    return folder


@pytest.fixture(scope="session")
def postgres_binaries():
    """initdb and pg_ctl's folder, and redis-server, or a skip (a failure in CI)."""
    bin_dir = postgres_bin_dir()
    if bin_dir is None:
        skip_or_fail_in_ci("PostgreSQL's initdb not found: install Debian's `postgresql`")
    if not shutil.which("redis-server"):
        skip_or_fail_in_ci("redis-server not found: install Debian's `redis-server`")
    return bin_dir
