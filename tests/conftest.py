"""Fixtures shared by the whole suite."""

import io
import os
import shutil
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache (Redis db or local memory)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _shared_fragments(settings):
    """Parts of pages kept between readers, as with Redis: one test process shares its memory."""
    settings.FRAGMENT_CACHE_SECONDS = 86400


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """A deliberately slow hasher protects real passwords; tests only need it to work."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploads land in a per-test folder, so tests can assert what was stored."""
    settings.MEDIA_ROOT = tmp_path / "media"


# The demo content, for tests that read it or load it again ----------------
# Loading it takes seconds, so a module loads it once (`demo_once`) and each test asks
# for `demo`. The load stays in one transaction rolled back after the module's last
# test; each test runs in its own transaction inside it, as usual, so what a test
# writes is gone for the next. A module that loads it once may not also test a
# database without the demo: demo_once lasts until the module's last test.


@pytest.fixture(scope="module")
def demo_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, loaded once for the module that asks for it; yields its posters' media folder."""
    media_root = tmp_path_factory.mktemp("demo-media")
    with (
        override_settings(MEDIA_ROOT=media_root),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        call_command("load_demo", stdout=io.StringIO())
        with django_db_blocker.block():  # tests still need the `db` fixture to reach it
            yield media_root
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_once, db, settings):
    """A test reading the demo content that demo_once loaded, posters included."""
    settings.MEDIA_ROOT = demo_once


# Browser tests -------------------------------------------------------------
# They drive the system Chromium through pytest-playwright against pytest-django's
# live server. Playwright never downloads a browser here: it launches the one the
# machine has. Without Chromium they are skipped, except in CI (CI=true), where
# a browser test that does not run is a failure.

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
TESTS_DIR = Path(__file__).resolve().parent
AXE_SCRIPT = TESTS_DIR / "browser" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def skip_or_fail_in_ci(reason: str):
    """Skip a browser test for a missing tool; in CI, fail instead, since CI must run them all."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: browser tests may not be skipped)", pytrace=False)
    pytest.skip(reason)


def is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(item.fixturenames)
    )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run transactional tests (the live-server browser tests) after all the others.

    pytest-django orders them last, as Django does, because they end by emptying
    every table, rows made by data migrations (the editorial groups) included.
    pytest then regroups tests by pytest-playwright's session-wide browser
    parameter, which moves them back among the others; this puts them last again.
    """
    items.sort(key=is_transactional)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """In CI, a skipped browser test, whatever skipped it, is reported as a failure."""
    outcome = yield
    report = outcome.get_result()
    if IN_CI and report.skipped and item.get_closest_marker("browser"):
        report.outcome = "failed"
        report.longrepr = f"browser test skipped in CI: {report.longrepr}"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch the system Chromium, with flags for containers and no background traffic."""
    if not CHROMIUM:
        skip_or_fail_in_ci("Chromium not found: install Debian's `chromium` or set CHROMIUM_PATH")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def _allow_sync_orm_under_playwright():
    """Let Django's ORM run in the test thread, where Playwright's sync API keeps an event loop.

    Django refuses database calls from a thread with a running event loop; the
    test thread only sets up data and asserts, so the check does not apply.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture
def demo_site(_allow_sync_orm_under_playwright, transactional_db, live_server):
    """The live server, with the demo content loaded into its database; yields its base URL."""
    call_command("load_demo", stdout=io.StringIO())
    return live_server.url


@pytest.fixture
def save_screenshot(page, request):
    """Save a full-page screenshot as test-results/screenshots/<name>-<viewport width>.png."""
    folder = request.config.rootpath / "test-results" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)

    def save(name: str) -> Path:
        path = folder / f"{name}-{page.viewport_size['width']}.png"
        page.screenshot(path=path, full_page=True)
        return path

    return save


@pytest.fixture
def axe_violations():
    """Run axe-core in a page; return its violations of WCAG 2.0-2.2 level A and AA.

    axe-core comes from npm (tests/browser/package.json, installed by `make test`).
    It is evaluated through the DevTools protocol, so a strict Content-Security-
    Policy on the page does not block it.
    """
    if not AXE_SCRIPT.exists():
        skip_or_fail_in_ci(f"axe-core not installed: run `npm ci --prefix {AXE_SCRIPT.parents[2]}`")
    source = AXE_SCRIPT.read_text()

    def run(page) -> list[dict]:
        page.evaluate(source)
        return page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
            ".then(results => results.violations)",
            WCAG_A_AA,
        )

    return run
