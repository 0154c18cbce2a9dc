"""Week schedules as 21-bit masks: 7 days x 3 dagdelen (morning, afternoon, evening).

Bit ``day * 3 + part`` is set when that dagdeel is meant (day 0 = Monday, part 0 = morning).
Availability, lesson times, fixed appointments and vacancy rosters all use this encoding, so that a
clash is a single ``&``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
PARTS = ("morning", "afternoon", "evening")
FULL_WEEK = (1 << 21) - 1
WORKDAY_DAYTIME = sum(1 << (d * 3 + p) for d in range(5) for p in range(2))


def bit(day: int, part: int) -> int:
    if not (0 <= day < 7 and 0 <= part < 3):
        raise ValueError(f"no dagdeel day={day} part={part}")
    return 1 << (day * 3 + part)


def mask_of(slots: Iterable[tuple[int, int]]) -> int:
    mask = 0
    for day, part in slots:
        mask |= bit(day, part)
    return mask


def slots_of(mask: int) -> Iterator[tuple[int, int]]:
    for day in range(7):
        for part in range(3):
            if mask & (1 << (day * 3 + part)):
                yield day, part


def count(mask: int) -> int:
    return (mask & FULL_WEEK).bit_count()


def code(day: int, part: int) -> str:
    """A stable form-field code such as ``mon_morning``."""
    return f"{DAYS[day]}_{PARTS[part]}"
