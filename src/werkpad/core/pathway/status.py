"""The status pipeline of an enrolment and its status at any date (seed [003], Bijlage 1 Tabel 2).

onbekend -> nog voortraject nodig -> bezig met voortraject -> in bemiddeling -> startbaan -> einde,
with *on hold* and *uitval* possible from any active state. ``uitval`` and ``einde`` are final: an
enrolment that has ended takes no further changes (a new path is a new enrolment).

The history of an enrolment is a tuple of dated :class:`Change` values, ordered by date and then by
the order in which they were recorded (``seq``). The status on a date is the status of the last
change on or before that date. Before the first change — which happens only for imported
registrations that know the status at a later reference date — the dated records are the evidence
(an ending, an on-hold period, a placement, a voortraject covering the date), otherwise "unknown".
Before the instroom date there is no status at all (``None``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Status(StrEnum):
    UNKNOWN = "unknown"
    NEEDS_PRETRAJECTORY = "needs_pretrajectory"
    IN_PRETRAJECTORY = "in_pretrajectory"
    MEDIATION = "mediation"
    STARTBAAN = "startbaan"
    ON_HOLD = "on_hold"
    DROPOUT = "dropout"
    ENDED = "ended"


FINAL: frozenset[Status] = frozenset({Status.DROPOUT, Status.ENDED})
ACTIVE: frozenset[Status] = frozenset(set(Status) - FINAL)


class HistoryError(ValueError):
    """A change that the pipeline does not allow; ``code`` names the rule for the message."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True, slots=True)
class Change:
    on: date
    status: Status
    seq: int = 0  # order of recording among changes on the same date


@dataclass(frozen=True, slots=True)
class Period:
    """A dated record: from ``start`` up to and including ``end`` (``None``: still running)."""

    start: date
    end: date | None = None

    def covers(self, on: date) -> bool:
        return self.start <= on and (self.end is None or on <= self.end)


@dataclass(frozen=True, slots=True)
class History:
    """What is known about one enrolment, as plain values.

    ``changes`` must be sorted by ``(on, seq)`` (use :meth:`build` when unsure). The record tuples
    are evidence only for dates before the first change.
    """

    intake: date
    changes: tuple[Change, ...] = ()
    pretrajectories: tuple[Period, ...] = ()
    placements: tuple[Period, ...] = ()
    on_hold: tuple[Period, ...] = ()
    ending: Change | None = None  # an uitval/einde known from a record (imports)

    @classmethod
    def build(cls, intake: date, changes: Iterable[Change], **records: object) -> History:
        ordered = tuple(sorted(changes, key=lambda c: (c.on, c.seq)))
        return cls(intake, ordered, **records)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of time in one status: ``start`` up to and including ``end`` (None: open)."""

    status: Status
    start: date
    end: date | None


def _evidence(history: History, on: date) -> Status:
    if history.ending is not None and history.ending.on <= on:
        return history.ending.status
    if any(p.covers(on) for p in history.on_hold):
        return Status.ON_HOLD
    if any(p.covers(on) for p in history.placements):
        return Status.STARTBAAN
    if any(p.covers(on) for p in history.pretrajectories):
        return Status.IN_PRETRAJECTORY
    return Status.UNKNOWN


def status_on(history: History, on: date) -> Status | None:
    """The enrolment's status on ``on``; ``None`` before the instroom date."""
    if on < history.intake:
        return None
    changes = history.changes
    if changes and changes[0].on <= on:
        # The last change on or before ``on`` (changes on the same date: the last recorded).
        i = bisect_right(changes, on, key=lambda c: c.on)
        return changes[i - 1].status
    return _evidence(history, on)


def statuses_on(histories: Sequence[History], on: date) -> list[Status | None]:
    """:func:`status_on` for many enrolments at one reference date (peildatum)."""
    out: list[Status | None] = []
    append = out.append
    for h in histories:
        if on < h.intake:
            append(None)
            continue
        changes = h.changes
        if changes and changes[0].on <= on:
            if changes[-1].on <= on:
                append(changes[-1].status)
            else:
                append(changes[bisect_right(changes, on, key=lambda c: c.on) - 1].status)
        else:
            append(_evidence(h, on))
    return out


def current_status(history: History) -> Status:
    """The status after the last recorded change: what an enrolment stores as its current status."""
    if history.changes:
        return history.changes[-1].status
    if history.ending is not None:
        return history.ending.status
    return Status.UNKNOWN


def check_transition(old: Status | None, new: Status, *, last_on: date | None, on: date) -> None:
    """Raise :class:`HistoryError` when ``new`` on ``on`` may not follow the history's last change.

    - nothing follows ``uitval`` or ``einde`` (they end the enrolment);
    - a change is not dated before the last change (the history is a line, not a tree);
    - a change to the status already held is not a change.
    Any active state may go to any other state (back to mediation after a startbaan ends, on hold
    and uitval from anywhere, resuming from on hold into any active state).
    """
    if old in FINAL:
        raise HistoryError("final", "The enrolment has ended; start a new enrolment instead.")
    if last_on is not None and on < last_on:
        raise HistoryError("order", "The date lies before the last status change.")
    if old == new:
        raise HistoryError("same", "This is already the current status.")


def check_history(history: History) -> None:
    """Check a whole history with :func:`check_transition` (first change on/after instroom)."""
    old: Status | None = None
    last: date | None = None
    for change in history.changes:
        if change.on < history.intake:
            raise HistoryError("before_intake", "A status change lies before the instroom date.")
        check_transition(old, change.status, last_on=last, on=change.on)
        old, last = change.status, change.on


def segments(history: History, until: date) -> list[Segment]:
    """The history as consecutive stretches of one status, from instroom up to ``until``.

    Several changes on one date leave only the last one's status for that date. The last segment
    is open (``end=None``) unless the status is final, in which case it ends on its own start.
    """
    out: list[Segment] = []
    points: list[tuple[date, Status]] = []
    first = history.changes[0].on if history.changes else None
    if first is None or first > history.intake:
        # Before the first change: evidence; sampled at its own boundaries.
        stop = first if first is not None else until
        days = {history.intake}
        for p in (*history.pretrajectories, *history.placements, *history.on_hold):
            for d in (p.start, p.end):
                if d is not None and history.intake <= d < stop:
                    days.add(d)
                    days.add(date.fromordinal(d.toordinal() + 1))
        if history.ending is not None and history.intake <= history.ending.on < stop:
            days.add(history.ending.on)
        for d in sorted(days):
            if d < stop:
                points.append((d, _evidence(history, d)))
    for change in history.changes:
        if points and points[-1][0] == change.on:
            points[-1] = (change.on, change.status)
        else:
            points.append((change.on, change.status))
    for start, status in points:
        if start > until:
            break
        if out and out[-1].status == status:
            continue
        if out:
            prev = out[-1]
            out[-1] = Segment(prev.status, prev.start, date.fromordinal(start.toordinal() - 1))
        out.append(Segment(status, start, None))
    if out and out[-1].status in FINAL:
        out[-1] = Segment(out[-1].status, out[-1].start, out[-1].start)
    return out


def periods_in(history: History, status: Status, until: date) -> list[Period]:
    """The periods the enrolment spent in ``status`` (e.g. its on-hold periods), up to ``until``."""
    return [Period(s.start, s.end) for s in segments(history, until) if s.status == status]
