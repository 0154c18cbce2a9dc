"""Two baselines every run is compared with: a greedy and a random feasible assignment.

* :func:`greedy` — the way a careful person would do it by hand: households in order of their
  best chance (highest first), each to its best allowed destination that still has room.
* :func:`random_feasible` — households in a random order (seeded), each to a random allowed
  destination that still has room; the "no weighing at all" reference.

Both respect every capacity, compatibility and hard criterion (the allowed mask) by construction;
the run checks them with :func:`~werkpad.core.koppeling.check.violations` anyway.
"""

from __future__ import annotations

import numpy as np

from werkpad.core.koppeling.model import UNPLACED, IntArray, Problem

__all__ = ["greedy", "random_feasible"]


def greedy(problem: Problem) -> IntArray:
    """Best chance first: each case, in order of its best weight, to its best destination with room."""
    usable = problem.usable()
    weights = np.where(usable, problem.weights, -np.inf)
    best = weights.max(axis=1, initial=-np.inf)
    # Highest best weight first; ties by row, so the answer is deterministic.
    order = np.lexsort((np.arange(problem.n_cases), -best))
    left = problem.capacity.astype(np.int64).copy()
    demand = problem.demand
    result = np.full(problem.n_cases, UNPLACED, dtype=np.int64)
    for h in order:
        if not np.isfinite(best[h]):
            continue
        room = (left >= demand[h]).all(axis=1) & usable[h]
        if not room.any():
            continue
        candidates = np.where(room, weights[h], -np.inf)
        d = int(np.argmax(candidates))
        result[h] = d
        left[d] -= demand[h]
    return result


def random_feasible(problem: Problem, seed: int = 0) -> IntArray:
    """A random order, a random allowed destination with room (``seed`` makes it repeatable)."""
    rng = np.random.default_rng(seed)
    usable = problem.usable()
    left = problem.capacity.astype(np.int64).copy()
    demand = problem.demand
    result = np.full(problem.n_cases, UNPLACED, dtype=np.int64)
    for h in rng.permutation(problem.n_cases):
        room = np.flatnonzero((left >= demand[h]).all(axis=1) & usable[h])
        if room.size == 0:
            continue
        d = int(room[rng.integers(room.size)])
        result[h] = d
        left[d] -= demand[h]
    return result
