"""Adapters: enrolment rows -> ``core.pathway.History`` (the pure status functions' input)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from werkpad.core import pathway as core
from werkpad.participants.models import StatusChange

from .models import Enrolment


def history_of(enrolment: Enrolment, changes: Iterable[StatusChange] | None = None) -> core.History:
    """The history of one enrolment (its status changes ordered as recorded)."""
    rows = (
        changes
        if changes is not None
        else enrolment.status_changes.order_by("date", "recorded_at", "id")
    )
    return core.History.build(
        enrolment.intake_date,
        (core.Change(c.date, core.Status(c.status), i) for i, c in enumerate(rows)),
    )


def histories(enrolment_ids: Iterable[int]) -> dict[int, core.History]:
    """Histories of many enrolments in two queries (for lists, timelines and reports)."""
    ids = list(enrolment_ids)
    intake = dict(Enrolment.objects.filter(pk__in=ids).values_list("pk", "intake_date"))
    changes: dict[int, list[core.Change]] = defaultdict(list)
    rows = (
        StatusChange.objects.filter(enrolment_id__in=ids)
        .order_by("enrolment_id", "date", "recorded_at", "id")
        .values_list("enrolment_id", "date", "status")
    )
    for enrolment_id, on, status in rows:
        bucket = changes[enrolment_id]
        bucket.append(core.Change(on, core.Status(status), len(bucket)))
    return {pk: core.History(intake[pk], tuple(changes[pk])) for pk in ids}


def status_on(enrolment: Enrolment, on: date) -> core.Status | None:
    return core.status_on(history_of(enrolment), on)
