"""Benchmark of the kansrijke koppeling: weekly and half-year batches over all 342 municipalities,
and the public HIAS instances solved exactly.

Run: ``.venv/bin/python tests/bench/bench_koppeling.py [--weekly 1000] [--half-year 10000]
[--seeds 3] [--full-lp] [--plain-milp 60] [--no-hias]``. Prints figures; no timing asserts, not
collected by pytest. Reads ../shared/data/nl/gemeenten_2025.csv and ../shared/data/resettlement
from the repo root.

A batch (``werkpad.core.koppeling.synthetic``, seeded): households of 1–9 persons, a chance of
work per household × labour-market region (so the municipalities of a region tie), 10 % with a
job the rules engine counts as a hard criterion (≥ 8 h, contract, payslip) at a random workplace
(within 50 km, the dated parameter), quotas proportional to population summing to 1.1 × the
persons to place. Targets (issue 18): 1,000 households in < 10 s within 1 % of the LP bound of the
municipality-level problem; 10,000 in < 2 minutes with bound and gap reported.

``--full-lp`` also solves the LP relaxation of the municipality-level problem itself (every
household × municipality pair; weekly batch only) to show that the decomposition's bound is that LP's value;
``--plain-milp S`` runs the plain MILP over households × municipalities for S seconds, for
comparison (it stalls on the ties).
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src"
if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))

from scipy.sparse import vstack  # noqa: E402

from werkpad.core.koppeling import (  # noqa: E402
    Method,
    RunReport,
    SolverSettings,
    load_hias,
    load_municipalities,
    run,
)
from werkpad.core.koppeling.milp import ColumnLp, build_matrix  # noqa: E402
from werkpad.core.koppeling.model import Problem  # noqa: E402
from werkpad.core.koppeling.synthetic import synthetic_batch  # noqa: E402
from werkpad.core.rules import load_parameters  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
ON = date(2026, 3, 2)


def municipal_lp(problem: Problem) -> tuple[float, float]:
    """The LP relaxation over every usable household × municipality pair (value, seconds)."""
    started = time.perf_counter()
    rows, cols = np.nonzero(problem.usable())
    cases, capacity = build_matrix(
        rows, np.arange(rows.size), cols, problem.demand, problem.n_cases, problem.n_destinations
    )
    matrix = vstack([cases, capacity]).tocsc()
    upper = np.concatenate([np.ones(problem.n_cases), problem.capacity.ravel().astype(float)])
    lp = ColumnLp(problem.weights[rows, cols], matrix, upper)
    lp.add(np.arange(rows.size))
    return lp.solve().value, time.perf_counter() - started


def show(label: str, report: RunReport, reference_lp: float | None = None) -> None:
    s = report.solution
    gap = "n/a" if s.gap is None else f"{100 * s.gap:.3f} %"
    print(f"  {label}")
    print(
        f"    objective {s.objective:.4f}   bound {s.bound:.4f}   gap {gap}   status {s.status}"
        f"   {s.seconds:.2f} s (run with check {report.seconds:.2f} s)"
    )
    print(
        f"    placed {report.placed_cases}/{report.cases} households, "
        f"{report.placed_persons}/{report.persons} persons; violations {report.violations.total} "
        f"(quota {report.violations.quota}, compatibility {report.violations.compatibility}, "
        f"hard {report.violations.hard})"
    )
    used = np.array([u.used[0] for u in report.quota_use])
    capacity = np.array([u.capacity[0] for u in report.quota_use])
    full = int(((used == capacity) & (capacity > 0)).sum())
    print(
        f"    quota use {used.sum()}/{capacity.sum()} persons; {full} of "
        f"{int((capacity > 0).sum())} municipalities with a quota filled"
    )
    print(
        f"    greedy {report.greedy:.4f} (× {report.ratio_to_greedy:.4f})   "
        f"random {report.random:.4f} (× {report.ratio_to_random:.4f})"
    )
    if reference_lp is not None:
        print(
            f"    municipality-level LP {reference_lp:.4f}: gap to it "
            f"{100 * (reference_lp - s.objective) / reference_lp:.3f} %"
        )
    for stage in s.stages:
        print(
            f"      {stage.name:<52} {stage.status:<8} value {stage.value:10.4f}  "
            f"vars {stage.variables:>7}  {stage.seconds:6.2f} s"
        )
    for note in s.notes:
        print(f"      note: {note}")


def batches(args: argparse.Namespace) -> None:
    path = SHARED / "nl" / "gemeenten_2025.csv"
    if not path.is_file():
        print(f"skipped: {path} not found")
        return
    municipalities = load_municipalities(path)
    params = load_parameters()
    for label, size, limit in (
        ("weekly batch", args.weekly, 10.0),
        ("half-year batch", args.half_year, 120.0),
    ):
        if size <= 0:
            continue
        print(
            f"== {label}: {size:,} households × {len(municipalities)} municipalities in "
            f"{len(municipalities.region_codes)} labour-market regions (time limit {limit:.0f} s)"
        )
        for seed in range(args.seeds if size <= 2000 else 1):
            started = time.perf_counter()
            batch = synthetic_batch(municipalities, size, on=ON, params=params, seed=seed)
            built = time.perf_counter() - started
            p = batch.problem
            binding = sum(o.binds for o in batch.outcomes)
            print(
                f"  seed {seed}: {p.persons.sum():,} persons, quota {p.capacity.sum():,}, "
                f"{binding} households with a counting job (built in {built:.2f} s)"
            )
            reference = None
            if args.full_lp and size <= 2000:
                reference, seconds = municipal_lp(p)
                print(f"    municipality-level LP: {reference:.4f} in {seconds:.1f} s")
            report = run(p, SolverSettings(time_limit=limit), method=Method.DECOMPOSITION)
            show("decomposition", report, reference)
            if seed == 0:
                first = run(
                    p,
                    SolverSettings(time_limit=limit),
                    method=Method.DECOMPOSITION,
                    maximise_cases_first=True,
                )
                show("decomposition, as many households as possible first", first)
            if args.plain_milp and seed == 0 and size <= 2000:
                plain = run(
                    p,
                    SolverSettings(time_limit=args.plain_milp, mip_rel_gap=0),
                    method=Method.EXACT,
                )
                show(f"plain MILP, {args.plain_milp:.0f} s limit (for comparison)", plain)


def hias() -> None:
    folder = SHARED / "resettlement"
    if not (folder / "FY16_emp.csv").is_file():
        print(f"skipped: HIAS instances not found in {folder}")
        return
    print("== HIAS instances, exact (HiGHS, mip_rel_gap=0)")
    for year in ("FY16", "FY17"):
        for mode in ("persons", "categories"):
            problem = load_hias(folder, year, mode).problem
            report = run(problem, SolverSettings(), method=Method.EXACT)
            s = report.solution
            print(
                f"  {year} {mode:<10} objective {s.objective:.9f}  bound {s.bound:.9f}  "
                f"LP {s.lp_bound:.6f}  gap {s.gap:.1e}  {s.seconds:5.2f} s  "
                f"placed {report.placed_cases}/{report.cases} ({report.placed_persons} persons)  "
                f"violations {report.violations.total}  greedy {report.greedy:.4f}  "
                f"random {report.random:.4f}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weekly", type=int, default=1000)
    parser.add_argument("--half-year", type=int, default=10000)
    parser.add_argument("--seeds", type=int, default=3, help="Seeds for the weekly batch.")
    parser.add_argument("--full-lp", action="store_true")
    parser.add_argument("--plain-milp", type=float, default=0.0)
    parser.add_argument("--no-hias", action="store_true")
    args = parser.parse_args()
    batches(args)
    if not args.no_hias:
        hias()


if __name__ == "__main__":
    main()
