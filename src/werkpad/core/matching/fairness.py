"""Exposure fairness: who gets seen in the top k, per group, against the group's share.

A candidate at rank ``r`` (1-based) of a top-k list gets exposure ``1 / log2(r + 1)`` (1 at the
top, 0.63 second, 0.5 third, ... as in DCG), nothing below ``k``. Summed over all rankings
(e.g. every vacancy's candidate list), a group's share of the exposure is compared with its share
of the candidates: a ratio of 1 is proportional, below 1 the group is seen less than its size.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

__all__ = ["ExposureReport", "GroupExposure", "exposure_report"]


@dataclass(frozen=True, slots=True)
class GroupExposure:
    """One group's figures; shares are fractions in [0, 1]."""

    group: str
    candidates: int
    candidate_share: float
    appearances: int
    appearance_share: float
    exposure: float
    exposure_share: float

    @property
    def ratio(self) -> float:
        """Exposure share / candidate share (1 is proportional)."""
        return self.exposure_share / self.candidate_share

    @property
    def appearance_ratio(self) -> float:
        """Share of top-k places / candidate share, without the position discount."""
        return self.appearance_share / self.candidate_share


@dataclass(frozen=True, slots=True)
class ExposureReport:
    k: int
    rankings: int
    groups: tuple[GroupExposure, ...]

    def group(self, name: str) -> GroupExposure:
        for entry in self.groups:
            if entry.group == name:
                return entry
        raise KeyError(name)


def position_weight(rank: int) -> float:
    """Exposure of 1-based ``rank``: ``1 / log2(rank + 1)``."""
    return 1.0 / math.log2(rank + 1)


def exposure_report(
    rankings: Iterable[Sequence[str]] | Mapping[str, Sequence[str]],
    groups: Mapping[str, str],
    k: int,
    *,
    unknown: str = "unknown",
) -> ExposureReport:
    """Exposure per group in the top ``k`` of ``rankings`` (lists of candidate ids, best first).

    ``groups`` maps every candidate id to its group (e.g. gender, region of origin); it defines
    the population. Ids that appear in a ranking but not in ``groups`` are counted in the group
    ``unknown`` (missing data is reported, never dropped). Groups are listed by name.
    """
    if k < 1:
        raise ValueError("k must be at least 1")
    lists = list(rankings.values()) if isinstance(rankings, Mapping) else list(rankings)
    membership = dict(groups)
    for ranking in lists:
        for candidate in ranking[:k]:
            membership.setdefault(candidate, unknown)
    sizes: dict[str, int] = {}
    for group in membership.values():
        sizes[group] = sizes.get(group, 0) + 1
    appearances = dict.fromkeys(sizes, 0)
    exposure = dict.fromkeys(sizes, 0.0)
    for ranking in lists:
        for rank, candidate in enumerate(ranking[:k], start=1):
            group = membership[candidate]
            appearances[group] += 1
            exposure[group] += position_weight(rank)
    population = len(membership)
    total_appearances = sum(appearances.values())
    total_exposure = sum(exposure.values())
    return ExposureReport(
        k=k,
        rankings=len(lists),
        groups=tuple(
            GroupExposure(
                group=group,
                candidates=sizes[group],
                candidate_share=sizes[group] / population,
                appearances=appearances[group],
                appearance_share=appearances[group] / total_appearances
                if total_appearances
                else 0.0,
                exposure=exposure[group],
                exposure_share=exposure[group] / total_exposure if total_exposure else 0.0,
            )
            for group in sorted(sizes)
        ),
    )
