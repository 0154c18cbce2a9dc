"""A participant's path on one line of time: enrolments, statuses, records and placements."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from werkpad.core import pathway as core
from werkpad.employers.models import Placement
from werkpad.participants.models import Participant

from .history import histories
from .models import EmploymentSpell, Enrolment, Pretrajectory


@dataclass
class Item:
    kind: str  # status, pretrajectory, placement, employment
    label: str
    start: date
    end: date | None
    code: str = ""
    note: str = ""


@dataclass
class Lane:
    enrolment: Enrolment
    items: list[Item] = field(default_factory=list)


def timeline(participant: Participant, *, until: date | None = None) -> list[Lane]:
    """One lane per enrolment (newest first), its items in date order."""
    from werkpad.participants.choices import ParticipantStatus

    until = until or timezone.localdate()
    enrolments = list(participant.enrolments.select_related("programme"))
    hist = histories(e.pk for e in enrolments)
    lanes: dict[int, Lane] = {e.pk: Lane(e) for e in enrolments}
    for e in enrolments:
        for seg in core.segments(hist[e.pk], until):
            lanes[e.pk].items.append(
                Item(
                    "status",
                    str(ParticipantStatus(seg.status.value).label),
                    seg.start,
                    seg.end,
                    seg.status.value,
                )
            )
    for r in Pretrajectory.objects.filter(enrolment__in=enrolments):
        lanes[r.enrolment_id].items.append(
            Item(
                "pretrajectory",
                r.get_type_display(),
                r.start_date,
                r.end_date,
                r.kind,
                r.get_kind_display() if r.kind else "",
            )
        )
    for p in Placement.objects.filter(enrolment__in=enrolments).select_related("employer"):
        assert p.enrolment_id is not None
        lanes[p.enrolment_id].items.append(
            Item("placement", p.occupation, p.start_date, p.end_date, note=p.employer.name)
        )
    for s in EmploymentSpell.objects.filter(enrolment__in=enrolments).select_related("employer"):
        name = s.employer.name if s.employer else s.employer_name or s.get_sector_display()
        lanes[s.enrolment_id].items.append(
            Item("employment", name, s.start_date, s.end_date, s.contract_kind)
        )
    for lane in lanes.values():
        lane.items.sort(key=lambda i: (i.start, i.kind != "status"))
    return [lanes[e.pk] for e in enrolments]
