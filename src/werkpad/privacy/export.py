"""A newcomer's own data (AVG art. 15 and 20): everything Werkpad holds about them.

:func:`my_data` gives one structure for both the machine-readable JSON and the readable page
and PDF: sections of records, each record a list of (field code, label, value, readable
value). Field labels and choice labels are in the active language. Who read or changed the file
is included from the access log (date, organisation, role, action; not the user's name).
"""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkpad.audit.models import AccessLogEntry
from werkpad.audit.what import label as what_label
from werkpad.participants.models import Participant

# Internal bookkeeping, not about the person.
SKIP_FIELDS = {"id", "search_name", "participant", "public_id", "enrolment", "plan", "version"}


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    return value


def _readable(obj: models.Model, field: models.Field[Any, Any], value: Any) -> str:
    if value is None or value == "":
        return "—"
    if getattr(field, "choices", None):
        return force_str(dict(field.flatchoices).get(value, value))  # type: ignore[attr-defined]
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return force_str(value)


def record(obj: models.Model) -> list[dict[str, Any]]:
    fields = []
    for field in obj._meta.concrete_fields:
        if field.name in SKIP_FIELDS:
            continue
        value = getattr(obj, field.name)
        fields.append(
            {
                "field": field.name,
                "label": force_str(field.verbose_name),
                "value": _plain(value),
                "text": _readable(obj, field, value),
            }
        )
    return fields


TITLES = {
    "participants.coachlink": gettext_lazy("Coaches linked to my file"),
    "participants.otherlanguage": gettext_lazy("My languages"),
    "participants.diploma": gettext_lazy("My diplomas"),
    "participants.workexperience": gettext_lazy("My work experience"),
    "participants.certificate": gettext_lazy("My certificates"),
    "participants.fixedappointment": gettext_lazy("My fixed appointments"),
    "participants.consent": gettext_lazy("My consents"),
    "participants.statuschange": gettext_lazy("My status history"),
    "participants.changerecord": gettext_lazy("Changes to my file"),
    "employers.shortlist": gettext_lazy("Vacancies I was put forward for"),
    "employers.twvapplication": gettext_lazy("Work permit (TWV) applications"),
    "employers.placement": gettext_lazy("My jobs (placements)"),
    "pathway.enrolment": gettext_lazy("My programmes"),
    "pathway.plan": gettext_lazy("My plan"),
    "pathway.planstep": gettext_lazy("Steps of my plan"),
    "pathway.planversion": gettext_lazy("Versions of my plan"),
    "pathway.pretrajectory": gettext_lazy("My voortrajecten"),
    "pathway.employmentspell": gettext_lazy("My work after the programme"),
    "matching.matchdecision": gettext_lazy("Decisions about suggested vacancies"),
    "handovers.handover": gettext_lazy("Handovers of my file"),
    "privacy.datarequest": gettext_lazy("My requests about my data"),
}


def _section(code: str, title: Any, objs: Any) -> dict[str, Any]:
    return {
        "code": code,
        "title": force_str(TITLES.get(code, title)),
        "records": [record(o) for o in objs],
    }


def my_data(participant: Participant) -> dict[str, Any]:
    """Everything about ``participant``, grouped in sections (see the module doc)."""
    from werkpad.pathway.models import EmploymentSpell, PlanStep, PlanVersion, Pretrajectory

    sections = [_section("person", _("My file"), [participant])]
    for rel in Participant._meta.related_objects:
        model = rel.related_model
        if model is AccessLogEntry or rel.one_to_one:
            continue
        objs = model._default_manager.filter(**{rel.field.name: participant})
        sections.append(_section(model._meta.label_lower, model._meta.verbose_name_plural, objs))
    for model, lookup in (
        (Pretrajectory, "enrolment__participant"),
        (EmploymentSpell, "enrolment__participant"),
        (PlanStep, "plan__participant"),
        (PlanVersion, "plan__participant"),
    ):
        objs = model._default_manager.filter(**{lookup: participant})
        sections.append(_section(model._meta.label_lower, model._meta.verbose_name_plural, objs))
    entries = (
        AccessLogEntry.objects.filter(participant=participant)
        .select_related("user__organisation")
        .order_by("at", "id")
    )
    log = [
        {
            "at": timezone.localtime(e.at).isoformat(timespec="seconds"),
            "organisation": str(e.user.organisation) if e.user and e.user.organisation else "",
            "role": force_str(e.user.get_role_display()) if e.user else "",
            "action": e.action,
            "action_text": force_str(e.get_action_display()),
            "what": force_str(what_label(e.what)),
        }
        for e in entries
    ]
    return {
        "format": "werkpad-my-data/1",
        "made_at": timezone.localtime().isoformat(timespec="seconds"),
        "participant_number": participant.number,
        "sections": [s for s in sections if s["records"]],
        "access_log": log,
    }


def to_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1)
