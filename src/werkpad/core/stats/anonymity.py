"""k-anonymity of an export: no combination of the quasi-identifiers singles out fewer than k.

:func:`k_anonymise` generalises step by step (each step a function that coarsens one column of a
row, e.g. birth year to a ten-year band, or a region to "onbekend") only for the rows whose
combination is still rarer than ``k``, then withholds the rows that stay rarer than ``k`` after
the last step. The result always passes :func:`smallest_class` ``>= k`` (or is empty).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

Row = Mapping[str, str]
Step = Callable[[dict[str, str]], None]

__all__ = ["Anonymised", "k_anonymise", "smallest_class"]


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
