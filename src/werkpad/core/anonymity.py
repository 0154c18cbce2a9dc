"""Anonymisation rules, pure Python: coarse dates, small groups suppressed, retention dates, and
k-anonymity of an export by generalisation (:func:`k_anonymise`).

Used by ``werkpad.privacy`` (erasure and the retention task) and the research export of
``werkpad.monitoring``. "Anonymous means anonymous":
an anonymised record keeps no exact date (only the first day of its month) and no combination
of describing values (gender, country, municipality, ...) that fewer than ``k`` anonymised
records share.
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

Value = str | int | None
Record = Mapping[str, Value]


def month_start(d: date) -> date:
    """The first day of ``d``'s month: what an anonymised record keeps of a date."""
    return d.replace(day=1)


def month_start_dt(d: datetime) -> datetime:
    """The first moment of ``d``'s month (same time zone)."""
    return d.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def add_months(d: date, months: int) -> date:
    """``d`` plus ``months`` calendar months; the 31st becomes the month's last day when the
    target month is shorter (31 January + 1 month = 28 or 29 February)."""
    index = d.year * 12 + (d.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    day = min(d.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def _blank(value: Value) -> bool:
    return value is None or value == ""


def suppress_small_groups(
    records: Sequence[Record], fields: Sequence[str], k: int
) -> list[dict[str, Value]]:
    """The records with values blanked until every combination of ``fields`` that still holds
    a value is shared by at least ``k`` records (k-anonymity by suppression).

    ``fields`` are in the order they are given up: the first is blanked first, in the records of
    groups smaller than ``k``, then the groups are counted again with the next field, and so on.
    A record whose every field is blank reveals nothing, whatever its group's size. Fields not in
    ``fields`` pass unchanged.
    """
    out = [dict(r) for r in records]
    if k <= 1:
        return out

    def key(r: Mapping[str, Value]) -> tuple[Value, ...]:
        return tuple(None if _blank(r.get(f)) else r.get(f) for f in fields)

    for field in fields:
        sizes = Counter(key(r) for r in out)
        small = [r for r in out if sizes[key(r)] < k and any(v is not None for v in key(r))]
        if not small:
            break
        for r in small:
            r[field] = None if r.get(field) is None else ""
    return out


def small_groups(records: Sequence[Record], fields: Sequence[str], k: int) -> int:
    """How many records sit in a group of fewer than ``k`` that still holds a value (0 when the
    records are k-anonymous on ``fields``)."""
    keys = [tuple(None if _blank(r.get(f)) else r.get(f) for f in fields) for r in records]
    sizes = Counter(keys)
    return sum(1 for kk in keys if sizes[kk] < k and any(v is not None for v in kk))


# --- k-anonymity of an export by generalisation -------------------------------------------------
#
# :func:`k_anonymise` generalises step by step (each step a function that coarsens one column of a
# row, e.g. birth year to a ten-year band, or a region to "onbekend") only for the rows whose
# combination is still rarer than ``k``, then withholds the rows that stay rarer than ``k`` after
# the last step. The result always passes :func:`smallest_class` ``>= k`` (or is empty).

Row = Mapping[str, str]
Step = Callable[[dict[str, str]], None]


def _key(row: Row, columns: Sequence[str]) -> tuple[str, ...]:
    return tuple(row.get(c, "") for c in columns)


def smallest_class(rows: Sequence[Row], columns: Sequence[str]) -> int:
    """The size of the rarest combination of ``columns`` (0 for no rows)."""
    counts = Counter(_key(r, columns) for r in rows)
    return min(counts.values(), default=0)


@dataclass(frozen=True)
class Anonymised:
    rows: list[dict[str, str]]
    generalised: int  # rows with at least one column coarsened
    withheld: int  # rows left out


def k_anonymise(
    rows: Sequence[Row], columns: Sequence[str], k: int, steps: Sequence[Step]
) -> Anonymised:
    out = [dict(r) for r in rows]
    touched: set[int] = set()
    for step in steps:
        counts = Counter(_key(r, columns) for r in out)
        rare = [i for i, r in enumerate(out) if counts[_key(r, columns)] < k]
        if not rare:
            break
        for i in rare:
            step(out[i])
            touched.add(i)
    counts = Counter(_key(r, columns) for r in out)
    kept = [(i, r) for i, r in enumerate(out) if counts[_key(r, columns)] >= k]
    return Anonymised(
        [r for _i, r in kept],
        len(touched & {i for i, _r in kept}),
        len(out) - len(kept),
    )
