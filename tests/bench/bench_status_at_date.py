"""Status at a date for 100,000 enrolments (target: under 2 s).

Builds 100,000 random histories (1-8 changes each, as ``pathway.history.histories`` returns them
from the database) and times ``core.pathway.statuses_on`` at several reference dates, and the
one-by-one ``status_on`` for comparison. Prints figures; asserts nothing about time.

    .venv/bin/python tests/bench/bench_status_at_date.py [--n 100000]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

from werkpad.core import pathway as core


def build(n: int, rng: random.Random) -> list[core.History]:
    active = sorted(core.ACTIVE)
    out = []
    for _ in range(n):
        intake = date(2022, 1, 1) + timedelta(days=rng.randint(0, 1000))
        status = rng.choice(active)
        changes = [core.Change(intake, status, 0)]
        on = intake
        for i in range(rng.randint(0, 7)):
            if status in core.FINAL:
                break
            on += timedelta(days=rng.randint(1, 120))
            status = rng.choice([s for s in core.Status if s != status])
            changes.append(core.Change(on, status, i + 1))
        out.append(core.History(intake, tuple(changes)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100_000)
    args = parser.parse_args()
    rng = random.Random(10)
    t0 = time.perf_counter()
    histories = build(args.n, rng)
    print(f"built {args.n:,} histories in {time.perf_counter() - t0:.2f} s")
    days = [date(2023, 6, 30), date(2024, 10, 31), date(2025, 10, 31), date(2030, 1, 1)]
    runs = []
    for on in days:
        t0 = time.perf_counter()
        result = core.statuses_on(histories, on)
        elapsed = time.perf_counter() - t0
        runs.append(elapsed)
        counts: dict[str, int] = {}
        for s in result:
            key = s.value if s is not None else "not enrolled"
            counts[key] = counts.get(key, 0) + 1
        print(f"peildatum {on}: {elapsed:.3f} s  {dict(sorted(counts.items()))}")
    t0 = time.perf_counter()
    single = [core.status_on(h, days[2]) for h in histories]
    one_by_one = time.perf_counter() - t0
    assert single == core.statuses_on(histories, days[2])
    print(
        f"status at a date for {args.n:,} enrolments: median {statistics.median(runs):.3f} s, "
        f"max {max(runs):.3f} s (target < 2 s); one by one with status_on: {one_by_one:.3f} s"
    )


if __name__ == "__main__":
    main()
