"""The startbaan report as CSV, XLSX or JSON: one row per cell, with definition and note.

The cells come from :func:`werkpad.core.stats.startbaan.report`; this module only writes them. Every
format carries the peildatum, the suppression threshold and the report's own figures where they
cannot all hold (:data:`werkpad.core.stats.startbaan.REPORT_DEVIATIONS`).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from datetime import date

from werkpad.core.stats.startbaan import CSV_HEADER, REPORT_DEVIATIONS, ReportCell

DEFINITION = (
    "Startbaan report (seed 003, Bijlage 1, Tabel 1-9). Counted: every enrolment with instroom on "
    "or before the peildatum; status at the peildatum from the status history; Tabel 6-7: each "
    "placed person's first startbaan. pct: share of the rows of the same tabel, kolom and "
    "variabele, one decimal; for duur_weken/gemiddelde_* rows pct is the mean in weeks and n the "
    "number of voortrajecten it is taken over."
)


def suppression_note(threshold: int) -> str:
    if threshold <= 0:
        return "No suppression (operator run, logged)."
    return (
        f"Counts below {threshold} are shown as <{threshold}; 'hidden' marks a cell hidden so "
        "that a small one cannot be worked out from the totals."
    )


def to_csv(cells: Sequence[ReportCell], threshold: int) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(CSV_HEADER)
    for c in cells:
        w.writerow(c.csv_row(f"<{threshold}", "hidden"))
    return out.getvalue()


def to_json(cells: Sequence[ReportCell], peildatum: date, threshold: int) -> str:
    rows = [dict(zip(CSV_HEADER, c.csv_row(f"<{threshold}", "hidden"), strict=True)) for c in cells]
    return json.dumps(
        {
            "peildatum": peildatum.isoformat(),
            "definition": DEFINITION,
            "suppression": suppression_note(threshold),
            "cells": rows,
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
        },
        ensure_ascii=False,
        indent=1,
    )


def to_xlsx(cells: Sequence[ReportCell], peildatum: date, threshold: int) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "cellen"
    ws.append(list(CSV_HEADER))
    for c in cells:
        ws.append(list(c.csv_row(f"<{threshold}", "hidden")))
    about = wb.create_sheet("toelichting")
    about.append(["peildatum", peildatum.isoformat()])
    about.append(["definitie", DEFINITION])
    about.append(["onderdrukking", suppression_note(threshold)])
    dev = wb.create_sheet("afwijkingen_rapport")
    dev.append(["tabel", "kolom", "variabele", "categorie", "rapport_n", "rapport_pct", "reden"])
    for d in REPORT_DEVIATIONS:
        dev.append([d.tabel, d.kolom, d.variabele, d.categorie, d.report_n, d.report_pct, d.reason])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def to_csv_with_notes(cells: Sequence[ReportCell], peildatum: date, threshold: int) -> str:
    """The CSV of :func:`to_csv` after three lines starting with ``#``: peildatum, definition and
    suppression note (the analyst page's download; ``werkpad report`` prints the bare CSV)."""
    head = (
        f"# peildatum: {peildatum.isoformat()}\n"
        f"# definitie: {DEFINITION}\n"
        f"# onderdrukking: {suppression_note(threshold)}\n"
    )
    return head + to_csv(cells, threshold)
