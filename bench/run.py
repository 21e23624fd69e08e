"""`python -m bench.run` (`make bench`): serve the site with gunicorn, load it with wrk, report.

For each backend (SQLite; PostgreSQL with Redis) it builds the scale dataset,
starts gunicorn with production settings on 127.0.0.1, loads every page of
bench/pages.py with wrk from a separate process, counts each page's queries,
reads the workers' memory from /proc, and prints one Markdown table per backend
with the ratios to the static file and to the trivial view, then the targets.
bench/README.md lists the environment variables that tune it.
"""

import json
import os
import platform
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from bench.pages import Page, pages

PROJECT = Path(__file__).resolve().parent.parent
BENCH = PROJECT / "bench"
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
HITS_BEFORE_MEASURING = 10
TARGETS = (
    "cached review ≥ 0.5× static file req/s",
    "uncached 300-comment review ≥ 0.25× trivial view req/s",
    "search median < 50 ms (PostgreSQL, one client)",
    "worker < 150 MB resident",
)


@dataclass(frozen=True)
class Config:
    """What the environment asks for (bench/README.md); the defaults are the committed run's."""

    scale: str
    backends: tuple[str, ...]
    duration: int
    rounds: int
    connections: int
    workers: str
    threads: str
    port: int
    database_url: str
    redis_url: str
    workdir: Path
    reuse_data: bool

    @classmethod
    def from_environment(cls) -> "Config":
        env = os.environ.get
        return cls(
            scale=env("BENCH_SCALE", "full"),
            backends=tuple(env("BENCH_BACKENDS", "sqlite,postgres").split(",")),
            duration=int(env("BENCH_DURATION", "5")),
            rounds=int(env("BENCH_ROUNDS", "3")),
            connections=int(env("BENCH_CONNECTIONS", "4")),
            workers=env("BENCH_WORKERS", ""),
            threads=env("BENCH_THREADS", ""),
            port=int(env("BENCH_PORT", "8765")),
            database_url=env(
                "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/animeblog_bench"
            ),
            redis_url=env("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15"),
            workdir=Path(env("BENCH_WORKDIR", tempfile.gettempdir())) / "animeblog-bench",
            reuse_data=env("BENCH_REUSE_DATA", "") == "1",
        )


@dataclass
class Measurement:
    page: Page
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int
    status: int
    x_cache: str
    queries: dict = field(default_factory=dict)


def progress(message: str) -> None:
    """Progress goes to stderr, so stdout is the report alone (`make bench > results.md`)."""
    print(message, file=sys.stderr, flush=True)


def run(command: list[str], env: dict, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, env=env, cwd=PROJECT, check=True, **kwargs)


def ensure_wrk() -> str:
    """wrk from Debian's package; installed with apt-get when missing (needs root)."""
    if not shutil.which("wrk"):
        progress("wrk not found: installing the Debian package `wrk`")
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=True)
    return shutil.which("wrk")


def production_env(config: Config, backend: str) -> dict:
    """Production settings on 127.0.0.1: DEBUG off, a secret key, no HTTPS redirect.

    The site's own variables are dropped from the inherited environment, so a developer's
    shell (DJANGO_DEBUG=1, a replica URL, a page cache setting) cannot change the results.
    """
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "PAGE_CACHE_", "GUNICORN_"))
    }
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_STATIC_ROOT=str(config.workdir / "static"),
    )
    if backend == "postgres":
        env.update(DATABASE_URL=config.database_url, REDIS_URL=config.redis_url)
    else:
        env.update(DATABASE_URL=f"sqlite:///{config.workdir / 'bench.sqlite3'}")
    return env


def recreate_database(config: Config, backend: str) -> None:
    if backend == "sqlite":
        (config.workdir / "bench.sqlite3").unlink(missing_ok=True)
        return
    import psycopg
    from psycopg import sql

    url = urlsplit(config.database_url)
    name = url.path.lstrip("/")
    with psycopg.connect(url._replace(path="/postgres").geturl(), autocommit=True) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def flush_redis(config: Config) -> None:
    """Empty the bench's own Redis database, so no page cached by an earlier run is served."""
    import redis

    redis.Redis.from_url(config.redis_url).flushdb()


def prepare_data(config: Config, backend: str, env: dict) -> None:
    if config.reuse_data:
        progress(f"[{backend}] reusing the existing dataset (BENCH_REUSE_DATA=1)")
    else:
        recreate_database(config, backend)
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env)
    if not config.reuse_data:
        scale = ["--small"] if config.scale == "small" else []
        progress(f"[{backend}] generating the {config.scale} dataset")
        run([PYTHON, "-m", "bench.generate", *scale], env, stdout=sys.stderr)


