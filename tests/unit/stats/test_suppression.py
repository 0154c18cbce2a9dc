"""Small-cell suppression: no hidden cell can be narrowed below the threshold.

The attacker knows every shown cell, every shown total, that a "<k" cell lies in 0..k-1, that a
cell hidden to protect another holds at least k, and that withheld cells are at least 0. The
integer bounds of each hidden cell are computed here with SciPy's mixed-integer solver (HiGHS),
independently of the linear programme the module itself uses.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, milp

from werkpad.core.stats import CellStatus, suppress_1d, suppress_2d
from werkpad.core.stats.suppression import Cell

BIG = 10**6


def integer_bounds(
    cells: list[Cell], equations: list[tuple[int, list[int]]], k: int
) -> dict[int, tuple[int, int | None]]:
    hidden = [i for i, c in enumerate(cells) if not c.shown]
    if not hidden:
        return {}
    col = {i: n for n, i in enumerate(hidden)}
    lower, upper = [], []
    for i in hidden:
        status = cells[i].status
        if status is CellStatus.SMALL:
            lower.append(0)
            upper.append(k - 1)
        elif status is CellStatus.HIDDEN:
            lower.append(k)
            upper.append(BIG)
        else:
            lower.append(0)
            upper.append(BIG)
    rows, rhs = [], []
    for total, parts in equations:
        row = np.zeros(len(hidden))
        constant = 0
        for i, sign in [(total, 1), *((p, -1) for p in parts)]:
            if i in col:
                row[col[i]] += sign
            else:
                constant += sign * cells[i].count
        if row.any():
            rows.append(row)
            rhs.append(-constant)
    constraints = [LinearConstraint(np.array(rows), rhs, rhs)] if rows else []
    out: dict[int, tuple[int, int | None]] = {}
    for i in hidden:
        c = np.zeros(len(hidden))
        c[col[i]] = 1
        kwargs = {
            "integrality": np.ones(len(hidden)),
            "bounds": Bounds(lower, upper),
            "constraints": constraints,
        }
        low = milp(c, **kwargs)
        high = milp(-c, **kwargs)
        assert low.success and high.success, "the true table must be feasible"
        hi = round(-high.fun)
        out[i] = (round(low.fun), None if hi >= BIG - 1 else hi)
    return out


def assert_safe(cells: list[Cell], equations: list[tuple[int, list[int]]], k: int) -> None:
    for i, (low, high) in integer_bounds(cells, equations, k).items():
        cell = cells[i]
        assert low <= cell.count and (high is None or cell.count <= high)
        if cell.status is CellStatus.SMALL:
            assert (low, high) == (0, k - 1), (i, cell, low, high)
        else:
            assert high is None or high - low >= k - 1, (i, cell, low, high)


def check_1d(counts: list[int], k: int) -> None:
    table = suppress_1d(counts, k)
    cells = [*table.cells, table.total]
    assert [c.count for c in table.cells] == counts
    for cell in cells:
        if cell.count < k:
            assert cell.status in (CellStatus.SMALL, CellStatus.WITHHELD)
        else:
            assert cell.status is not CellStatus.SMALL
    assert_safe(cells, [(len(counts), list(range(len(counts))))], k)


def equations_2d(n_rows: int, n_cols: int) -> list[tuple[int, list[int]]]:
    row_base = n_rows * n_cols
    col_base = row_base + n_rows
    grand = col_base + n_cols
    eqs = [(row_base + r, [r * n_cols + c for c in range(n_cols)]) for r in range(n_rows)]
    eqs += [(col_base + c, [r * n_cols + c for r in range(n_rows)]) for c in range(n_cols)]
    eqs += [(grand, list(range(row_base, col_base))), (grand, list(range(col_base, grand)))]
    return eqs


def check_2d(counts: list[list[int]], k: int) -> None:
    table = suppress_2d(counts, k)
    cells = [c for row in table.cells for c in row]
    cells += [*table.row_totals, *table.column_totals, table.total]
    assert [[c.count for c in row] for row in table.cells] == counts
    assert table.total.count == sum(map(sum, counts))
    for cell in cells:
        if cell.count < k:
            assert cell.status in (CellStatus.SMALL, CellStatus.WITHHELD)
    assert_safe(cells, equations_2d(len(counts), len(counts[0])), k)


# Counts concentrated around the threshold, where suppression is hard, with some large ones.
count = st.one_of(st.integers(0, 12), st.integers(0, 40), st.integers(0, 300))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(counts=st.lists(count, min_size=1, max_size=9), k=st.sampled_from([3, 5, 10]))
def test_one_way_tables_leave_no_hidden_cell_narrowable(counts, k):
    check_1d(counts, k)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    shape=st.tuples(st.integers(1, 3), st.integers(1, 4)),
    data=st.data(),
    k=st.sampled_from([3, 5, 10]),
)
def test_two_way_tables_leave_no_hidden_cell_narrowable(shape, data, k):
    n_rows, n_cols = shape
    counts = [[data.draw(count) for _c in range(n_cols)] for _r in range(n_rows)]
    check_2d(counts, k)


@pytest.mark.parametrize(
    "counts",
    [
        [11, 1, 0, 1],  # the fairness page: 13 candidates, 11 men — subtraction gave 1 and 1
        [175, 78, 0, 1],  # "Vrouw <10" while 78 women were in it
        [120, 15, 3, 0, 0, 0, 40, 0, 0],  # "In bemiddeling <10" while 15 were in it
        [50, 9],
        [9, 0],
        [0, 0, 0],
        [10, 10, 1],
        [5, 4],
        [300, 2, 2, 2, 2, 2],
    ],
)
def test_examples_one_way(counts):
    check_1d(counts, 10)


def test_the_thirteen_candidates_cannot_be_broken_down():
    table = suppress_1d([11, 1, 0, 1], 10)
    assert table.total.shown and table.total.count == 13
    assert table.withheld
    assert all(c.published is None for c in table.cells)


def test_complementary_cells_are_not_labelled_small():
    table = suppress_1d([175, 78, 0, 1], 10)
    assert [c.status for c in table.cells] == [
        CellStatus.SHOWN,
        CellStatus.HIDDEN,
        CellStatus.SMALL,
        CellStatus.SMALL,
    ]


def test_zeros_are_small_cells_like_any_other():
    table = suppress_1d([40, 0, 30, 0], 10)
    # Both zeros are "<10"; as they add up to 0, the 30 is hidden too, else 40 + 30 = 70 shows it.
    assert [c.status for c in table.cells] == [
        CellStatus.SHOWN,
        CellStatus.SMALL,
        CellStatus.HIDDEN,
        CellStatus.SMALL,
    ]


def test_no_small_cells_shows_everything():
    table = suppress_1d([10, 20], 10)
    assert all(c.shown for c in table.cells) and table.total.shown


def test_a_small_total_hides_everything():
    table = suppress_1d([3, 4], 10)
    assert table.total.status is CellStatus.SMALL
    assert all(c.status is CellStatus.SMALL for c in table.cells)


@pytest.mark.parametrize(
    "counts",
    [
        [[50, 3], [40, 60]],
        [[1, 0], [0, 1]],
        [[20, 20, 20], [20, 1, 20], [20, 20, 20]],
        [[9, 9], [9, 9]],
        [[100, 0, 0], [0, 100, 0], [0, 0, 100]],
        [[12, 12], [12, 5]],
    ],
)
def test_examples_two_way(counts):
    check_2d(counts, 10)


def test_two_way_hides_a_rectangle_around_a_small_cell():
    table = suppress_2d([[20, 20, 20], [20, 1, 20], [20, 20, 20]], 10)
    hidden = [
        (r, c) for r, row in enumerate(table.cells) for c, cell in enumerate(row) if not cell.shown
    ]
    assert (1, 1) in hidden and len(hidden) >= 4
    assert table.total.shown


def test_bad_input():
    with pytest.raises(ValueError):
        suppress_1d([-1, 3], 10)
    with pytest.raises(ValueError):
        suppress_1d([1], 0)
    with pytest.raises(ValueError):
        suppress_2d([[1, 2], [3]], 10)
