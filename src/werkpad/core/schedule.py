"""Week schedules as 21-bit masks: 7 days x 3 dagdelen (morning, afternoon, evening).

Bit ``day * 3 + part`` is set when that dagdeel is meant (day 0 = Monday, part 0 = morning).
Availability, lesson times, fixed appointments and vacancy rosters all use this encoding, so that a
clash is a single ``&``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

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


# --- the schedule check ---------------------------------------------------------------------------
#
# One week of a newcomer set against itself: when they are available, when they have lessons, the
# roster of their work, their weekly fixed appointments (meldplicht, COA) and the dated appointments
# that fall in the week. A clash is two of these wanting the same dagdeel; the hours warnings are
# the two thresholds the rules engine knows (the trials' minimum and the bijstand exit), passed in
# by the caller so that no figure is written here.

MORNING, AFTERNOON, EVENING = 0, 1, 2
# A dagdeel's hours on the clock: [start, end). Evening runs to midnight.
PART_HOURS = ((0, 12), (12, 18), (18, 24))


class ClashKind(StrEnum):
    WORK_LESSON = "work_lesson"
    WORK_FIXED = "work_fixed"
    WORK_APPOINTMENT = "work_appointment"
    LESSON_APPOINTMENT = "lesson_appointment"
    WORK_UNAVAILABLE = "work_unavailable"


class HoursWarning(StrEnum):
    BELOW_MINIMUM = "below_minimum"  # fewer hours than the combination minimum (16)
    BELOW_EXIT = "below_exit"  # fewer than the bijstand exit threshold (24): benefit continues
    UNKNOWN_THRESHOLD = "unknown_threshold"


@dataclass(frozen=True)
class DatedAppointment:
    """An appointment on a date, in the dagdelen it touches; ``ref`` identifies it to the caller."""

    on: date
    parts: frozenset[int]
    ref: str = ""


@dataclass(frozen=True)
class Clash:
    kind: ClashKind
    day: int  # 0 = Monday
    part: int
    on: date | None = None  # set for a dated appointment
    ref: str = ""


@dataclass(frozen=True)
class WeekCheck:
    clashes: tuple[Clash, ...]
    warnings: tuple[HoursWarning, ...]
    work_hours: Decimal | None

    @property
    def ok(self) -> bool:
        return not self.clashes and not self.warnings


def parts_between(start_hour: float, end_hour: float) -> frozenset[int]:
    """The dagdelen an appointment from ``start_hour`` to ``end_hour`` (hours on the clock) touches.

    An appointment of zero length counts in the dagdeel of its start.
    """
    if end_hour < start_hour:
        raise ValueError("an appointment cannot end before it starts")
    parts = {
        part
        for part, (lo, hi) in enumerate(PART_HOURS)
        if start_hour < hi and (end_hour > lo or (end_hour == start_hour and start_hour >= lo))
    }
    return frozenset(parts)


def week_start(on: date) -> date:
    return on - timedelta(days=on.weekday())


def check_week(
    week_of: date,
    *,
    availability: int = 0,
    lessons: int = 0,
    roster: int = 0,
    fixed: int = 0,
    appointments: Iterable[DatedAppointment] = (),
    work_hours: Decimal | None = None,
    minimum_hours: Decimal | None = None,
    exit_hours: Decimal | None = None,
) -> WeekCheck:
    """Set one week against itself (see the section comment).

    ``availability`` 0 means "not recorded": work outside availability is then not a clash.
    ``work_hours`` ``None`` or 0 means there is no work that week: no hours warnings.
    ``minimum_hours`` / ``exit_hours`` ``None`` mean the threshold is unknown (the operator has not
    set it): one ``UNKNOWN_THRESHOLD`` warning instead of a guess.
    """
    monday = week_start(week_of)
    clashes: list[Clash] = []

    def add(kind: ClashKind, mask: int) -> None:
        clashes.extend(Clash(kind, d, p) for d, p in slots_of(mask))

    add(ClashKind.WORK_LESSON, roster & lessons)
    add(ClashKind.WORK_FIXED, roster & fixed)
    if availability:
        add(ClashKind.WORK_UNAVAILABLE, roster & ~availability & FULL_WEEK)
    for appointment in appointments:
        offset = (appointment.on - monday).days
        if not 0 <= offset < 7:
            continue
        for part in sorted(appointment.parts):
            slot = bit(offset, part)
            if roster & slot:
                clashes.append(
                    Clash(ClashKind.WORK_APPOINTMENT, offset, part, appointment.on, appointment.ref)
                )
            if lessons & slot:
                clashes.append(
                    Clash(
                        ClashKind.LESSON_APPOINTMENT, offset, part, appointment.on, appointment.ref
                    )
                )
    warnings: list[HoursWarning] = []
    if work_hours:
        if minimum_hours is None or exit_hours is None:
            warnings.append(HoursWarning.UNKNOWN_THRESHOLD)
        if minimum_hours is not None and work_hours < minimum_hours:
            warnings.append(HoursWarning.BELOW_MINIMUM)
        if exit_hours is not None and work_hours < exit_hours:
            warnings.append(HoursWarning.BELOW_EXIT)
    clashes.sort(key=lambda c: (c.day, c.part, c.kind.value, c.ref))
    return WeekCheck(tuple(clashes), tuple(warnings), work_hours)
