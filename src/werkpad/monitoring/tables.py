"""Published count tables: every aggregate page, export and report builds its tables here.

The decision which cells are shown is :func:`werkpad.core.stats.suppress_1d` (the one
suppression in Werkpad), with the threshold from ``WERKPAD_SMALL_CELL``. This module only adds
labels in the reader's language: a small count is "<10", a cell hidden to protect another is
"hidden", and pages explain the difference with :func:`explanation`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from werkpad.core.stats import Cell, CellStatus, suppress_1d


def threshold() -> int:
    return int(settings.WERKPAD_SMALL_CELL)


def small_label(k: int | None = None) -> str:
    return _("<%(n)d") % {"n": threshold() if k is None else k}


def hidden_label() -> str:
    return _("hidden")


def cell_text(cell: Cell, k: int) -> str:
    if cell.status is CellStatus.SHOWN:
        return str(cell.count)
    if cell.status is CellStatus.SMALL:
        return small_label(k)
    return hidden_label()


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    cell: Cell
    total: int
    threshold: int

    @property
    def count(self) -> int | None:
        """The published count (``None`` when hidden)."""
        return self.cell.published

    @property
    def shown(self) -> bool:
        return self.cell.shown

    @property
    def small(self) -> bool:
        return self.cell.status is CellStatus.SMALL

    @property
    def text(self) -> str:
        return cell_text(self.cell, self.threshold)

    @property
    def share(self) -> float | None:
        if not self.cell.shown or not self.total:
            return None
        return self.cell.count / self.total


@dataclass(frozen=True)
class CountTable:
    key: str
    title: str
    rows: tuple[Row, ...]
    total: Row
    withheld: bool
    has_complementary: bool

    def row(self, key: str) -> Row:
        for row in self.rows:
            if row.key == key:
                return row
        raise KeyError(key)


def count_table(key: str, title: str, rows: Sequence[tuple[str, str, int]]) -> CountTable:
    """A one-way table over a fixed category set: ``rows`` are (key, label, count), every
    category included, zeros too. The total is their sum."""
    k = threshold()
    table = suppress_1d([n for _key, _label, n in rows], k)
    total = table.total.count
    return CountTable(
        key=key,
        title=title,
        rows=tuple(
            Row(row_key, label, cell, total, k)
            for (row_key, label, _n), cell in zip(rows, table.cells, strict=True)
        ),
        total=Row("total", _("Total"), table.total, total, k),
        withheld=table.withheld,
        has_complementary=table.has_complementary,
    )


def explanation() -> str:
    """What "<10" and "hidden" mean, for every page with suppressed tables."""
    k = threshold()
    return _(
        '"%(small)s": fewer than %(n)d people, possibly none. "%(hidden)s": %(n)d or more '
        "people, hidden only so that a small group cannot be worked out from the other numbers "
        "and the totals. When no cell of a table can be shown safely, the whole breakdown is "
        "hidden and only the total is shown."
    ) % {"small": small_label(k), "hidden": hidden_label(), "n": k}
