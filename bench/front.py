"""`python -m bench.front`: cached pages through the shipped nginx front, beside static and WP.

Issue 13's front target: the cached review and home pages served by
deploy/nginx/animeblog.conf (its proxy_cache) reach 0.9x nginx serving the same bytes as
a static file, and at least WordPress behind nginx's fastcgi_cache, in the same run.
It needs the peer harness's servers running (../shared/peer-wordpress, `run.sh start`):
animeblog's gunicorn is the front's upstream, and the harness's nginx serves the static
copies and the cached WordPress. The front runs in a nginx of its own, started and
stopped here, with Debian's main nginx.conf settings around the shipped site file.
"""

import argparse
import http.client
import os
import pwd
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from bench.load import parse_wrk

PROJECT = Path(__file__).resolve().parent.parent
SITE = PROJECT / "deploy" / "nginx" / "animeblog.conf"
PEER_DIR = Path(os.environ.get("PEER_DIR", Path(tempfile.gettempdir()) / "peer-wordpress"))
REVIEW_SLUG = "metallic-rouge-season-01-review"
CPU_REQUESTS = 300
STARTUP_SECONDS = 15


@dataclass
class Target:
    """One address loaded, the header value it must answer with, and whose CPU it costs."""

    name: str
    url: str
    cache_header: str = ""
    cache_value: str = ""
    nginx: str = "front"  # whose nginx workers serve it: "front" (ours) or "peer" (the harness's)
    rounds: list = field(default_factory=list)
    cpu_ms: list = field(default_factory=list)
    size: int = 0


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=8097, help="the front's port on 127.0.0.1")
    parser.add_argument("--upstream", default="127.0.0.1:8092", help="animeblog's gunicorn")
    parser.add_argument("--static-port", type=int, default=8095, help="the harness's static nginx")
    parser.add_argument("--wp-port", type=int, default=8094, help="WordPress + fastcgi_cache")
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--cpu-rounds", type=int, default=3)
    parser.add_argument("--output", type=Path, default=None, help="where the table is written")
    return parser.parse_args()


def progress(message: str) -> None:
    print(f"[{datetime.now():%H:%M:%S}] {message}", flush=True)


def load_average() -> str:
    return " ".join(f"{load:.2f}" for load in os.getloadavg())


def get(url: str) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def require_upstream(upstream: str) -> None:
    try:
        status, _, _ = get(f"http://{upstream}/")
    except OSError as error:
        raise SystemExit(
            f"animeblog's gunicorn does not answer at {upstream} ({error}): start the peer "
            "harness first (`../shared/peer-wordpress/run.sh start` from the checkout)"
        ) from error
    if status != 200:
        raise SystemExit(f"http://{upstream}/ answers {status}, not 200")


def render_front(folder: Path, port: int, upstream: str) -> Path:
    """The shipped site file with only its addresses and folders replaced, inside a main
    configuration like Debian's nginx.conf (workers per core, sendfile, an access log)."""
    site = SITE.read_text()
    for shipped, here in {
        "listen 80;": f"listen 127.0.0.1:{port};",
        "server 127.0.0.1:8000;": f"server {upstream};",
        "/srv/animeblog/staticfiles/": f"{PEER_DIR / 'animeblog-static'}/",
        "/srv/animeblog/media/": f"{PEER_DIR / 'animeblog-media'}/",
        "/var/cache/nginx/animeblog": str(folder / "cache"),
    }.items():
        if shipped not in site:
            raise SystemExit(f"{SITE} no longer holds {shipped!r}: update bench/front.py")
        site = site.replace(shipped, here)
    (folder / "animeblog.conf").write_text(site)
    (folder / "copies").mkdir()
    temp_paths = "".join(
        f"    {kind}_temp_path {folder / kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    user = "user www-data;\n" if os.geteuid() == 0 else ""
    config = folder / "nginx.conf"
    config.write_text(
        f"{user}worker_processes auto;\n"
        f"pid {folder / 'nginx.pid'};\n"
        f"error_log {folder / 'error.log'};\n"
        "events { worker_connections 768; }\n"
        "http {\n"
        "    sendfile on;\n"
        "    tcp_nopush on;\n"
        "    include /etc/nginx/mime.types;\n"
        "    default_type application/octet-stream;\n"
        f"    access_log {folder / 'access.log'};\n"
        "    gzip on;\n"
        f"{temp_paths}"
        f"    include {folder / 'animeblog.conf'};\n"
        "    # The front's own answers saved as files: nginx static with this main config.\n"
        f"    server {{ listen 127.0.0.1:{port + 1}; root {folder / 'copies'}; }}\n"
        "}\n"
    )
    if os.geteuid() == 0:
        www = pwd.getpwnam("www-data")
        for path in [folder, *folder.rglob("*")]:
            os.chown(path, www.pw_uid, www.pw_gid)
    return config


def start_nginx(folder: Path, config: Path, port: int) -> subprocess.Popen:
    binary = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
    if not binary:
        raise SystemExit("nginx not found: install Debian's `nginx`")
    process = subprocess.Popen(
        [binary, "-p", str(folder), "-e", str(folder / "error.log"), "-c", str(config)]
        + ["-g", "daemon off;"],
    )
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"nginx exited:\n{(folder / 'error.log').read_text()}")
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=1).connect()
            return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit(f"nginx did not listen on {port} in {STARTUP_SECONDS} s")


