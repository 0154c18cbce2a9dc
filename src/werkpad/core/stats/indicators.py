"""Indicators as numerator over denominator, and frequency tables with honest denominators.

Every published figure says "n of N, k unknown": ``n`` people are in the category, ``N`` is the
base the share is taken of (everyone the table counts, unknown included, as the reports of seed
[003] do), and ``k`` people have no value for the variable. A share is never shown without its
base. Which date puts a person in a period is the table's :class:`DateBasis`.

Pure Python, no Django. Suppression of small cells is :mod:`werkpad.core.stats.suppression`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import TypeVar

from .suppression import Cell, CellStatus, suppress_1d

__all__ = [
    "UNKNOWN",
    "DateBasis",
    "Frequency",
    "Indicator",
    "PublishedCell",
    "frequency",
    "in_period",
    "publish",
    "share",
]

UNKNOWN = "onbekend"

T = TypeVar("T")


class DateBasis(StrEnum):
    """Which date of a person's record puts them in a period (or at a peildatum)."""

    INTAKE = "intake"  # instroom date: who came in during the period
    STATUS_ON = "status_on"  # the status on the reference date (peildatum)
    OUTFLOW = "outflow"  # uitstroom date: who left during the period
    EVENT = "event"  # the date of the counted record itself (a placement's start, an ending)


def in_period(on: date | None, start: date | None, end: date) -> bool:
    """``on`` lies in the closed period ``start..end`` (``start`` None: since ever)."""
    return on is not None and on <= end and (start is None or start <= on)


def share(n: int, base: int) -> Decimal | None:
    """``n / base`` as a percentage with one decimal (half up, as the reports round)."""
    if base <= 0:
        return None
    return (Decimal(100 * n) / Decimal(base)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class Indicator:
    """A figure as numerator over denominator, with the number whose value is unknown."""

    numerator: int
    denominator: int
    unknown: int = 0

    def __post_init__(self) -> None:
        if not 0 <= self.numerator <= self.denominator:
            raise ValueError("numerator must lie between 0 and the denominator")
        if not 0 <= self.unknown <= self.denominator - self.numerator:
            raise ValueError("unknown must not overlap the numerator")

    @property
    def pct(self) -> Decimal | None:
        return share(self.numerator, self.denominator)

    def describe(self) -> str:
        """The plain "n of N, k unknown" (pages translate their own wording around it)."""
        return f"{self.numerator} of {self.denominator}, {self.unknown} unknown"


@dataclass(frozen=True, slots=True)
class Frequency:
    """One variable counted over one base: a count per category, every category listed."""

    variable: str
    categories: tuple[str, ...]
    counts: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def unknown(self) -> int:
        return sum(n for c, n in zip(self.categories, self.counts, strict=True) if c == UNKNOWN)

    def indicator(self, category: str) -> Indicator:
        n = self.counts[self.categories.index(category)]
        unknown = 0 if category == UNKNOWN else self.unknown
        return Indicator(n, self.total, unknown)


def frequency(
    variable: str,
    items: Iterable[T],
    value: Callable[[T], Hashable | None],
    order: Sequence[str],
    *,
    unknown_row: bool = True,
) -> Frequency:
    """Count ``value(item)`` per category of ``order``; empty values and values outside ``order``
    count as "onbekend" (listed first, as the reports do, when ``unknown_row``).

    Each item is counted exactly once, so the counts add up to the number of items.
    """
    counter: Counter[str] = Counter()
    known = set(order)
    for item in items:
        v = value(item)
        key = v if isinstance(v, str) and v in known else UNKNOWN
        counter[key] += 1
    categories = tuple(order)
    if unknown_row and UNKNOWN not in known:
        categories = (UNKNOWN, *categories)
    elif not unknown_row and counter[UNKNOWN] and UNKNOWN not in known:
        raise ValueError(f"{variable}: a value outside the categories and no unknown row")
    return Frequency(variable, categories, tuple(counter[c] for c in categories))


@dataclass(frozen=True, slots=True)
class PublishedCell:
    """A cell as it may be published: the count and share, or why it is not shown."""

    category: str
    count: int
    status: CellStatus
    base: int
    pct: Decimal | None

    @property
    def shown(self) -> bool:
        return self.status is CellStatus.SHOWN


def publish(freq: Frequency, threshold: int) -> tuple[PublishedCell, ...]:
    """The cells of ``freq`` after the one suppression (``threshold`` 0: none, for operators)."""
    if threshold <= 0:
        cells = tuple(Cell(n, CellStatus.SHOWN) for n in freq.counts)
    else:
        cells = suppress_1d(freq.counts, threshold).cells
    out = []
    for category, cell in zip(freq.categories, cells, strict=True):
        pct = share(cell.count, freq.total) if cell.shown else None
        out.append(PublishedCell(category, cell.count, cell.status, freq.total, pct))
    return tuple(out)
