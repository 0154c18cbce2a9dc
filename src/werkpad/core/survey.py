"""The survey of the 14 integration indicators: moments, answers and the paired comparison.

Pure Python, no Django. The instrument itself (questions, scales, moments and their windows) is
versioned data (``werkpad/surveys/data/instrument.toml``); this module only computes with it.

**Moments.** A newcomer is asked at intake (anchored at the enrolment's instroom date) and 3, 6
and 12 months after starting work (anchored at the start of the first placement after intake).
Each moment opens on its date and stays open for its window of days. The intake moment measures
the situation *before* work, so it also closes when work starts.

**Paired comparison.** Before (intake) and after (a later moment) are compared for the people
who answered the indicator at both moments only ("paired", with ``n``): the mean before, the mean
after, the mean change (after - before, which equals the difference of the means because both
means are over the same people), and how many improved, stayed the same or got worse. "No answer"
on either side leaves the person out of that indicator's pairs. Means are exact fractions; pages
round them with :func:`rounded`.

**Publishing.** Which paired results may be shown is decided by the one suppression in Werkpad
(:func:`werkpad.core.stats.suppress_1d`) over the numbers of pairs of the groups of one
breakdown: a group with fewer pairs than the threshold is "small", and another may be hidden so
that it cannot be worked out from the total. Only a shown group's means are published.
"""

from __future__ import annotations

import calendar
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction
from typing import TypeVar

from werkpad.core.stats.suppression import Cell, CellStatus, suppress_1d

__all__ = [
    "Anchor",
    "MomentRule",
    "MomentWindow",
    "PairedResult",
    "PublishedPaired",
    "add_months",
    "due_moments",
    "open_moments",
    "pair",
    "paired_by_group",
    "paired_comparison",
    "publish_paired",
    "rounded",
    "schedule",
]

K = TypeVar("K", bound=Hashable)


class Anchor(StrEnum):
    INTAKE = "intake"  # the enrolment's instroom date
    WORK = "work"  # the start of the first placement after intake


@dataclass(frozen=True, slots=True)
class MomentRule:
    """One moment of the instrument: ``months`` after its anchor, open for ``window_days``."""

    code: str
    anchor: Anchor
    months: int
    window_days: int

    def __post_init__(self) -> None:
        if self.months < 0 or self.window_days < 1:
            raise ValueError(f"moment {self.code}: months >= 0 and window_days >= 1")


@dataclass(frozen=True, slots=True)
class MomentWindow:
    """A moment of one enrolment: open from ``opens`` to ``closes`` (both included)."""

    code: str
    opens: date
    closes: date

    def is_open(self, today: date) -> bool:
        return self.opens <= today <= self.closes


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole calendar months; the 31st becomes the month's last day."""
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def schedule(
    rules: Sequence[MomentRule], intake: date, work_start: date | None
) -> list[MomentWindow]:
    """Every moment of one enrolment that has a date: the intake moments always, the work
    moments once work started (on or after intake). The intake moment closes at the latest on
    the day work starts (it measures the situation before work)."""
    out: list[MomentWindow] = []
    if work_start is not None and work_start < intake:
        work_start = None
    for rule in rules:
        if rule.anchor is Anchor.INTAKE:
            opens = add_months(intake, rule.months)
            closes = opens + timedelta(days=rule.window_days - 1)
            if work_start is not None:
                closes = min(closes, work_start)
            if closes >= opens:
                out.append(MomentWindow(rule.code, opens, closes))
        elif work_start is not None:
            opens = add_months(work_start, rule.months)
            out.append(MomentWindow(rule.code, opens, opens + timedelta(days=rule.window_days - 1)))
    return out


def open_moments(windows: Iterable[MomentWindow], today: date) -> list[MomentWindow]:
    """The moments that may be answered ``today``."""
    return [w for w in windows if w.is_open(today)]


