"""Synthetic batches of households for benchmarks, tests and demos (never real people).

A batch: households of realistic sizes, a chance of work per household × labour-market region
(a household effect, a region effect and their interaction; so every municipality of a region ties),
a share of households with a job that counts as a hard criterion (judged by the rules engine) at a
random workplace, and quotas proportional to population summing to a multiple of the persons to
place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from werkpad.core.koppeling.criteria import (
    Anchor,
    AnchorKind,
    CriterionOutcome,
    HouseholdCriteria,
    apply_hard_criteria,
    hard_constraints,
)
from werkpad.core.koppeling.model import FloatArray, Problem
from werkpad.core.koppeling.municipalities import Municipalities, proportional_quotas
from werkpad.core.rules import Job, ParameterSet, Person, Phase

__all__ = ["SyntheticBatch", "synthetic_batch"]


@dataclass(frozen=True, eq=False)
class SyntheticBatch:
    problem: Problem
    region_chances: FloatArray  # (households, regions)
    outcomes: tuple[CriterionOutcome, ...]


def synthetic_batch(
    municipalities: Municipalities,
    households: int,
    *,
    on: date,
    params: ParameterSet,
    seed: int = 0,
    job_share: float = 0.10,
    quota_factor: float = 1.1,
) -> SyntheticBatch:
    rng = np.random.default_rng(seed)
    n, m = households, len(municipalities)
    n_regions = len(municipalities.region_codes)

    adults = rng.choice([1, 2, 3], size=n, p=[0.55, 0.40, 0.05])
    children = np.where(rng.random(n) < 0.35, rng.integers(1, 6, size=n), 0)
    seniors = (rng.random(n) < 0.04).astype(np.int64)
    sizes = np.column_stack([children, adults, seniors]).astype(np.int64)

    household_effect = rng.normal(-0.8, 0.8, size=(n, 1))
    region_effect = rng.normal(0.0, 0.35, size=(1, n_regions))
    interaction = rng.normal(0.0, 0.35, size=(n, n_regions))
    chances = 1.0 / (1.0 + np.exp(-(household_effect + region_effect + interaction)))
    weights = chances[:, municipalities.region]

    with_job = np.flatnonzero(rng.random(n) < job_share)
    share = municipalities.population / municipalities.population.sum()
    criteria = []
    for h in with_job:
        place = int(rng.choice(m, p=share))
        lat, lon = municipalities.points[place]
        # A workplace somewhere in that municipality: a few km from its centroid.
        lat += rng.normal(0.0, 0.03)
        lon += rng.normal(0.0, 0.045)
        job = Job(
            hours_per_week=int(rng.choice([8, 12, 16, 24, 32, 38])),
            contract_signed=True,
            payslip_shown=True,
            workplace=municipalities.names[place],
        )
        person = Person(phase=Phase.STATUS_HOLDER_AZC)
        criteria.append(
            HouseholdCriteria(int(h), person, (Anchor(AnchorKind.WORK, lat, lon, job),))
        )
    constraints, outcomes = hard_constraints(criteria, on, params)
    allowed = apply_hard_criteria(
        np.ones((n, m), dtype=np.bool_), municipalities.points, constraints
    )
    total = round(quota_factor * int(sizes.sum()))
    capacity = proportional_quotas(municipalities.population, total).reshape(-1, 1)
    problem = Problem(
        case_ids=tuple(f"H{h:05d}" for h in range(n)),
        destination_ids=municipalities.codes,
        sizes=sizes,
        weights=weights,
        allowed=allowed,
        capacity=capacity,
        hard=constraints,
        points=municipalities.points,
        regions=municipalities.region,
        region_ids=municipalities.region_codes,
        destination_names=municipalities.names,
    )
    return SyntheticBatch(problem, chances, outcomes)
