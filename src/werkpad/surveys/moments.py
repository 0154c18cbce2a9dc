"""Which survey moments an enrolment has, from its instroom date and the start of work.

Work starts on the earliest of, on or after the enrolment's instroom date: a placement recorded
for the enrolment (or, for placements recorded before enrolments existed, any placement of the
participant), the enrolment's first change to the status "startbaan" (a job the coach recorded
without a placement), and its first employment spell (work after outflow). The computation itself
is :mod:`werkpad.core.survey`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q

from werkpad.core.survey import MomentRule, MomentWindow, schedule
from werkpad.employers.models import Placement
from werkpad.participants.choices import ParticipantStatus
from werkpad.participants.models import StatusChange
from werkpad.pathway.models import EmploymentSpell, Enrolment

from .models import Moment, Response

MANY = 500


@dataclass(frozen=True)
class EnrolmentMoment:
    enrolment: Enrolment
    window: MomentWindow
    response: Response | None

    @property
    def code(self) -> str:
        return self.window.code

    @property
    def label(self) -> str:
        return str(Moment(self.window.code).label)


def work_starts(
    enrolments: Sequence[Enrolment], *, among: Any = None, participants: Any = None
) -> dict[int, date | None]:
    """The start of work after intake, per enrolment id (three queries; see the module doc).

    ``among`` and ``participants``: subqueries of the ids of ``enrolments`` and of their
    participants (the attention list's caseload), used instead of lists of ids."""
    if not enrolments:
        return {}
    by_participant: dict[int, list[Enrolment]] = defaultdict(list)
    for e in enrolments:
        by_participant[e.participant_id].append(e)
    ids: Any = [e.pk for e in enrolments] if among is None else among
    people: Any = list(by_participant) if participants is None else participants
    # Many enrolments (the response rates over all of them): read the whole tables once rather
    # than pass tens of thousands of ids as query parameters.
    few = among is not None or len(ids) <= MANY

    def only(q: Q) -> Q:
        return q if few else Q()

    rows = Placement.objects.filter(
        only(Q(enrolment_id__in=ids) | Q(enrolment__isnull=True, participant_id__in=people))
    ).values_list("enrolment_id", "participant_id", "start_date")
    starts: dict[int, date | None] = {e.pk: None for e in enrolments}

    def earlier(current: date | None, new: date) -> date:
        return new if current is None or new < current else current

    intake = {e.pk: e.intake_date for e in enrolments}
    for enrolment_id, participant_id, start in rows:
        if enrolment_id is not None:
            if enrolment_id in intake and start >= intake[enrolment_id]:
                starts[enrolment_id] = earlier(starts[enrolment_id], start)
            continue
        for e in by_participant.get(participant_id, ()):
            if start >= e.intake_date:
                starts[e.pk] = earlier(starts[e.pk], start)
    other = list(
        StatusChange.objects.filter(
            only(Q(enrolment_id__in=ids)), status=ParticipantStatus.STARTBAAN
        )
        .values_list("enrolment_id", "date")
        .order_by()
    )
    other += list(
        EmploymentSpell.objects.filter(only(Q(enrolment_id__in=ids)))
        .values_list("enrolment_id", "start_date")
        .order_by()
    )
    for enrolment_id, start in other:
        if enrolment_id in intake and start >= intake[enrolment_id]:
            starts[enrolment_id] = earlier(starts[enrolment_id], start)
    return starts


def windows(
    enrolments: Sequence[Enrolment], rules: Sequence[MomentRule]
) -> dict[int, list[MomentWindow]]:
    starts = work_starts(enrolments)
    return {e.pk: schedule(rules, e.intake_date, starts[e.pk]) for e in enrolments}


def moments_of(
    enrolments: Iterable[Enrolment], rules: Sequence[MomentRule], today: date
) -> list[EnrolmentMoment]:
    """Every moment of these enrolments that has opened by ``today``, with its response if any
    (newest first)."""
    enrolments = list(enrolments)
    responses = {
        (r.enrolment_id, r.moment): r
        for r in Response.objects.filter(enrolment__in=enrolments).select_related("instrument")
    }
    out = []
    by_id = {e.pk: e for e in enrolments}
    for enrolment_id, ws in windows(enrolments, rules).items():
        for w in ws:
            if w.opens <= today:
                out.append(
                    EnrolmentMoment(by_id[enrolment_id], w, responses.get((enrolment_id, w.code)))
                )
    out.sort(key=lambda m: m.window.opens, reverse=True)
    return out