def collect_static(env: dict) -> str:
    """Collect into the bench's own STATIC_ROOT; returns the hashed site stylesheet's URL path."""
    run([PYTHON, "manage.py", "collectstatic", "--noinput", "--clear", "-v0"], env)
    manifest = json.loads((Path(env["DJANGO_STATIC_ROOT"]) / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"]["css/site.css"]


def gunicorn_command(config: Config) -> list[str]:
    """gunicorn as production runs it (gunicorn.conf.py), on the bench's port, never recycling
    a worker: a restart would land inside a measurement and reset the memory being read."""
    command = [
        GUNICORN,
        "animeblog.wsgi:application",
        f"--bind=127.0.0.1:{config.port}",
        "--max-requests=0",
    ]
    if config.workers:
        command.append(f"--workers={config.workers}")
    if config.threads:
        command.append(f"--threads={config.threads}")
    return command


def gunicorn_settings(config: Config) -> str:
    """The worker settings gunicorn resolves from gunicorn.conf.py and the overrides."""
    env = production_env(config, "sqlite")
    resolved = run([*gunicorn_command(config), "--print-config"], env, stdout=subprocess.PIPE)
    values = dict(re.findall(r"^(\w+)\s+= (.*)$", resolved.stdout.decode(), re.M))
    worker_class = "gthread" if int(values["threads"]) > 1 else values["worker_class"]
    return f"{values['workers']} workers × {values['threads']} threads ({worker_class})"


@contextmanager
def gunicorn(config: Config, env: dict):
    """The gunicorn master, with its access and error log in the work directory; yields its pid."""
    log = (config.workdir / "gunicorn.log").open("a")
    server = subprocess.Popen(
        gunicorn_command(config), env=env, cwd=PROJECT, stdout=log, stderr=log
    )
    try:
        wait_until_up(f"http://127.0.0.1:{config.port}/healthz")
        yield server.pid
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        log.close()


def wait_until_up(url: str, seconds: float = 60) -> None:
    """Poll until the health check answers 200; workers boot slowly on a busy machine."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - local URL
                if response.status == 200:
                    return
        except OSError:  # refused, reset or timed out: not listening or not ready yet
            time.sleep(0.5)
    raise RuntimeError(f"gunicorn did not answer {url} within {seconds}s; see gunicorn.log")


def probe(base: str, page: Page) -> tuple[int, str]:
    """The page's status and X-Cache header, as the server answers it right now."""
    try:
        with urllib.request.urlopen(base + page.url_path, timeout=10) as response:  # noqa: S310
            return response.status, response.headers.get("X-Cache", "")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("X-Cache", "")


def wrk_command(wrk: str, config: Config, page: Page, seconds: int, base: str) -> list[str]:
    connections = 1 if page.is_single_client else config.connections
    command = [wrk, "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout=10s"]
    if page.script:
        command.append(f"--script={BENCH / page.script}")
    return [*command, base + page.url_path]


def parse_duration_ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def parse_wrk(output: str) -> tuple[float, float, float, int]:
    """(requests/s, p50 ms, p99 ms, non-2xx/3xx responses and socket errors) from wrk --latency."""
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = parse_duration_ms(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1))
    p99 = parse_duration_ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1))
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses:\s+(\d+)", output))
    if socket := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    ):
        errors += sum(int(n) for n in socket.groups())
    return rps, p50, p99, errors


def warm_up(wrk: str, config: Config, page: Page) -> tuple[int, str]:
    """Load the page for two seconds (wakes every worker, fills the cache); its status and X-Cache.

    A cached page is then probed until it has been a hit several times in a row: with
    the local-memory cache each worker fills its own, and a slow page may not have
    finished its first render in every worker within the warm-up.
    """
    base = f"http://127.0.0.1:{config.port}"
    subprocess.run(wrk_command(wrk, config, page, 2, base), check=True, capture_output=True)
    status, x_cache = probe(base, page)
    hits_in_a_row, deadline = 0, time.monotonic() + 30
    while page.is_cached and hits_in_a_row < HITS_BEFORE_MEASURING and time.monotonic() < deadline:
        status, x_cache = probe(base, page)
        hits_in_a_row = hits_in_a_row + 1 if x_cache == "hit" else 0
    return status, x_cache


def measure(wrk: str, config: Config, page: Page) -> tuple[float, float, float, int]:
    base = f"http://127.0.0.1:{config.port}"
    command = wrk_command(wrk, config, page, config.duration, base)
    return parse_wrk(subprocess.run(command, check=True, capture_output=True, text=True).stdout)


def worker_memory_mb(master_pid: int) -> list[tuple[float, float]]:
    """(resident now, peak resident) in MB of each gunicorn worker, from /proc."""
    memory = []
    for status_file in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":", 1) for line in status_file.read_text().splitlines() if ":" in line
            )
        except OSError:
            continue
        if int(fields["PPid"]) == master_pid:
            memory.append(
                (int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024)
            )
    return memory


