"""The gunicorn server under test: started as production runs it, watched through /proc."""

import re
import signal
import subprocess
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from bench.config import PROJECT, PYTHON, Config, production_env, run

GUNICORN = str(Path(PYTHON).with_name("gunicorn"))


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
    worker_class = values["worker_class"].rsplit(".", 1)[-1]
    if worker_class == "sync" and int(values["threads"]) > 1:
        worker_class = "gthread"  # gunicorn's own switch when threads are asked for
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
