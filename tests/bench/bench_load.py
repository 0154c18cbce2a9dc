"""Load test: 50 users on two ``werkpad serve`` processes on PostgreSQL with the 100,000 demo.

Run: ``.venv/bin/python tests/bench/bench_load.py [--quick] [--users 50] [--servers 4] [--threads 2]``.
SQLite, the demo default: ``bench_load.py --sqlite`` (10 users for 2 minutes on one server with
the 300-person demo in a temporary file; every error, "database is locked" included, is listed).

- Needs PostgreSQL: without a server it says so and exits 0 (skip).
- Uses the database at ``--url`` (default $WERKPAD_BENCH_URL or .../werkpad_bench); when it holds
  no demo yet (or ``--reseed``), it is created with ``bench_seed.py --size N --keep`` first.
- Starts ``--servers`` processes of ``werkpad serve`` (waitress, ``--threads`` each; default 4 x 2:
  a Python process runs on one core at a time, so on 2 cores four processes of two threads keep
  both cores busy while requests wait for the database, and a heavy request holds up one other
  thread instead of three) on consecutive ports from ``--port`` (loopback only); each warms up
  (the pool of open vacancies) before it listens. Then runs locust headless with
  ``tests/bench/locustfile.py`` (each user signs in and sticks to one server, round robin), then
  stops the servers.
- Starts ``werkpad worker`` beside them (tasks queued in the database, as in production;
  ``--no-worker`` to leave it out; the SQLite demo runs its tasks at once and has none).
- The measurement window (10 minutes by default, 1 minute with ``--quick``) starts when all users
  have signed in: signing in is PBKDF2 (about half a second of CPU each, by design) and happens
  once per user; its times are printed apart. What a page view requests: see the locustfile.
- Prints p50/p95/p99 and req/s per page, total requests per second, failures (errors), the pages
  whose p95 is 200 ms or more, and the CPU used over the window by locust (share of the machine
  and of one core: locust is one process, so near 100 % of one core means the load generator
  itself is the limit), the servers and worker, and PostgreSQL. Asserts nothing (targets:
  p95 < 200 ms per page, >= 25 req/s, 0 errors).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
BIN = ROOT / ".venv" / "bin"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/werkpad_bench"
TICKS = os.sysconf("SC_CLK_TCK")


def seconds(duration: str) -> float:
    """Locust's run-time notation (``90s``, ``2m``, ``1h``) in seconds."""
    units = {"s": 1, "m": 60, "h": 3600}
    if duration[-1] in units:
        return float(duration[:-1]) * units[duration[-1]]
    return float(duration)


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and its waited-for children so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return sum(int(fields[i]) for i in (11, 12, 13, 14)) / TICKS


def postgres_cpu() -> float:
    total = 0.0
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                if proc.joinpath("comm").read_text().startswith("postgres"):
                    total += cpu_seconds(int(proc.name))
            except OSError:
                continue
    return total


def seeded(url: str) -> bool:
    import psycopg

    try:
        with psycopg.connect(url, connect_timeout=3) as conn:
            row = conn.execute(
                "SELECT count(*) FROM participants_participant "
                "WHERE EXISTS (SELECT 1 FROM accounts_user WHERE username = 'admin')"
            ).fetchone()
    except psycopg.Error:
        return False
    return bool(row and row[0])


