"""The fairness report of a run: who gains, by group, against the status quo and against random.

For every assignment compared (the run, the status quo, a random feasible one) and every case the
predicted chance at its destination is known (0 when not placed). Per group of a breakdown (gender,
household size, region of origin, age band) the report gives the number of households — through
:func:`werkpad.core.stats.suppress_1d`, the one suppression in Werkpad — and, only for a group whose
count is shown, the mean chance under each assignment, the gains, the share placed, and the mean
distance from the destination to the household's workplace (households with a work criterion).
A group is *flagged* when it is sent systematically further from work than the others (mean
distance more than ``distance_margin_km`` above the mean of all) or gains clearly less (mean gain
over the status quo below zero while the run as a whole gains).

The status quo is :func:`status_quo`: households in the order they arrived, each to the allowed
municipality with the largest share of its quota still free — linking by hand to the quotas,
without a weighing of chances (the practice today, seed 004 Kader 6).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from werkpad.core.koppeling.geo import distance_km
from werkpad.core.koppeling.model import UNPLACED, BoolArray, FloatArray, IntArray, Problem
from werkpad.core.stats import CellStatus, suppress_1d

__all__ = ["FairnessGroup", "breakdown", "fairness", "status_quo"]


def status_quo(problem: Problem) -> IntArray:
    """Each case in order to the usable destination with the largest free share of its quota."""
    free = problem.capacity.astype(np.float64).copy()
    total = np.maximum(problem.capacity.astype(np.float64), 1.0)
    demand = problem.demand
    usable = problem.usable()
    result = np.full(problem.n_cases, UNPLACED, dtype=np.int64)
    for case in range(problem.n_cases):
        fits = usable[case] & (demand[case][None, :] <= free).all(axis=1)
        if not fits.any():
            continue
        share = (free / total).min(axis=1)
        share[~fits] = -1.0
        d = int(np.argmax(share))
        result[case] = d
        free[d] -= demand[case]
    return result


@dataclass(frozen=True, slots=True)
class FairnessGroup:
    key: str
    count: int | None  # None: suppressed
    status: str  # the cell's status: shown, small, hidden, withheld
    mean_chance: float | None = None
    mean_chance_status_quo: float | None = None
    mean_chance_random: float | None = None
    gain_over_status_quo: float | None = None
    gain_over_random: float | None = None
    placed_share: float | None = None
    with_work: int | None = None
    mean_km_to_work: float | None = None
    flagged: bool = False

    def as_dict(self) -> dict[str, object]:
        return {
            "key": self.key,
            "count": self.count,
            "status": self.status,
            "mean_chance": _r(self.mean_chance),
            "mean_chance_status_quo": _r(self.mean_chance_status_quo),
            "mean_chance_random": _r(self.mean_chance_random),
            "gain_over_status_quo": _r(self.gain_over_status_quo),
            "gain_over_random": _r(self.gain_over_random),
            "placed_share": _r(self.placed_share),
            "with_work": self.with_work,
            "mean_km_to_work": _r(self.mean_km_to_work, 1),
            "flagged": self.flagged,
        }


def _r(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(float(value), digits)


def chance_at(problem: Problem, destination: IntArray) -> FloatArray:
    """The weight (predicted chance) of every case at its destination, 0 when not placed."""
    result = np.zeros(problem.n_cases, dtype=np.float64)
    placed = destination >= 0
    result[placed] = problem.weights[np.flatnonzero(placed), destination[placed]]
    return result


def km_to_work(problem: Problem, destination: IntArray) -> FloatArray:
    """Km from the destination's centroid to the case's workplace (NaN: no work, not placed)."""
    result = np.full(problem.n_cases, np.nan, dtype=np.float64)
    if problem.points is None:
        return result
    for h in problem.hard:
        d = int(destination[h.case])
        if h.reason == "work" and d >= 0:
            lat, lon = problem.points[d]
            result[h.case] = float(distance_km(h.latitude, h.longitude, [lat], [lon])[0])
    return result


def breakdown(
    labels: Sequence[str],
    keys: Sequence[str],
    chance: FloatArray,
    chance_quo: FloatArray,
    chance_random: FloatArray,
    placed: Sequence[bool] | BoolArray,
    km: FloatArray,
    threshold: int,
    distance_margin_km: float = 10.0,
) -> dict[str, object]:
    """One breakdown: a group per key (every key, empty ones too), suppressed, and its figures."""
    label_array = np.asarray(labels)
    placed_array = np.asarray(placed, dtype=np.bool_)
    counts = [int((label_array == key).sum()) for key in keys]
    table = suppress_1d(counts, threshold)
    overall_km = float(np.nanmean(km)) if np.isfinite(km).any() else None
    overall_gain = float((chance - chance_quo).mean()) if len(chance) else 0.0
    groups = []
    for key, cell in zip(keys, table.cells, strict=True):
        if cell.status is not CellStatus.SHOWN:
            groups.append(FairnessGroup(key, None, cell.status.value))
            continue
        rows = label_array == key
        work = rows & np.isfinite(km)
        n_work = int(work.sum())
        # Distances are shown only for enough households with work (the same threshold).
        mean_km = float(km[work].mean()) if n_work >= threshold else None
        gain_quo = float((chance[rows] - chance_quo[rows]).mean())
        flagged = bool(
            (
                mean_km is not None
                and overall_km is not None
                and mean_km > overall_km + distance_margin_km
            )
            or (overall_gain > 0 and gain_quo < 0)
        )
        groups.append(
            FairnessGroup(
                key,
                cell.count,
                cell.status.value,
                mean_chance=float(chance[rows].mean()),
                mean_chance_status_quo=float(chance_quo[rows].mean()),
                mean_chance_random=float(chance_random[rows].mean()),
                gain_over_status_quo=gain_quo,
                gain_over_random=float((chance[rows] - chance_random[rows]).mean()),
                placed_share=float(placed_array[rows].mean()),
                with_work=n_work if n_work >= threshold else None,
                mean_km_to_work=mean_km,
                flagged=flagged,
            )
        )
    return {
        "total": table.total.published,
        "withheld": table.withheld,
        "groups": [g.as_dict() for g in groups],
    }


def fairness(
    problem: Problem,
    destination: IntArray,
    quo: IntArray,
    random: IntArray,
    groupings: Mapping[str, tuple[Sequence[str], Sequence[str]]],
    threshold: int,
) -> dict[str, object]:
    """The whole report: overall gains and one :func:`breakdown` per grouping.

    ``groupings`` maps a breakdown's name to (label per case, keys in display order)."""
    chance = chance_at(problem, destination)
    chance_quo = chance_at(problem, quo)
    chance_random = chance_at(problem, random)
    placed = destination >= 0
    km = km_to_work(problem, destination)
    total = problem.objective(destination)
    quo_total = problem.objective(quo)
    random_total = problem.objective(random)
    return {
        "threshold": threshold,
        "households": problem.n_cases,
        "expected_in_work": round(total, 3),
        "expected_in_work_status_quo": round(quo_total, 3),
        "expected_in_work_random": round(random_total, 3),
        "gain_over_status_quo": round(total - quo_total, 3),
        "gain_over_random": round(total - random_total, 3),
        "mean_km_to_work": _r(float(np.nanmean(km)) if np.isfinite(km).any() else None, 1),
        "breakdowns": {
            name: breakdown(labels, keys, chance, chance_quo, chance_random, placed, km, threshold)
            for name, (labels, keys) in groupings.items()
        },
    }
