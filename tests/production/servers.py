"""Run the site the way production does (manage.py, gunicorn) in subprocesses, and talk to it.

Only 127.0.0.1 is ever bound. Every helper has a time bound, and servers are always
stopped by the context manager that started them.
"""

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]
NGINX_SITE = PROJECT_DIR / "deploy" / "nginx" / "animeblog.conf"
BIN_DIR = Path(sys.executable).parent
SECRET_KEY = "production-tests-secret-key-" + "x" * 40  # noqa: S105 - test-only value
STARTUP_SECONDS = 30
REQUEST_SECONDS = 15


def free_port() -> int:
    """A TCP port nothing listens on right now, on the loopback interface."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_env(database_url: str, static_root: Path, **extra: str) -> dict[str, str]:
    """Environment of a production app server on loopback: DEBUG off, no HTTPS redirect."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "PYTEST_"))
    }
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=SECRET_KEY,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_STATIC_ROOT=str(static_root),
        DATABASE_URL=database_url,
        DATABASE_CONN_MAX_AGE="60",
        DEMO_PASSWORD="demo-password-for-tests",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str, timeout: float = 120) -> str:
    """Run `manage.py <args>` in that environment; its output, or a failure showing why."""
    result = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        raise AssertionError(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def collect_static(static_root: Path) -> None:
    """collectstatic into static_root with the production (hashed) storage."""
    env = production_env("sqlite:///unused.sqlite3", static_root)
    manage(env, "collectstatic", "--noinput", timeout=180)


@contextlib.contextmanager
def gunicorn(env: dict[str, str], log_path: Path):
    """A gunicorn with the repository's gunicorn.conf.py on a free loopback port; yields its URL."""
    port = free_port()
    env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": "2"}
    with log_path.open("w") as log:
        process = subprocess.Popen(  # noqa: S603 - the venv's gunicorn
            [str(BIN_DIR / "gunicorn"), "-c", "gunicorn.conf.py", "animeblog.wsgi"],
            cwd=PROJECT_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            wait_until_answering(url, process, log_path)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)


def wait_until_answering(
    url: str, process: subprocess.Popen, log_path: Path, name: str = "gunicorn"
) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"{name} exited:\n{log_path.read_text()}")
        with contextlib.suppress(OSError):
            socket.create_connection(("127.0.0.1", int(url.rsplit(":", 1)[1])), 1).close()
            return
        time.sleep(0.2)
    raise AssertionError(f"{name} did not start in {STARTUP_SECONDS} s:\n{log_path.read_text()}")


@contextlib.contextmanager
def nginx(binary: str, folder: Path, upstream_url: str, static_root: Path, media_root: Path):
    """The repository's nginx site on a free loopback port in front of upstream_url; its URL.

    The site file is used as shipped, with only its addresses and folders replaced,
    inside a main configuration that keeps nginx's logs, temporary files and pid in folder.
    """
    port = free_port()
    config = _nginx_config(folder, port, upstream_url, static_root, media_root)
    log_path = folder / "error.log"
    process = subprocess.Popen(  # noqa: S603 - the system's nginx, our configuration
        [binary, "-p", str(folder), "-e", str(log_path), "-c", str(config)]
        + ["-g", f"daemon off; pid {folder / 'nginx.pid'};"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(url, process, log_path, name="nginx")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def _nginx_config(
    folder: Path, port: int, upstream_url: str, static_root: Path, media_root: Path
) -> Path:
    site = NGINX_SITE.read_text()
    for shipped, here in {
        "listen 80;": f"listen 127.0.0.1:{port};",
        "server 127.0.0.1:8000;": f"server {upstream_url.removeprefix('http://')};",
        "/srv/animeblog/staticfiles/": f"{static_root}/",
        "/srv/animeblog/media/": f"{media_root}/",
        "/var/cache/nginx/animeblog": str(folder / "cache"),
    }.items():
        assert shipped in site, f"{NGINX_SITE} no longer holds {shipped!r}"
        site = site.replace(shipped, here)
    (folder / "animeblog.conf").write_text(site)
    temp_paths = "".join(
        f"    {kind}_temp_path {folder / kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    # As root, nginx's workers would run as nobody, who cannot read pytest's folders.
    user = "user root;\n" if os.geteuid() == 0 else ""
    config = folder / "nginx.conf"
    config.write_text(
        f"{user}worker_processes 1;\n"
        f"error_log {folder / 'error.log'};\n"
        "events { worker_connections 256; }\n"
        "http {\n"
        "    include /etc/nginx/mime.types;\n"
        "    default_type application/octet-stream;\n"
        f"    access_log {folder / 'access.log'};\n"
        f"{temp_paths}"
        f"    include {folder / 'animeblog.conf'};\n"
        "}\n"
    )
    return config


@dataclass
class Answer:
    status: int
    body: str
    headers: dict[str, str]

    def json(self):
        return json.loads(self.body)


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirects)


@dataclass
class Browser:
    """One reader's cookies, sent back whatever their Secure flag (the servers speak plain HTTP).

    Production settings mark the session and CSRF cookies Secure, which a standard cookie
    jar would then withhold over http://; a load balancer ending TLS sees the same thing.
    """

    cookies: dict[str, str] = field(default_factory=dict)

    def request(self, url: str, data: dict | None = None) -> Answer:
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(url, data=body)  # noqa: S310 - loopback http only
        if self.cookies:
            cookie = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
            request.add_header("Cookie", cookie)
        try:
            response = OPENER.open(request, timeout=REQUEST_SECONDS)
        except urllib.error.HTTPError as error:
            response = error
        with response:
            answer = Answer(response.status, response.read().decode(), dict(response.headers))
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
        return answer

    def get(self, url: str) -> Answer:
        return self.request(url)

    def post(self, url: str, data: dict) -> Answer:
        """POST a form with this reader's CSRF token, fetched from the site's /csrf/ first."""
        origin = url.split("/", 3)
        token = self.get(f"{origin[0]}//{origin[2]}/csrf/").json()["csrfToken"]
        return self.request(url, {**data, "csrfmiddlewaretoken": token})

    def log_in(self, base_url: str, username: str, password: str) -> None:
        self.get(f"{base_url}/admin/login/")
        answer = self.post(
            f"{base_url}/admin/login/?next=/admin/", {"username": username, "password": password}
        )
        assert answer.status == 302, f"admin login refused ({answer.status})"
