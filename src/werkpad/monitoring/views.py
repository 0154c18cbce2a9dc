"""Monitoring for analysts: aggregate tables over all participants, with small-cell suppression.

No names, numbers or other identifying data reach these pages: counts come from
``participants.aggregates`` and which of them may be shown is decided by
:func:`werkpad.monitoring.tables.count_table` (the one suppression, ``werkpad.core.stats``).
Every category of a table's fixed category set is listed, zeros included.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.translation import gettext as _

from werkpad.accounts.models import User
from werkpad.core.stats.startbaan import REPORT_DEVIATIONS, ReportCell, report
from werkpad.participants import aggregates
from werkpad.participants.choices import LanguageLevel, ParticipantStatus, Phase
from werkpad.pathway.models import Enrolment, Programme

from . import report as report_out
from . import sources, tables
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


# --- The startbaan report (seed [003] Bijlage 1) from Werkpad's own records --------------------

TABEL_TITLES = {
    1: "Tabel 1: participants",
    2: "Tabel 2: status at the peildatum",
    3: "Tabel 3: voortrajecten",
    4: "Tabel 4: startbanen",
    5: "Tabel 5: participants with a startbaan",
    6: "Tabel 6: startbaan - contract",
    7: "Tabel 7: startbaan - employer",
    8: "Tabel 8: on hold",
    9: "Tabel 9: uitval and einde",
}
# A filtered view is shown only over at least this many times the small-cell threshold, so that two
# overlapping views (say one programme and all programmes) cannot be subtracted into small groups.
MIN_BASE_FACTOR = 5


def _month_end(d: date) -> date:
    nxt = date(d.year + d.month // 12, d.month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def _peildatum(value: str | None) -> date:
    """Fixed periods only: any date is taken to the end of its month (not after today's month)."""
    today = timezone.localdate()
    try:
        d = date.fromisoformat(value) if value else today
    except ValueError:
        d = today
    return _month_end(min(d, today))


@login_required
def startbanen(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not isinstance(user, User) or not (user.is_analyst or user.is_administrator):
        raise PermissionDenied
    peildatum = _peildatum(request.GET.get("peildatum"))
    programmes = list(Programme.objects.order_by("name"))
    chosen = next(
        (p for p in programmes if str(p.public_id) == request.GET.get("programme", "")), None
    )
    enrolments = Enrolment.objects.filter(intake_date__lte=peildatum).select_related("participant")
    if chosen is not None:
        enrolments = enrolments.filter(programme=chosen)
    k = tables.threshold()
    people = sources.persons(enrolments)
    too_few = len(people) < MIN_BASE_FACTOR * k
    groups: list[dict[str, object]] = []
    if not too_few:
        by_key: dict[tuple[int, str, str], list[ReportCell]] = {}
        for c in report(people, peildatum, k):
            by_key.setdefault((c.tabel, c.kolom, c.variabele), []).append(c)
        for (tabel, kolom, variabele), cells in by_key.items():
            rows = [
                {
                    "categorie": c.categorie,
                    "text": c.csv_row(tables.small_label(k), tables.hidden_label())[4],
                    "pct": c.pct,
                    "bar": float(c.pct) if c.pct is not None and variabele != "duur_weken" else 0,
                }
                for c in cells
            ]
            groups.append(
                {
                    "tabel": tabel,
                    "title": TABEL_TITLES[tabel],
                    "kolom": kolom,
                    "variabele": variabele,
                    "base": cells[0].base,
                    "rows": rows,
                }
            )
    return render(
        request,
        "monitoring/startbanen.html",
        {
            "peildatum": peildatum,
            "programmes": programmes,
            "chosen": chosen,
            "groups": groups,
            "too_few": too_few,
            "min_base": MIN_BASE_FACTOR * k,
            "explanation": tables.explanation(),
            "definition": report_out.DEFINITION,
            "deviations": REPORT_DEVIATIONS,
        },
    )
