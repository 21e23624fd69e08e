"""What the benchmark's environment variables ask for, and the environment the site runs in."""

import os
import secrets
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


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


def progress(message: str) -> None:
    """Progress goes to stderr, so stdout is the report alone (`make bench > results.md`)."""
    print(message, file=sys.stderr, flush=True)


def run(command: list[str], env: dict, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, env=env, cwd=PROJECT, check=True, **kwargs)


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
