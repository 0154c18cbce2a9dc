"""Anonymising one participant: what erasure and the retention task both do.

After :func:`anonymise_participant` the participant row holds no personal data: no name, no
contact, no free text, no exact date (dates become the first of their month), a new random
number instead of the old one, no coach, no link, no consent, no account. What is left — the
status history, enrolments, voortrajecten, placements, work after outflow — stays under that
pseudonymous number so that anonymous statistics keep counting it. Describing values that
fewer than the small-cell threshold of anonymised rows share are blanked too
(:func:`suppress_small_groups_in_anonymised`). In the access log the old number is blanked and
the person's audit key destroyed; the chain still verifies (``werkpad.audit.chain``).
"""

from __future__ import annotations

import uuid
from datetime import date

from django.conf import settings
from django.db import connection, models, transaction
from django.db.models.functions import TruncMonth

from werkpad.audit import chain
from werkpad.audit.models import AccessLogEntry
from werkpad.core.anonymity import month_start, suppress_small_groups

from .models import Anonymisation

# Participant fields emptied ("" for text, None for the rest).
BLANK_FIELDS = (
    "first_name",
    "last_name",
    "birth_date",
    "nationality",
    "mother_tongue",
    "contact_language",
    "email",
    "phone",
    "desired_occupation",
    "desired_occupation_uri",
    "children_count",
    "childcare_need",
    "postcode",
    "driving_licence",
    "participatiewet_obligations",
    "w_document_expiry",
    "notes",
    "regiehouder",
    "user",
)
# Participant dates kept as the first day of their month.
MONTH_FIELDS = (
    "arrival_date",
    "asylum_application_date",
    "status_decision_date",
    "residence_permit_date",
    "inburgering_start_date",
    "bsn_requested_date",
    "bsn_received_date",
)
ZERO_FIELDS = ("lesson_mask", "availability_mask")
# The describing values an anonymised row keeps while enough rows share them, given up first to
# last (:func:`werkpad.core.anonymity.suppress_small_groups`).
QUASI_IDENTIFIERS = (
    "coa_location",
    "municipality",
    "country_of_origin",
    "education",
    "household",
    "gender",
)
# Related records kept (anonymously) with the row; every other kind of record that points at a
# participant is deleted with its personal data.
KEPT = {
    "participants.StatusChange",
    "pathway.Enrolment",
    "employers.Placement",
    "audit.AccessLogEntry",
    "privacy.Anonymisation",
    "privacy.DataRequest",
}


def pseudonymous_number() -> str:
    return "ANON-" + uuid.uuid4().hex[:12].upper()


def _blank_value(model: type[models.Model], name: str) -> object:
    field = model._meta.get_field(name)
    if field.is_relation or field.null:
        return None
    return ""


def _month(qs: models.QuerySet, *names: str) -> None:  # type: ignore[type-arg]
    for name in names:
        field = qs.model._meta.get_field(name)
        if isinstance(field, models.DateTimeField):
            qs.exclude(**{f"{name}__isnull": True}).update(**{name: TruncMonth(name)})
        else:
            for pk, value in qs.exclude(**{f"{name}__isnull": True}).values_list("pk", name):
                qs.model.objects.filter(pk=pk).update(**{name: month_start(value)})


def anonymise_participant(participant: object, reason: str, day: date, version: str = "") -> str:
    """Anonymise ``participant`` (see the module doc). Returns the new pseudonymous number."""
    from werkpad.accounts.models import User
    from werkpad.employers.models import ContactMoment, Placement
    from werkpad.participants.models import Participant, StatusChange
    from werkpad.pathway.models import EmploymentSpell, Enrolment, Pretrajectory

    from .models import DataRequest

    assert isinstance(participant, Participant)
    old_number = participant.number
    new_number = pseudonymous_number()
    user_id = participant.user_id
    with transaction.atomic():
        p = Participant.objects.select_for_update().get(pk=participant.pk)
        # Every other kind of record about the person goes.
        for rel in Participant._meta.related_objects:
            if rel.related_model._meta.label in KEPT or rel.one_to_one:
                continue
            rel.related_model._default_manager.filter(**{rel.field.name: p}).delete()
        changes: dict[str, object] = {n: _blank_value(Participant, n) for n in BLANK_FIELDS}
        changes.update({n: 0 for n in ZERO_FIELDS})
        changes.update(
            {n: month_start(getattr(p, n)) for n in MONTH_FIELDS if getattr(p, n) is not None}
        )
        changes.update(number=new_number, search_name="")
        Participant.objects.filter(pk=p.pk).update(**changes)
        _month(
            Participant.objects.filter(pk=p.pk), "intake_completed_at", "created_at", "updated_at"
        )
        # The history stays, without exact dates, free text or who recorded it.
        history = StatusChange.objects.filter(participant=p)
        history.update(reason="", recorded_by=None)
        _month(history, "date", "recorded_at")
        enrolments = Enrolment.objects.filter(participant=p)
        enrolments.update(outflow_note="", created_by=None)
        _month(enrolments, "intake_date", "outflow_date", "created_at")
        pre = Pretrajectory.objects.filter(enrolment__participant=p)
        pre.update(goal="")
        _month(pre, "start_date", "end_date", "created_at")
        spells = EmploymentSpell.objects.filter(enrolment__participant=p)
        spells.update(employer_name="", recorded_by=None)
        _month(spells, "start_date", "end_date", "created_at")
        placements = Placement.objects.filter(participant=p)
        ContactMoment.objects.filter(placement__in=placements).delete()
        placements.update(end_note="", created_by=None)
        _month(placements, "start_date", "end_date", "created_at")
        DataRequest.objects.filter(participant=p).update(text="")
        Anonymisation.objects.create(participant=p, reason=reason, at=day, rule_version=version)
        if user_id is not None:
            User.objects.filter(pk=user_id).delete()
        # The access log: the old number is blanked (the one change the log allows) and the
        # person's audit key destroyed. Sealed entries keep their keyed pseudonym, which now
        # links to nobody; every entry still points at the anonymous row.
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {AccessLogEntry._meta.db_table} SET participant_number = '' "  # noqa: S608
                "WHERE participant_number = %s",
                [old_number],
            )
        chain.erase_person_key(old_number)
    return new_number


def suppress_small_groups_in_anonymised() -> int:
    """Blank describing values that fewer than ``WERKPAD_SMALL_CELL`` anonymised rows share.
    Returns the number of rows changed."""
    from werkpad.participants.models import Participant

    k = int(settings.WERKPAD_SMALL_CELL)
    names = [
        f"{n}_id" if Participant._meta.get_field(n).is_relation else n for n in QUASI_IDENTIFIERS
    ]
    with transaction.atomic():
        rows = list(Participant.objects.filter(anonymisation__isnull=False).values("pk", *names))
        out = suppress_small_groups(rows, names, k)
        changed = 0
        for before, after in zip(rows, out, strict=True):
            diff = {
                n.removesuffix("_id") if n.endswith("_id") else n: (
                    None if n.endswith("_id") else after[n]
                )
                for n in names
                if after[n] != before[n]
            }
            if diff:
                Participant.objects.filter(pk=before["pk"]).update(**diff)
                changed += 1
    return changed
