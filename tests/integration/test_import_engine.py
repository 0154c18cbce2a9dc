"""Imports that round-trip, stay bounded and never lock others out (issue 8, section 2).

Every test goes through the real import page (``employers:import``) with the test client.
"""

from __future__ import annotations

import csv
import io
import re
import threading
import zipfile

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from tests.factories_employers import EmployerFactory, LocationFactory, VacancyFactory
from werkpad.employers.models import Employer, Vacancy

VACANCY_HEADER = [
    "employer",
    "title",
    "occupation",
    "hours_per_week",
    "roster",
    "roster_flexible",
    "contract_kind",
    "dutch_level",
    "self_development",
]


def _vacancy(employer: str, title: str, hours: object = 32) -> list[object]:
    return [employer, title, "bouwhulp", hours, "mon_morning", "no", "fixed_term", "A1", "some"]


def _post(client, what: str, name: str, data: bytes):
    return client.post(
        reverse("employers:import"), {"what": what, "file": SimpleUploadedFile(name, data)}
    )


def _csv(rows: list[list[object]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode()


def _xlsx(rows: list[list[object]], title: str = "vacancies") -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _summary(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def _snapshot(model) -> list[dict]:
    return list(model.objects.order_by("pk").values())


def _problems(response) -> set[tuple[int, str]]:
    return {(e.row, e.column) for e in response.context["errors"]}


# --- round trip -----------------------------------------------------------------------------------


@pytest.fixture
def demo(db, client):
    from werkpad.demo.seed import seed_database

    ctx = seed_database(80, seed=11)
    client.force_login(ctx.users["coach"])
    return client


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("what,model", [("vacancies", Vacancy), ("employers", Employer)])
def test_reimporting_an_unchanged_export_changes_nothing(demo, what, model, fmt):
    """The vacancies export doubled every vacancy; the employers export failed with "bestaat al"."""
    before = _snapshot(model)
    locations = list(Employer.objects.values_list("locations__address", "locations__latitude"))
    assert len(before) > 10
    exported = demo.get(reverse("employers:export", args=[what, fmt])).content
    response = _post(demo, what, f"again.{fmt}", exported)
    assert response.status_code == 302, response.context and response.context["errors"][:5]
    assert f"0 new, 0 changed, {len(before)} unchanged" in _summary(response)
    assert _snapshot(model) == before  # not even updated_at moved
    assert list(Employer.objects.values_list("locations__address", "locations__latitude")) == (
        locations
    )


def test_demo_data_has_no_duplicate_vacancies(db):
    from werkpad.demo.seed import seed_database

    seed_database(300)
    keys = [(v.employer_id, v.title.casefold()) for v in Vacancy.objects.all()]
    assert len(keys) > 50
    assert len(keys) == len(set(keys))


def test_an_edited_export_updates_exactly_the_records_it_names(world, login):
    employer = EmployerFactory(organisation=world.employer_org)
    LocationFactory(employer=employer)
    a, b, c = (VacancyFactory(employer=employer, title=t) for t in ("Opperman", "Kok", "Schilder"))
    client = login(world.anna)
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(reverse("employers:export", args=["vacancies", "csv"])).content.decode(
                    "utf-8-sig"
                )
            )
        )
    )
    header, body = rows[0], rows[1:]
    assert header[0] == "reference"
    col = {name: i for i, name in enumerate(header)}
    by_title = {r[col["title"]]: r for r in body}
    by_title["Kok"][col["hours_per_week"]] = "24"
    by_title["Kok"][col["title"]] = "Kok (24 uur)"
    del by_title["Schilder"]  # rows left out of the file stay as they are
    new = list(by_title["Opperman"])
    new[col["reference"]] = ""
    new[col["title"]] = "Metselaar"
    before_a = Vacancy.objects.get(pk=a.pk).updated_at
    response = _post(client, "vacancies", "edited.csv", _csv([header, *by_title.values(), new]))
    assert response.status_code == 302
    assert "1 new, 1 changed, 1 unchanged" in _summary(response)
    b.refresh_from_db()
    assert (b.title, b.hours_per_week) == ("Kok (24 uur)", 24)
    assert Vacancy.objects.get(pk=a.pk).updated_at == before_a
    assert Vacancy.objects.filter(pk=c.pk).exists()
    assert sorted(Vacancy.objects.values_list("title", flat=True)) == [
        "Kok (24 uur)",
        "Metselaar",
        "Opperman",
        "Schilder",
    ]

    # Employers: rename one and change its contact, through its reference.
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(reverse("employers:export", args=["employers", "csv"])).content.decode(
                    "utf-8-sig"
                )
            )
        )
    )
    header, body = rows[0], rows[1:]
    col = {name: i for i, name in enumerate(header)}
    body[0][col["name"]] = "De Vries Bouw BV"
    body[0][col["contact_name"]] = "Els de Vries"
    response = _post(client, "employers", "employers.csv", _csv([header, *body]))
    assert response.status_code == 302
    assert "0 new, 1 changed, 0 unchanged" in _summary(response)
    employer.refresh_from_db()
    assert (employer.name, employer.contact_name) == ("De Vries Bouw BV", "Els de Vries")
    assert Employer.objects.count() == 1


