"""Monitoring for analysts: aggregate tables over all participants, with small-cell suppression.

No names, numbers or other identifying data reach these pages: counts come from
``participants.aggregates`` and which of them may be shown is decided by
:func:`werkpad.monitoring.tables.count_table` (the one suppression, ``werkpad.core.stats``).
Every category of a table's fixed category set is listed, zeros included.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.translation import gettext as _

from werkpad.accounts.models import Organisation, User
from werkpad.core.stats import suppress_1d
from werkpad.core.stats.indicators import publish
from werkpad.core.stats.outcomes import (
    Outflow,
    durability,
    outflow_by_destination,
    share_in_work_by_month,
    time_to_first_job,
)
from werkpad.core.stats.startbaan import BREAKDOWNS, REPORT_DEVIATIONS, ReportCell
from werkpad.employers.models import Placement
from werkpad.participants import aggregates
from werkpad.participants.choices import Gender, LanguageLevel, ParticipantStatus, Phase
from werkpad.pathway.choices import OutflowDestination
from werkpad.pathway.models import EmploymentSpell, Programme
from werkpad.places.models import Municipality

from . import report as report_out
from . import tables
from .charts import bars, line
from .reports import Filters, enrolments, startbaan_cells
from .selection import MIN_BASE_FACTOR, Selection, min_base, peildatum_from, selection_from
from .tables import CountTable

log = logging.getLogger("werkpad.monitoring")

# Kept for code that imported them from here (privacy's published reports): the selection rules
# live in :mod:`.selection`.
__all__ = ["MIN_BASE_FACTOR", "outcomes", "overview", "startbanen"]
_peildatum = peildatum_from


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
    total, counts = aggregates.overview_counts()
    return total, [
        _table("phase", _("Phase"), counts["phase"], Phase.choices),
        _table("status", _("Status"), counts["status"], ParticipantStatus.choices),
        _table(
            "dutch",
            _("Dutch level (spoken)"),
            counts["dutch_spoken"],
            LanguageLevel.choices,
        ),
        _municipality_table(counts["municipality"]),
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


def tabel_titles() -> dict[int, str]:
    return {
        1: _("Tabel 1: participants"),
        2: _("Tabel 2: status at the reference date"),
        3: _("Tabel 3: voortrajecten"),
        4: _("Tabel 4: startbanen"),
        5: _("Tabel 5: participants with a startbaan"),
        6: _("Tabel 6: startbaan, the job"),
        7: _("Tabel 7: startbaan, the employer"),
        8: _("Tabel 8: on hold"),
        9: _("Tabel 9: uitval and einde"),
    }


def breakdown_labels() -> dict[str, str]:
    return {
        "geslacht": _("gender"),
        "geboortedatum": _("age band"),
        "gezinssituatie": _("household type"),
        "taalniveau_instroom": _("Dutch level at intake"),
        "regio_herkomst": _("region of origin"),
    }


def _analyst(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not (user.is_analyst or user.is_administrator):
        raise PermissionDenied
    return user


def _groups(cells: list[ReportCell], k: int) -> list[dict[str, Any]]:
    """The report's cells as tables with a chart each (shared template ``_bars.html``)."""
    titles = tabel_titles()
    by_key: dict[tuple[int, str, str], list[ReportCell]] = {}
    for c in cells:
        by_key.setdefault((c.tabel, c.kolom, c.variabele), []).append(c)
    out = []
    for i, ((tabel, kolom, variabele), group) in enumerate(by_key.items()):
        mean = variabele == "duur_weken"
        rows = [
            {
                "label": c.categorie,
                "text": c.csv_row(tables.small_label(k), tables.hidden_label())[4],
                "pct": c.pct,
                "value": None if mean or c.pct is None else float(c.pct),
            }
            for c in group
        ]
        title = f"{titles[tabel]}: {variabele}" + (f" ({kolom})" if kolom else "")
        base = group[0].base
        out.append(
            {
                "id": f"t{i}",
                "tabel": tabel,
                "kolom": kolom,
                "variabele": variabele,
                "title": title,
                "rows": rows,
                "base": str(base) if base >= k else tables.small_label(k),
                "mean": mean,
                "chart": None if mean else bars(f"t{i}", title, rows),
            }
        )
    return out


def _design(p: Programme) -> list[tuple[str, str]]:
    return [
        (_("kind"), force_str(p.get_kind_display())),
        (_("participation"), force_str(p.get_participation_display())),
        (_("work or lessons first"), force_str(p.get_work_priority_display())),
        (_("target group"), p.target_group or "—"),
        (_("partners"), p.partners or "—"),
        (_("language provider"), p.language_provider or "—"),
        (_("start of the programme"), p.start_date.isoformat()),
    ]


