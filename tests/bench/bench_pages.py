"""Page-speed benchmark: caseload and participant pages over 10,000 demo participants (SQLite).

Run: ``.venv/bin/python tests/bench/bench_pages.py [--size N] [--runs R]``. Prints median and p95
milliseconds and the number of SQL queries per page; asserts nothing about time (target: median
under 100 ms per page). Builds a fresh SQLite database in a temporary directory.
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help="run on a fresh PostgreSQL database at URL (dropped and re-created), "
        "e.g. postgres://postgres@127.0.0.1:5432/werkpad_bench",
    )
    args = parser.parse_args()

    from _setup import bench_database  # tests/bench/_setup.py, next to this script

    db = bench_database(args.postgres)
    tmp, where = db.tmp, db.where

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from werkpad.accounts.models import User
    from werkpad.demo.seed import seed_database
    from werkpad.participants import access

    t0 = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    t1 = time.perf_counter()
    ctx = seed_database(args.size, args.seed, extensions=False)
    t2 = time.perf_counter()
    print(f"{where}: migrate {t1 - t0:.1f} s, seed {args.size} participants {t2 - t1:.1f} s")
    print(f"{len(ctx.coaches)} coaches in {len(ctx.organisations)} organisations")
    print(f"load average before measuring: {os.getloadavg()[0]:.2f} ({os.cpu_count()} CPUs)")

    caseload_url = reverse("participants:caseload")

    def measure(client: Client, label: str, urls: list[str]) -> None:
        for url in urls[:5]:  # warm up
            client.get(url)
        times = []
        statuses = set()
        for i in range(args.runs):
            url = urls[i % len(urls)]
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
            statuses.add(response.status_code)
        with CaptureQueriesContext(connection) as queries:
            client.get(urls[0])
        times.sort()
        p95 = times[min(len(times) - 1, math.ceil(0.95 * len(times)) - 1)]
        print(
            f"  {label:<34} median {statistics.median(times):6.1f} ms   p95 {p95:6.1f} ms   "
            f"{len(queries):3d} queries   status {sorted(statuses)}"
        )

    def search(client: Client, term: str) -> None:
        client.post(caseload_url, {"q": term})

    for username in ("coach", "amsterdam.1"):
        user = User.objects.get(username=username)
        mine = access.caseload(user).count()
        everyone = access.visible_participants(user).count()
        print(
            f"\nCoach {username} ({user.organisation}): caseload {mine}, may see {everyone} "
            f"({args.runs} requests per page)"
        )
        client = Client()
        client.force_login(user)
        visible = list(
            access.visible_participants(user).values_list("public_id", "last_name")[:200]
        )
        own = list(access.caseload(user).values_list("public_id", "last_name")[:50])
        for scope in ("mine", "all"):
            q = "scope=all&" if scope == "all" else ""
            term = ((own if scope == "mine" and own else visible)[0][1])[:4]  # a name fragment
            print(f" scope={scope}")
            search(client, "")
            measure(client, "caseload, first page", [f"{caseload_url}?{q}"])
            measure(
                client,
                "caseload, filtered (phase + Dutch)",
                [f"{caseload_url}?{q}phase=inburgering&dutch=A0"],
            )
            measure(
                client,
                "caseload, sorted (status, page 2)",
                [f"{caseload_url}?{q}sort=status&page=2"],
            )
            search(client, term)
            measure(client, "caseload, searched (name fragment)", [f"{caseload_url}?{q}"])
            search(client, f"{term.upper()} ZZZ")  # two terms, the second matches nobody
            measure(client, "caseload, searched (2 terms, none)", [f"{caseload_url}?{q}"])
            search(client, "")
        ids = [o[0] for o in own] if own else [v[0] for v in visible]
        measure(
            client,
            "participant file (own caseload)",
            [reverse("participants:detail", args=[pid]) for pid in ids],
        )
        measure(
            client,
            "participant file (any visible)",
            [reverse("participants:detail", args=[pid]) for pid, _ in visible[::4]],
        )
    print(f"\nload average after measuring: {os.getloadavg()[0]:.2f}")
    tmp.cleanup()


if __name__ == "__main__":
    main()