def wait_up(url: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/accounts/login/", timeout=5):
                return
        except OSError:
            time.sleep(1)
    raise SystemExit(f"server at {url} did not come up")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", default=os.environ.get("WERKPAD_BENCH_URL", DEFAULT_URL))
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--reseed", action="store_true")
    parser.add_argument("--quick", action="store_true", help="1 minute instead of 10")
    parser.add_argument("--duration", help="locust run time, e.g. 10m (overrides --quick)")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--servers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--port", type=int, default=8120)
    parser.add_argument(
        "--port-step", type=int, default=1, help="distance between the servers' ports"
    )
    parser.add_argument(
        "--no-worker", action="store_true", help="PostgreSQL: do not start `werkpad worker`"
    )
    parser.add_argument("--sqlite", action="store_true", help="the SQLite demo: 10 users, 2 min")
    args = parser.parse_args()
    if args.sqlite:
        sqlite_run(args)
        return
    duration = args.duration or ("1m" if args.quick else "10m")

    sys.path.insert(0, str(HERE))
    from _setup import pg_available

    if not pg_available(args.url):
        print(
            f"SKIP: no PostgreSQL server at {args.url.rsplit('/', 1)[0]}; the load test needs one."
        )
        return
    if args.reseed or not seeded(args.url):
        subprocess.run(
            [
                sys.executable,
                str(HERE / "bench_seed.py"),
                "--size",
                str(args.size),
                "--keep",
                "--url",
                args.url,
            ],
            check=True,
        )
    run_load(args, args.url, duration)


def sqlite_run(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(prefix="werkpad-sqlite-load-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'werkpad.sqlite3'}"
        env = dict(os.environ, DATABASE_URL=url, WERKPAD_DEMO="true")
        for command in (["migrate", "--no-input", "-v0"], ["seed_demo", "--size", "300"]):
            subprocess.run(
                [str(BIN / "werkpad"), *command], env=env, check=True, stdout=subprocess.DEVNULL
            )
        args.users = args.users if args.users != 50 else 10
        args.servers = 1
        args.threads = 8
        args.no_worker = True  # the demo runs its tasks at once (WERKPAD_TASKS_BACKEND=immediate)
        run_load(args, url, args.duration or "2m", employers=30)


def run_load(args: argparse.Namespace, url: str, duration: str, employers: int = 200) -> None:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=url,
        WERKPAD_DEMO="true",
        WERKPAD_ALLOWED_HOSTS="127.0.0.1,localhost",
        WERKPAD_LOG_LEVEL="WARNING",
    )
    # The servers' and the worker's logs go to files, read at the end: a pipe that nobody reads
    # during the run fills up (a saturated waitress warns about its queue depth) and then blocks
    # the server's next log line, and with it the server.
    logs = _Logs()
    # A database seeded by an earlier version gets this version's migrations first (indexes,
    # triggers), as an upgrade would.
    subprocess.run([str(BIN / "werkpad"), "migrate", "--no-input", "-v0"], env=env, check=True)
    worker = None
    if not args.no_worker:
        # As in production: tasks are queued in the database and run by a worker beside the
        # servers (demo mode alone would run them at once in the server).
        env["WERKPAD_TASKS_BACKEND"] = "database"
        worker = subprocess.Popen(
            [str(BIN / "werkpad"), "worker"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=logs.log("worker"),
        )
    ports = [args.port + i * args.port_step for i in range(args.servers)]
    hosts = [f"http://127.0.0.1:{port}" for port in ports]
    servers = [
        subprocess.Popen(
            [
                str(BIN / "werkpad"),
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--threads",
                str(args.threads),
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=logs.log(f"server-{port}"),
        )
        for port in ports
    ]
    try:
        for host in hosts:
            wait_up(host)
        with tempfile.TemporaryDirectory(prefix="werkpad-load-") as tmp:
            prefix = Path(tmp) / "load"
            signins = Path(tmp) / "signins.json"
            window = seconds(duration)
            load_env = dict(
                env,
                WERKPAD_LOAD_HOSTS=",".join(hosts),
                WERKPAD_LOAD_EMPLOYERS=str(employers),
                WERKPAD_LOAD_SECONDS=str(window),
                WERKPAD_LOAD_SIGNINS=str(signins),
            )
            others = [*servers, *([worker] if worker is not None else [])]
            load0 = os.getloadavg()[0]
            locust = subprocess.Popen(
                [
                    str(BIN / "locust"),
                    "-f",
                    str(HERE / "locustfile.py"),
                    "--headless",
                    "-u",
                    str(args.users),
                    "-r",
                    "10",
                    "-t",
                    f"{window + 900:.0f}s",  # a safety limit: the window ends the run
                    "--csv",
                    str(prefix),
                    "--only-summary",
                    "--loglevel",
                    "WARNING",
                ],
                env=load_env,
                stdout=subprocess.DEVNULL,
            )
            # CPU is counted over the measurement window only (from the moment every user has
            # signed in, when locust writes the sign-in file, to its end).
            locust_cpu0 = server_cpu0 = pg_cpu0 = 0.0
            started: float | None = None
            peak_locust = 0.0
            while locust.poll() is None:
                peak_locust = max(peak_locust, cpu_seconds(locust.pid))
                if started is None and signins.exists():
                    started = time.monotonic()
                    locust_cpu0 = peak_locust
                    server_cpu0 = sum(cpu_seconds(s.pid) for s in others)
                    pg_cpu0 = postgres_cpu()
                time.sleep(1)
            if started is None:
                raise SystemExit("the users did not all sign in; no measurement window")
            wall = time.monotonic() - started
            locust_cpu = peak_locust - locust_cpu0  # last sample, at most 1 s before locust ended
            server_cpu = sum(cpu_seconds(s.pid) for s in others) - server_cpu0
            pg_cpu = postgres_cpu() - pg_cpu0 if url.startswith("postgres") else None
            report(prefix, wall, locust_cpu, server_cpu, pg_cpu, args, duration, load0, url)
            times = sorted(json.loads(signins.read_text())["seconds"])
            print(
                f"signing in (before the window, not in the figures above): {len(times)} users, "
                f"median {times[len(times) // 2]:.1f} s, slowest {times[-1]:.1f} s (PBKDF2 by "
                "design, all users at once)"
            )
    finally:
        processes = [*servers, *([worker] if worker is not None else [])]
        for s in processes:
            s.send_signal(signal.SIGINT)
        for s in processes:
            try:
                s.wait(timeout=60)
            except subprocess.TimeoutExpired:
                s.kill()
                s.wait()
        for s in processes:
            what = f"server-{s.args[5]}" if s in servers else "worker"
            err = logs.text(what)
            locked = err.count("database is locked")
            errors = err.count("Traceback")
            what = f"server :{s.args[5]}" if s in servers else "worker"
            print(f"{what}: {errors} tracebacks, {locked} 'database is locked' in its log")


class _Logs:
    """Log files of the started processes, in a temporary folder removed at exit."""

    def __init__(self) -> None:
        self.folder = tempfile.TemporaryDirectory(prefix="werkpad-load-logs-")
        self.files: dict[str, Any] = {}

    def log(self, name: str) -> Any:
        self.files[name] = open(Path(self.folder.name) / f"{name}.log", "w")  # noqa: SIM115
        return self.files[name]

    def text(self, name: str) -> str:
        self.files[name].close()
        return (Path(self.folder.name) / f"{name}.log").read_text(errors="replace")


def report(
    prefix: Path,
    wall: float,
    locust_cpu: float,
    server_cpu: float,
    pg_cpu: float | None,
    args: argparse.Namespace,
    duration: str,
    load0: float,
    url: str,
) -> None:
    cores = os.cpu_count() or 1
    with open(f"{prefix}_stats.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    print(
        f"Load test: {args.users} users, {args.servers} servers x {args.threads} threads, "
        f"{duration}, {url.split(':', 1)[0]} {url.rsplit('/', 1)[1]}; {cores} CPUs, load average "
        f"{load0:.2f} at start, {os.getloadavg()[0]:.2f} at end"
    )
    print(
        f"{'page':<48} {'reqs':>6} {'req/s':>6} {'fail':>5} {'p50':>6} {'p95':>6} {'p99':>6} "
        f"{'max':>7}"
    )
    slow = []
    total: dict[str, str] = {}
    for row in rows:
        if row["Name"] == "Aggregated":
            total = row
            continue
        name = row["Type"] + " " + row["Name"]
        if row["95%"] not in ("", "N/A") and float(row["95%"]) >= 200:
            slow.append(name)
        print(
            f"{name[:48]:<48} {row['Request Count']:>6} {float(row['Requests/s']):>6.1f} "
            f"{row['Failure Count']:>5} {row['50%']:>6} {row['95%']:>6} {row['99%']:>6} "
            f"{float(row['Max Response Time']):>7.0f}"
        )
    if total:
        print(
            f"{'ALL':<48} {total['Request Count']:>6} {float(total['Requests/s']):>6.1f} "
            f"{total['Failure Count']:>5} {total['50%']:>6} {total['95%']:>6} {total['99%']:>6} "
            f"{float(total['Max Response Time']):>7.0f}"
        )
        print(
            f"throughput {float(total['Requests/s']):.1f} req/s in total; errors (failed "
            f"requests) {total['Failure Count']}; times in ms, p = percentile"
        )
    print(
        "pages with p95 >= 200 ms: "
        + (", ".join(slow) if slow else "none")
        + " (target: none; >= 25 req/s; 0 errors)"
    )
    failures = Path(f"{prefix}_failures.csv")
    if failures.exists():
        lines = failures.read_text().strip().splitlines()[1:]
        for line in lines[:10]:
            print("  failure:", line[:200])
    share = 100 / (wall * cores)
    print(
        f"CPU over {wall:.0f} s wall (share of all {cores} cores): locust "
        f"{locust_cpu * share:.0f} % ({100 * locust_cpu / wall:.0f} % of one core), servers and "
        f"worker {server_cpu * share:.0f} %"
        + ("" if pg_cpu is None else f", PostgreSQL (all its processes) {pg_cpu * share:.0f} %")
        + " (the rest: other work on the machine)"
    )


if __name__ == "__main__":
    main()
