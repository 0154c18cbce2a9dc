"""The exact MILP on small hand-made instances whose optimum is known (and where greedy is not)."""

from __future__ import annotations

import numpy as np
import pytest

from tests.unit.koppeling.support import brute_force, problem, single
from werkpad.core.koppeling import (
    CapacityMode,
    HardConstraint,
    Method,
    Problem,
    SolverSettings,
    greedy,
    random_feasible,
    run,
    solve_exact,
    violations,
)


def test_knapsack_where_greedy_loses() -> None:
    # One destination with room for 3 persons: the family of 3 has the best chance, but the
    # single person and the couple together are worth more.
    p = problem(single(3, 1, 2), [[0.9], [0.5], [0.5]], [3])
    solution = solve_exact(p)
    assert solution.objective == pytest.approx(1.0)
    assert solution.destination.tolist() == [-1, 0, 0]
    assert solution.proven_optimal
    assert solution.gap == 0.0
    assert solution.bound == pytest.approx(1.0)
    assert solution.lp_bound is not None and solution.lp_bound >= solution.objective - 1e-9
    assert p.objective(greedy(p)) == pytest.approx(0.9)


def test_each_case_at_most_once_and_to_its_best_fitting_place() -> None:
    p = problem(single(1, 1), [[0.2, 0.7], [0.6, 0.65]], [1, 1])
    solution = solve_exact(p)
    # Both want d1; giving d1 to c0 (0.7 + 0.6) beats giving it to c1 (0.2 + 0.65).
    assert solution.destination.tolist() == [1, 0]
    assert solution.objective == pytest.approx(1.3)


def test_categories_bind_where_persons_do_not() -> None:
    family = [1, 2, 0]  # one child, two adults
    senior = [0, 0, 1]
    sizes = [family, senior, [0, 1, 0]]
    weights = [[0.8], [0.6], [0.3]]
    persons = problem(sizes, weights, [4])
    categories = problem(sizes, weights, [[1, 3, 0]])
    assert persons.mode is CapacityMode.PERSONS
    assert categories.mode is CapacityMode.CATEGORIES
    assert solve_exact(persons).objective == pytest.approx(1.4)  # family + senior = 4 persons
    # No room for a senior: the family and the single adult.
    solution = solve_exact(categories)
    assert solution.objective == pytest.approx(1.1)
    assert solution.destination.tolist() == [0, -1, 0]


def test_compatibility_is_never_crossed() -> None:
    p = problem(
        single(1, 1), [[0.99, 0.1], [0.2, 0.3]], [1, 1], allowed=[[False, True], [True, True]]
    )
    solution = solve_exact(p)
    assert solution.destination.tolist() == [1, 0]
    assert violations(p, solution.destination).total == 0


def test_as_many_households_as_possible_first() -> None:
    # Room for 2: the couple has the best chance alone, two singles place more households.
    p = problem(single(2, 1, 1), [[0.9], [0.4], [0.3]], [2])
    assert solve_exact(p).objective == pytest.approx(0.9)
    first = solve_exact(p, maximise_cases_first=True)
    assert first.cases_first == 2
    assert first.destination.tolist() == [-1, 0, 0]
    assert first.objective == pytest.approx(0.7)
    assert [stage.name for stage in first.stages] == ["cases", "weight"]
    assert brute_force(p, cases_first=True) == (pytest.approx(0.7), 2)


def test_a_case_too_large_for_every_destination_stays_unplaced() -> None:
    p = problem(single(5, 1), [[0.9, 0.9], [0.1, 0.2]], [2, 3])
    solution = solve_exact(p)
    assert solution.destination.tolist() == [-1, 1]
    assert solution.objective == pytest.approx(0.2)


def test_nothing_allowed_is_an_empty_optimal_answer() -> None:
    p = problem(single(1), [[0.5]], [1], allowed=[[False]])
    solution = solve_exact(p)
    assert solution.destination.tolist() == [-1]
    assert solution.objective == 0.0
    assert solution.proven_optimal


def test_a_relative_gap_reports_within_gap_not_optimal() -> None:
    p = problem(single(3, 1, 2), [[0.9], [0.5], [0.5]], [3])
    solution = solve_exact(p, SolverSettings(mip_rel_gap=0.5))
    assert solution.status == "within_gap"
    assert not solution.proven_optimal
    assert solution.settings["mip_rel_gap"] == 0.5
    assert str(solution.settings["solver"]).startswith("HiGHS ")


