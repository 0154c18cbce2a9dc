"""The public HIAS resettlement instances (FY16, FY17) as assignment problems.

Four CSV files per year, in one folder:

* ``FYxx_emp.csv`` — per case (rows) and affiliate (columns) the predicted employment weight,
  ``NA`` where the case cannot go;
* ``FYxx_Compatibility.csv`` — the same grid with 1 (compatible), 0 (not) or ``NA``;
* ``FYxx_size.csv`` — per case the number of children, adults and seniors;
* ``FYxx_cap.csv`` — per affiliate the stated capacity and the *actual* number of children, adults
  and seniors resettled.

Semantics (issue 18): a case may go to an affiliate only where its weight is a number and its
compatibility is 1; capacity is the actual number resettled (children + adults + seniors, or per
category); each case is placed at most once; the objective is the sum of the weights of the placed
cases. Affiliate names are matched case-insensitively after stripping spaces, plus the aliases in
``data/hias_affiliates.toml``.
"""

from __future__ import annotations

import csv
import math
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from werkpad.core.koppeling.model import CapacityMode, Problem

__all__ = ["HiasInstance", "InstanceError", "affiliate_aliases", "load_hias", "normalise"]


class InstanceError(ValueError):
    """Files that do not form an instance; the message names the file and the problem."""


@dataclass(frozen=True, eq=False)
class HiasInstance:
    problem: Problem
    year: str
    # (name in the capacity file, column header it was matched to), in column order
    affiliates: tuple[tuple[str, str], ...]


def normalise(name: str) -> str:
    return " ".join(name.split()).casefold()


def affiliate_aliases() -> dict[str, str]:
    """Capacity-file name → column header, both normalised (from ``data/hias_affiliates.toml``)."""
    text = resources.files("werkpad.core.koppeling").joinpath("data/hias_affiliates.toml")
    data = tomllib.loads(text.read_text(encoding="utf-8"))
    return {normalise(k): normalise(v) for k, v in data.get("aliases", {}).items()}


def _rows(path: Path) -> list[list[str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = [row for row in csv.reader(handle) if any(cell.strip() for cell in row)]
    except OSError as exc:
        raise InstanceError(f"{path.name}: cannot read ({exc.strerror})") from exc
    if not rows:
        raise InstanceError(f"{path.name}: empty")
    return rows


def _number(path: Path, row: int, raw: str) -> float:
    text = raw.strip()
    if text.upper() in {"NA", ""}:
        return math.nan
    try:
        return float(text)
    except ValueError:
        raise InstanceError(f"{path.name}, row {row}: {raw!r} is not a number or NA") from None


def _grid(path: Path) -> tuple[list[str], list[str], np.ndarray]:
    rows = _rows(path)
    columns = [c.strip() for c in rows[0][1:]]
    cases: list[str] = []
    values = np.full((len(rows) - 1, len(columns)), np.nan)
    for i, row in enumerate(rows[1:]):
        if len(row) != len(columns) + 1:
            raise InstanceError(
                f"{path.name}, row {i + 2}: {len(row)} cells, expected {len(columns) + 1}"
            )
        cases.append(row[0].strip())
        values[i] = [_number(path, i + 2, cell) for cell in row[1:]]
    return columns, cases, values


def load_hias(folder: Path, year: str, mode: CapacityMode | str) -> HiasInstance:
    """Read ``{year}_emp/Compatibility/size/cap.csv`` from ``folder`` into a :class:`Problem`."""
    mode = CapacityMode(mode)
    emp_path = folder / f"{year}_emp.csv"
    compat_path = folder / f"{year}_Compatibility.csv"
    size_path = folder / f"{year}_size.csv"
    cap_path = folder / f"{year}_cap.csv"
    columns, cases, weights = _grid(emp_path)
    compat_columns, compat_cases, compat = _grid(compat_path)

    keys = [normalise(c) for c in columns]
    if len(set(keys)) != len(keys):
        raise InstanceError(f"{emp_path.name}: an affiliate column appears twice")
    if sorted(keys) != sorted(normalise(c) for c in compat_columns):
        raise InstanceError(f"{compat_path.name}: other affiliates than {emp_path.name}")
    order = [[normalise(c) for c in compat_columns].index(k) for k in keys]
    compat = compat[:, order]
    if len(set(cases)) != len(cases):
        raise InstanceError(f"{emp_path.name}: a case number appears twice")
    if sorted(compat_cases) != sorted(cases):
        raise InstanceError(f"{compat_path.name}: other cases than {emp_path.name}")
    compat = compat[[compat_cases.index(c) for c in cases]]
    bad = ~np.isnan(compat) & ~np.isin(compat, (0.0, 1.0))
    if bad.any():
        raise InstanceError(f"{compat_path.name}: compatibility must be 0, 1 or NA")

    size_rows = _rows(size_path)
    sizes_by_case: dict[str, tuple[int, int, int]] = {}
    for i, row in enumerate(size_rows[1:], start=2):
        try:
            counts = tuple(int(cell) for cell in row[1:4])
        except ValueError:
            raise InstanceError(
                f"{size_path.name}, row {i}: counts must be whole numbers"
            ) from None
        if len(counts) != 3 or min(counts) < 0:
            raise InstanceError(f"{size_path.name}, row {i}: three counts ≥ 0 expected")
        sizes_by_case[row[0].strip()] = (counts[0], counts[1], counts[2])
    missing = [c for c in cases if c not in sizes_by_case]
    if missing:
        raise InstanceError(f"{size_path.name}: no size for case(s) {', '.join(missing[:5])}")
    sizes = np.array([sizes_by_case[c] for c in cases], dtype=np.int64)

    aliases = affiliate_aliases()
    capacity_rows: dict[str, tuple[str, tuple[int, int, int]]] = {}
    for i, row in enumerate(_rows(cap_path)[1:], start=2):
        name = row[0]
        key = aliases.get(normalise(name), normalise(name))
        if key not in keys:
            raise InstanceError(
                f"{cap_path.name}, row {i}: affiliate {name.strip()!r} has no column"
            )
        if key in capacity_rows:
            raise InstanceError(f"{cap_path.name}, row {i}: affiliate {name.strip()!r} twice")
        try:
            actual = tuple(int(cell) for cell in row[2:5])
        except ValueError:
            raise InstanceError(f"{cap_path.name}, row {i}: actual counts must be whole") from None
        capacity_rows[key] = (name.strip(), (actual[0], actual[1], actual[2]))
    without = [columns[j] for j, k in enumerate(keys) if k not in capacity_rows]
    if without:
        raise InstanceError(f"{cap_path.name}: no capacity for {', '.join(without)}")
    by_category = np.array([capacity_rows[k][1] for k in keys], dtype=np.int64)
    capacity = (
        by_category.sum(axis=1, keepdims=True) if mode is CapacityMode.PERSONS else by_category
    )

    allowed = ~np.isnan(weights) & (compat == 1.0)
    problem = Problem(
        case_ids=tuple(cases),
        destination_ids=tuple(columns),
        sizes=sizes,
        weights=np.where(allowed, weights, 0.0),
        allowed=allowed,
        capacity=capacity,
        destination_names=tuple(capacity_rows[k][0] for k in keys),
    )
    return HiasInstance(
        problem=problem,
        year=year,
        affiliates=tuple((capacity_rows[k][0], columns[j]) for j, k in enumerate(keys)),
    )
