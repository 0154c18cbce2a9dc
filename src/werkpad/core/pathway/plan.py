"""What is pure about the step plan: when a herijking is due, and what changed between versions.

A plan version is agreed from the day both coach and newcomer confirmed it. From then on a
herijking (a new version) is due every N months — a dated parameter with its source — and at once
on the events that change the ground the plan stands on: a phase change, a route change, a move to
another municipality, the end of a placement, the end of an enrolment (Wi2021: the PIP is revised
"wanneer de omstandigheden daartoe aanleiding geven", art. 16 Wet inburgering 2021).

The diff compares two version snapshots (plain mappings) and returns the changes as data; the app
puts them into words in the reader's language.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any


class Trigger(StrEnum):
    INTERVAL = "interval"
    PHASE_CHANGE = "phase_change"
    ROUTE_CHANGE = "route_change"
    MOVE = "move"
    PLACEMENT_ENDED = "placement_ended"
    ENROLMENT_ENDED = "enrolment_ended"


@dataclass(frozen=True)
class DatedParameter:
    valid_from: date
    value: int
    source: str


# Months between herijkingen of an agreed plan. Dated: a later row replaces an earlier one from its
# date; the project adds rows, never edits them.
HERIJKING_MONTHS: tuple[DatedParameter, ...] = (
    DatedParameter(
        date(2022, 1, 1),
        3,
        "Werkpad default, after seed [001] aanbeveling 1 (plan samen opstellen en periodiek "
        "herijken) and the Wi2021 PIP practice of a quarterly voortgangsgesprek",
    ),
)


def parameter_on(rows: Sequence[DatedParameter], on: date) -> DatedParameter:
    """The row in force on ``on`` (the latest ``valid_from`` not after it)."""
    in_force = [r for r in rows if r.valid_from <= on]
    if not in_force:
        raise LookupError(f"no parameter in force on {on.isoformat()}")
    return max(in_force, key=lambda r: r.valid_from)


def add_months(d: date, months: int) -> date:
    """``d`` plus whole months, on the last day of the month where the day does not exist."""
    index = d.month - 1 + months
    year, month = d.year + index // 12, index % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Event:
    trigger: Trigger
    on: date


@dataclass(frozen=True)
class Due:
    trigger: Trigger
    on: date


def herijking_due(
    agreed_on: date | None, events: Iterable[Event], *, months: int | None = None
) -> list[Due]:
    """Every herijking due for a version agreed on ``agreed_on``, earliest first.

    The interval one (``months`` after agreement; default: the parameter in force then), and one
    for each event after the agreement, due on the day of the event. A version not yet agreed has
    nothing due: it is waiting for confirmation, not for a herijking.
    """
    if agreed_on is None:
        return []
    if months is None:
        months = parameter_on(HERIJKING_MONTHS, agreed_on).value
    if months < 1:
        raise ValueError("months must be at least 1")
    due = [Due(Trigger.INTERVAL, add_months(agreed_on, months))]
    for event in events:
        if event.trigger is Trigger.INTERVAL:
            raise ValueError("the interval is not an event")
        if event.on > agreed_on:
            due.append(Due(event.trigger, event.on))
    return sorted(set(due), key=lambda d: (d.on, d.trigger.value))


def next_due(
    agreed_on: date | None, events: Iterable[Event], *, months: int | None = None
) -> Due | None:
    """The earliest herijking due (``None`` while the version is not agreed)."""
    due = herijking_due(agreed_on, events, months=months)
    return due[0] if due else None


# --- the diff in words ----------------------------------------------------------------------------


class ChangeKind(StrEnum):
    GOAL = "goal"
    EXPECTATION = "expectation"
    STEP_ADDED = "step_added"
    STEP_REMOVED = "step_removed"
    STEP_CHANGED = "step_changed"


@dataclass(frozen=True)
class PlanChange:
    kind: ChangeKind
    field: str  # the goal, expectation or step field that changed ("" for added / removed steps)
    step: str  # the step's title ("" for goals and expectations)
    old: str
    new: str


GOAL_FIELDS = ("droombaan", "category_now", "category_next")
EXPECTATION_FIELDS = ("offers", "not_offers", "contact")
STEP_FIELDS = ("title", "type", "owner", "due_date", "status", "drop_reason", "vacancy")


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def plan_diff(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[PlanChange]:
    """What changed from snapshot ``old`` to ``new``: goals, expectations, then steps by key.

    A snapshot holds the goal and expectation fields and ``steps``: a list of mappings with a
    stable ``key`` and the step fields. The order of steps is the new version's.
    """
    changes: list[PlanChange] = []
    for kind, fields in (
        (ChangeKind.GOAL, GOAL_FIELDS),
        (ChangeKind.EXPECTATION, EXPECTATION_FIELDS),
    ):
        for name in fields:
            a, b = _text(old.get(name)), _text(new.get(name))
            if a != b:
                changes.append(PlanChange(kind, name, "", a, b))
    old_steps = {str(s["key"]): s for s in old.get("steps", ())}
    new_steps = {str(s["key"]): s for s in new.get("steps", ())}
    for key, step in new_steps.items():
        title = _text(step.get("title"))
        before = old_steps.get(key)
        if before is None:
            changes.append(PlanChange(ChangeKind.STEP_ADDED, "", title, "", title))
            continue
        for name in STEP_FIELDS:
            a, b = _text(before.get(name)), _text(step.get(name))
            if a != b:
                changes.append(PlanChange(ChangeKind.STEP_CHANGED, name, title, a, b))
    for key, step in old_steps.items():
        if key not in new_steps:
            title = _text(step.get("title"))
            changes.append(PlanChange(ChangeKind.STEP_REMOVED, "", title, title, ""))
    return changes