def warm(target: Target) -> None:
    """Request until the target answers 200 with the cache header it must show."""
    for _ in range(20):
        status, headers, body = get(target.url)
        value = headers.get(target.cache_header, "") if target.cache_header else ""
        if status == 200 and value == target.cache_value:
            target.size = len(body)
            return
        time.sleep(0.3)
    raise SystemExit(
        f"{target.url} answers {status} {target.cache_header}: {value!r}, "
        f"expected 200 and {target.cache_value!r}"
    )


def wrk(target: Target, seconds: int, connections: int) -> dict:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", target.url]
    before = load_average()
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rps, p50, p99, errors = parse_wrk(output)
    return {"rps": rps, "p50": p50, "p99": p99, "errors": errors, "load": before}


def workers(master_pid: int) -> list[int]:
    """The worker processes of a nginx master: its children, from /proc."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(stat[1]) == master_pid:
                found.append(int(entry))
    return found


def cpu_seconds(pids: list[int]) -> float:
    """CPU time of the processes, from the scheduler's own nanosecond count (schedstat):
    stat's utime + stime tick every 10 ms, too coarse for 300 requests of 0.1 ms."""
    return sum(int(Path(f"/proc/{pid}/schedstat").read_text().split()[0]) for pid in pids) / 1e9


def cpu_ms_per_request(target: Target, pids: list[int]) -> float:
    """CPU the nginx workers used for CPU_REQUESTS sequential keep-alive requests."""
    host, port, path = re.match(r"http://([^:/]+):(\d+)(/.*)", target.url).groups()
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    connection.request("GET", path)
    connection.getresponse().read()
    time.sleep(0.5)
    before = cpu_seconds(pids)
    for _ in range(CPU_REQUESTS):
        connection.request("GET", path)
        connection.getresponse().read()
    connection.close()
    time.sleep(0.3)
    return 1000 * (cpu_seconds(pids) - before) / CPU_REQUESTS


