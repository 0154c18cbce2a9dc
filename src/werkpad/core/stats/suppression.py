"""Small-cell suppression for published count tables: the one implementation in Werkpad.

Every aggregate page, export and report builds its table of counts and asks this module which
cells may be shown. A cell is

- ``SHOWN``: its count is published;
- ``SMALL`` (primary suppression): its count is below the threshold — 0 included, so that a
  "<10" row never proves that someone is in it; published as "<10";
- ``HIDDEN`` (complementary suppression): its count is at least the threshold, hidden only so that
  a small cell cannot be worked out from the totals; published as "hidden";
- ``WITHHELD``: no pattern of hidden cells protects the small ones (say 13 candidates: 11 men,
  1 woman, 1 unknown), so the whole breakdown is hidden alike and only the total is published.

The guarantee, checked by a property test with integer programming: from everything published —
the shown cells, the shown row and column totals, the grand total, and what the labels themselves
say (a "<10" cell lies in 0..9, a cell hidden to protect another holds at least 10, since every
smaller one is labelled "<10") — no hidden cell can be narrowed to fewer than ``threshold``
possible values. A small cell can still be anything from 0 to 9; a hidden one any of at least 10
values.

The grand total is published whenever it reaches the threshold (pages show it as a headline and
several tables share it); it is never hidden to protect a cell. In a two-way table the row and
column totals may be hidden like any other cell.

Bounds for the two-way search are computed with linear programming (SciPy's HiGHS). The
constraints "row cells add up to the row total, column cells to the column total, totals to the
grand total" form a network matrix, which is totally unimodular: with integer bounds the linear
programme's optimum is an integer, so these bounds are the integer bounds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "Cell",
    "CellStatus",
    "Table1D",
    "Table2D",
    "known_range",
    "protected",
    "suppress_1d",
    "suppress_2d",
]


class CellStatus(StrEnum):
    SHOWN = "shown"
    SMALL = "small"
    HIDDEN = "hidden"
    WITHHELD = "withheld"


@dataclass(frozen=True, slots=True)
class Cell:
    count: int
    status: CellStatus

    @property
    def shown(self) -> bool:
        return self.status is CellStatus.SHOWN

    @property
    def published(self) -> int | None:
        """The count if it may be published, else ``None``."""
        return self.count if self.shown else None


@dataclass(frozen=True, slots=True)
class Table1D:
    """One-way table: a count per category (every category, zeros included) and the total."""

    cells: tuple[Cell, ...]
    total: Cell
    threshold: int

    @property
    def withheld(self) -> bool:
        return any(c.status is CellStatus.WITHHELD for c in self.cells)

    @property
    def has_complementary(self) -> bool:
        return any(c.status is CellStatus.HIDDEN for c in self.cells)


@dataclass(frozen=True, slots=True)
class Table2D:
    """Two-way table with row totals, column totals and the grand total."""

    cells: tuple[tuple[Cell, ...], ...]
    row_totals: tuple[Cell, ...]
    column_totals: tuple[Cell, ...]
    total: Cell
    threshold: int

    @property
    def withheld(self) -> bool:
        return any(c.status is CellStatus.WITHHELD for c in self.row_totals)

    @property
    def has_complementary(self) -> bool:
        every = [c for row in self.cells for c in row] + [*self.row_totals, *self.column_totals]
        return any(c.status is CellStatus.HIDDEN for c in every)


def _check(counts: Sequence[int], threshold: int) -> None:
    if threshold < 1:
        raise ValueError("threshold must be at least 1")
    if any(n < 0 for n in counts):
        raise ValueError("counts must not be negative")


# --- one-way tables -------------------------------------------------------------------------------


def suppress_1d(counts: Sequence[int], threshold: int) -> Table1D:
    """Which counts of a one-way table may be shown, with the total (their sum) published.

    ``counts`` must hold every category of the fixed category set, zeros included.
    """
    counts = [int(n) for n in counts]
    _check(counts, threshold)
    k = threshold
    total = sum(counts)
    small = [i for i, n in enumerate(counts) if n < k]
    if total < k:
        # Everything is small; nothing adds up to anything published.
        return Table1D(
            tuple(Cell(n, CellStatus.SMALL) for n in counts), Cell(total, CellStatus.SMALL), k
        )
    if not small:
        return Table1D(
            tuple(Cell(n, CellStatus.SHOWN) for n in counts), Cell(total, CellStatus.SHOWN), k
        )
    small_sum = sum(counts[i] for i in small)
    complementary = _complementary_1d(counts, small, small_sum, k)
    if complementary is None:
        return Table1D(
            tuple(Cell(n, CellStatus.WITHHELD) for n in counts), Cell(total, CellStatus.SHOWN), k
        )
    cells = []
    for i, n in enumerate(counts):
        if n < k:
            cells.append(Cell(n, CellStatus.SMALL))
        elif i in complementary:
            cells.append(Cell(n, CellStatus.HIDDEN))
        else:
            cells.append(Cell(n, CellStatus.SHOWN))
    return Table1D(tuple(cells), Cell(total, CellStatus.SHOWN), k)


def _line_additions(
    values: Sequence[int], hidden: Sequence[bool], candidates: Sequence[int], k: int
) -> set[int] | None:
    """Large cells to hide, among ``candidates``, so that a line whose total is published keeps
    every hidden cell of it at least ``k`` possible values (judged on this line alone).

    The hidden cells of the line add up to a known sum ``S``. With small cells only (``p`` of
    them), each stays anywhere in 0..k-1 exactly when ``k-1 <= S <= (p-1)(k-1)``. With ``c``
    cells hidden to protect (each known to hold at least ``k``; ``c >= 2`` when there is no small
    cell), every hidden cell keeps at least ``k`` values exactly when ``S >= (c+1)k - 1``: the
    protecting cells' excess over ``k`` must add up to at least ``k - 1 -`` (the small cells'
    sum). Returns the fewest, smallest cells that achieve this (empty when nothing is needed), or
    ``None`` when not even hiding every candidate is enough.
    """
    small = [i for i, n in enumerate(values) if hidden[i] and n < k]
    large = [i for i, n in enumerate(values) if hidden[i] and n >= k]
    if not small and not large:
        return set()
    p = len(small)
    small_sum = sum(values[i] for i in small)
    if not large and p >= 2 and k - 1 <= small_sum <= (p - 1) * (k - 1):
        return set()
    need = k - 1 - small_sum - sum(values[i] - k for i in large)
    missing_count = 1 if (not large and not small) else 0
    if not small and len(large) < 2:
        missing_count = 2 - len(large)
    if need <= 0 and missing_count == 0 and large:
        return set()
    pool = sorted((values[i], i) for i in candidates if not hidden[i] and values[i] >= k)
    if missing_count <= 1:
        for n, i in pool:
            if n - k >= need:
                return {i}
    chosen: set[int] = set()
    slack = 0
    for n, i in reversed(pool):
        chosen.add(i)
        slack += n - k
        if slack >= need and len(chosen) >= max(1, missing_count):
            return chosen
    return None


def _complementary_1d(
    counts: Sequence[int], small: Sequence[int], small_sum: int, k: int
) -> set[int] | None:
    hidden = [n < k for n in counts]
    return _line_additions(counts, hidden, range(len(counts)), k)


# --- two-way tables -------------------------------------------------------------------------------


_Equation = tuple[int, tuple[int, ...]]  # (index of the total, indices of its parts)


def suppress_2d(counts: Sequence[Sequence[int]], threshold: int) -> Table2D:
    """Which cells and margins of a two-way table may be shown, with the grand total published.

    ``counts[r][c]``: every row and column category, zeros included. Row and column totals are
    computed here (they are part of what is published and may themselves be small).
    """
    rows = [[int(n) for n in row] for row in counts]
    n_rows = len(rows)
    n_cols = len(rows[0]) if rows else 0
    if any(len(row) != n_cols for row in rows):
        raise ValueError("every row needs the same number of columns")
    _check([n for row in rows for n in row], threshold)
    k = threshold
    if n_rows == 1 or n_cols == 1:
        return _line_2d(rows, k)
    values, equations = _layout(rows)
    grand = len(values) - 1
    status = [CellStatus.SMALL if v < k else CellStatus.SHOWN for v in values]
    if values[grand] < k:
        status = [CellStatus.SMALL] * len(values)
    else:
        lines = _line_pass(values, status, equations, k)
        if lines is None:
            status = _withheld(len(values), grand)
        else:
            status = _search_2d(values, lines, equations, k, grand)
    return _table_2d(values, status, n_rows, n_cols, k)


def _line_2d(rows: list[list[int]], k: int) -> Table2D:
    """A table of one row or one column is a one-way table: its single total is the grand total
    and each cell is its own total the other way."""
    line = [n for row in rows for n in row]
    one_way = suppress_1d(line, k)
    if len(rows) == 1:
        return Table2D((one_way.cells,), (one_way.total,), one_way.cells, one_way.total, k)
    return Table2D(
        tuple((c,) for c in one_way.cells), one_way.cells, (one_way.total,), one_way.total, k
    )


def _layout(rows: list[list[int]]) -> tuple[list[int], list[_Equation]]:
    """Values in the order cells (row by row), row totals, column totals, grand total."""
    n_rows = len(rows)
    n_cols = len(rows[0]) if rows else 0
    values = [n for row in rows for n in row]
    row_base = n_rows * n_cols
    col_base = row_base + n_rows
    grand = col_base + n_cols
    values += [sum(row) for row in rows]
    values += [sum(rows[r][c] for r in range(n_rows)) for c in range(n_cols)]
    values.append(sum(values[row_base:col_base]))
    equations: list[_Equation] = []
    for r in range(n_rows):
        equations.append((row_base + r, tuple(r * n_cols + c for c in range(n_cols))))
    for c in range(n_cols):
        equations.append((col_base + c, tuple(r * n_cols + c for r in range(n_rows))))
    equations.append((grand, tuple(range(row_base, col_base))))
    equations.append((grand, tuple(range(col_base, grand))))
    return values, equations


def _table_2d(
    values: list[int], status: list[CellStatus], n_rows: int, n_cols: int, k: int
) -> Table2D:
    cells = [Cell(v, s) for v, s in zip(values, status, strict=True)]
    row_base = n_rows * n_cols
    col_base = row_base + n_rows
    return Table2D(
        cells=tuple(tuple(cells[r * n_cols : (r + 1) * n_cols]) for r in range(n_rows)),
        row_totals=tuple(cells[row_base:col_base]),
        column_totals=tuple(cells[col_base : col_base + n_cols]),
        total=cells[-1],
        threshold=k,
    )


def _withheld(size: int, grand: int) -> list[CellStatus]:
    return [CellStatus.SHOWN if i == grand else CellStatus.WITHHELD for i in range(size)]


def _line_pass(
    values: list[int], status: list[CellStatus], equations: list[_Equation], k: int
) -> list[CellStatus] | None:
    """Protect every line (row, column, the margins) whose total is shown, one line at a time,
    until nothing changes. ``None`` when some line cannot be protected."""
    status = list(status)
    changed = True
    while changed:
        changed = False
        for total, parts in equations:
            if status[total] is not CellStatus.SHOWN:
                continue
            line = [values[i] for i in parts]
            hidden = [status[i] is not CellStatus.SHOWN for i in parts]
            extra = _line_additions(line, hidden, range(len(parts)), k)
            if extra is None:
                return None
            for n in extra:
                status[parts[n]] = CellStatus.HIDDEN
                changed = True
    return status


def _search_2d(
    values: list[int],
    status: list[CellStatus],
    equations: list[_Equation],
    k: int,
    grand: int,
) -> list[CellStatus]:
    """Greedy complementary suppression: while a hidden cell can be narrowed, hide a large cell
    that shares a total with it (the smallest that protects it, else the largest); when nothing is
    left to hide, withhold the whole breakdown."""
    status = list(status)
    neighbours: dict[int, set[int]] = {i: set() for i in range(len(values))}
    for total, parts in equations:
        members = {total, *parts}
        for i in members:
            neighbours[i] |= members - {i}
    while True:
        weak = _unprotected(values, status, equations, k)
        if not weak:
            return status
        target = weak[0]
        pool = sorted(
            (values[j], j)
            for j in neighbours[target]
            if j != grand and status[j] is CellStatus.SHOWN
        )
        if not pool:
            pool = sorted(
                (values[j], j)
                for i in weak
                for j in neighbours[i]
                if j != grand and status[j] is CellStatus.SHOWN
            )
        if not pool:
            return _withheld(len(values), grand)
        chosen = pool[-1][1]
        for _value, j in pool:
            trial = list(status)
            trial[j] = CellStatus.HIDDEN
            if target not in _unprotected(values, trial, equations, k, only=[target]):
                chosen = j
                break
        status[chosen] = CellStatus.HIDDEN


# --- the attacker's view --------------------------------------------------------------------------


def known_range(status: CellStatus, value: int, k: int) -> tuple[int, int | None]:
    """What the published table says about one cell on its own (``None``: no upper bound)."""
    if status is CellStatus.SHOWN:
        return value, value
    if status is CellStatus.SMALL:
        return 0, k - 1
    if status is CellStatus.HIDDEN:
        return k, None
    return 0, None


def protected(status: CellStatus, low: int, high: int | None, k: int) -> bool:
    """Does a hidden cell with these feasible bounds keep at least ``k`` possible values?

    A small cell must keep its whole range 0..k-1 (the published figures add nothing to "<k").
    """
    if status is CellStatus.SMALL:
        return low <= 0 and high is not None and high >= k - 1
    return high is None or high - low >= k - 1


def _unprotected(
    values: list[int],
    status: list[CellStatus],
    equations: list[_Equation],
    k: int,
    only: Sequence[int] | None = None,
) -> list[int]:
    bounds = _bounds(values, status, equations, k, only)
    return [i for i, (low, high) in bounds.items() if not protected(status[i], low, high, k)]


def _bounds(
    values: list[int],
    status: list[CellStatus],
    equations: list[_Equation],
    k: int,
    only: Sequence[int] | None = None,
) -> dict[int, tuple[int, int | None]]:
    """Feasible minimum and maximum of every hidden cell given everything published."""
    import numpy as np
    from scipy.optimize import linprog

    hidden = [i for i, s in enumerate(status) if s is not CellStatus.SHOWN]
    if not hidden:
        return {}
    column = {i: n for n, i in enumerate(hidden)}
    rows: list[list[float]] = []
    rhs: list[float] = []
    for total, parts in equations:
        coefficients = [0.0] * len(hidden)
        constant = 0.0
        for i, sign in [(total, 1.0), *((p, -1.0) for p in parts)]:
            if i in column:
                coefficients[column[i]] += sign
            else:
                constant += sign * values[i]
        if any(coefficients):
            rows.append(coefficients)
            rhs.append(-constant)
    limits = [known_range(status[i], values[i], k) for i in hidden]
    a_eq = np.array(rows) if rows else None
    b_eq = np.array(rhs) if rows else None
    result: dict[int, tuple[int, int | None]] = {}
    for i in hidden if only is None else only:
        n = column[i]
        if a_eq is None:
            result[i] = limits[n]
            continue
        objective = np.zeros(len(hidden))
        objective[n] = 1.0
        low = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=limits, method="highs")
        high = linprog(-objective, A_eq=a_eq, b_eq=b_eq, bounds=limits, method="highs")
        lo = round(low.fun) if low.status == 0 else limits[n][0]
        hi: int | None = None if high.status == 3 else round(-high.fun)
        result[i] = (lo, hi)
    return result
