"""Exports of enrolments and work after outflow follow the file's rules; spells import round-trip."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from tests.factories import ParticipantFactory
from werkpad.audit.models import AccessLogEntry
from werkpad.pathway import actions
from werkpad.pathway.models import EmploymentSpell, Programme

TODAY = timezone.localdate()


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _setup(world):
    trial = Programme.objects.create(name="Proef", kind="startbaan", start_date=date(2024, 1, 1))
    trial.organisations.add(world.utrecht)
    e = actions.enrol(world.anna, world.participant, trial, intake_date=TODAY - timedelta(300))
    actions.end_enrolment(
        world.anna, e, status="ended", on=TODAY - timedelta(100), destination="betaald_werk"
    )
    actions.save_employment_spell(
        world.anna, e, employer_name="PostNL", sector="logistiek", start_date=TODAY - timedelta(90)
    )
    # Someone anna may not see (another organisation, not linked).
    stranger = ParticipantFactory(organisation=world.vwn, last_name="Vreemd")
    actions.enrol(world.cees, stranger, trial, intake_date=TODAY - timedelta(10))
    return trial, e, stranger


def test_exports_hold_only_what_the_user_may_see_and_are_logged(world):
    _trial, _e, stranger = _setup(world)
    anna = _client(world.anna)
    text = anna.get("/pathway/export/enrolments.csv").content.decode("utf-8-sig")
    assert world.participant.number in text and stranger.number not in text
    assert "betaald_werk" in text
    spells = anna.get("/pathway/export/employment-spells.csv").content.decode("utf-8-sig")
    assert "PostNL" in spells
    assert (
        AccessLogEntry.objects.filter(
            user=world.anna, participant=world.participant, action="export"
        ).count()
        == 2
    )
    assert not AccessLogEntry.objects.filter(user=world.anna, participant=stranger).exists()
    assert anna.get("/pathway/export/enrolments.xlsx").status_code == 200
    for who in ("eva", "ali", "ada", "nadia"):
        assert _client(getattr(world, who)).get("/pathway/export/enrolments.csv").status_code == 404


def test_employment_spells_import_round_trips(world, tmp_path):
    _trial, e, _ = _setup(world)
    exported = _client(world.anna).get("/pathway/export/employment-spells.csv").content
    path = tmp_path / "spells.csv"
    path.write_bytes(exported)
    call_command("import_employment_spells", str(path))  # the export itself: nothing changes
    assert EmploymentSpell.objects.count() == 1
    text = exported.decode("utf-8-sig") + (
        f"{world.participant.number},Proef,{e.intake_date},Hotel Centraal,horeca,"
        f"{TODAY - timedelta(30)},,24,oproep\n"
    )
    path.write_text(text, encoding="utf-8")
    call_command("import_employment_spells", str(path))
    call_command("import_employment_spells", str(path))  # idempotent
    assert EmploymentSpell.objects.count() == 2
    spell = EmploymentSpell.objects.get(employer_name="Hotel Centraal")
    assert (spell.source, spell.contract_kind) == ("import", "oproep")


def test_import_is_all_or_nothing_with_a_row_report(world, tmp_path):
    import pytest
    from django.core.management.base import CommandError

    _trial, e, _ = _setup(world)
    path = tmp_path / "spells.csv"
    path.write_text(
        "participant_number,programme,intake_date,employer,sector,start_date,end_date,"
        "hours_per_week,contract_kind\n"
        f"{world.participant.number},Proef,{e.intake_date},Bakker,,{TODAY - timedelta(20)},,,\n"
        f"{world.participant.number},Proef,{e.intake_date},X,vliegen,{TODAY},,,\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError):
        call_command("import_employment_spells", str(path))
    assert EmploymentSpell.objects.count() == 1  # only the one from the set-up


def test_drs_layout_export(world):
    """The DRS layout of seed 002: intake and outflow fields in the DRS's value lists, only what
    the coach may see, logged."""
    import csv
    import io

    from werkpad.pathway import drs

    _trial, _e, stranger = _setup(world)
    p = world.participant
    p.household, p.dutch_spoken, p.education, p.postcode = (
        "partner_children",
        "A2",
        "middle",
        "3511AB",
    )
    p.save()
    baseline = AccessLogEntry.objects.order_by("-id").values_list("id", flat=True).first()
    anna = _client(world.anna)
    text = anna.get("/pathway/export/drs.csv").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == list(drs.COLUMNS)
    assert len(rows) == 1 and stranger.postcode not in {
        r["postcode"] for r in rows if r["postcode"]
    }
    row = rows[0]
    assert row["project"] == "Proef" and row["geslacht"] == "man"
    assert row["geboortejaar"] == "1990" and "1990-05-17" not in text
    assert row["woonsituatie"] == "met partner en kinderen"
    assert row["nederlands_mondeling"] == "matig" and row["opleiding_herkomst"] == "middelbaar"
    assert row["uitstroom_bestemming"] == "betaald_werk"
    assert AccessLogEntry.objects.filter(
        id__gt=baseline, user=world.anna, participant=p, action="export", what="DRS layout"
    ).exists()
    assert anna.get("/pathway/export/drs.xlsx").status_code == 200
    assert _client(world.ali).get("/pathway/export/drs.csv").status_code == 404


def test_drs_import_round_trip(world, tmp_path):
    """A DRS file imports into participants and enrolments (all or nothing, a second run changes
    nothing) and exports again with the same DRS fields."""
    import io

    import pytest
    from django.core.management.base import CommandError

    from werkpad.participants.models import Participant
    from werkpad.pathway.models import Enrolment

    header = (
        "project,tranche,toestemming,geslacht,geboortejaar,postcode,huisnummer,land_herkomst,"
        "opleiding_herkomst,aankomstdatum,datum_status,woonsituatie,nederlands_mondeling,"
        "nederlands_schriftelijk,inburgering,taal_vragenlijst,instroomdatum,uitstroomdatum,"
        "uitstroom_bestemming,beroep,contract_maanden,uren_per_week,opleiding_niveau,"
        "opleiding_richting,reden_uitval"
    )
    rows = [
        "Welkom Werk,1,ja,vrouw,1988,3511AB,12,SY,hoog,2021-03-01,2022-01-10,alleen met kinderen,"
        "matig,slecht,bezig,ar,2023-05-01,2024-02-01,betaald_werk,kok,12,24,,,",
        "Welkom Werk,1,nee,man,1995,3512CD,3,ER,basisonderwijs,2020-06-01,2021-02-01,alleen,"
        "slecht,slecht,gehaald,ti,2023-06-01,2024-01-15,niet_afgerond,,,,,,medisch",
    ]
    path = tmp_path / "drs.csv"
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    out = io.StringIO()
    call_command("import_drs", str(path), organisation="Gemeente Utrecht", stdout=out)
    assert "imported 2, unchanged 0" in out.getvalue()
    out = io.StringIO()
    call_command("import_drs", str(path), organisation="Gemeente Utrecht", stdout=out)
    assert "imported 0, unchanged 2" in out.getvalue()
    assert Enrolment.objects.filter(programme__name="Welkom Werk").count() == 2
    bad = tmp_path / "bad.csv"
    bad.write_text(header + "\n" + rows[0].replace("2023-05-01", "2023-13-01") + "\n", "utf-8")
    with pytest.raises(CommandError):
        call_command("import_drs", str(bad), organisation="Gemeente Utrecht", stderr=io.StringIO())
    assert Enrolment.objects.filter(programme__name="Welkom Werk").count() == 2
    # The imported files have no coach yet: give them to anna, who exports what she may see.
    Participant.objects.filter(last_name="DRS Welkom Werk").update(regiehouder=world.anna)
    text = _client(world.anna).get("/pathway/export/drs.csv").content.decode("utf-8-sig")
    again = [line for line in text.splitlines() if line.startswith("Welkom Werk")]
    assert len(again) == 2
    first = next(line for line in again if ",vrouw," in line).split(",")
    assert first[3:6] == ["vrouw", "1988", "3511AB"]
    assert "alleen met kinderen" in first and "matig" in first and "betaald_werk" in first
    second = next(line for line in again if ",man," in line)
    assert "niet_afgerond" in second and second.endswith("medisch")
