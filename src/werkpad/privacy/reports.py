"""Publishing a report freezes it: the payload is computed once, through the monitoring app's
own functions, and stored (:class:`~werkpad.privacy.models.PublishedReport`). Live figures may
shift after an erasure or anonymisation; a published report never does."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from werkpad.audit import log
from werkpad.audit.models import Action

from .models import PublishedReport

if TYPE_CHECKING:
    from werkpad.accounts.models import User

KINDS = ("overview", "startbaan")


def may_publish(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_analyst)


def may_read(user: User) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_analyst or user.is_administrator or user.is_privacy_officer)
    )


def _overview_payload() -> dict[str, Any]:
    from werkpad.monitoring import tables
    from werkpad.monitoring.views import overview_tables

    total, shown = overview_tables()
    k = tables.threshold()
    return {
        "report": "overview",
        "threshold": k,
        "total": total if total >= k else tables.small_label(k),
        "tables": [
            {
                "key": t.key,
                "title": t.title,
                "rows": [{"key": r.key, "label": r.label, "text": r.text} for r in t.rows],
                "total": t.total.text,
            }
            for t in shown
        ],
    }


def _startbaan_payload(peildatum: date) -> dict[str, Any]:
    from werkpad.monitoring import report as report_out
    from werkpad.monitoring import tables
    from werkpad.monitoring.reports import enrolments, startbaan_cells
    from werkpad.monitoring.selection import min_base

    k = tables.threshold()
    if enrolments(peildatum).count() < min_base():
        raise ValidationError(
            {"peildatum": [_("Too few participants to publish this report without risk.")]}
        )
    cells = startbaan_cells(peildatum, None, k)
    return json.loads(report_out.to_json(cells, peildatum, k))  # type: ignore[no-any-return]


@transaction.atomic
def publish(user: User, kind: str, peildatum: date | None = None) -> PublishedReport:
    """Compute the report now and store it, frozen. Logged (no participant involved)."""
    from werkpad.monitoring.selection import peildatum_from

    if not may_publish(user):
        raise PermissionDenied
    if kind not in KINDS:
        raise ValidationError({"kind": [_("Choose a report.")]})
    params: dict[str, str] = {}
    if kind == "startbaan":
        day = peildatum_from(peildatum.isoformat() if peildatum else None)
        params["peildatum"] = day.isoformat()
        data = _startbaan_payload(day)
        title = _("Startbaan report, peildatum %(d)s") % {"d": day.isoformat()}
    else:
        data = _overview_payload()
        title = _("Monitoring overview")
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1)
    report = PublishedReport.objects.create(
        kind=kind,
        title=title,
        params=params,
        payload=payload,
        sha256=hashlib.sha256(payload.encode()).hexdigest(),
        published_by=user,
    )
    log.record(user, None, Action.CREATE, "published report")
    return report