def test_rows_without_reference_match_on_the_natural_key(world, login):
    """An export from before the reference column: the same rows are recognised, not doubled."""
    employer = EmployerFactory(organisation=world.employer_org)
    VacancyFactory(employer=employer, title="Opperman", hours_per_week=32)
    client = login(world.anna)
    employers = _csv(
        [
            ["name", "kind", "sector", "contact_name"],
            ["BOUWBEDRIJF DE VRIES", "regulier", "bouw_techniek", "Piet de Vries"],
        ]
    )
    response = _post(client, "employers", "old.csv", employers)
    assert response.status_code == 302
    assert "0 new, 1 changed, 0 unchanged" in _summary(response)  # only the name's case
    assert Employer.objects.count() == 1
    vacancies = _csv([VACANCY_HEADER, _vacancy("bouwbedrijf de vries", "OPPERMAN", 36)])
    response = _post(client, "vacancies", "old.csv", vacancies)
    assert response.status_code == 302
    assert "0 new, 1 changed, 0 unchanged" in _summary(response)
    assert Vacancy.objects.get().hours_per_week == 36


def test_keys_appearing_twice_are_row_errors(world, login):
    employer = EmployerFactory(organisation=world.employer_org)
    vacancy = VacancyFactory(employer=employer, title="Opperman")
    header = ["reference", *VACANCY_HEADER]
    name = employer.name
    rows = [
        header,
        [str(vacancy.public_id), *_vacancy(name, "Opperman")],
        [str(vacancy.public_id), *_vacancy(name, "Opperman 2")],
        ["", *_vacancy(name, "Kok")],
        ["", *_vacancy(name, "kok")],
        ["not-a-reference", *_vacancy(name, "Schilder")],
    ]
    response = _post(login(world.anna), "vacancies", "twice.csv", _csv(rows))
    assert response.status_code == 400
    assert {(3, "reference"), (5, "title"), (6, "reference")} <= _problems(response)
    assert Vacancy.objects.count() == 1


# --- bounded --------------------------------------------------------------------------------------


def _declare_dimensions(data: bytes, ref: str) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename.startswith("xl/worksheets/sheet"):
                content, count = re.subn(
                    rb'<dimension ref="[^"]*"', f'<dimension ref="{ref}"'.encode(), content
                )
                assert count == 1
            target.writestr(info, content)
    return out.getvalue()


def test_xlsx_declaring_a1_xfd20000_is_read_without_padding(world, login, monkeypatch):
    """A 1.7 KB file declaring A1:XFD20000 kept a request busy for 43 s: openpyxl padded every
    row to the declared size. Count the cells openpyxl hands out instead of timing it."""
    EmployerFactory(organisation=world.employer_org)
    data = _declare_dimensions(
        _xlsx([VACANCY_HEADER, _vacancy("Bouwbedrijf De Vries", "Opperman")]), "A1:XFD20000"
    )
    assert len(data) < 8000
    handed_out = {"rows": 0, "cells": 0}
    original = ReadOnlyWorksheet._cells_by_row

    def counting(self, *args, **kwargs):
        for row in original(self, *args, **kwargs):
            handed_out["rows"] += 1
            handed_out["cells"] += len(row)
            if handed_out["cells"] > 10_000:
                raise AssertionError(f"padded to the declared dimensions: {handed_out}")
            yield row

    monkeypatch.setattr(ReadOnlyWorksheet, "_cells_by_row", counting)
    response = _post(login(world.anna), "vacancies", "huge.xlsx", data)
    assert response.status_code == 302
    assert Vacancy.objects.get().title == "Opperman"
    assert handed_out["rows"] == 2


