"""The aftercare (nazorg) rhythm after a placement, for the newcomer and for the employer.

Seed [003] §8.3 and PATHWAY.md: check-ins weekly for the first three months, then monthly, then on
request — for the newcomer *and* the employer. The figures are dated parameters
(``pathway/data/aftercare.toml``), passed in by the caller; a programme may set its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from werkpad.core.rules.dates import add_months, add_weeks


class Track(StrEnum):
    NEWCOMER = "newcomer"
    EMPLOYER = "employer"


class Phase(StrEnum):
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    REQUEST = "request"  # after the planned rhythm: on request


@dataclass(frozen=True)
class Planned:
    track: Track
    phase: Phase
    due_on: date


def rhythm(
    start: date, *, weekly_weeks: int, monthly_until_months: int
) -> list[tuple[Phase, date]]:
    """The planned moments after a start on ``start``, earliest first.

    Weekly from week 1 up to week ``weekly_weeks``; then monthly (on the start's day of the month)
    from the first month after the last weekly moment up to month ``monthly_until_months``; after
    that, contact is on request (nothing planned).
    """
    if weekly_weeks < 0 or monthly_until_months < 0:
        raise ValueError("the rhythm's figures cannot be negative")
    planned = [(Phase.WEEKLY, add_weeks(start, n)) for n in range(1, weekly_weeks + 1)]
    last_weekly = planned[-1][1] if planned else start
    for month in range(1, monthly_until_months + 1):
        due = add_months(start, month)
        if due > last_weekly:
            planned.append((Phase.MONTHLY, due))
    return planned


def schedule(
    start: date,
    *,
    weekly_weeks: int,
    monthly_until_months: int,
    tracks: tuple[Track, ...] = (Track.NEWCOMER, Track.EMPLOYER),
) -> list[Planned]:
    """The rhythm for each track: the newcomer and the employer each get every moment."""
    moments = rhythm(start, weekly_weeks=weekly_weeks, monthly_until_months=monthly_until_months)
    return [Planned(track, phase, due) for track in tracks for phase, due in moments]
