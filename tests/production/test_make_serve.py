"""`make serve`: production serving refuses a database behind its migrations, else serves."""

import os
import shutil
import signal
import subprocess
import time

import pytest

from tests.production.servers import (
    PROJECT_DIR,
    STARTUP_SECONDS,
    Browser,
    free_port,
    manage,
    production_env,
)

pytestmark = pytest.mark.skipif(not shutil.which("make"), reason="needs make")


def test_make_serve_refuses_to_start_with_unapplied_migrations(tmp_path):
    env = production_env(f"sqlite:///{tmp_path / 'empty.sqlite3'}", tmp_path / "static")

    result = subprocess.run(
        ["make", "--no-print-directory", "serve"],  # noqa: S607
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode != 0
    assert "make serve: unapplied migrations" in result.stderr
    assert not (tmp_path / "static").exists()


def test_make_serve_collects_static_files_and_serves_with_gunicorn(tmp_path):
    port = free_port()
    env = production_env(
        f"sqlite:///{tmp_path / 'site.sqlite3'}",
        tmp_path / "static",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="1",
        DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
    )
    manage(env, "migrate", "--noinput")
    server = subprocess.Popen(  # noqa: S603
        ["make", "--no-print-directory", "serve"],  # noqa: S607
        cwd=PROJECT_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        answer = wait_for_health(f"http://127.0.0.1:{port}/healthz", server)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)

    assert answer == {"status": "ok", "database": True, "cache": True}
    assert (tmp_path / "static" / "staticfiles.json").exists()


def wait_for_health(url: str, server: subprocess.Popen) -> dict:
    """The health check's answer once the server is up (collectstatic runs first)."""
    deadline = time.monotonic() + STARTUP_SECONDS + 90
    while time.monotonic() < deadline:
        assert server.poll() is None, "make serve exited"
        try:
            return Browser().get(url).json()
        except OSError:
            time.sleep(0.5)
    raise AssertionError("make serve did not answer in time")