def fmt(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def report(targets: dict[str, Target], load_start: str, args: argparse.Namespace) -> str:
    pairs = {
        "front_review": ("static_ab_review", "wp_review"),
        "front_home": ("copy_home", "wp_home"),
    }
    rows = [
        "| target | best req/s | all rounds | p50 ms | p99 ms | CPU ms/req | KB "
        "| × static | × WP cached | errors | load before |",
        "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for name, target in targets.items():
        best = max(target.rounds, key=lambda r: r["rps"])
        all_rounds = ", ".join(f"{r['rps']:,.0f}" for r in target.rounds)
        cpu = min(target.cpu_ms) if target.cpu_ms else None
        static, wordpress = pairs.get(name, (None, None))
        rows.append(
            f"| {name} `/{target.url.split('/', 3)[3]}` "
            f"| {best['rps']:,.0f} | {all_rounds} "
            f"| {fmt(best['p50'])} | {fmt(best['p99'])} "
            f"| {fmt(cpu, 3)} | {target.size / 1024:,.0f} "
            f"| {ratio(targets, name, static)} | {ratio(targets, name, wordpress)} "
            f"| {sum(r['errors'] for r in target.rounds)} | {best['load']} |"
        )
    return (
        f"Cached pages through deploy/nginx/animeblog.conf (port {args.port}, upstream "
        f"{args.upstream}) beside the harness's nginx static ({args.static_port}) and "
        f"WordPress + fastcgi_cache ({args.wp_port}); {os.cpu_count()} CPUs, "
        f"{datetime.now():%Y-%m-%d %H:%M}.\n\n"
        f"`wrk -t1 -c{args.connections} -d{args.duration}s --latency`, {args.rounds} interleaved "
        "rounds (order reversed every other round), best round kept. CPU ms/req: the serving "
        f"nginx's workers (/proc/<pid>/schedstat) over {CPU_REQUESTS} sequential keep-alive "
        f"requests, lowest of {args.cpu_rounds} rounds. Load average at start {load_start}, "
        f"at end {load_average()}.\n\n" + "\n".join(rows) + "\n"
    )


def ratio(targets: dict[str, Target], name: str, other: str | None) -> str:
    if other is None:
        return "–"
    mine = max(r["rps"] for r in targets[name].rounds)
    theirs = max(r["rps"] for r in targets[other].rounds)
    return f"{mine / theirs:.2f}"


def main() -> None:
    args = arguments()
    # A SIGTERM still stops the nginx started below (the finally).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    require_upstream(args.upstream)
    front = f"http://127.0.0.1:{args.port}"
    copies = f"http://127.0.0.1:{args.port + 1}"
    static = f"http://127.0.0.1:{args.static_port}"
    wordpress = f"http://127.0.0.1:{args.wp_port}"
    targets = {
        "front_review": Target(
            "front_review", f"{front}/reviews/{REVIEW_SLUG}/", "X-Front-Cache", "HIT"
        ),
        "front_home": Target("front_home", f"{front}/", "X-Front-Cache", "HIT"),
        "copy_review": Target("copy_review", f"{copies}/review.html"),
        "copy_home": Target("copy_home", f"{copies}/home.html"),
        "static_ab_review": Target("static_ab_review", f"{static}/ab-review.html", nginx="peer"),
        "static_wp_review": Target("static_wp_review", f"{static}/wp-review.html", nginx="peer"),
        "wp_review": Target("wp_review", f"{wordpress}/{REVIEW_SLUG}/", "X-Cache", "HIT", "peer"),
        "wp_home": Target("wp_home", f"{wordpress}/", "X-Cache", "HIT", "peer"),
    }
    load_start = load_average()
    with tempfile.TemporaryDirectory(prefix="animeblog-front-") as temp:
        folder = Path(temp)
        nginx = start_nginx(folder, render_front(folder, args.port, args.upstream), args.port)
        try:
            text = measure(targets, folder, nginx.pid, args, load_start)
        finally:
            nginx.terminate()
            nginx.wait(timeout=10)
    output = args.output or PROJECT / "bench" / "front-latest.md"
    output.write_text(text)
    print(text)
    progress(f"wrote {output}")


def measure(targets: dict[str, Target], folder: Path, front_pid: int, args, load_start) -> str:
    for target in targets.values():
        if target.name.startswith("copy_"):
            source = targets[target.name.replace("copy_", "front_")]
            (folder / "copies" / target.url.rsplit("/", 1)[1]).write_bytes(get(source.url)[2])
        warm(target)
        progress(f"{target.name}: 200, {target.size:,} bytes, {target.cache_value or 'no cache'}")
    progress("warm-up: 3 s each")
    for target in targets.values():
        wrk(target, 3, args.connections)
    order = list(targets.values())
    for round_number in range(args.rounds):
        for target in order if round_number % 2 == 0 else order[::-1]:
            time.sleep(2)
            result = wrk(target, args.duration, args.connections)
            target.rounds.append(result)
            progress(
                f"round {round_number + 1} {target.name}: {result['rps']:,.0f} req/s "
                f"p50 {result['p50']:.2f} p99 {result['p99']:.2f} ms, load {result['load']}"
            )
            warm(target)  # still the header it must show after the load
    peer_pid = int((PEER_DIR / "run" / "nginx.pid").read_text())
    pids = {"front": workers(front_pid), "peer": workers(peer_pid)}
    for round_number in range(args.cpu_rounds):
        for target in order if round_number % 2 == 0 else order[::-1]:
            target.cpu_ms.append(cpu_ms_per_request(target, pids[target.nginx]))
            progress(f"cpu round {round_number + 1} {target.name}: {target.cpu_ms[-1]:.3f} ms")
    return report(targets, load_start, args)


if __name__ == "__main__":
    main()
