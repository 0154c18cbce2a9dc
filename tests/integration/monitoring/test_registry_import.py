"""``werkpad import-registry`` on the reference registry, then the report from the database.

The published counts of seed 003 (every exact cell the folder-based test checks) hold through the
import: the unit tests of ``test_startbaan_reference`` run again here on cells built from Werkpad's
own rows. The report from the database equals the report from the folder, cell for cell, at the
registry's peildatum and at earlier dates. A second run changes nothing; a registry with one bad
row imports nothing and names the row.
"""

from __future__ import annotations

import io
import shutil
from datetime import date
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from tests.unit.stats.test_startbaan_reference import (  # noqa: F401  (run here on DB cells)
    REGISTRY,
    test_tabel_1_within_the_listed_deviations,
    test_tabel_2_all_eight_statuses,
    test_tabel_3_started_completed_mean_weeks,
    test_tabel_4_placed_and_how_many,
    test_tabel_5_working_participants,
    test_tabel_6,
    test_tabel_6_anders_against_the_report,
    test_tabel_7,
    test_tabel_8_reasons,
    test_tabel_9_reasons_kept_apart_and_merged,
)
from werkpad.core.stats.startbaan import report
from werkpad.employers.models import Employer, Placement
from werkpad.monitoring.registry import read_registry
from werkpad.monitoring.reports import startbaan_cells, startbaan_payload
from werkpad.participants.models import Participant, StatusChange
from werkpad.pathway.models import Enrolment, OnHoldPeriod, Pretrajectory

PEILDATUM = date(2025, 10, 31)
EARLIER = (date(2025, 3, 31), date(2024, 12, 31))


def _rows(cells):
    return [(c.tabel, c.kolom, c.variabele, c.categorie, c.n, c.shown, c.pct) for c in cells]


@pytest.fixture(scope="module")
def imported(django_db_setup, django_db_blocker):
    """Import once (rolled back at the end): the DB cells at the peildatum and earlier dates."""
    folder = read_registry(REGISTRY, PEILDATUM)
    with django_db_blocker.unblock(), transaction.atomic():
        out = io.StringIO()
        call_command("import_registry", str(REGISTRY), stdout=out)
        result = {
            "stdout": out.getvalue(),
            "db": {d: startbaan_cells(d, threshold=0) for d in (PEILDATUM, *EARLIER)},
            "folder": {d: report(folder.persons.values(), d, 0) for d in (PEILDATUM, *EARLIER)},
            "payload": startbaan_payload(PEILDATUM, threshold=10),
        }
        transaction.set_rollback(True)
    return result


@pytest.fixture(scope="module")
def cells(imported):
    return {(c.tabel, c.kolom, c.variabele, c.categorie): c for c in imported["db"][PEILDATUM]}


def test_import_report_line(imported) -> None:
    assert "imported 607 participants" in imported["stdout"]
    assert "302 placements" in imported["stdout"]


@pytest.mark.parametrize("on", [PEILDATUM, *EARLIER], ids=str)
def test_database_report_equals_the_folder_report(imported, on) -> None:
    assert _rows(imported["db"][on]) == _rows(imported["folder"][on])


def test_payload_is_serialisable_and_suppressed(imported) -> None:
    import json

    payload = imported["payload"]
    assert json.loads(json.dumps(payload)) == payload
    assert payload["threshold"] == 10
    shown = [c for c in payload["cells"] if c["n"].isdigit()]
    assert all(int(c["n"]) == 0 or int(c["n"]) >= 10 for c in shown)


def _counts() -> tuple[int, ...]:
    return (
        Participant.objects.count(),
        Enrolment.objects.count(),
        StatusChange.objects.count(),
        Pretrajectory.objects.count(),
        Placement.objects.count(),
        OnHoldPeriod.objects.count(),
        Employer.objects.count(),
    )


@pytest.mark.django_db
def test_second_run_changes_nothing() -> None:
    call_command("import_registry", str(REGISTRY), stdout=io.StringIO())
    before = _counts()
    snapshot = list(StatusChange.objects.order_by("id").values_list("id", "status", "date"))
    out = io.StringIO()
    call_command("import_registry", str(REGISTRY), stdout=out)
    assert "imported 0 participants, unchanged 607" in out.getvalue()
    assert _counts() == before
    assert list(StatusChange.objects.order_by("id").values_list("id", "status", "date")) == snapshot
    assert before[:2] == (607, 607)
    # Unknown cells stay unknown, never a made-up value.
    unknown = Placement.objects.values_list("unknown_fields", flat=True)
    assert sum("hours_per_week" in u for u in unknown) == 32


@pytest.mark.django_db
def test_one_bad_row_imports_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "registry"
    shutil.copytree(REGISTRY, bad)
    path = bad / "startbanen.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[5] = lines[5].replace("2025-", "2025/", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing imported"):
        call_command("import_registry", str(bad), stdout=io.StringIO(), stderr=err)
    assert "startbanen.csv:6: startdatum" in err.getvalue() or "startbanen.csv:6" in err.getvalue()
    assert _counts() == (0, 0, 0, 0, 0, 0, 0)


@pytest.mark.django_db
def test_changed_rows_are_refused_not_overwritten(tmp_path: Path) -> None:
    reg = tmp_path / "startbanen_2025"
    shutil.copytree(REGISTRY, reg)
    call_command("import_registry", str(reg), stdout=io.StringIO())
    before = _counts()
    path = reg / "deelnemers.csv"
    text = path.read_text(encoding="utf-8").replace(",startbaan\n", ",einde\n", 1)
    path.write_text(text, encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_registry", str(reg), stdout=io.StringIO(), stderr=err)
    assert "changed since the last import" in err.getvalue()
    assert _counts() == before
