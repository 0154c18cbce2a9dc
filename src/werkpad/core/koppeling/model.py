"""The assignment problem and its answers: plain, validated arrays.

A :class:`Problem` is *cases* (households) × *destinations* (municipalities, or the affiliates of
the HIAS instances): a weight per pair (the predicted chance of work there), which pairs are
allowed (compatibility and hard criteria, already applied), the size of every case in children,
adults and seniors, and a capacity per destination — one number of persons, or one per category.
Every case goes to at most one destination. ``hard`` lists the hard criteria behind the allowed
mask once more (anchor point and radius), so that :func:`~werkpad.core.koppeling.check.violations`
can check an answer against the geography itself rather than against the mask it was built from.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

__all__ = [
    "CATEGORIES",
    "UNPLACED",
    "BoolArray",
    "CapacityMode",
    "FloatArray",
    "HardConstraint",
    "IntArray",
    "Problem",
    "Violations",
]

BoolArray = npt.NDArray[np.bool_]
FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

CATEGORIES = ("children", "adults", "seniors")
UNPLACED = -1  # the destination index of a case that is not placed


class CapacityMode(StrEnum):
    PERSONS = "persons"  # one capacity per destination: children + adults + seniors
    CATEGORIES = "categories"  # one capacity per destination and category


@dataclass(frozen=True, slots=True)
class HardConstraint:
    """Case ``case`` (row index) may only go within ``radius_km`` of the anchor point.

    ``reason`` names the criterion (``"work"``, ``"relative"``, ``"study"``, ``"medical"``);
    ``rule_version`` is the date of the radius parameter the rules engine used.
    """

    case: int
    latitude: float
    longitude: float
    radius_km: float
    reason: str = "work"
    rule_version: str = ""


@dataclass(frozen=True, eq=False)
class Problem:
    """Cases × destinations. Arrays are copied, made read-only and checked on construction.

    * ``sizes``: (cases, 3) whole numbers ≥ 0 — children, adults, seniors; every case ≥ 1 person.
    * ``weights``: (cases, destinations); only allowed pairs are read, and they must be finite.
    * ``allowed``: (cases, destinations) booleans.
    * ``capacity``: (destinations, 1) for :attr:`CapacityMode.PERSONS` or (destinations, 3) for
      :attr:`CapacityMode.CATEGORIES`; whole numbers ≥ 0.
    * ``regions``: optional region index per destination (for the decomposition), with
      ``region_ids`` naming them.
    * ``points``: optional (destinations, 2) latitude/longitude, needed when ``hard`` is not empty.
    """

    case_ids: tuple[str, ...]
    destination_ids: tuple[str, ...]
    sizes: IntArray
    weights: FloatArray
    allowed: BoolArray
    capacity: IntArray
    hard: tuple[HardConstraint, ...] = ()
    points: FloatArray | None = None
    regions: IntArray | None = None
    region_ids: tuple[str, ...] = ()
    destination_names: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        n, m = len(self.case_ids), len(self.destination_ids)
        sizes = _frozen(np.asarray(self.sizes, dtype=np.int64))
        weights = _frozen(np.asarray(self.weights, dtype=np.float64))
        allowed = _frozen(np.asarray(self.allowed, dtype=np.bool_))
        capacity = np.asarray(self.capacity, dtype=np.int64)
        if capacity.ndim == 1:
            capacity = capacity.reshape(-1, 1)
        capacity = _frozen(capacity)
        if len(set(self.case_ids)) != n:
            raise ValueError("case ids must be unique")
        if len(set(self.destination_ids)) != m:
            raise ValueError("destination ids must be unique")
        if sizes.shape != (n, 3):
            raise ValueError(f"sizes must have shape ({n}, 3), not {sizes.shape}")
        if (sizes < 0).any() or (n and (sizes.sum(axis=1) < 1).any()):
            raise ValueError("every case has at least one person and no negative counts")
        if weights.shape != (n, m) or allowed.shape != (n, m):
            raise ValueError(f"weights and allowed must have shape ({n}, {m})")
        if not np.isfinite(weights[allowed]).all():
            raise ValueError("every allowed pair needs a finite weight")
        if capacity.shape not in ((m, 1), (m, 3)):
            raise ValueError(f"capacity must have shape ({m}, 1) or ({m}, 3)")
        if (capacity < 0).any():
            raise ValueError("capacities must not be negative")
        for constraint in self.hard:
            if not 0 <= constraint.case < n:
                raise ValueError(f"hard constraint for unknown case row {constraint.case}")
        points = None
        if self.points is not None:
            points = _frozen(np.asarray(self.points, dtype=np.float64))
            if points.shape != (m, 2):
                raise ValueError(f"points must have shape ({m}, 2)")
        elif self.hard:
            raise ValueError("hard constraints need the destinations' points")
        regions = None
        if self.regions is not None:
            regions = _frozen(np.asarray(self.regions, dtype=np.int64))
            if regions.shape != (m,) or (m and not 0 <= regions.min() <= regions.max()):
                raise ValueError(f"regions must have shape ({m},) with indices ≥ 0")
            if m and regions.max() >= len(self.region_ids):
                raise ValueError("every region index needs a region id")
        if self.destination_names and len(self.destination_names) != m:
            raise ValueError("one name per destination")
        for name, value in (
            ("sizes", sizes),
            ("weights", weights),
            ("allowed", allowed),
            ("capacity", capacity),
            ("points", points),
            ("regions", regions),
        ):
            object.__setattr__(self, name, value)

    @property
    def n_cases(self) -> int:
        return len(self.case_ids)

    @property
    def n_destinations(self) -> int:
        return len(self.destination_ids)

    @property
    def mode(self) -> CapacityMode:
        return CapacityMode.PERSONS if self.capacity.shape[1] == 1 else CapacityMode.CATEGORIES

    @property
    def persons(self) -> IntArray:
        """Persons per case."""
        result: IntArray = self.sizes.sum(axis=1)
        return result

    @property
    def demand(self) -> IntArray:
        """What a case uses of a destination's capacity: (cases, 1) persons or (cases, 3)."""
        if self.mode is CapacityMode.PERSONS:
            return self.persons.reshape(-1, 1)
        return self.sizes

    def usable(self) -> BoolArray:
        """Allowed pairs where the case fits the destination's (empty) capacity at all."""
        fits = (self.demand[:, None, :] <= self.capacity[None, :, :]).all(axis=2)
        result: BoolArray = self.allowed & fits
        return result

    def objective(self, destination: IntArray) -> float:
        """The sum of the weights of the placed cases (``-1``: not placed)."""
        placed = np.flatnonzero(destination >= 0)
        return float(self.weights[placed, destination[placed]].sum())

    def load(self, destination: IntArray) -> IntArray:
        """Capacity used per destination (same shape as ``capacity``)."""
        used = np.zeros_like(self.capacity)
        placed = np.flatnonzero(destination >= 0)
        np.add.at(used, destination[placed], self.demand[placed])
        return used

    def with_capacity(self, capacity: IntArray) -> Problem:
        return Problem(
            self.case_ids,
            self.destination_ids,
            self.sizes,
            self.weights,
            self.allowed,
            capacity,
            self.hard,
            self.points,
            self.regions,
            self.region_ids,
            self.destination_names,
        )

    def subset(self, cases: Sequence[int] | IntArray) -> Problem:
        """The same destinations for a subset of the cases (hard criteria renumbered)."""
        rows = np.asarray(cases, dtype=np.int64)
        renumber = {int(old): new for new, old in enumerate(rows)}
        hard = tuple(
            HardConstraint(
                renumber[h.case], h.latitude, h.longitude, h.radius_km, h.reason, h.rule_version
            )
            for h in self.hard
            if h.case in renumber
        )
        return Problem(
            tuple(self.case_ids[i] for i in rows),
            self.destination_ids,
            self.sizes[rows],
            self.weights[rows],
            self.allowed[rows],
            self.capacity,
            hard,
            self.points,
            self.regions,
            self.region_ids,
            self.destination_names,
        )


@dataclass(frozen=True, slots=True)
class Violations:
    """Hard-constraint violations of an assignment, counted by :func:`check.violations`.

    ``quota``: (destination, category) cells over capacity; ``compatibility``: cases placed where
    the problem does not allow them; ``hard``: cases placed farther than a hard criterion's radius
    from its anchor; ``invalid``: destination indices out of range.
    """

    quota: int = 0
    compatibility: int = 0
    hard: int = 0
    invalid: int = 0

    @property
    def total(self) -> int:
        return self.quota + self.compatibility + self.hard + self.invalid


_A = TypeVar("_A", bound=npt.NDArray[Any])


def _frozen(array: _A) -> _A:
    array = array.copy()
    array.setflags(write=False)
    return array