def test_hard_constraints_are_checked_from_the_geography() -> None:
    points = np.array([[52.09, 5.12], [53.22, 6.57]])  # Utrecht, Groningen (~150 km apart)
    hard = (HardConstraint(0, 52.10, 5.10, 50.0),)
    p = problem(
        single(1, 1),
        [[0.1, 0.9], [0.5, 0.5]],
        [1, 1],
        allowed=[[True, False], [True, True]],
        hard=hard,
        points=points,
    )
    assert solve_exact(p).destination.tolist() == [0, 1]
    # An answer that ignores the mask is caught twice: by the mask and by the distance.
    found = violations(p, np.array([1, 0]))
    assert (found.compatibility, found.hard, found.quota) == (1, 1, 0)
    over = violations(p, np.array([0, 0]))
    assert (over.quota, over.hard, over.total) == (1, 0, 1)
    assert violations(p, np.array([7, -1])).invalid == 1
    with pytest.raises(ValueError, match="one destination per case"):
        violations(p, np.array([0]))


def test_run_reports_everything_and_compares_with_the_baselines() -> None:
    p = problem(single(3, 1, 2), [[0.9], [0.5], [0.5]], [3])
    report = run(p, method=Method.AUTO, seed=3)
    summary = report.summary()
    assert list(summary)[:8] == [
        "objective",
        "lp_bound",
        "placed_cases",
        "placed_persons",
        "violations",
        "seconds",
        "greedy",
        "random",
    ]
    assert summary["objective"] == pytest.approx(1.0)
    assert (summary["placed_cases"], summary["placed_persons"], summary["violations"]) == (2, 3, 0)
    assert summary["greedy"] == pytest.approx(0.9)
    assert report.ratio_to_greedy == pytest.approx(1.0 / 0.9)
    assert report.random == p.objective(random_feasible(p, 3))
    details = report.as_dict()
    assert details["quota_use"] == [
        {"destination": "d0", "name": "d0", "capacity": [3], "used": [3]}
    ]
    assert details["proven_optimal"] is True
    assert details["categories"] == ["persons"]
    assert details["random_seed"] == 3


def test_ratios_are_none_when_a_baseline_places_nothing() -> None:
    p = problem(single(2), [[0.5]], [1])
    report = run(p)
    assert report.greedy == 0.0 and report.random == 0.0
    assert report.ratio_to_greedy is None and report.ratio_to_random is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"sizes": np.array([[0, 0, 0]])}, "at least one person"),
        ({"weights": np.array([[np.nan]])}, "finite weight"),
        ({"capacity": np.array([[-1]])}, "not be negative"),
        ({"capacity": np.array([[1, 1]])}, "capacity must have shape"),
        ({"case_ids": ("a", "a")}, "unique"),
        ({"destination_ids": ("x", "x")}, "unique"),
        ({"sizes": np.array([[1, 1]])}, "sizes must have shape"),
        ({"allowed": np.array([[True, True]])}, "weights and allowed"),
        ({"hard": (HardConstraint(4, 0, 0, 1),)}, "unknown case row"),
        ({"hard": (HardConstraint(0, 0, 0, 1),)}, "need the destinations' points"),
        ({"points": np.zeros((2, 2))}, "points must have shape"),
        ({"regions": np.array([0, 1])}, "regions must have shape"),
        ({"regions": np.array([1]), "region_ids": ("r",)}, "every region index"),
        ({"destination_names": ("a", "b")}, "one name per destination"),
    ],
)
def test_bad_problems_are_refused(change: dict[str, object], message: str) -> None:
    base: dict[str, object] = {
        "case_ids": ("a",),
        "destination_ids": ("x",),
        "sizes": np.array([[0, 1, 0]]),
        "weights": np.array([[0.5]]),
        "allowed": np.array([[True]]),
        "capacity": np.array([1]),
    }
    base.update(change)
    with pytest.raises(ValueError, match=message):
        Problem(**base)  # type: ignore[arg-type]


def test_problem_arrays_are_read_only_copies() -> None:
    weights = np.array([[0.5]])
    p = problem(single(1), weights.tolist(), [1])
    with pytest.raises(ValueError):
        p.weights[0, 0] = 1.0
    subset = problem(single(1, 2), [[0.5], [0.4]], [3]).subset([1])
    assert subset.case_ids == ("c1",) and subset.persons.tolist() == [2]
    assert p.with_capacity(np.array([[2]])).capacity.tolist() == [[2]]
