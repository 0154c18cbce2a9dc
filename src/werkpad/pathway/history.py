"""Adapters: enrolment rows -> ``core.pathway.History`` (the pure status functions' input).

The history is the enrolment's status changes; its voortrajecten and placements go along as
evidence, which ``core.pathway.status_on`` uses only for dates before the first change (an
imported registration that knows the status at its peildatum only: earlier dates show what the
dated records prove, "unknown" otherwise). Enrolments made in Werkpad always start with a change
at the instroom date, so for them the evidence never decides.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from werkpad.core import pathway as core
from werkpad.employers.models import Placement
from werkpad.participants.models import StatusChange

from .models import Enrolment, Pretrajectory


def history_of(enrolment: Enrolment, changes: Iterable[StatusChange] | None = None) -> core.History:
    """The history of one enrolment (its status changes ordered as recorded, records as evidence)."""
    return histories([enrolment.pk], changes={enrolment.pk: list(changes)} if changes else None)[
        enrolment.pk
    ]


def histories(
    enrolment_ids: Iterable[int], *, changes: dict[int, list[StatusChange]] | None = None
) -> dict[int, core.History]:
    """Histories of many enrolments in four queries (for lists, timelines and reports)."""
    ids = list(enrolment_ids)
    intake = dict(Enrolment.objects.filter(pk__in=ids).values_list("pk", "intake_date"))
    by_enrolment: dict[int, list[core.Change]] = defaultdict(list)
    if changes is not None:
        for pk, rows in changes.items():
            by_enrolment[pk] = [
                core.Change(c.date, core.Status(c.status), i) for i, c in enumerate(rows)
            ]
    else:
        rows = (
            StatusChange.objects.filter(enrolment_id__in=ids)
            .order_by("enrolment_id", "date", "recorded_at", "id")
            .values_list("enrolment_id", "date", "status")
        )
        for enrolment_id, on, status in rows:
            bucket = by_enrolment[enrolment_id]
            bucket.append(core.Change(on, core.Status(status), len(bucket)))
    pre: dict[int, list[core.Period]] = defaultdict(list)
    for eid, start, end in Pretrajectory.objects.filter(enrolment_id__in=ids).values_list(
        "enrolment_id", "start_date", "end_date"
    ):
        pre[eid].append(core.Period(start, end))
    jobs: dict[int, list[core.Period]] = defaultdict(list)
    for eid, start, end in Placement.objects.filter(enrolment_id__in=ids).values_list(
        "enrolment_id", "start_date", "end_date"
    ):
        if eid is not None:
            jobs[eid].append(core.Period(start, end))
    return {
        pk: core.History(
            intake[pk],
            tuple(sorted(by_enrolment[pk], key=lambda c: (c.on, c.seq))),
            pretrajectories=tuple(pre[pk]),
            placements=tuple(jobs[pk]),
        )
        for pk in ids
    }


def status_on(enrolment: Enrolment, on: date) -> core.Status | None:
    return core.status_on(history_of(enrolment), on)