def due_moments(windows: Iterable[MomentWindow], today: date) -> list[MomentWindow]:
    """The moments that have opened by ``today`` (the base of a response rate)."""
    return [w for w in windows if w.opens <= today]


# --- the paired comparison ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PairedResult:
    """Before vs after over the same ``n`` people (means ``None`` when ``n`` is 0)."""

    n: int
    mean_before: Fraction | None
    mean_after: Fraction | None
    improved: int
    same: int
    worse: int

    @property
    def mean_change(self) -> Fraction | None:
        if self.mean_before is None or self.mean_after is None:
            return None
        return self.mean_after - self.mean_before


def pair(before: Mapping[K, int | None], after: Mapping[K, int | None]) -> list[tuple[int, int]]:
    """The (before, after) values of everyone with an answer at both moments."""
    out = []
    for person, b in before.items():
        a = after.get(person)
        if b is not None and a is not None:
            out.append((b, a))
    return out


def paired_comparison(pairs: Iterable[tuple[int, int]]) -> PairedResult:
    """Means before and after, and how many improved / stayed / got worse, over ``pairs``."""
    n = total_before = total_after = improved = same = worse = 0
    for b, a in pairs:
        n += 1
        total_before += b
        total_after += a
        if a > b:
            improved += 1
        elif a == b:
            same += 1
        else:
            worse += 1
    if n == 0:
        return PairedResult(0, None, None, 0, 0, 0)
    return PairedResult(
        n, Fraction(total_before, n), Fraction(total_after, n), improved, same, worse
    )


def paired_by_group(
    before: Mapping[K, int | None],
    after: Mapping[K, int | None],
    group_of: Mapping[K, str],
    groups: Sequence[str],
) -> dict[str, PairedResult]:
    """:func:`paired_comparison` per group (every group of ``groups``, empty ones too); people
    whose group is not in ``groups`` are left out."""
    known = set(groups)
    per: dict[str, list[tuple[int, int]]] = {g: [] for g in groups}
    for person, b in before.items():
        a = after.get(person)
        g = group_of.get(person)
        if b is None or a is None or g not in known:
            continue
        per[g].append((b, a))
    return {g: paired_comparison(per[g]) for g in groups}


@dataclass(frozen=True, slots=True)
class PublishedPaired:
    """A paired result as it may be published: everything when ``cell`` is shown, else only
    the status (and the count stays unpublished)."""

    group: str
    cell: Cell
    result: PairedResult | None

    @property
    def shown(self) -> bool:
        return self.cell.status is CellStatus.SHOWN


def publish_paired(
    results: Mapping[str, PairedResult], threshold: int
) -> tuple[list[PublishedPaired], PublishedPaired]:
    """The groups of one breakdown after the one suppression over their numbers of pairs, and
    the total over all groups (its means over everyone, shown when the total is)."""
    groups = list(results)
    table = suppress_1d([results[g].n for g in groups], threshold)
    rows = [
        PublishedPaired(g, cell, results[g] if cell.status is CellStatus.SHOWN else None)
        for g, cell in zip(groups, table.cells, strict=True)
    ]
    total = _combine(results.values())
    total_row = PublishedPaired(
        "total", table.total, total if table.total.status is CellStatus.SHOWN else None
    )
    return rows, total_row


def _combine(results: Iterable[PairedResult]) -> PairedResult:
    n = improved = same = worse = 0
    before = after = Fraction(0)
    for r in results:
        if r.n == 0 or r.mean_before is None or r.mean_after is None:
            continue
        n += r.n
        before += r.mean_before * r.n
        after += r.mean_after * r.n
        improved += r.improved
        same += r.same
        worse += r.worse
    if n == 0:
        return PairedResult(0, None, None, 0, 0, 0)
    return PairedResult(n, before / n, after / n, improved, same, worse)


def rounded(value: Fraction | None, places: int = 2) -> Decimal | None:
    """A mean for publishing: ``places`` decimals, half up."""
    if value is None:
        return None
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