def _side_by_side(sel: Selection, k: int) -> dict[str, Any]:
    """Programmes next to each other: their design first, then Tabel 2 and 4 per programme."""
    progs = Programme.objects.order_by("name")
    if sel.scope:
        progs = progs.filter(organisations__in=sel.scope).distinct()
    columns = []
    for p in progs:
        psel = Selection(
            sel.peildatum,
            Filters(
                **{
                    **sel.filters.as_dict(),
                    "programme": p.pk,
                    "organisations": sel.filters.organisations,
                }
            ),
            sel.scope,
            programme=p,
        )
        refusal = psel.refusal()
        cells: dict[tuple[int, str, str], str] = {}
        if not refusal:
            for c in startbaan_cells(sel.peildatum, psel.filters, k):
                if c.tabel in (2, 4) and c.kolom == "alle":
                    text = c.csv_row(tables.small_label(k), tables.hidden_label())[4]
                    pct = "" if c.pct is None else f" ({c.pct} %)"
                    cells[(c.tabel, c.variabele, c.categorie)] = text + (pct if c.pct else "")
        columns.append({"programme": p, "design": _design(p), "refusal": refusal, "cells": cells})
    keys: list[tuple[int, str, str]] = []
    for col in columns:
        for key in col["cells"]:
            if key not in keys:
                keys.append(key)
    rows = [
        {"key": f"{t} {v} = {c}", "values": [col["cells"].get((t, v, c), "—") for col in columns]}
        for t, v, c in keys
    ]
    design_rows = []
    if columns:
        for i, (label, _v) in enumerate(columns[0]["design"]):
            design_rows.append({"label": label, "values": [col["design"][i][1] for col in columns]})
    return {"columns": columns, "rows": rows, "design_rows": design_rows}


