"""Property-based: for random instances no assignment — exact, decomposed, greedy or random —
ever violates a quota, a compatibility or a hard criterion; the exact one is the optimum."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.koppeling.support import brute_force
from werkpad.core.koppeling import (
    HardConstraint,
    Problem,
    apply_hard_criteria,
    greedy,
    random_feasible,
    solve_by_region,
    solve_exact,
    violations,
)


@st.composite
def problems(draw: st.DrawFn, max_cases: int = 6, max_destinations: int = 4) -> Problem:
    n = draw(st.integers(1, max_cases))
    m = draw(st.integers(1, max_destinations))
    categories = draw(st.booleans())
    sizes = np.array(
        draw(
            st.lists(
                st.tuples(st.integers(0, 3), st.integers(0, 2), st.integers(0, 1)).filter(
                    lambda s: sum(s) > 0
                ),
                min_size=n,
                max_size=n,
            )
        )
    )
    weights = np.array(
        draw(st.lists(st.lists(st.floats(0, 1), min_size=m, max_size=m), min_size=n, max_size=n))
    )
    allowed = np.array(
        draw(st.lists(st.lists(st.booleans(), min_size=m, max_size=m), min_size=n, max_size=n))
    )
    k = 3 if categories else 1
    capacity = np.array(
        draw(st.lists(st.lists(st.integers(0, 5), min_size=k, max_size=k), min_size=m, max_size=m))
    )
    # Destinations on a small map (degrees around the Netherlands); some cases have a workplace.
    points = np.array(
        draw(
            st.lists(st.tuples(st.floats(51.0, 53.5), st.floats(3.5, 7.0)), min_size=m, max_size=m)
        )
    )
    hard = []
    for case in range(n):
        if draw(st.booleans()):
            lat, lon = draw(st.tuples(st.floats(51.0, 53.5), st.floats(3.5, 7.0)))
            hard.append(HardConstraint(case, lat, lon, draw(st.sampled_from([30.0, 50.0]))))
    allowed = apply_hard_criteria(allowed, points, hard)
    regions = np.array(draw(st.lists(st.integers(0, 1), min_size=m, max_size=m)))
    return Problem(
        case_ids=tuple(f"c{i}" for i in range(n)),
        destination_ids=tuple(f"d{j}" for j in range(m)),
        sizes=sizes,
        weights=weights,
        allowed=allowed,
        capacity=capacity,
        hard=tuple(hard),
        points=points,
        regions=regions,
        region_ids=("r0", "r1"),
    )


FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(problems(), st.integers(0, 1000))
def test_no_assignment_ever_violates_a_quota_compatibility_or_hard_criterion(
    p: Problem, seed: int
) -> None:
    answers = {
        "exact": solve_exact(p).destination,
        "exact, cases first": solve_exact(p, maximise_cases_first=True).destination,
        "decomposition": solve_by_region(p).destination,
        "decomposition, cases first": solve_by_region(p, maximise_cases_first=True).destination,
        "greedy": greedy(p),
        "random": random_feasible(p, seed),
    }
    for name, destination in answers.items():
        assert violations(p, destination).total == 0, name
        placed = destination >= 0
        # Independently of the checker: each placed case is allowed and within every radius.
        assert p.allowed[placed.nonzero()[0], destination[placed]].all(), name
        assert (p.load(destination) <= p.capacity).all(), name


@FAST
@given(problems(max_cases=5, max_destinations=3))
def test_the_exact_solve_is_the_optimum_and_its_bound_holds(p: Problem) -> None:
    solution = solve_exact(p)
    best, _ = brute_force(p)
    assert solution.proven_optimal
    assert abs(solution.objective - best) <= 1e-6
    assert solution.bound is not None and solution.bound >= best - 1e-6
    assert solution.objective >= p.objective(greedy(p)) - 1e-9
    decomposed = solve_by_region(p)
    assert decomposed.objective <= best + 1e-6
    assert decomposed.bound is not None and decomposed.bound >= best - 1e-6


@FAST
@given(problems(max_cases=5, max_destinations=3))
def test_cases_first_places_the_most_cases_then_the_most_weight(p: Problem) -> None:
    solution = solve_exact(p, maximise_cases_first=True)
    best_weight, best_cases = brute_force(p, cases_first=True)
    assert solution.cases_first == best_cases
    assert int((solution.destination >= 0).sum()) == best_cases
    assert abs(solution.objective - best_weight) <= 1e-6
