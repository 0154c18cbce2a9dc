"""A run: solve, check independently, compare with greedy and random, report everything.

Every run reports the objective, the proven bound, the LP relaxation, the gap, households and
persons placed, the quota use per destination, the hard-constraint violations (recounted by
:func:`~werkpad.core.koppeling.check.violations`, never taken from the solver), the wall time, the
solver settings, and the objective of a greedy and of a seeded random feasible assignment with the
ratios to them. A run proposes; a person decides (README, "Kansrijke koppeling").
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from enum import StrEnum

from werkpad.core.koppeling.baselines import greedy, random_feasible
from werkpad.core.koppeling.check import violations
from werkpad.core.koppeling.decompose import solve_by_region
from werkpad.core.koppeling.milp import SolverSettings
from werkpad.core.koppeling.model import CATEGORIES, CapacityMode, Problem, Violations
from werkpad.core.koppeling.solve import Solution, solve_exact

__all__ = ["Method", "QuotaUse", "RunReport", "run"]


class Method(StrEnum):
    EXACT = "exact"  # one MILP over all (case, destination) pairs
    DECOMPOSITION = "decomposition"  # regions first, then municipalities
    AUTO = "auto"  # exact up to AUTO_EXACT_PAIRS usable pairs (or without regions), else decomposed


AUTO_EXACT_PAIRS = 50_000


@dataclass(frozen=True, slots=True)
class QuotaUse:
    destination: str
    name: str
    capacity: tuple[int, ...]
    used: tuple[int, ...]

    def as_dict(self) -> dict[str, object]:
        return {
            "destination": self.destination,
            "name": self.name,
            "capacity": list(self.capacity),
            "used": list(self.used),
        }


@dataclass(frozen=True, eq=False)
class RunReport:
    solution: Solution
    mode: CapacityMode
    cases: int
    persons: int
    placed_cases: int
    placed_persons: int
    quota_use: tuple[QuotaUse, ...]
    violations: Violations
    seconds: float  # the whole run: solve and check (the baselines are timed apart)
    greedy: float
    random: float
    greedy_violations: Violations
    random_violations: Violations
    seed: int

    @property
    def objective(self) -> float:
        return self.solution.objective

    @property
    def ratio_to_greedy(self) -> float | None:
        return None if self.greedy <= 0 else self.objective / self.greedy

    @property
    def ratio_to_random(self) -> float | None:
        return None if self.random <= 0 else self.objective / self.random

    def summary(self) -> dict[str, object]:
        """The figures ``werkpad assign-instance --format json`` prints.

        ``lp_bound`` is the best proven upper bound (for an exact solve HiGHS's dual bound, equal
        to the objective when optimality is proven); ``lp_relaxation`` the LP relaxation itself.
        """
        solution = self.solution
        return {
            "objective": solution.objective,
            "lp_bound": solution.bound,
            "placed_cases": self.placed_cases,
            "placed_persons": self.placed_persons,
            "violations": self.violations.total,
            "seconds": round(self.seconds, 3),
            "greedy": self.greedy,
            "random": self.random,
            "gap": solution.gap,
            "lp_relaxation": solution.lp_bound,
            "status": solution.status,
            "method": solution.method,
        }

    def as_dict(self) -> dict[str, object]:
        solution = self.solution
        return {
            **self.summary(),
            "proven_optimal": solution.proven_optimal,
            "mode": self.mode.value,
            "cases": self.cases,
            "persons": self.persons,
            "ratio_to_greedy": self.ratio_to_greedy,
            "ratio_to_random": self.ratio_to_random,
            "random_seed": self.seed,
            "violations_detail": {
                "quota": self.violations.quota,
                "compatibility": self.violations.compatibility,
                "hard": self.violations.hard,
                "invalid": self.violations.invalid,
            },
            "baseline_violations": {
                "greedy": self.greedy_violations.total,
                "random": self.random_violations.total,
            },
            "cases_first": solution.cases_first,
            "settings": dict(solution.settings),
            "stages": [stage.as_dict() for stage in solution.stages],
            "notes": list(solution.notes),
            "categories": ["persons"] if self.mode is CapacityMode.PERSONS else list(CATEGORIES),
            "quota_use": [use.as_dict() for use in self.quota_use],
        }


def run(
    problem: Problem,
    settings: SolverSettings | None = None,
    *,
    method: Method | str = Method.AUTO,
    maximise_cases_first: bool = False,
    seed: int = 0,
) -> RunReport:
    """Solve ``problem`` with ``method``, check it, and compare it with the two baselines."""
    settings = settings or SolverSettings()
    method = Method(method)
    if method is Method.AUTO:
        small = int(problem.usable().sum()) <= AUTO_EXACT_PAIRS
        method = Method.EXACT if small or problem.regions is None else Method.DECOMPOSITION
    started = time.perf_counter()
    if method is Method.EXACT:
        solution = solve_exact(problem, settings, maximise_cases_first=maximise_cases_first)
    else:
        solution = solve_by_region(problem, settings, maximise_cases_first=maximise_cases_first)
    found = violations(problem, solution.destination)
    seconds = time.perf_counter() - started

    greedy_answer = greedy(problem)
    random_answer = random_feasible(problem, seed)
    placed = solution.destination >= 0
    used = problem.load(solution.destination)
    names = problem.destination_names or problem.destination_ids
    quota_use = tuple(
        QuotaUse(
            problem.destination_ids[d],
            names[d],
            tuple(int(v) for v in problem.capacity[d]),
            tuple(int(v) for v in used[d]),
        )
        for d in range(problem.n_destinations)
    )
    return RunReport(
        solution=solution,
        mode=problem.mode,
        cases=problem.n_cases,
        persons=int(problem.persons.sum()),
        placed_cases=int(placed.sum()),
        placed_persons=int(problem.persons[placed].sum()),
        quota_use=quota_use,
        violations=found,
        seconds=seconds,
        greedy=problem.objective(greedy_answer),
        random=problem.objective(random_answer),
        greedy_violations=violations(problem, greedy_answer),
        random_violations=violations(problem, random_answer),
        seed=seed,
    )
