"""Slow clients: connections that promise a body and trickle it must not stop the site answering.

Eight sockets each send a POST's head with `Content-Length: 100000` and ten bytes of
body, then hold. A normal GET must still answer in under a second, both straight from
gunicorn (its worker receives each request whole before a thread serves it) and
through the nginx front of deploy/nginx/ (which buffers requests itself).
"""

import contextlib
import json
import os
import re
import shutil
import socket
import subprocess
import time

import pytest

from tests.production.conftest import skip_or_fail_in_ci
from tests.production.servers import (
    BIN_DIR,
    PROJECT_DIR,
    Browser,
    gunicorn,
    manage,
    nginx,
    production_env,
)

SLOW_CLIENTS = 8
PROMISED_BODY = (
    b"POST /admin/login/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\n"
    b"username=a"
)
# The other way to trickle: a request head that never ends.
UNFINISHED_HEAD = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Waiting: "
# A GET answers in a tenth of a second on this machine; before the fix it waited for the
# slow clients, which never finish.
NORMAL_SECONDS = 1.0
CLIENT_TIMEOUT_SECONDS = 2


@pytest.fixture(scope="module")
def site(static_root, tmp_path_factory):
    """gunicorn as `make serve` runs it, on SQLite; yields its URL."""
    folder = tmp_path_factory.mktemp("slow-clients")
    env = production_env(
        f"sqlite:///{folder / 'site.sqlite3'}",
        static_root,
        DJANGO_MEDIA_ROOT=str(folder / "media"),
        GUNICORN_CLIENT_TIMEOUT=str(CLIENT_TIMEOUT_SECONDS),
    )
    manage(env, "migrate", "--noinput")
    with gunicorn(env, folder / "gunicorn.log") as url:
        yield url


@pytest.fixture(scope="module")
def front(site, static_root, tmp_path_factory):
    """The repository's nginx configuration in front of that gunicorn; yields its URL."""
    binary = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
    if not binary:
        skip_or_fail_in_ci("nginx not found: install Debian's `nginx`")
    folder = tmp_path_factory.mktemp("nginx")
    with nginx(binary, folder, site, static_root, folder / "media") as url:
        yield url


def connect(url: str) -> socket.socket:
    host, port = url.removeprefix("http://").split(":")
    return socket.create_connection((host, int(port)), timeout=10)


def read_until_closed(connection: socket.socket) -> bytes:
    answer = b""
    while chunk := connection.recv(65536):
        answer += chunk
    return answer


@contextlib.contextmanager
def slow_clients(url: str, count: int = SLOW_CLIENTS, sent: bytes = PROMISED_BODY):
    """count connections that each sent these bytes of a request (by default ten bytes of a
    promised 100,000-byte body) and then hold."""
    sockets = []
    try:
        for _ in range(count):
            connection = connect(url)
            sockets.append(connection)
            connection.sendall(sent)
        time.sleep(0.5)  # the server has taken every one of them in
        yield sockets
    finally:
        for connection in sockets:
            connection.close()


def seconds_to_get(url: str) -> float:
    started = time.monotonic()
    assert Browser().get(url).status == 200
    return time.monotonic() - started


def test_a_get_answers_at_once_while_eight_clients_trickle_bodies_to_gunicorn(site):
    seconds_to_get(f"{site}/")

    with slow_clients(site):
        seconds = seconds_to_get(f"{site}/")

    assert seconds < NORMAL_SECONDS


def test_a_get_answers_at_once_while_eight_clients_trickle_heads_to_gunicorn(site):
    seconds_to_get(f"{site}/")

    with slow_clients(site, sent=UNFINISHED_HEAD):
        seconds = seconds_to_get(f"{site}/")

    assert seconds < NORMAL_SECONDS


def test_a_get_answers_at_once_while_eight_clients_trickle_bodies_through_nginx(front):
    seconds_to_get(f"{front}/")

    with slow_clients(front):
        seconds = seconds_to_get(f"{front}/")

    assert seconds < NORMAL_SECONDS


