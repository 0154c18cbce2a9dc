"""Import of employers and vacancies: a per-row error report, and all-or-nothing commit."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from tests.factories_employers import EmployerFactory, VacancyFactory
from werkpad.employers.models import Employer, EmployerLocation, Vacancy

EMPLOYER_HEADER = (
    "name,kind,sector,size_band,experience_with_status_holders,contact_name,contact_email,"
    "contact_phone,account_manager,notes,location_address,location_postcode,location_city,"
    "location_latitude,location_longitude"
)


def _csv(text: str, name: str = "import.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def test_bad_rows_are_reported_and_nothing_is_imported(world, login):
    rows = "\n".join(
        [
            EMPLOYER_HEADER,
            "Bakkerij Zoet,regulier,productie,10_49,yes,Els,,,anna,,Markt 1,3511AB,Utrecht,52.09,5.12",
            "Hotel Noord,hotel,horeca,,,Kees,,,,,,,,,",
            "Schoon BV,regulier,schoonmaak,,maybe,,,,nobody,,,,,,",
            "Bakkerij Zoet,regulier,productie,,,Els,,,,,,,,,",
        ]
    )
    response = login(world.anna).post(
        reverse("employers:import"), {"what": "employers", "file": _csv(rows)}
    )
    assert response.status_code == 400
    text = response.text
    assert "nothing was imported" in text
    assert "hotel is not one of" in text
    assert "Write yes or no." in text
    assert "No coach with user name nobody." in text
    assert "This employer appears twice in the file." in text
    problems = {(e.row, e.column) for e in response.context["errors"]}
    assert (3, "kind") in problems
    assert (4, "experience_with_status_holders") in problems
    assert (4, "contact_name") in problems
    assert (4, "account_manager") in problems
    assert (5, "name") in problems
    assert not Employer.objects.filter(organisation__name="Bakkerij Zoet").exists()


def test_valid_employer_file_is_committed_with_location(world, login):
    rows = "\n".join(
        [
            EMPLOYER_HEADER.replace(",", ";"),
            "Bakkerij Zoet;regulier;productie;10_49;ja;Els;els@zoet.nl;;anna;;Markt 1;3511 ab;Utrecht;52,09;5,12",
            "Hotel Noord;regulier;horeca;;;Kees;;;;;;;;;",
        ]
    )
    response = login(world.anna).post(
        reverse("employers:import"), {"what": "employers", "file": _csv(rows)}
    )
    assert response.status_code == 302
    zoet = Employer.objects.get(organisation__name="Bakkerij Zoet")
    assert zoet.account_manager == world.anna and zoet.experience_with_status_holders is True
    location = EmployerLocation.objects.get(employer=zoet)
    assert location.postcode == "3511AB" and location.latitude == 52.09
    assert Employer.objects.filter(organisation__name="Hotel Noord").exists()


def test_vacancy_xlsx_import_reports_rows_then_commits(world, login):
    EmployerFactory(organisation=world.employer_org)
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(
        [
            "employer",
            "title",
            "occupation",
            "hours_per_week",
            "roster",
            "roster_flexible",
            "contract_kind",
            "dutch_level",
            "certificates",
            "self_development",
            "places",
            "start_date",
        ]
    )
    sheet.append(
        [
            "Bouwbedrijf De Vries",
            "Opperman",
            "bouwhulp",
            32,
            "mon_morning tue_morning",
            "no",
            "fixed_term",
            "A1",
            "vca;driving_licence:B",
            "minimal",
            2,
            "2026-03-01",
        ]
    )
    sheet.append(
        [
            "Onbekend BV",
            "Kok",
            "kok",
            90,
            "funday",
            "no",
            "fixed_term",
            "C1",
            "xyz",
            "lots",
            0,
            "soon",
        ]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile("v.xlsx", buffer.getvalue())
    client = login(world.anna)
    response = client.post(reverse("employers:import"), {"what": "vacancies", "file": upload})
    assert response.status_code == 400
    columns = {e.column for e in response.context["errors"] if e.row == 3}
    assert columns >= {
        "employer",
        "hours_per_week",
        "roster",
        "dutch_level",
        "certificates",
        "self_development",
        "places",
        "start_date",
    }
    assert not Vacancy.objects.exists()  # the good row 2 was not committed either

    sheet.delete_rows(3)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = client.post(
        reverse("employers:import"),
        {"what": "vacancies", "file": SimpleUploadedFile("v.xlsx", buffer.getvalue())},
    )
    assert response.status_code == 302
    vacancy = Vacancy.objects.get()
    assert vacancy.sector == "bouw_techniek"  # the employer's sector when the column is absent
    assert vacancy.required_certificates == [
        {"kind": "vca", "detail": ""},
        {"kind": "driving_licence", "detail": "B"},
    ]
    assert vacancy.places == 2 and vacancy.status == "open"


def test_export_can_be_imported_again(world, login):
    employer = EmployerFactory(organisation=world.employer_org)
    VacancyFactory(employer=employer, title="Timmerman", description="=HYPERLINK(1)")
    client = login(world.anna)
    exported = client.get(reverse("employers:export", args=["vacancies", "csv"])).content
    assert b"'=HYPERLINK" in exported  # formulas are neutralised
    Vacancy.objects.all().delete()
    response = client.post(
        reverse("employers:import"),
        {"what": "vacancies", "file": SimpleUploadedFile("again.csv", exported)},
    )
    assert response.status_code == 302
    assert Vacancy.objects.get().title == "Timmerman"


def test_unreadable_file_and_missing_header_are_explained(world, login):
    client = login(world.anna)
    response = client.post(
        reverse("employers:import"),
        {"what": "employers", "file": SimpleUploadedFile("x.xlsx", b"not a workbook")},
    )
    assert "The file is not a readable XLSX workbook." in response.text
    response = client.post(
        reverse("employers:import"), {"what": "employers", "file": _csv("naam,soort\nA,b\n")}
    )
    assert "The column is missing in the header." in response.text
    response = client.post(
        reverse("employers:import"), {"what": "employers", "file": _csv("x", name="x.txt")}
    )
    assert "Upload a .csv or .xlsx file." in response.text


def test_only_coaches_import(world, login):
    assert login(world.eva).get(reverse("employers:import")).status_code == 403
    page = login(world.anna).get(reverse("employers:import"))
    assert "location_latitude" in page.text and "twv_willing" in page.text
