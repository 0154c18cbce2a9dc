"""The regional decomposition: its bound is a true bound, its answer feasible, and where regions
pack exactly it reaches the bound."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from scipy.sparse import vstack

from tests.unit.koppeling.support import problem, single
from tests.unit.rules.rules_support import operator_params
from werkpad.core.koppeling import (
    Method,
    Municipalities,
    SolverSettings,
    run,
    solve_by_region,
    solve_exact,
    violations,
)
from werkpad.core.koppeling.decompose import column_generation, region_uniform
from werkpad.core.koppeling.milp import ColumnLp, build_matrix
from werkpad.core.koppeling.synthetic import synthetic_batch

REGIONS = {"regions": np.array([0, 0, 1]), "region_ids": ("r0", "r1")}


def small_country(seed: int = 0) -> Municipalities:
    """Twelve municipalities in three regions around Utrecht (hand-made, not real)."""
    rng = np.random.default_rng(seed)
    points = np.column_stack([52.0 + rng.random(12) * 0.9, 4.6 + rng.random(12) * 1.4])
    return Municipalities(
        codes=tuple(f"GM{i:04d}" for i in range(12)),
        names=tuple(f"Gemeente {i}" for i in range(12)),
        region=np.repeat(np.arange(3), 4),
        region_codes=("AM1", "AM2", "AM3"),
        region_names=("Eén", "Twee", "Drie"),
        points=points,
        population=rng.integers(5_000, 200_000, size=12),
    )


def test_households_go_to_the_best_region_and_are_packed_within_it() -> None:
    p = problem(
        single(2, 1, 1, 2),
        [[0.5, 0.5, 0.2], [0.6, 0.6, 0.1], [0.3, 0.3, 0.4], [0.2, 0.2, 0.9]],
        [2, 2, 2],
        **REGIONS,
    )
    assert region_uniform(p).all()
    solution = solve_by_region(p)
    exact = solve_exact(p)
    assert (
        solution.objective == pytest.approx(exact.objective) == pytest.approx(0.5 + 0.6 + 0.3 + 0.9)
    )
    assert solution.status == "optimal" and solution.gap == pytest.approx(0.0)
    assert violations(p, solution.destination).total == 0
    assert solution.method == "decomposition"


def test_a_region_that_does_not_pack_is_solved_as_a_milp_and_repaired() -> None:
    # Region r0 has 3 + 3 places in two municipalities; three couples want it: the regional
    # problem sees 6 places (fits), the municipalities fit only two couples + nothing.
    p = problem(
        single(2, 2, 2),
        [[0.9, 0.9, 0.1], [0.8, 0.8, 0.2], [0.7, 0.7, 0.3]],
        [3, 3, 2],
        **REGIONS,
    )
    solution = solve_by_region(p)
    assert violations(p, solution.destination).total == 0
    exact = solve_exact(p)
    assert solution.bound is not None and solution.bound >= exact.objective - 1e-9
    assert solution.objective <= exact.objective + 1e-9
    # The third couple goes to r1 in the repair.
    assert solution.objective == pytest.approx(exact.objective) == pytest.approx(0.9 + 0.8 + 0.3)
    assert [s.name for s in solution.stages][-1] == "repair"


def test_hard_criterion_households_keep_municipality_variables() -> None:
    p = problem(
        single(1, 1),
        [[0.5, 0.5, 0.5], [0.4, 0.4, 0.4]],
        [1, 1, 1],
        allowed=[[False, True, False], [True, True, True]],
        **REGIONS,
    )
    assert region_uniform(p).tolist() == [False, True]
    solution = solve_by_region(p)
    assert solution.destination[0] == 1
    assert violations(p, solution.destination).total == 0


def test_cases_first_in_the_decomposition() -> None:
    p = problem(single(2, 1, 1), [[0.9, 0.9, 0.9], [0.4, 0.4, 0.4], [0.3, 0.3, 0.3]],
                [2, 0, 0], **REGIONS)  # fmt: skip
    solution = solve_by_region(p, maximise_cases_first=True)
    assert solution.cases_first == 2
    assert solution.objective == pytest.approx(0.7)
    assert solution.bound is not None and solution.bound >= 0.9 - 1e-9
    assert solution.notes
    timed = solve_by_region(p, SolverSettings(time_limit=30), maximise_cases_first=True)
    assert timed.objective == pytest.approx(0.7) and timed.settings["time_limit"] < 30
    # When the weight answer already places every household it is also the count-first one.
    roomy = problem(single(2, 1, 1), [[0.9, 0.9, 0.9], [0.4, 0.4, 0.4], [0.3, 0.3, 0.3]],
                    [4, 0, 0], **REGIONS)  # fmt: skip
    both = solve_by_region(roomy, maximise_cases_first=True)
    assert both.cases_first == 3 and both.objective == pytest.approx(1.6)
    assert "also the count-first answer" in both.notes[-1]


def test_a_count_first_solve_that_runs_out_of_time_never_makes_it_worse(monkeypatch) -> None:
    """Measured on a loaded machine: the half-year batch's count-first solve, left with seconds,
    placed no household at all. The weight answer in hand is kept instead, and said so."""
    from werkpad.core.koppeling import decompose

    p = problem(single(2, 1, 1), [[0.9, 0.9, 0.9], [0.4, 0.4, 0.4], [0.3, 0.3, 0.3]],
                [2, 0, 0], **REGIONS)  # fmt: skip
    real = decompose._solve_by_region

    def starved(problem, settings, cases_first, *args):  # type: ignore[no-untyped-def]
        solution = real(problem, settings, cases_first, *args)
        if not cases_first:
            return solution
        empty = np.full(problem.n_cases, -1, dtype=np.int64)
        return replace(solution, destination=empty, objective=0.0)

    monkeypatch.setattr(decompose, "_solve_by_region", starved)
    solution = solve_by_region(p, maximise_cases_first=True)
    assert (solution.destination >= 0).sum() == 1 and solution.objective == pytest.approx(0.9)
    assert "weight answer is kept" in solution.notes[-1]


def test_the_decomposition_needs_regions() -> None:
    with pytest.raises(ValueError, match="needs a region"):
        solve_by_region(problem(single(1), [[0.5]], [1]))


def test_column_generation_reaches_the_full_lp() -> None:
    batch = synthetic_batch(
        small_country(), 60, on=date(2026, 3, 2), params=operator_params(), seed=4
    )
    p = batch.problem
    rows, cols = np.nonzero(p.usable())
    cases, capacity = build_matrix(
        rows, np.arange(rows.size), cols, p.demand, p.n_cases, p.n_destinations
    )
    matrix = vstack([cases, capacity]).tocsr()
    upper = np.concatenate([np.ones(p.n_cases), p.capacity.ravel().astype(float)])
    weight = p.weights[rows, cols]
    full = ColumnLp(weight, matrix.tocsc(), upper)
    full.add(np.arange(rows.size))
    reference = full.solve().value
    relaxed = column_generation(weight, matrix, upper, rows.astype(np.int64), p.n_cases, initial=1)
    assert relaxed.rounds > 1 and relaxed.status == "optimal"
    assert relaxed.value == pytest.approx(reference, rel=1e-9)
    assert relaxed.bound == pytest.approx(reference, rel=1e-9)
    stopped = column_generation(
        weight, matrix, upper, rows.astype(np.int64), p.n_cases, initial=1, max_rounds=1
    )
    assert stopped.status == "rounds"
    assert stopped.bound >= reference - 1e-9  # still a bound after stopping early


@pytest.mark.parametrize("seed", [1, 2])
def test_synthetic_batch_bound_holds_against_the_exact_optimum(seed: int) -> None:
    batch = synthetic_batch(small_country(seed), 40, on=date(2026, 3, 2), params=operator_params(),
                            seed=seed, job_share=0.3)  # fmt: skip
    p = batch.problem
    assert p.hard and all(o.binds for o in batch.outcomes)
    exact = solve_exact(p)
    decomposed = run(p, SolverSettings(time_limit=30), method=Method.DECOMPOSITION)
    assert decomposed.violations.total == 0
    assert exact.proven_optimal
    assert decomposed.solution.bound is not None
    assert decomposed.solution.bound >= exact.objective - 1e-6
    assert decomposed.objective <= exact.objective + 1e-6
    assert decomposed.objective >= decomposed.greedy - 1e-9
    auto = run(p, method=Method.AUTO)
    assert auto.solution.method == "exact"


def test_real_municipalities_when_present() -> None:
    path = (
        Path(__file__).resolve().parents[3].parent / "shared" / "data" / "nl" / "gemeenten_2025.csv"
    )
    if not path.is_file():
        pytest.skip(f"gemeenten_2025.csv not found at {path} (../shared/data from the repo root)")
    from werkpad.core.koppeling import load_municipalities

    municipalities = load_municipalities(path)
    assert len(municipalities) == 342 and len(municipalities.region_codes) == 35
    batch = synthetic_batch(municipalities, 1000, on=date(2026, 3, 2), params=operator_params())
    report = run(batch.problem, method=Method.DECOMPOSITION)
    assert report.violations.total == 0
    assert report.solution.gap is not None and report.solution.gap < 0.01
    assert report.objective > report.greedy > report.random
