"""Benchmark of the rules engine: eligibility and REBA for 100,000 synthetic people.

Run: ``.venv/bin/python tests/bench/bench_rules.py [--people N] [--repeat R]``. Prints figures; it has
no timing asserts and is not collected by pytest. The population is deterministic (seeded) and mixes
the phases roughly as in an azc-heavy caseload, with all the unknowns the engine must handle.

Measured: building the inputs is excluded; the parameter file is loaded once (as the app does at
start-up). Per person, with the rules resolved once per date (cached per parameter set):

1. ``evaluate_work`` + ``reba``: the decisions (outcome, earliest start, TWV; kept / to COA). The
   result's conditions, steps and notes are built on first access, so this line does not pay for
   them;
2. the same, also building every condition, step and explanation Message (what a page shows);
3. ``work_window``, the job-independent summary the matching engine uses per candidate.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"
if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))

from werkpad.core.rules import (  # noqa: E402
    BsnStatus,
    Job,
    Person,
    Phase,
    TwvStatus,
    evaluate_work,
    load_parameters,
    reba,
    work_window,
)

ON = date(2026, 3, 2)
OPERATOR_FILE = """
[[param]]
key = "wage.minimum_hourly_gross"
value = 14.40
valid_from = 2026-01-01
source = "benchmark: an operator-set value (not from the reports)"
"""


def population(n: int, seed: int = 2026) -> list[tuple[Person, Job]]:
    rng = random.Random(seed)
    phases = [
        (Phase.ASYLUM_SEEKER, 0.6),
        (Phase.TEMPORARY_PROTECTION, 0.1),
        (Phase.STATUS_HOLDER_AZC, 0.1),
        (Phase.INBURGERING, 0.15),
        (Phase.AFTER_INBURGERING, 0.05),
    ]
    names = [p for p, _ in phases]
    weights = [w for _, w in phases]
    people = []
    for _ in range(n):
        phase = rng.choices(names, weights)[0]
        birth = ON - timedelta(days=rng.randint(16 * 365, 60 * 365))
        applied = ON - timedelta(days=rng.randint(0, 900))
        bsn = rng.choice([BsnStatus.RECEIVED, BsnStatus.REQUESTED, BsnStatus.NONE, None])
        person = Person(
            phase=phase,
            birth_date=birth if rng.random() > 0.02 else None,
            asylum_application_date=applied if rng.random() > 0.02 else None,
            lives_in_coa=rng.random() > 0.05 if phase is Phase.ASYLUM_SEEKER else None,
            w_document_expiry=ON + timedelta(days=rng.randint(-60, 700)),
            bsn=bsn,
            bsn_requested_on=ON - timedelta(days=rng.randint(0, 80)),
            household_size=rng.choice([1, 1, 1, 2, 4, None]),
        )
        hours = rng.choice([8, 12, 16, 20, 24, 32, 36, 40])
        twv = rng.choice([TwvStatus.NONE, TwvStatus.APPLIED, TwvStatus.GRANTED, None])
        gross = Decimal(rng.randint(1300, 2200)) / 100
        job = Job(
            hours_per_week=hours,
            hourly_wage_gross=gross,
            hourly_wage_net=(gross * Decimal("0.85")).quantize(Decimal("0.01")),
            start_date=ON + timedelta(days=rng.randint(0, 90)),
            contract_months=rng.choice([3, 6, 7, 12]),
            twv=twv,
            twv_date=ON - timedelta(days=rng.randint(0, 70)),
        )
        people.append((person, job))
    return people


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "rules.toml"
        path.write_text(OPERATOR_FILE, encoding="utf-8")
        t0 = time.perf_counter()
        params = load_parameters(path)
        load_ms = (time.perf_counter() - t0) * 1000

    people = population(args.people)
    print(f"rules engine benchmark: {args.people:,} people, evaluation date {ON}")
    print(f"  load_parameters (package + operator file): {load_ms:.1f} ms")

    best_full = best_details = best_lean = float("inf")
    outcomes: Counter[str] = Counter()
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        outcomes.clear()
        for person, job in people:
            result = evaluate_work(person, job, ON, params)
            reba(person, job, ON, params)
            outcomes[result.outcome.value] += 1
        best_full = min(best_full, time.perf_counter() - t0)

        t0 = time.perf_counter()
        for person, job in people:
            explanation = evaluate_work(person, job, ON, params).explanation
            reba_explanation = reba(person, job, ON, params).explanation
            assert explanation and reba_explanation
        best_details = min(best_details, time.perf_counter() - t0)

        t0 = time.perf_counter()
        for person, _job in people:
            work_window(person, ON, params)
        best_lean = min(best_lean, time.perf_counter() - t0)

    per = 1e6 / args.people
    rows = [
        ("evaluate_work + reba (decisions)", best_full),
        ("  + every condition, step and explanation built", best_details),
        ("work_window (per candidate, for matching)", best_lean),
    ]
    for label, seconds in rows:
        print(f"  {label:<48} {seconds:6.3f} s  ({seconds * per:5.1f} µs/person)")
    print(f"  (best of {args.repeat} runs; rendering Messages to text is not included)")
    print("  outcomes: " + ", ".join(f"{k} {v:,}" for k, v in sorted(outcomes.items())))


if __name__ == "__main__":
    main()
