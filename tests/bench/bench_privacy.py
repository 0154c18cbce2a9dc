"""Privacy benchmark: the access layer's purpose checks, a download of one's own data, one
erasure, and ``apply-retention`` over a demo population (SQLite, or PostgreSQL with --postgres).

Run: ``.venv/bin/python tests/bench/bench_privacy.py [--size N]``. Prints milliseconds and query
counts; asserts nothing about time. Builds a fresh database.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--postgres", metavar="URL", help="a PostgreSQL database to re-create")
    args = parser.parse_args()

    from _setup import bench_database  # tests/bench/_setup.py, next to this script

    db = bench_database(args.postgres)
    where = db.where  # db keeps the temporary directory alive

    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from werkpad.accounts.models import User
    from werkpad.core.anonymity import add_months
    from werkpad.demo.seed import seed_database
    from werkpad.participants import access
    from werkpad.participants.models import Participant
    from werkpad.privacy import export
    from werkpad.privacy.anonymise import anonymise_participant
    from werkpad.privacy.retention import apply_retention, expired_files

    call_command("migrate", interactive=False, verbosity=0)
    t0 = time.perf_counter()
    seed_database(args.size, args.seed, extensions=False)
    print(f"{where}: seed {args.size} participants {time.perf_counter() - t0:.1f} s")
    print(f"load average before measuring: {os.getloadavg()[0]:.2f} ({os.cpu_count()} CPUs)")

    def timed(label: str, fn, runs: int = 20) -> object:
        result = fn()
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            result = fn()
            times.append((time.perf_counter() - start) * 1000)
        with CaptureQueriesContext(connection) as queries:
            fn()
        print(f"  {label:<52} median {statistics.median(times):7.1f} ms  {len(queries):3d} queries")
        return result

    for username in ("coach", "coa"):
        user = User.objects.get(username=username)
        print(f"\n{username} ({user.organisation}):")
        n = timed(
            "visible_participants(...).count()",
            lambda u=user: access.visible_participants(u).count(),
        )
        print(f"    -> {n} files with a ground")
        timed(
            "visible_participants(..., GUIDANCE_ONLY).count()",
            lambda u=user: access.visible_participants(u, access.GUIDANCE_ONLY).count(),
        )
        one = access.caseload(user).first()
        timed("scope_of(one file)", lambda u=user, f=one: access.scope_of(u, f))

    p = Participant.objects.filter(user__isnull=False).first() or Participant.objects.first()
    print("\nOne newcomer's data:")
    data = timed("export.my_data (JSON structure)", lambda: export.my_data(p), runs=10)
    print(f"    -> {len(export.to_json(data)) / 1024:.0f} KiB of JSON")
    victim = Participant.objects.order_by("pk").last()
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        anonymise_participant(victim, "erasure", timezone.localdate())
    print(
        f"  {'erasure of one file (anonymise_participant)':<52} "
        f"{(time.perf_counter() - start) * 1000:7.1f} ms  {len(queries):3d} queries"
    )
    day = add_months(timezone.localdate(), 61)
    expired = len(expired_files(day))
    start = time.perf_counter()
    result = apply_retention(day)
    seconds = time.perf_counter() - start
    print(
        f"  apply_retention 61 months ahead: {result.files} of {expired} expired files "
        f"anonymised in {seconds:.1f} s ({seconds / max(1, result.files) * 1000:.0f} ms per file)"
    )


if __name__ == "__main__":
    main()
