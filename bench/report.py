"""The report: the machine, one table per backend with its ratios, and the issue's targets."""

import os
import platform
import re
import sqlite3
import subprocess
from pathlib import Path

from bench.config import Config
from bench.load import Measurement
from bench.server import gunicorn_settings

TARGETS = (
    "cached review ≥ 0.5× static file req/s",
    "uncached 300-comment review ≥ 0.25× trivial view req/s",
    "search median < 50 ms (PostgreSQL, one client)",
    "worker < 150 MB resident",
)


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


def load_average() -> str:
    """Other work on the machine, which the absolute numbers depend on."""
    return ", ".join(f"{load:.1f}" for load in os.getloadavg())


def machine() -> str:
    """The facts RESULTS.md records about the machine and the software versions."""
    import django

    cpu = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
    memory_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    postgres = subprocess.run(
        ["psql", "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True, check=False)

    return "\n".join(
        [
            f"- CPU: {os.cpu_count()} × {cpu.group(1) if cpu else 'unknown'}",
            f"- memory: {memory_kb / 1024 / 1024:.1f} GiB; {platform.platform()}",
            f"- Python {platform.python_version()}, Django {django.get_version()}, "
            f"SQLite {sqlite3.sqlite_version}, {postgres or 'psql not found'}",
            f"- load average (1, 5, 15 min) at the start: {load_average()}",
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
