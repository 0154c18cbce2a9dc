"""Reminders for the coach's attention list (``WERKPAD_ATTENTION_SOURCES``): survey moments of
the coach's own caseload that are open and not yet answered or declined.

Each item says only that a moment is open, never an answer. The list's page reads the caseload
through the scoped layer (``participants.access.caseload``); it writes the access log for the
participants it shows, as it does for its other sources.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, NamedTuple
from uuid import UUID

from django.utils.translation import gettext as _

from werkpad.attention import AttentionItem, Severity, link
from werkpad.core.survey import schedule
from werkpad.pathway.models import Enrolment

from . import instrument as instruments
from . import moments
from .models import Moment, Response

# A moment that closes within this many days is urgent.
URGENT_DAYS = 14


class _Enrolment(NamedTuple):
    """What the list needs of an enrolment (``moments.work_starts`` reads the first three)."""

    pk: int
    participant_id: int
    intake_date: date
    public_id: UUID


def surveys_due(user: Any, today: date) -> list[AttentionItem]:
    """Open, unanswered survey moments of ``user``'s caseload (coaches only; else nothing).

    Reads only what it needs (the enrolments' dates, which moments were answered) with the
    caseload as a subquery, so that it stays a handful of queries for any caseload."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_coach", False):
        return []
    from werkpad.pathway.attention import cases

    rules = instruments.moment_rules(instruments.current())
    people = cases(user)
    enrolments = [
        _Enrolment(*row)
        for row in Enrolment.objects.filter(participant_id__in=people)
        .order_by("pk")
        .values_list("pk", "participant_id", "intake_date", "participant__public_id")
    ]
    if not enrolments:
        return []
    among = Enrolment.objects.filter(participant_id__in=people).order_by().values("pk")
    answered = set(
        Response.objects.filter(enrolment_id__in=among).values_list("enrolment_id", "moment")
    )
    starts = moments.work_starts(
        enrolments,  # type: ignore[arg-type]
        among=among,
        participants=people,
    )
    label = _("Surveys")
    open_title = _("Survey open: %(moment)s")
    titles: dict[str, str] = {}
    to_file = link("surveys:coach_file")
    items = []
    for e in enrolments:
        for w in schedule(rules, e.intake_date, starts[e.pk]):
            if not w.is_open(today) or (e.pk, w.code) in answered:
                continue
            items.append(
                AttentionItem(
                    kind="survey",
                    title=titles.get(w.code)
                    or titles.setdefault(w.code, open_title % {"moment": Moment(w.code).label}),
                    url=to_file(e.public_id),
                    due=w.closes,
                    participant_id=e.participant_id,
                    severity=Severity.DUE
                    if w.closes - today <= timedelta(days=URGENT_DAYS)
                    else Severity.INFO,
                    kind_label=label,
                )
            )
    items.sort(key=lambda item: item.due or date.max)
    return items