def _export(sel: Selection, cells: list[ReportCell], k: int, fmt: str, user: User) -> HttpResponse:
    log.info(
        "startbaan report exported (%s) by user %s, peildatum %s, threshold %s",
        fmt,
        user.pk,
        sel.peildatum,
        k,
    )
    name = f"startbanen-{sel.peildatum.isoformat()}"
    if fmt == "xlsx":
        resp = HttpResponse(
            report_out.to_xlsx(cells, sel.peildatum, k),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        resp["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return resp
    resp = HttpResponse(
        report_out.to_csv_with_notes(cells, sel.peildatum, k),
        content_type="text/csv; charset=utf-8",
    )
    resp["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return resp


def _filter_context(sel: Selection, user: User) -> dict[str, Any]:
    orgs = Organisation.objects.exclude(kind="employer").order_by("name")
    if sel.scope:
        orgs = orgs.filter(pk__in=sel.scope)
    progs = Programme.objects.order_by("name")
    if sel.scope:
        progs = progs.filter(organisations__in=sel.scope).distinct()
    this_year = timezone.localdate().year
    return {
        "sel": sel,
        "peildatum": sel.peildatum,
        "programmes": list(progs),
        "organisations": list(orgs),
        "municipalities": list(Municipality.objects.order_by("name")),
        "genders": Gender.choices,
        "cohorts": list(range(this_year, this_year - 8, -1)),
        "scoped": bool(sel.scope),
        "min_base": min_base(),
        "explanation": tables.explanation(),
    }


@login_required
def startbanen(request: HttpRequest) -> HttpResponse:
    user = _analyst(request)
    sel = selection_from(request, user)
    k = tables.threshold()
    by = request.GET.get("by", "")
    if by not in BREAKDOWNS:
        by = ""
    refusal = sel.refusal()
    fmt = request.GET.get("format", "")
    cells: list[ReportCell] = []
    if not refusal:
        cells = startbaan_cells(sel.peildatum, sel.filters, k, by=[by] if by else [])
        if fmt in ("csv", "xlsx"):
            return _export(sel, cells, k, fmt, user)
    compare = None
    if request.GET.get("compare") and not refusal:
        compare = _side_by_side(sel, k)
    query = request.GET.copy()
    query.pop("format", None)
    return render(
        request,
        "monitoring/startbanen.html",
        {
            **_filter_context(sel, user),
            "chosen": sel.programme,
            "design": _design(sel.programme) if sel.programme else None,
            "groups": _groups(cells, k),
            "refusal": refusal,
            "by": by,
            "breakdowns": list(breakdown_labels().items()),
            "compare": compare,
            "query": query.urlencode(),
            "definition": report_out.DEFINITION,
            "deviations": REPORT_DEVIATIONS,
        },
    )


# --- Seed [002] chapter 6: outflow, work after outflow, durability, time to first job ----------


def _pct(n: int, base: int) -> Decimal | None:
    if not base:
        return None
    return (Decimal(100 * n) / Decimal(base)).quantize(Decimal("0.1"))


@login_required
def outcomes(request: HttpRequest) -> HttpResponse:
    user = _analyst(request)
    sel = selection_from(request, user)
    k = tables.threshold()
    refusal = sel.refusal()
    ctx: dict[str, Any] = {**_filter_context(sel, user), "refusal": refusal}
    if not refusal:
        ctx.update(outcome_views(sel.peildatum, sel.filters, k))
    return render(request, "monitoring/outcomes.html", ctx)


def outcome_views(peildatum: date, filters: Filters, k: int) -> dict[str, Any]:
    """The four views of seed [002] over the selection, every figure suppressed at ``k``."""
    qs = enrolments(peildatum, filters)
    rows = list(
        qs.order_by().values_list("pk", "intake_date", "outflow_date", "outflow_destination")
    )
    ids = qs.order_by().values("pk")
    spells: dict[int, list[tuple[date, date | None]]] = {}
    for eid, start, end in EmploymentSpell.objects.filter(enrolment_id__in=ids).values_list(
        "enrolment_id", "start_date", "end_date"
    ):
        spells.setdefault(eid, []).append((start, end))
    first_job: dict[int, date] = {}
    for eid, start in Placement.objects.filter(enrolment_id__in=ids).values_list(
        "enrolment_id", "start_date"
    ):
        if eid is not None and (eid not in first_job or start < first_job[eid]):
            first_job[eid] = start
    outflows = [
        Outflow(out, dest or "onbekend", tuple(spells.get(pk, ())))
        for pk, _intake, out, dest in rows
        if out is not None and out <= peildatum
    ]
    # Fig 6.30: outflow by destination.
    freq = outflow_by_destination(outflows)
    labels = dict(OutflowDestination.choices)
    dest_rows = [
        {
            "label": force_str(labels.get(c.category, _("Unknown"))),
            "text": str(c.count)
            if c.shown
            else (tables.small_label(k) if c.count < k else tables.hidden_label()),
            "pct": c.pct,
            "value": float(c.pct) if c.pct is not None else None,
        }
        for c in publish(freq, k)
    ]
    # Fig 6.32: share in work per month after outflow (each month's two cells suppressed).
    months = share_in_work_by_month(outflows, peildatum, 24)
    work_rows = []
    points: list[tuple[int, float]] = []
    for m, working, observable in months:
        table = suppress_1d([working, observable - working], k)
        shown = table.cells[0].shown and observable >= k
        pct = _pct(working, observable) if shown else None
        work_rows.append(
            {
                "label": str(m),
                "text": f"{tables.cell_text(table.cells[0], k)} / "
                f"{observable if observable >= k else tables.small_label(k)}",
                "pct": pct,
            }
        )
        if pct is not None:
            points.append((m, float(pct)))
    # Tabel 6.3: durability, plain and weighted, two populations.
    dur_rows = []
    for label, min_months in (
        (_("at least one month worked"), 0),
        (_("outflow more than a year ago"), 12),
    ):
        d = durability(outflows, peildatum, min_months_observed=min_months)
        shown = d.n >= k
        dur_rows.append(
            {
                "label": label,
                "n": str(d.n) if shown else tables.small_label(k),
                "plain": _pct(d.plain.numerator, d.plain.denominator)
                if shown and d.plain
                else None,
                "weighted": (
                    _pct(d.weighted.numerator, d.weighted.denominator)
                    if shown and d.weighted
                    else None
                ),
            }
        )
    # Time to first job from intake, censored (still in the programme: not a failure).
    items = []
    for pk, intake, out, _dest in rows:
        job = first_job.get(pk)
        spell_starts = [s for s, _e in spells.get(pk, ()) if s >= intake]
        if spell_starts and (job is None or min(spell_starts) < job):
            job = min(spell_starts)
        items.append((intake, job, out))
    curve = time_to_first_job(items, peildatum)
    curve_rows = []
    curve_points: list[tuple[int, float]] = []
    for pt in curve:
        if pt.at_risk < k:
            break
        pct = Decimal(float(pt.share_with_job) * 100).quantize(Decimal("0.1"))
        curve_rows.append({"label": str(pt.month), "at_risk": pt.at_risk, "pct": pct})
        curve_points.append((pt.month, float(pct)))
    return {
        "dest_rows": dest_rows,
        "dest_chart": bars("dest", _("Outflow by destination"), dest_rows),
        "dest_base": len(outflows) if len(outflows) >= k else tables.small_label(k),
        "work_rows": work_rows,
        "work_chart": line(
            "work", _("Share in work by month after outflow"), points, _("month"), "%"
        ),
        "dur_rows": dur_rows,
        "curve_rows": curve_rows,
        "curve_chart": line(
            "ttj", _("Share with a first job by month since intake"), curve_points, _("month"), "%"
        ),
    }
