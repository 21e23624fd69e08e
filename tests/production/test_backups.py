"""Backups: a pg_dump of the database, restored with pg_restore into a fresh one, serves the
same review page (the README's "Backups" commands, run for real)."""

import re
import subprocess

import pytest

from tests.production.conftest import needs_postgres
from tests.production.databases import dedicated_database, server_url
from tests.production.servers import Browser, gunicorn, manage, production_env

pytestmark = needs_postgres

REVIEW_PAGE = "/reviews/vinland-saga-review/"
# The comment form's anti-bot token is signed with the time it was shown, so it differs
# between any two renderings of a page.
FORM_TOKEN = re.compile(r'name="form_token" value="[^"]*"')


def run(*command: str) -> None:
    subprocess.run(command, check=True, capture_output=True, timeout=60)  # noqa: S603


@pytest.fixture
def original_and_restored(static_root, tmp_path):
    """A database with the demo reviews, and a fresh one restored from its pg_dump."""
    dump = tmp_path / "animeblog.dump"
    with (
        dedicated_database("animeblog_backup") as original,
        dedicated_database("animeblog_restored") as restored,
    ):
        env = production_env(
            server_url(original),
            static_root,
            DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
            # Absolute links name the site, not each test server's own port.
            SITE_URL="https://anime.example",
        )
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo")
        run("pg_dump", "--format=custom", f"--file={dump}", server_url(original))
        run("pg_restore", "--no-owner", f"--dbname={server_url(restored)}", str(dump))
        yield env, restored, tmp_path


def test_a_restored_dump_serves_the_same_review_page(original_and_restored):
    env, restored, folder = original_and_restored
    with gunicorn(env, folder / "original.log") as url:
        before = Browser().get(f"{url}{REVIEW_PAGE}")
    restored_env = {**env, "DATABASE_URL": server_url(restored)}
    with gunicorn(restored_env, folder / "restored.log") as url:
        after = Browser().get(f"{url}{REVIEW_PAGE}")

    assert before.status == after.status == 200
    assert FORM_TOKEN.sub("", after.body) == FORM_TOKEN.sub("", before.body)
