"""Demo-generator benchmark: ``seed_demo --size N`` on a fresh PostgreSQL database.

Run: ``.venv/bin/python tests/bench/bench_seed.py [--size 100000] [--url postgres://...] [--keep]``.
Drops and re-creates the database at ``--url`` (default: $WERKPAD_BENCH_URL or
postgres://postgres@127.0.0.1:5432/werkpad_bench), migrates, seeds, and prints the time per phase
and the number of rows per table. Without a PostgreSQL server it says so and exits 0 (skip).
Asserts nothing about time (target: 100,000 participants in under 5 minutes).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import drop_postgres, pg_available, recreate_postgres

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/werkpad_bench"


def _cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of a local process, from /proc; 0 where it cannot be read (a
    PostgreSQL server on another machine)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--url", default=os.environ.get("WERKPAD_BENCH_URL", DEFAULT_URL))
    parser.add_argument("--keep", action="store_true", help="keep the database (for load tests)")
    args = parser.parse_args()
    if not pg_available(args.url):
        print(
            f"SKIP: no PostgreSQL server at {args.url.rsplit('/', 1)[0]}; the generator "
            "benchmark needs one."
        )
        return
    recreate_postgres(args.url, force=True)
    os.environ["DATABASE_URL"] = args.url
    os.environ.setdefault("WERKPAD_SECRET_KEY", "bench-only-secret-key-not-for-production")
    os.environ["DJANGO_SETTINGS_MODULE"] = "werkpad.settings"

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from werkpad.demo.seed import seed_database

    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at start")
    t0 = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    t1 = time.perf_counter()
    print(f"migrate: {t1 - t0:.1f} s")
    last = [t1]

    def progress(message: str) -> None:
        now = time.perf_counter()
        print(f"  +{now - last[0]:6.1f} s  {message}", flush=True)
        last[0] = now

    cpu0 = time.process_time()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (backend,) = cursor.fetchone()
    pg0 = _cpu_seconds(backend)
    ctx = seed_database(args.size, args.seed, progress=progress)
    t2 = time.perf_counter()
    cpu, pg = time.process_time() - cpu0, _cpu_seconds(backend) - pg0
    print(
        f"seed_demo --size {args.size}: {t2 - t1:.1f} s "
        f"({len(ctx.participants)} participants, {len(ctx.coaches)} coaches); "
        f"load average {os.getloadavg()[0]:.2f}"
    )
    # On a loaded machine the wall time mostly measures the others' load; the CPU the generator
    # and its PostgreSQL backend used is what the same run needs on an idle one (they alternate).
    print(f"CPU: generator {cpu:.1f} s, its PostgreSQL backend {pg:.1f} s, sum {cpu + pg:.1f} s")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, n_live_tup FROM pg_stat_user_tables WHERE n_live_tup > 0 "
            "ORDER BY n_live_tup DESC LIMIT 15"
        )
        for table, rows in cursor.fetchall():
            print(f"  {table:<40} {rows:>10,}")
    connection.close()
    if not args.keep:
        drop_postgres(args.url)


if __name__ == "__main__":
    main()