def test_gunicorn_disconnects_a_client_silent_mid_request_with_a_408(site):
    with slow_clients(site, count=1) as (connection,):
        started = time.monotonic()
        answer = read_until_closed(connection)

    assert answer.startswith(b"HTTP/1.1 408 ")
    assert time.monotonic() - started < CLIENT_TIMEOUT_SECONDS + 3


def test_gunicorn_refuses_a_body_larger_than_the_site_accepts_with_a_413(site):
    head = PROMISED_BODY.replace(b"Content-Length: 100000", b"Content-Length: 20000000")
    with connect(site) as connection:
        connection.sendall(head)
        answer = read_until_closed(connection)

    assert answer.startswith(b"HTTP/1.1 413 ")


def login_attempt(site: str, framing: str) -> tuple[bytes, bytes]:
    """A wrong-password admin login with a valid CSRF token: its head and body as sent."""
    reader = Browser()
    token = reader.get(f"{site}/csrf/").json()["csrfToken"]
    form = f"csrfmiddlewaretoken={token}&username=nobody&password=wrong".encode()
    if framing == "chunked":
        body = b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in (form[:15], form[15:]))
        body += b"0\r\n\r\n"
    else:
        body = form
    framing_header = (
        "Transfer-Encoding: chunked" if framing == "chunked" else f"Content-Length: {len(body)}"
    )
    head = (
        "POST /admin/login/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"Cookie: csrftoken={reader.cookies['csrftoken']}\r\n{framing_header}\r\n\r\n"
    ).encode()
    return head, body


def send_in_pieces(site: str, head: bytes, body: bytes) -> bytes:
    """Send a request in four pieces with pauses between them; the whole answer."""
    with connect(site) as connection:
        for piece in (head[:20], head[20:], body[:15], body[15:]):
            connection.sendall(piece)
            time.sleep(0.3)
        return read_until_closed(connection)


def test_a_post_sent_in_pieces_reaches_the_site_whole(site):
    answer = send_in_pieces(site, *login_attempt(site, "content-length"))

    assert answer.startswith(b"HTTP/1.1 200 ")
    assert b"Please enter the correct username and password" in answer


def test_a_chunked_post_reaches_the_site_at_its_last_chunk(site):
    answer = send_in_pieces(site, *login_attempt(site, "chunked"))

    # Django reads no chunked body (it needs a Content-Length), so the form arrives empty.
    assert answer.startswith(b"HTTP/1.1 403 ")
    assert b"CSRF verification failed" in answer


def test_a_client_that_expects_100_continue_is_asked_for_its_body(site):
    head, body = login_attempt(site, "content-length")

    with connect(site) as connection:
        connection.sendall(head.replace(b"\r\n\r\n", b"\r\nExpect: 100-continue\r\n\r\n"))
        interim = connection.recv(1024)
        connection.sendall(body)
        answer = read_until_closed(connection)

    assert interim.startswith(b"HTTP/1.1 100 Continue")
    assert b"Please enter the correct username and password" in answer


def test_the_front_serves_hashed_static_files_itself_to_be_cached_for_ever(front, static_root):
    manifest = json.loads((static_root / "staticfiles.json").read_text())
    hashed = manifest["paths"]["css/site.css"]

    answer = Browser().get(f"{front}/static/{hashed}")

    assert answer.status == 200
    # whitenoise would say "max-age=315360000, public, immutable": nginx read it from disk.
    assert answer.headers["Cache-Control"] == "public, max-age=315360000, immutable"
    assert answer.headers["X-Content-Type-Options"] == "nosniff"


def test_gunicorn_listens_on_the_loopback_interface_only_by_default():
    env = {key: value for key, value in os.environ.items() if not key.startswith("GUNICORN_")}

    resolved = subprocess.run(  # noqa: S603 - the venv's gunicorn
        [str(BIN_DIR / "gunicorn"), "-c", "gunicorn.conf.py", "--print-config", "animeblog.wsgi"],
        cwd=PROJECT_DIR,
        env={**env, "PORT": "8123"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout

    assert re.search(r"^bind\s+= \['127\.0\.0\.1:8123'\]$", resolved, re.M)
