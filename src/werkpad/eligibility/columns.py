"""Short eligibility facts for list pages (the caseload's "waiting period" column).

They come from the rules engine (``evaluate_work`` for a job starting today), never from a date
computed in a view, so the list says what the "May work?" panel says.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from werkpad.core import rules

from .adapters import evaluate_for

if TYPE_CHECKING:
    from werkpad.participants.models import Participant

WAITING_RULE = "asylum.waiting_period"


@dataclass(frozen=True)
class WaitingPeriod:
    """``state``: "running" (until ``until``), "ended" (on ``until``), "unknown", or "" when the
    waiting period does not apply (not an asylum seeker)."""

    state: str
    until: date | None = None


def waiting_period(p: Participant, today: date) -> WaitingPeriod:
    if p.phase != rules.Phase.ASYLUM_SEEKER.value:
        return WaitingPeriod("")
    try:
        result = evaluate_for(p, rules.Job(), today)
    except ValueError:  # incoherent dates in the file: the panel explains, the list says unknown
        return WaitingPeriod("unknown")
    for condition in result.details.conditions:
        if condition.rule.code != WAITING_RULE:
            continue
        when = condition.holds_from or (
            condition.detail if isinstance(condition.detail, date) else None
        )
        if condition.status is rules.Status.PASS:
            return WaitingPeriod("ended", when)
        if condition.status is rules.Status.FAIL and when is not None:
            return WaitingPeriod("running", when)
    return WaitingPeriod("unknown")
