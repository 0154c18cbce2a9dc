"""Monitoring for analysts: aggregate tables over all participants, with small-cell suppression.

No names, numbers or other identifying data reach these pages: counts come from
``participants.aggregates`` and which of them may be shown is decided by
:func:`werkpad.monitoring.tables.count_table` (the one suppression, ``werkpad.core.stats``).
Every category of a table's fixed category set is listed, zeros included.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.encoding import force_str
from django.utils.translation import gettext as _

from werkpad.accounts.models import User
from werkpad.participants import aggregates
from werkpad.participants.choices import LanguageLevel, ParticipantStatus, Phase

from . import tables
from .tables import CountTable


def _table(
    key: str, title: str, counts: Mapping[str, int], order: Iterable[tuple[str, object]]
) -> CountTable:
    """Every category of ``order`` (zeros too); values outside it count as unknown."""
    order = list(order)
    known = {value for value, _label in order}
    unknown = sum(n for value, n in counts.items() if value not in known)
    rows = [(value, force_str(label), counts.get(value, 0)) for value, label in order]
    unknown_key = next((v for v in ("unknown", "") if v in known), None)
    if unknown_key is None:
        rows.append(("unknown", _("Unknown"), unknown))
    else:
        rows = [(v, label, n + unknown if v == unknown_key else n) for v, label, n in rows]
    return tables.count_table(key, title, rows)


def _municipality_table(counts: Mapping[str, int]) -> CountTable:
    """Municipalities with at least the threshold each, the others together in one row (which
    may hold no one), and unknown."""
    k = tables.threshold()
    named = sorted((name, n) for name, n in counts.items() if name and n >= k)
    others = sum(n for name, n in counts.items() if name and n < k)
    rows = [(name, name, n) for name, n in named]
    rows.append(("other", _("Other municipalities (fewer than %(n)d each)") % {"n": k}, others))
    rows.append(("unknown", _("Unknown"), counts.get("", 0)))
    return tables.count_table("municipality", _("Municipality"), rows)


def overview_tables() -> tuple[int, list[CountTable]]:
    total = aggregates.total()
    return total, [
        _table("phase", _("Phase"), aggregates.counts_by("phase"), Phase.choices),
        _table("status", _("Status"), aggregates.counts_by("status"), ParticipantStatus.choices),
        _table(
            "dutch",
            _("Dutch level (spoken)"),
            aggregates.counts_by("dutch_spoken"),
            LanguageLevel.choices,
        ),
        _municipality_table(aggregates.counts_by("municipality")),
    ]


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not isinstance(user, User) or not user.is_analyst:
        raise PermissionDenied
    total, shown_tables = overview_tables()
    k = tables.threshold()
    return render(
        request,
        "monitoring/overview.html",
        {
            "tables": shown_tables,
            "total": str(total) if total >= k else tables.small_label(k),
            "explanation": tables.explanation(),
            "threshold": k,
        },
    )
