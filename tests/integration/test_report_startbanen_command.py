"""``werkpad report startbanen``: the CSV layout, the reference cells, suppression by default and a
logged run without it."""

from __future__ import annotations

import csv
import io
import json
import logging
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

REGISTRY = (
    Path(__file__).resolve().parents[2].parent / "shared" / "data" / "reference" / "startbanen_2025"
)


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("report", "startbanen", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_csv_header_and_cells_without_suppression_is_logged(caplog) -> None:
    with caplog.at_level(logging.WARNING, logger="werkpad.monitoring"):
        out, err = run("--peildatum", "2025-10-31", "--registry", str(REGISTRY), "--suppress", "0")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["tabel", "kolom", "variabele", "categorie", "n", "pct"]
    assert ["2", "alle", "status_peildatum", "onbekend", "131", "21.6"] in rows
    assert ["6", "alle", "uren_per_week", "0-16", "73", "27.1"] in rows
    assert "without suppression" in caplog.text
    assert "272 of 269" in err  # the report's figure beside Werkpad's, with the reason


def test_default_suppresses_small_cells() -> None:
    out, _ = run("--peildatum", "2025-10-31", "--registry", str(REGISTRY))
    rows = list(csv.reader(io.StringIO(out)))
    hours = [r for r in rows if r[:3] == ["8", "alle", "reden"]]
    assert all(r[4].startswith("<") and r[5] == "" for r in hours)
    assert all(not r[4].isdigit() or int(r[4]) >= 10 for r in rows[1:] if r[2] != "duur_weken")


def test_json_carries_definition_and_deviations() -> None:
    out, _ = run("--peildatum", "2025-10-31", "--registry", str(REGISTRY), "--format", "json")
    data = json.loads(out)
    assert data["peildatum"] == "2025-10-31" and "Tabel" in data["definition"]
    assert any(d["report_n"] == 44 for d in data["report_deviations"])


def test_xlsx_has_cells_note_and_deviations(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    target = tmp_path / "r.xlsx"
    run(
        "--peildatum",
        "2025-10-31",
        "--registry",
        str(REGISTRY),
        "--format",
        "xlsx",
        "--output",
        str(target),
    )
    wb = load_workbook(target)
    assert wb.sheetnames == ["cellen", "toelichting", "afwijkingen_rapport"]


def test_a_broken_registry_reports_rows_and_nothing_else(tmp_path: Path) -> None:
    for f in REGISTRY.glob("*.csv"):
        (tmp_path / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    bad = tmp_path / "startbanen.csv"
    lines = bad.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace("2025-", "20x5-", 1)
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CommandError, match="errors in the registry"):
        run("--peildatum", "2025-10-31", "--registry", str(tmp_path))


def test_breakdown_by_gender_adds_up() -> None:
    out, _ = run(
        "--peildatum",
        "2025-10-31",
        "--registry",
        str(REGISTRY),
        "--suppress",
        "0",
        "--by",
        "geslacht",
    )
    rows = [r for r in csv.reader(io.StringIO(out)) if r[0] == "2" and r[1].startswith("geslacht=")]
    assert sum(int(r[4]) for r in rows if r[3] == "startbaan") == 191
    with pytest.raises(CommandError, match="unknown variable"):
        run("--peildatum", "2025-10-31", "--registry", str(REGISTRY), "--by", "naam")
