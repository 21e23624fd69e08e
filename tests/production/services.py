"""Throwaway PostgreSQL and Redis servers on free loopback ports, for tests that stop them.

The machine's shared services (5432, 6379) are never touched: each throwaway server has
its own data folder under a temporary directory and its own port.
"""

import contextlib
import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

from tests.production.servers import free_port

TIMEOUT_SECONDS = 30


def postgres_bin_dir() -> Path | None:
    """The newest installed PostgreSQL's bin folder (Debian keeps it off PATH), if any."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4])
    )
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _as_postgres_user(command: list[str]) -> list[str]:
    """initdb and postgres refuse to run as root: run them as the `postgres` account then."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


def _run(command: list[str]) -> None:
    subprocess.run(command, check=True, capture_output=True, timeout=TIMEOUT_SECONDS)  # noqa: S603


class ThrowawayPostgres:
    """A PostgreSQL cluster in a temporary folder, trusting local connections."""

    def __init__(self, bin_dir: Path):
        self.bin_dir = bin_dir
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="animeblog-pg-"))
        self.data = self.folder / "data"
        if os.geteuid() == 0:
            postgres = pwd.getpwnam("postgres")
            os.chown(self.folder, postgres.pw_uid, postgres.pw_gid)
        _run(
            _as_postgres_user(
                [str(bin_dir / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust"]
                + ["-E", "UTF8", "--no-sync", "--no-instructions"]
            )
        )

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        _run(
            _as_postgres_user(
                [str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-o", options]
                + ["-l", str(self.folder / "server.log"), "-w", "-t", str(TIMEOUT_SECONDS), "start"]
            )
        )

    def stop(self) -> None:
        _run(
            _as_postgres_user(
                [str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop"]
            )
        )

    def create_database(self, name: str) -> None:
        _run(
            [str(self.bin_dir / "createdb"), "-h", "127.0.0.1", "-p", str(self.port)]
            + ["-U", "postgres", name]
        )

    def remove(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


class ThrowawayRedis:
    """A redis-server on its own port that keeps nothing on disk."""

    def __init__(self):
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]  # noqa: S607
            + ["--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=0.3)
        if self.process.poll() is not None:
            raise AssertionError("redis-server did not start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=TIMEOUT_SECONDS)
        self.process = None
