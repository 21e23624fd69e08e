"""`python -m bench.run` (`make bench`): serve the site with gunicorn, load it with wrk, report.

For each backend (SQLite; PostgreSQL with Redis) it builds the scale dataset,
starts gunicorn with production settings on 127.0.0.1, loads every page of
bench/pages.py with wrk from a separate process, counts each page's queries,
reads the workers' memory from /proc, and prints one Markdown table per backend
with the ratios to the static file and to the trivial view, then the targets.
bench/README.md lists the environment variables that tune it.
"""

import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from bench.config import PYTHON, Config, production_env, progress, run
from bench.load import Measurement, best_of, ensure_wrk, measure, warm_up
from bench.pages import pages
from bench.report import load_average, machine, report, settings_line
from bench.server import gunicorn, worker_memory_mb


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


def main() -> int:
    config = Config.from_environment()
    config.workdir.mkdir(parents=True, exist_ok=True)
    wrk = ensure_wrk()
    print("\n".join(["## Machine", machine(), "", settings_line(config)]), flush=True)
    for backend in config.backends:
        measurements, memory = bench_backend(wrk, config, backend)
        print(report(backend, measurements, memory), flush=True)
    print(f"\nLoad average (1, 5, 15 min) at the end: {load_average()}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())


if __name__ == "__main__":
    sys.exit(main())
