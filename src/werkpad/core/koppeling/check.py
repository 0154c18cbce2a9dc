"""Check an assignment against the problem, independently of the solver that produced it.

The solvers never mark their own homework: every answer (exact, decomposed, greedy, random) goes
through :func:`violations`, which recounts the capacity used per destination and category, looks
every placed case up in the allowed mask, and measures each hard criterion's distance afresh from
the anchor point to the destination's centroid.
"""

from __future__ import annotations

import numpy as np

from werkpad.core.koppeling.geo import distance_km
from werkpad.core.koppeling.model import IntArray, Problem, Violations

__all__ = ["violations"]

# A centroid exactly on the radius counts as within it; float noise must not flip that.
DISTANCE_TOLERANCE_KM = 1e-9


def violations(problem: Problem, destination: IntArray) -> Violations:
    """Count what ``destination`` (one index per case, ``-1`` = not placed) violates."""
    destination = np.asarray(destination, dtype=np.int64)
    if destination.shape != (problem.n_cases,):
        raise ValueError(f"one destination per case: shape ({problem.n_cases},)")
    invalid_mask = (destination < -1) | (destination >= problem.n_destinations)
    invalid = int(invalid_mask.sum())
    clean = np.where(invalid_mask, -1, destination)
    placed = np.flatnonzero(clean >= 0)

    used = np.zeros_like(problem.capacity)
    np.add.at(used, clean[placed], problem.demand[placed])
    quota = int((used > problem.capacity).sum())

    compatibility = int((~problem.allowed[placed, clean[placed]]).sum())

    hard = 0
    if problem.hard:
        assert problem.points is not None
        for constraint in problem.hard:
            d = int(clean[constraint.case])
            if d < 0:
                continue
            km = float(
                distance_km(
                    constraint.latitude,
                    constraint.longitude,
                    problem.points[d, 0],
                    problem.points[d, 1],
                )
            )
            if km > constraint.radius_km + DISTANCE_TOLERANCE_KM:
                hard += 1
    return Violations(quota=quota, compatibility=compatibility, hard=hard, invalid=invalid)