def test_a_cell_over_131072_characters_is_an_error_of_its_row(world, login):
    """It gave a 500 (the csv module's field limit)."""
    EmployerFactory(organisation=world.employer_org)
    rows = [
        [*VACANCY_HEADER, "description"],
        [*_vacancy("Bouwbedrijf De Vries", "Opperman"), "x" * 131_073],
        [*_vacancy("Bouwbedrijf De Vries", "Kok"), "kort"],
        [*_vacancy("Bouwbedrijf De Vries", "Schilder"), "y" * 20_000],
        [*_vacancy("Bouwbedrijf De Vries", "Metselaar"), "kort"],
    ]
    response = _post(login(world.anna), "vacancies", "long.csv", _csv(rows))
    assert response.status_code == 400
    assert _problems(response) == {(2, ""), (4, "description")}
    assert (
        "A cell of this row holds more than 131072 characters; at most 10000 are allowed."
        in response.text
    )
    assert "This cell holds 20000 characters; at most 10000 are allowed." in response.text
    assert not Vacancy.objects.exists()


def test_bad_files_get_a_clear_message(world, login, settings):
    EmployerFactory(organisation=world.employer_org)
    client = login(world.anna)
    name = "Bouwbedrijf De Vries"

    latin1 = _csv([VACANCY_HEADER, _vacancy(name, "Kok")]) + "Café,x\n".encode("latin-1")
    response = _post(client, "vacancies", "latin1.csv", latin1)
    assert "The file is not UTF-8 text (first unreadable character on line 3)" in response.text

    response = _post(client, "vacancies", "broken.xlsx", b"PK\x03\x04" + b"\x00" * 200)
    assert "The file is not a readable XLSX workbook." in response.text

    formula = _xlsx([VACANCY_HEADER, _vacancy(name, "Kok", "=30+2")])
    response = _post(client, "vacancies", "formula.xlsx", formula)
    assert response.status_code == 400
    assert (2, "hours_per_week") in _problems(response)
    assert "This cell holds a formula." in response.text

    # The data on a sheet named after what is imported, after another sheet: that one is read.
    workbook = Workbook()
    workbook.active.title = "Toelichting"
    workbook.active.append(["Dit blad is uitleg."])
    data_sheet = workbook.create_sheet("Vacancies")
    data_sheet.append(VACANCY_HEADER)
    data_sheet.append(_vacancy(name, "Kok"))
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = _post(client, "vacancies", "two-sheets.xlsx", buffer.getvalue())
    assert response.status_code == 302
    assert Vacancy.objects.get().title == "Kok"

    settings.IMPORT_MAX_ROWS = 2
    rows = [VACANCY_HEADER, *(_vacancy(name, f"Kok {i}") for i in range(3))]
    response = _post(client, "vacancies", "many.csv", _csv(rows))
    assert "The file reaches beyond row 3: at most 2 rows can be imported at once." in (
        response.text
    )
    settings.IMPORT_MAX_COLUMNS = 5
    response = _post(client, "vacancies", "wide.csv", _csv([VACANCY_HEADER]))
    assert "The file has more than 5 columns." in response.text
    settings.IMPORT_MAX_MB = 1
    response = _post(client, "vacancies", "big.csv", b"x" * (1024 * 1024 + 1))
    assert "The file is larger than 1 MB." in response.text
    assert Vacancy.objects.count() == 1


def test_file_errors_speak_the_users_language(world, login):
    world.anna.language = "nl"
    world.anna.save()
    client = login(world.anna)
    response = _post(client, "vacancies", "broken.xlsx", b"PK\x03\x04" + b"\x00" * 200)
    assert "Het bestand is geen leesbare XLSX-werkmap." in response.text
    response = _post(client, "vacancies", "latin1.csv", "naam\nCafé\n".encode("latin-1"))
    assert "regel 2" in response.text


