"""Reminders for the coach's attention list (``WERKPAD_ATTENTION_SOURCES``): survey moments of
the coach's own caseload that are open and not yet answered or declined.

Each item says only that a moment is open, never an answer. The list's page reads the caseload
through the scoped layer (``participants.access.caseload``); it writes the access log for the
participants it shows, as it does for its other sources.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from werkpad.attention import AttentionItem, Severity
from werkpad.participants import access
from werkpad.pathway.models import Enrolment

from . import instrument as instruments
from . import moments

# A moment that closes within this many days is urgent.
URGENT_DAYS = 14


def surveys_due(user: Any, today: date) -> list[AttentionItem]:
    """Open, unanswered survey moments of ``user``'s caseload (coaches only; else nothing)."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_coach", False):
        return []
    rules = instruments.moment_rules(instruments.current())
    enrolments = Enrolment.objects.filter(participant__in=access.caseload(user)).select_related(
        "participant", "programme"
    )
    items = []
    for m in moments.moments_of(enrolments, rules, today):
        if m.response is not None or not m.window.is_open(today):
            continue
        participant = m.enrolment.participant
        items.append(
            AttentionItem(
                kind="survey",
                title=_("Survey open: %(moment)s") % {"moment": m.label},
                url=reverse("surveys:coach_file", args=[participant.public_id]),
                due=m.window.closes,
                participant=participant,
                severity=Severity.DUE
                if m.window.closes - today <= timedelta(days=URGENT_DAYS)
                else Severity.INFO,
                kind_label=_("Surveys"),
            )
        )
    items.sort(key=lambda item: item.due or date.max)
    return items
