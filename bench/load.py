"""Loading pages with wrk: the warm-up, one measured run, and the best of several rounds."""

import re
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from bench.config import Config, progress
from bench.pages import Page

BENCH = Path(__file__).resolve().parent
HITS_BEFORE_MEASURING = 10


@dataclass
class Measurement:
    page: Page
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int
    status: int
    x_cache: str
    queries: dict


def ensure_wrk() -> str:
    """wrk from Debian's package; installed with apt-get when missing (needs root)."""
    if not shutil.which("wrk"):
        progress("wrk not found: installing the Debian package `wrk`")
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=True)
    return shutil.which("wrk")


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


def best_of(page: Page, runs, status: int, x_cache: str, queries: dict) -> Measurement:
    """The round with the most requests per second, with the errors of every round."""
    rps, p50, p99, _ = max(runs)
    errors = sum(run_errors for *_, run_errors in runs)
    return Measurement(page, rps, p50, p99, errors, status, x_cache, queries)