def test_keys_are_looked_up_in_bulk(world, login, django_assert_max_num_queries):
    """One case-insensitive lookup per row made 20,000 rows against 50,000 employers take 6 min."""
    names = [EmployerFactory().name for _ in range(30)]
    rows = [VACANCY_HEADER, *(_vacancy(names[i % 30].upper(), f"Kok {i}") for i in range(300))]
    client = login(world.anna)
    with django_assert_max_num_queries(40):
        response = _post(client, "vacancies", "many.csv", _csv(rows))
    assert response.status_code == 302
    assert Vacancy.objects.count() == 300


# --- all or nothing, and nobody locked out --------------------------------------------------------


def test_one_bad_row_and_nothing_is_written(world, login):
    employer = EmployerFactory(organisation=world.employer_org)
    vacancy = VacancyFactory(employer=employer, title="Opperman", hours_per_week=32)
    header = ["reference", *VACANCY_HEADER]
    rows = [
        header,
        [str(vacancy.public_id), *_vacancy(employer.name, "Opperman", 20)],
        ["", *_vacancy(employer.name, "Kok")],
        ["", *_vacancy(employer.name, "Schilder", 99)],
    ]
    client = login(world.anna)
    response = _post(client, "vacancies", "bad.csv", _csv(rows))
    assert response.status_code == 400
    assert _problems(response) == {(4, "hours_per_week")}
    assert Vacancy.objects.get().hours_per_week == 32
    rows[3] = ["", *_vacancy(employer.name, "Schilder", 38)]
    response = _post(client, "vacancies", "good.csv", _csv(rows))
    assert response.status_code == 302
    assert "2 new, 1 changed, 0 unchanged" in _summary(response)
    assert Vacancy.objects.get(pk=vacancy.pk).hours_per_week == 20


def test_a_coach_opens_a_file_while_a_big_import_runs(world, transactional_db):
    """A coach opening a file during a 3,000-row import got a 500 "database is locked" from
    the access log. The import now writes only in one short step at the end."""
    from django.db import connections
    from django.test import Client

    EmployerFactory(organisation=world.employer_org)
    rows = [VACANCY_HEADER, *(_vacancy("Bouwbedrijf De Vries", f"Kok {i}") for i in range(3000))]
    data = _csv(rows)
    outcome: dict[str, object] = {}

    def run_import() -> None:
        try:
            client = Client()
            client.force_login(world.anna)
            outcome["status"] = _post(client, "vacancies", "big.csv", data).status_code
        except Exception as exc:  # reported below
            outcome["error"] = exc
        finally:
            connections.close_all()

    viewer = Client()
    viewer.force_login(world.anna)
    url = reverse("participants:detail", args=[world.participant.public_id])
    thread = threading.Thread(target=run_import)
    thread.start()
    failures, views = [], 0
    while thread.is_alive():
        try:
            status = viewer.get(url).status_code
        except Exception as exc:  # "database is locked" surfaces here as an exception
            failures.append(repr(exc))
        else:
            views += 1
            if status != 200:
                failures.append(status)
    thread.join()
    assert outcome.get("status") == 302, outcome
    assert Vacancy.objects.count() == 3000
    assert views > 0 and failures == []


def test_import_municipalities_reads_through_the_same_bounded_reader(db, tmp_path):
    """``werkpad import-municipalities``: a long cell is an error of its line, XLSX works."""
    from io import StringIO

    from django.core.management import CommandError, call_command

    from werkpad.places.models import Municipality

    header = ["gm_code", "gm_name", "pv_name", "population_2026"]
    long = tmp_path / "long.csv"
    long.write_bytes(_csv([header, ["GM0344", "Utrecht", "x" * 20_000, "1"]]))
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_municipalities", str(long), stdout=StringIO(), stderr=err)
    assert "line 2: pv_name: This cell holds 20000 characters" in err.getvalue()
    sheet = tmp_path / "gemeenten.xlsx"
    sheet.write_bytes(
        _declare_dimensions(
            _xlsx([header, ["GM0344", "Utrecht", "Utrecht", 378121]]), "A1:XFD20000"
        )
    )
    call_command("import_municipalities", str(sheet), stdout=StringIO())
    assert Municipality.objects.get(code="GM0344").population == 378121
