"""Hard criteria → which destinations a household may go to.

Whether a job is a hard criterion is the rules engine's decision
(:func:`werkpad.core.rules.koppeling`: at least the dated minimum hours, a signed contract, the
latest payslip); so is the radius (the dated parameter ``koppeling.radius_km``). This module only
turns the engine's answer into geography: a household whose job counts may go only to
destinations whose centroid lies within that radius of the workplace. Other hard criteria
(relatives, study, medical — established by the regievoerder, not computed) bind with the same
dated radius.

A job whose status is *unknown* (say, the payslip has not been seen yet) binds as well by default
(:attr:`UnknownPolicy.RESTRICT`): linking a household far from a job it may keep would cost it the
job, while keeping it near costs little; the outcome says so, and a person can decide otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

import numpy as np

from werkpad.core.koppeling.geo import distance_km
from werkpad.core.koppeling.model import BoolArray, FloatArray, HardConstraint
from werkpad.core.rules import Job, ParameterSet, Person, Status, koppeling

__all__ = [
    "Anchor",
    "AnchorKind",
    "CriterionOutcome",
    "HouseholdCriteria",
    "UnknownPolicy",
    "apply_hard_criteria",
    "hard_constraints",
]


class AnchorKind(StrEnum):
    WORK = "work"
    RELATIVE = "relative"  # first-degree relatives
    STUDY = "study"
    MEDICAL = "medical"


class UnknownPolicy(StrEnum):
    RESTRICT = "restrict"  # an unknown hard criterion binds (the cautious default)
    IGNORE = "ignore"  # only a criterion that passes binds


@dataclass(frozen=True, slots=True)
class Anchor:
    """A place a hard criterion may tie the household to.

    For :attr:`AnchorKind.WORK` give the ``job`` (and the household's ``person`` on
    :class:`HouseholdCriteria`); the rules engine decides whether it counts. The other kinds count
    when ``established`` (the regievoerder has seen the evidence).
    """

    kind: AnchorKind
    latitude: float
    longitude: float
    job: Job | None = None
    established: bool = True


@dataclass(frozen=True, slots=True)
class HouseholdCriteria:
    """The hard criteria of one household (row ``case`` of the problem)."""

    case: int
    person: Person
    anchors: tuple[Anchor, ...] = ()


@dataclass(frozen=True, slots=True)
class CriterionOutcome:
    """How one anchor was judged: the engine's status, and whether it binds the assignment."""

    case: int
    kind: AnchorKind
    status: Status
    binds: bool
    radius_km: int | None


def hard_constraints(
    households: Sequence[HouseholdCriteria],
    on: date,
    params: ParameterSet,
    unknown: UnknownPolicy = UnknownPolicy.RESTRICT,
) -> tuple[tuple[HardConstraint, ...], tuple[CriterionOutcome, ...]]:
    """The binding hard criteria on ``on``, and how every anchor was judged.

    A binding criterion whose radius is unknown (no parameter version on that date) cannot be
    turned into geography: it is reported with ``radius_km=None`` and the household is given no
    allowed destination at all (a radius of −1 km) — a person must link it.
    """
    radius_param = params.resolve(on)["koppeling.radius_km"]
    version_date = radius_param.version_date
    radius_version = "" if version_date is None else version_date.isoformat()
    constraints: list[HardConstraint] = []
    outcomes: list[CriterionOutcome] = []
    for household in households:
        for anchor in household.anchors:
            if anchor.kind is AnchorKind.WORK:
                if anchor.job is None:
                    raise ValueError("a work anchor needs its job")
                result = koppeling(household.person, anchor.job, on, params)
                status, radius = result.hard_criterion, result.radius_km
            else:
                status = Status.PASS if anchor.established else Status.UNKNOWN
                radius = params.resolve(on).integer("koppeling.radius_km")
            binds = status is Status.PASS or (
                status is Status.UNKNOWN and unknown is UnknownPolicy.RESTRICT
            )
            outcomes.append(CriterionOutcome(household.case, anchor.kind, status, binds, radius))
            if binds:
                constraints.append(
                    HardConstraint(
                        case=household.case,
                        latitude=anchor.latitude,
                        longitude=anchor.longitude,
                        radius_km=float(radius) if radius is not None else -1.0,
                        reason=anchor.kind.value,
                        rule_version=radius_version,
                    )
                )
    return tuple(constraints), tuple(outcomes)


def apply_hard_criteria(
    allowed: BoolArray, points: FloatArray, constraints: Sequence[HardConstraint]
) -> BoolArray:
    """``allowed`` with every binding criterion applied (destinations beyond the radius removed)."""
    result = np.array(allowed, dtype=np.bool_, copy=True)
    for constraint in constraints:
        km = distance_km(constraint.latitude, constraint.longitude, points[:, 0], points[:, 1])
        result[constraint.case] &= km <= constraint.radius_km
    return result
