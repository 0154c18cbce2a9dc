"""Small hand-made problems and a brute-force optimum to check the solvers against."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np

from werkpad.core.koppeling import Problem
from werkpad.core.koppeling.model import IntArray


def problem(
    sizes: Sequence[Sequence[int]],
    weights: Sequence[Sequence[float]],
    capacity: Sequence[Sequence[int]] | Sequence[int],
    allowed: Sequence[Sequence[bool]] | None = None,
    **extra: object,
) -> Problem:
    n, m = len(weights), len(weights[0])
    return Problem(
        case_ids=tuple(f"c{i}" for i in range(n)),
        destination_ids=tuple(f"d{j}" for j in range(m)),
        sizes=np.array(sizes),
        weights=np.array(weights, dtype=float),
        allowed=np.ones((n, m), dtype=bool) if allowed is None else np.array(allowed),
        capacity=np.array(capacity),
        **extra,  # type: ignore[arg-type]
    )


def single(*persons: int) -> list[list[int]]:
    """Cases of adults only."""
    return [[0, p, 0] for p in persons]


def brute_force(p: Problem, *, cases_first: bool = False) -> tuple[float, int]:
    """The optimum (weight, cases placed) by trying every assignment; tiny problems only."""
    best: tuple[int, float] | tuple[float, float] = (-1, -1.0) if cases_first else (-1.0, -1)
    options = [[-1, *np.flatnonzero(p.allowed[h]).tolist()] for h in range(p.n_cases)]
    best_weight, best_cases = -1.0, -1
    for choice in itertools.product(*options):
        destination: IntArray = np.array(choice, dtype=np.int64)
        if (p.load(destination) > p.capacity).any():
            continue
        weight = p.objective(destination)
        cases = int((destination >= 0).sum())
        key = (cases, weight) if cases_first else (weight, cases)
        if key > best:
            best = key
            best_weight, best_cases = weight, cases
    return best_weight, best_cases
