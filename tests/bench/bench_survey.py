"""The survey's cores at scale: moments of 100,000 enrolments, and the paired comparison of
100,000 people on 14 indicators by 20 programmes with the one suppression.

Times ``core.survey.schedule`` / ``due_moments`` (the base of the response rates) and
``paired_by_group`` + ``publish_paired`` (the analysts' page per indicator). Prints figures;
asserts nothing about time. The database reads around them (``surveys.results``) are not
measured here.

    .venv/bin/python tests/bench/bench_survey.py [--n 100000]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

from werkpad.core.survey import (
    Anchor,
    MomentRule,
    due_moments,
    paired_by_group,
    publish_paired,
    schedule,
)

RULES = [
    MomentRule("intake", Anchor.INTAKE, 0, 120),
    MomentRule("m3", Anchor.WORK, 3, 60),
    MomentRule("m6", Anchor.WORK, 6, 60),
    MomentRule("m12", Anchor.WORK, 12, 90),
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100_000)
    args = parser.parse_args()
    rng = random.Random(17)
    today = date(2026, 12, 1)
    enrolments = []
    for _ in range(args.n):
        intake = date(2023, 1, 1) + timedelta(days=rng.randint(0, 1400))
        work = intake + timedelta(days=rng.randint(30, 500)) if rng.random() < 0.4 else None
        enrolments.append((intake, work))
    t0 = time.perf_counter()
    invited = {r.code: 0 for r in RULES}
    for intake, work in enrolments:
        for w in due_moments(schedule(RULES, intake, work), today):
            invited[w.code] += 1
    t1 = time.perf_counter()
    print(f"moments of {args.n:,} enrolments: {t1 - t0:.2f} s; invited per moment {invited}")

    groups = [f"programme-{i}" for i in range(20)]
    group_of = {i: rng.choice(groups) for i in range(args.n)}
    answers = {}
    for code in range(14):
        before = {i: rng.choice((None, 1, 2, 3, 4, 5)) for i in range(args.n)}
        after = {i: rng.choice((None, 1, 2, 3, 4, 5)) for i in range(0, args.n, 2)}
        answers[code] = (before, after)
    t2 = time.perf_counter()
    shown = 0
    for before, after in answers.values():
        rows, _total = publish_paired(paired_by_group(before, after, group_of, groups), 10)
        shown += sum(r.shown for r in rows)
    t3 = time.perf_counter()
    print(
        f"paired comparison, {args.n:,} people x 14 indicators x {len(groups)} programmes "
        f"(suppressed): {t3 - t2:.2f} s; {shown} of {14 * len(groups)} cells shown"
    )


if __name__ == "__main__":
    main()
