"""The plan's versions in words: the diff of ``core.pathway.plan_diff`` and the due herijkingen,
in the reader's language."""

from __future__ import annotations

from typing import Any

from django.utils.encoding import force_str
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkpad.core import pathway as core

from .choices import DevelopmentCategory, HerijkingTrigger, StepOwner, StepStatus, StepType

FIELD_LABELS = {
    "droombaan": gettext_lazy("dream job"),
    "category_now": gettext_lazy("development category now"),
    "category_next": gettext_lazy("development category next"),
    "offers": gettext_lazy("what the service offers"),
    "not_offers": gettext_lazy("what the service does not offer"),
    "contact": gettext_lazy("whom to call"),
    "title": gettext_lazy("step"),
    "type": gettext_lazy("type"),
    "owner": gettext_lazy("who does it"),
    "due_date": gettext_lazy("due date"),
    "status": gettext_lazy("status"),
    "drop_reason": gettext_lazy("why dropped"),
    "vacancy": gettext_lazy("vacancy"),
}

_CODED: dict[str, Any] = {
    "category_now": DevelopmentCategory,
    "category_next": DevelopmentCategory,
    "type": StepType,
    "owner": StepOwner,
    "status": StepStatus,
}


def value_label(field: str, value: str) -> str:
    if not value:
        return "—"
    choices = _CODED.get(field)
    if choices is not None:
        try:
            return force_str(choices(value).label)
        except ValueError:
            return value
    if field == "due_date":
        try:
            from datetime import date

            return date_format(date.fromisoformat(value), "j F Y")
        except ValueError:
            return value
    return value


def describe(change: core.PlanChange) -> str:
    """One change as a sentence."""
    if change.kind is core.ChangeKind.STEP_ADDED:
        return _("Step added: “%(step)s”.") % {"step": change.step}
    if change.kind is core.ChangeKind.STEP_REMOVED:
        return _("Step removed: “%(step)s”.") % {"step": change.step}
    args = {
        "field": force_str(FIELD_LABELS.get(change.field, change.field)),
        "old": value_label(change.field, change.old),
        "new": value_label(change.field, change.new),
        "step": change.step,
    }
    if change.kind is core.ChangeKind.STEP_CHANGED:
        return _("Step “%(step)s”: %(field)s changed from %(old)s to %(new)s.") % args
    return _("%(field)s changed from “%(old)s” to “%(new)s”.") % args


def diff_in_words(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    return [describe(c) for c in core.plan_diff(old, new)]


TRIGGER_LABELS = {t.value: HerijkingTrigger(t.value).label for t in core.Trigger}


def due_in_words(due: core.Due) -> str:
    return _("%(reason)s: herijking due %(date)s") % {
        "reason": force_str(TRIGGER_LABELS[due.trigger.value]),
        "date": date_format(due.on, "j F Y"),
    }