def bench_backend(wrk: str, config: Config, backend: str) -> tuple[list[Measurement], list]:
    env = production_env(config, backend)
    prepare_data(config, backend, env)
    static_path = collect_static(env)
    if backend == "postgres":
        flush_redis(config)
    progress(f"[{backend}] counting queries per page")
    counted = run(
        [PYTHON, "-m", "bench.queries", static_path], env, stdout=subprocess.PIPE, text=True
    )
    queries = json.loads(counted.stdout)
    page_list = pages(static_path)
    with gunicorn(config, env) as master_pid:
        progress(f"[{backend}] warming up every page")
        probes = [warm_up(wrk, config, page) for page in page_list]
        rounds = []
        for number in range(1, config.rounds + 1):
            progress(f"[{backend}] round {number} of {config.rounds}")
            rounds.append([measure(wrk, config, page) for page in page_list])
        memory = worker_memory_mb(master_pid)
    # Best of the rounds: on a shared machine a round slowed by a neighbour is dropped,
    # and every page, yardsticks included, is judged by its best run.
    per_page = zip(*rounds, strict=True)
    measurements = [
        best_of(page, runs, status, x_cache, queries[page.label])
        for page, runs, (status, x_cache) in zip(page_list, per_page, probes, strict=True)
    ]
    return measurements, memory


def best_of(page: Page, runs, status: int, x_cache: str, queries: dict) -> Measurement:
    """The round with the most requests per second, with the errors of every round."""
    rps, p50, p99, _ = max(runs)
    errors = sum(run_errors for *_, run_errors in runs)
    return Measurement(page, rps, p50, p99, errors, status, x_cache, queries)


def table(measurements: list[Measurement]) -> str:
    static, trivial = measurements[0].requests_per_second, measurements[1].requests_per_second
    rows = [
        "| page | req/s | p50 ms | p99 ms | × static | × trivial | queries | X-Cache | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |",
    ]
    for m in measurements:
        rows.append(
            f"| {m.page.label} | {m.requests_per_second:,.0f} | {m.p50_ms:.1f} | {m.p99_ms:.1f} "
            f"| {m.requests_per_second / static:.2f} | {m.requests_per_second / trivial:.2f} "
            f"| {m.queries['queries']} | {m.x_cache or '–'} | {m.errors} |"
        )
    return "\n".join(rows)


def targets(backend: str, measurements: list[Measurement], memory: list) -> list[str]:
    by_label = {m.page.label: m for m in measurements}
    static = by_label["static file (whitenoise)"].requests_per_second
    trivial = by_label["trivial view (robots.txt)"].requests_per_second
    cached = by_label["review, 300 comments, cached"].requests_per_second / static
    uncached = by_label["review, 300 comments"].requests_per_second / trivial
    search_ms = by_label["search, one client"].p50_ms
    peak_mb = max(peak for _, peak in memory)
    checks = [
        (cached >= 0.5, f"{cached:.2f}×"),
        (uncached >= 0.25, f"{uncached:.2f}×"),
        (search_ms < 50, f"{search_ms:.1f} ms" + ("" if backend == "postgres" else " (SQLite)")),
        (peak_mb < 150, f"{peak_mb:.0f} MB peak"),
    ]
    return [
        f"- [{'x' if met else ' '}] {target}: {value}"
        for target, (met, value) in zip(TARGETS, checks, strict=True)
    ]


def machine() -> str:
    """The facts RESULTS.md records about the machine and the software versions."""
    import django

    cpu = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
    memory_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    postgres = subprocess.run(
        ["psql", "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True, check=False)
    import sqlite3

    return "\n".join(
        [
            f"- CPU: {os.cpu_count()} × {cpu.group(1) if cpu else 'unknown'}",
            f"- memory: {memory_kb / 1024 / 1024:.1f} GiB; {platform.platform()}",
            f"- Python {platform.python_version()}, Django {django.get_version()}, "
            f"SQLite {sqlite3.sqlite_version}, {postgres or 'psql not found'}",
            "- load average (1, 5, 15 min) at the start: "
            + ", ".join(f"{load:.1f}" for load in os.getloadavg()),
            f"- load tool: {wrk_version.stdout.splitlines()[0] if wrk_version.stdout else 'wrk'}",
        ]
    )


def settings_line(config: Config) -> str:
    sizes = "BENCH_SCALE=small" if config.scale == "small" else "full scale"
    return (
        f"gunicorn: {gunicorn_settings(config)}; wrk: 1 thread, {config.connections} "
        f"connections; every page warmed up for 2s, then {config.rounds} rounds of "
        f"{config.duration}s per page, the best round kept; dataset: {sizes}."
    )


def report(backend: str, measurements: list[Measurement], memory: list) -> str:
    """One backend's section of RESULTS.md: the table, the workers' memory, the targets."""
    workers = ", ".join(f"{now:.0f} MB (peak {peak:.0f} MB)" for now, peak in memory)
    title = "SQLite, local-memory cache" if backend == "sqlite" else "PostgreSQL + Redis"
    return "\n".join(
        [
            "",
            f"## {title}",
            "",
            table(measurements),
            "",
            f"Worker memory after the run: {workers}.",
            "",
            *targets(backend, measurements, memory),
        ]
    )


def main() -> int:
    config = Config.from_environment()
    config.workdir.mkdir(parents=True, exist_ok=True)
    wrk = ensure_wrk()
    print("\n".join(["## Machine", machine(), "", settings_line(config)]), flush=True)
    for backend in config.backends:
        measurements, memory = bench_backend(wrk, config, backend)
        print(report(backend, measurements, memory), flush=True)
    load = ", ".join(f"{load:.1f}" for load in os.getloadavg())
    print(f"\nLoad average (1, 5, 15 min) at the end: {load}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
