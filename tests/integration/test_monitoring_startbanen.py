"""The evaluation pages through HTTP: only analysts and administrators; built from Werkpad's own
records; no name or participant number; fixed periods and a minimum base so that overlapping
selections cannot be subtracted; an analyst's scope; exports with definition, peildatum and
suppression note; research microdata only with consent, pseudonymised, k-anonymous and logged."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.factories import ParticipantFactory
from werkpad.audit.models import AccessLogEntry
from werkpad.core.anonymity import smallest_class
from werkpad.monitoring.exports import QUASI
from werkpad.monitoring.models import AnalystScope
from werkpad.participants.models import Consent, Participant, StatusChange, _next_number
from werkpad.pathway.models import EmploymentSpell, Enrolment, Programme

URL = "monitoring:startbanen"
PAGES = ["monitoring:startbanen", "monitoring:outcomes", "monitoring:microdata"]


@pytest.fixture
def login(db):
    def _login(user):
        client = Client()
        client.force_login(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return _login


def _enrol(prog, org, n, prefix):
    ps = Participant.objects.bulk_create(
        ParticipantFactory.build(last_name=f"{prefix}{i}", organisation=org, number=_next_number())
        for i in range(n)
    )
    es = Enrolment.objects.bulk_create(
        Enrolment(
            participant=p,
            programme=prog,
            intake_date=date(2024, 2, 1),
            participation="verplicht" if i % 2 else "vrijwillig",
            status="mediation",
        )
        for i, p in enumerate(ps)
    )
    StatusChange.objects.bulk_create(
        StatusChange(participant=p, enrolment=e, status="mediation", date=date(2024, 2, 1))
        for p, e in zip(ps, es, strict=True)
    )
    return list(zip(ps, es, strict=True))


@pytest.fixture
def trial(world):
    prog = Programme.objects.create(
        name="Proef Utrecht", kind="startbaan", start_date=date(2024, 1, 1), target_group="all"
    )
    prog.organisations.add(world.utrecht)
    other = Programme.objects.create(name="Andere", start_date=date(2024, 1, 1))
    other.organisations.add(world.vwn)
    small = Programme.objects.create(name="Klein", start_date=date(2024, 1, 1))
    people = _enrol(prog, world.utrecht, 60, "Zichtbaar")
    # One woman among the 60: "Proef Utrecht, men" would differ from "Proef Utrecht" by one.
    woman = people[0][0]
    woman.gender = "woman"
    woman.save()
    _enrol(other, world.vwn, 55, "Anders")
    _enrol(small, world.utrecht, 1, "Eenling")
    # Outflow to paid work with spells after it, for the seed 002 views.
    for p, e in people[10:40]:
        e.outflow_date = date(2024, 3, 31)
        e.outflow_destination = "betaald_werk"
        e.status = "ended"
        e.save()
        StatusChange.objects.create(participant=p, enrolment=e, status="ended", date=e.outflow_date)
        # Half of them stop working after June.
        end = date(2024, 6, 30) if int(p.last_name[9:]) % 2 else None
        EmploymentSpell.objects.create(enrolment=e, start_date=date(2024, 4, 2), end_date=end)
    return prog, small, people


@pytest.mark.parametrize("who", ["anna", "cees", "eva", "nadia"])
@pytest.mark.parametrize("page", PAGES)
def test_only_analysts_and_administrators(world, login, who, page) -> None:
    client = login(getattr(world, who))
    assert client.get(reverse(page)).status_code in (302, 403)
    assert client.get(reverse(URL), {"format": "csv"}).status_code in (302, 403)
    assert client.post(reverse("monitoring:microdata"), {"key": "x" * 10}).status_code in (
        302,
        403,
    )


@pytest.mark.parametrize("page", PAGES)
def test_anonymous_is_sent_to_login(world, page) -> None:
    assert Client().get(reverse(page)).status_code == 302


@pytest.mark.parametrize("who", ["ali", "ada"])
@pytest.mark.parametrize("page", PAGES)
def test_analyst_and_admin_see_pages_without_names(world, login, trial, who, page) -> None:
    _prog, _small, people = trial
    r = login(getattr(world, who)).get(reverse(page), {"peildatum": "2024-06-15"})
    assert r.status_code == 200
    html = r.content.decode()
    for p, _e in people[:5] + people[-3:]:
        assert p.last_name not in html and p.number not in html
    assert world.participant.last_name not in html
    assert "<script" not in html.split("</header>")[-1].split("<footer")[0]
    assert "style=" not in html.split("</header>")[-1].split("<footer")[0]


def test_programme_tables_with_design_and_charts(world, login, trial) -> None:
    prog, _small, _people = trial
    r = login(world.ali).get(
        reverse(URL), {"peildatum": "2024-06-15", "programme": str(prog.public_id)}
    )
    html = r.content.decode()
    assert "2024-06-30" in html  # fixed periods: the end of the month
    assert "Tabel 2" in html and "in_bemiddeling" in html
    assert ">30<" in html  # 30 still in mediation at the peildatum (30 flowed out)
    assert "Design of this programme" in html
    assert "<svg" in html and "<desc" in html and "Bar chart of the table" in html


def test_small_selection_shows_no_tables(world, login, trial) -> None:
    _prog, small, _people = trial
    r = login(world.ali).get(reverse(URL), {"programme": str(small.public_id)})
    html = r.content.decode()
    assert 'id="too-few"' in html and "Tabel 2" not in html


def test_overlapping_views_cannot_be_subtracted(world, login, trial) -> None:
    """'Proef Utrecht' (60) and 'Proef Utrecht, men' (59) would subtract into one woman: the
    narrower one is refused. All programmes (116) and 'Proef Utrecht' differ by 56, above the
    minimum base: both are shown. 'Klein' (1) is below the minimum base."""
    prog, small, _people = trial
    client = login(world.ali)
    whole = client.get(reverse(URL), {"peildatum": "2024-06-30"}).content.decode()
    one = client.get(reverse(URL), {"programme": str(prog.public_id)}).content.decode()
    assert "Tabel 2" in whole and "Tabel 2" in one
    men = client.get(
        reverse(URL), {"programme": str(prog.public_id), "gender": "man"}
    ).content.decode()
    assert 'id="too-few"' in men and "Tabel 2" not in men
    assert "differs from a wider one" in men
    # The refused view gives nothing away in its download either.
    r = client.get(
        reverse(URL), {"programme": str(prog.public_id), "gender": "man", "format": "csv"}
    )
    assert r.get("Content-Type", "").startswith("text/html")
    klein = client.get(reverse(URL), {"programme": str(small.public_id)}).content.decode()
    assert "Fewer than" in klein


def test_analyst_scope_limits_to_organisations(world, login, trial) -> None:
    scope = AnalystScope.objects.create(user=world.ali)
    scope.organisations.add(world.vwn)
    client = login(world.ali)
    html = client.get(reverse(URL), {"peildatum": "2024-06-30"}).content.decode()
    assert "limited to the organisations of your scope" in html
    assert ">55<" in html  # the 55 of the scope's organisation, not 116
    # An organisation outside the scope cannot be chosen: the scope stays.
    other = client.get(
        reverse(URL), {"peildatum": "2024-06-30", "organisation": world.utrecht.pk}
    ).content.decode()
    assert ">55<" in other and "Gemeente Utrecht" not in other


def test_breakdowns_for_fairness(world, login, trial) -> None:
    client = login(world.ali)
    for by in (
        "geslacht",
        "geboortedatum",
        "gezinssituatie",
        "taalniveau_instroom",
        "regio_herkomst",
    ):
        html = client.get(reverse(URL), {"peildatum": "2024-06-30", "by": by}).content.decode()
        assert f"({by}=" in html, by


def test_programmes_side_by_side_only_with_design(world, login, trial) -> None:
    html = (
        login(world.ali)
        .get(reverse(URL), {"peildatum": "2024-06-30", "compare": "1"})
        .content.decode()
    )
    assert 'id="compare"' in html
    assert "Proef Utrecht" in html and "Andere" in html
    assert "Work or lessons first" in html or "work or lessons first" in html
    assert "too few participants to show" in html  # Klein


def test_csv_and_xlsx_exports(world, login, trial) -> None:
    client = login(world.ali)
    r = client.get(reverse(URL), {"peildatum": "2024-06-30", "format": "csv"})
    assert r["Content-Type"].startswith("text/csv")
    text = r.content.decode()
    lines = text.splitlines()
    assert lines[0].startswith("# peildatum: 2024-06-30")
    assert lines[1].startswith("# definitie:") and lines[2].startswith("# onderdrukking:")
    rows = list(csv.DictReader(io.StringIO("\n".join(lines[3:]))))
    assert rows and set(rows[0]) == {"tabel", "kolom", "variabele", "categorie", "n", "pct"}
    for row in rows:  # suppression holds on the export
        assert not row["n"].isdigit() or int(row["n"]) == 0 or int(row["n"]) >= 10
    r = client.get(reverse(URL), {"peildatum": "2024-06-30", "format": "xlsx"})
    wb = load_workbook(io.BytesIO(r.content))
    assert {"cellen", "toelichting", "afwijkingen_rapport"} <= set(wb.sheetnames)
    notes = {row[0]: row[1] for row in wb["toelichting"].iter_rows(values_only=True)}
    assert notes["peildatum"] == "2024-06-30" and notes["onderdrukking"]


def test_outcome_views(world, login, trial) -> None:
    html = (
        login(world.ali)
        .get(reverse("monitoring:outcomes"), {"peildatum": "2024-12-31"})
        .content.decode()
    )
    assert "Outflow by destination" in html and "Paid work" in html
    assert "Share in work by month after outflow" in html
    assert "Durability of work after outflow" in html
    assert "Time to a first job" in html
    assert "15 / 30" in html  # from July on, half of the 30 work
    assert "hidden / 30" in html  # all 30 worked in April: the empty "not working" cell is small
    assert "Line chart" in html


def test_research_microdata(world, login, trial) -> None:
    _prog, _small, people = trial
    consenting = [p for p, _e in people[:45]]
    for p in consenting:
        Consent.objects.create(
            participant=p, scope="research", purpose_code="research", given_at=timezone.now()
        )
    Consent.objects.create(
        participant=people[50][0],
        scope="research",
        purpose_code="research",
        given_at=timezone.now(),
        withdrawn_at=timezone.now(),
    )
    baseline = AccessLogEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    client = login(world.ali)
    r = client.post(reverse("monitoring:microdata"), {"key": "project-2026"})
    text = r.content.decode()
    for p, _e in people:
        assert p.last_name not in text and p.number not in text and str(p.public_id) not in text
    assert "1990-05-17" not in text
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    rows = list(csv.DictReader(io.StringIO("\n".join(lines))))
    assert 0 < len(rows) <= 45
    assert smallest_class(rows, QUASI) >= 10
    again = client.post(reverse("monitoring:microdata"), {"key": "project-2026"}).content.decode()
    other = client.post(
        reverse("monitoring:microdata"), {"key": "another-project"}
    ).content.decode()
    first = {r["pseudoniem"] for r in rows}
    assert first == {r.split(",")[0] for r in again.splitlines()[3:]}
    assert not first & {r.split(",")[0] for r in other.splitlines()[3:]}
    logged = AccessLogEntry.objects.filter(id__gt=baseline, action="export")
    assert logged.filter(user=world.ali).count() == 3 * len(rows)
    assert not logged.filter(participant=people[50][0]).exists()  # consent withdrawn


def test_api_startbaan_report(world, login, trial) -> None:
    _prog, small, _people = trial
    assert login(world.anna).get("/api/monitoring/startbanen").status_code == 403
    assert Client().get("/api/monitoring/startbanen").status_code == 401
    client = login(world.ali)
    r = client.get("/api/monitoring/startbanen", {"peildatum": "2024-06-30"})
    assert r.status_code == 200
    body = r.json()
    assert body["shown"] and body["peildatum"] == "2024-06-30"
    assert any(c["tabel"] == 2 for c in body["cells"])
    assert "Zichtbaar" not in r.content.decode()
    r = client.get("/api/monitoring/startbanen", {"programme": str(small.public_id)})
    assert r.json()["shown"] is False and r.json()["refusal"] == "too_few"
    assert r.json()["cells"] == []
    assert client.get("/api/monitoring/startbanen", {"peildatum": "x"}).status_code == 422
