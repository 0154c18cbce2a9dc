"""The startbaan report from Werkpad's database, as cells and as a serialisable payload.

:func:`startbaan_payload` is a function of the peildatum, the filters and the threshold only: its
result (plain JSON values) can be stored and shown again unchanged ("published", frozen reports).
The filters are the analyst page's: programme, organisation, municipality, gender and instroom
year; the
selection is always every enrolment with instroom on or before the peildatum.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from werkpad.core.stats.startbaan import REPORT_DEVIATIONS, ReportCell, cells
from werkpad.pathway.models import Enrolment

from . import aggregate
from . import report as out


@dataclass(frozen=True, slots=True)
class Filters:
    """Which enrolments a report counts (empty: all). Ids are the database's, codes Werkpad's."""

    programme: int | None = None
    organisations: tuple[int, ...] = ()  # the analyst's scope, or one chosen organisation
    municipality: int | None = None
    gender: str = ""
    cohort: int | None = None  # instroom year

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["organisations"] = list(self.organisations)
        return d


def enrolments(peildatum: date, filters: Filters | None = None) -> QuerySet[Enrolment]:
    f = filters or Filters()
    qs = Enrolment.objects.filter(intake_date__lte=peildatum)
    if f.programme is not None:
        qs = qs.filter(programme_id=f.programme)
    if f.organisations:
        qs = qs.filter(participant__organisation_id__in=f.organisations)
    if f.municipality is not None:
        qs = qs.filter(participant__municipality_id=f.municipality)
    if f.gender:
        qs = qs.filter(participant__gender=f.gender)
    if f.cohort is not None:
        qs = qs.filter(intake_date__year=f.cohort)
    return qs


def startbaan_cells(
    peildatum: date,
    filters: Filters | None = None,
    threshold: int | None = None,
    by: Sequence[str] = (),
) -> list[ReportCell]:
    k = int(settings.WERKPAD_SMALL_CELL) if threshold is None else threshold
    # Counted by the database (monitoring.aggregate); the core applies bands and suppression.
    return cells(aggregate.tally(enrolments(peildatum, filters), peildatum, by), peildatum, k, by)


def startbaan_payload(
    peildatum: date,
    filters: Filters | None = None,
    threshold: int | None = None,
    by: Sequence[str] = (),
) -> dict[str, Any]:
    """The whole report as JSON values: peildatum, filters, definition, suppression, cells."""
    k = int(settings.WERKPAD_SMALL_CELL) if threshold is None else threshold
    cells = startbaan_cells(peildatum, filters, k, by)
    small, hidden = f"<{k}", "hidden"
    return {
        "report": "startbanen",
        "peildatum": peildatum.isoformat(),
        "filters": (filters or Filters()).as_dict(),
        "threshold": k,
        "definition": out.DEFINITION,
        "suppression": out.suppression_note(k),
        "cells": [
            {
                "tabel": c.tabel,
                "kolom": c.kolom,
                "variabele": c.variabele,
                "categorie": c.categorie,
                "n": c.csv_row(small, hidden)[4],
                "pct": None if c.pct is None else str(c.pct),
                "base": c.base if c.shown or c.base >= k else None,
            }
            for c in cells
        ],
        "report_deviations": [
            {
                "tabel": d.tabel,
                "kolom": d.kolom,
                "variabele": d.variabele,
                "categorie": d.categorie,
                "report_n": d.report_n,
                "report_pct": d.report_pct,
                "reason": d.reason,
            }
            for d in REPORT_DEVIATIONS
        ],
    }
