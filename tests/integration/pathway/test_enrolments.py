"""Enrolments, status, records and the timeline through actions, pages and the API."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from werkpad.audit.models import AccessLogEntry
from werkpad.pathway import actions
from werkpad.pathway.models import Enrolment, Programme

TODAY = timezone.localdate()


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


@pytest.fixture
def trial(world):
    programme = Programme.objects.create(
        name="Proef startbanen", kind="startbaan", start_date=date(2024, 1, 1)
    )
    programme.organisations.add(world.utrecht)
    return programme


def test_placement_moves_its_enrolment_not_the_person(world, trial):
    from tests.factories_employers import EmployerFactory
    from werkpad.employers import actions as employer_actions

    p = world.participant
    standard = actions.enrol(
        world.anna, p, actions.default_programme(world.utrecht), intake_date=TODAY - timedelta(90)
    )
    actions.change_status(world.anna, standard, "mediation", on=TODAY - timedelta(80))
    in_trial = actions.enrol(world.anna, p, trial, intake_date=TODAY - timedelta(30))
    actions.change_status(world.anna, in_trial, "mediation", on=TODAY - timedelta(20))
    placement = employer_actions.register_placement(
        world.anna,
        p,
        employer=EmployerFactory(),
        enrolment=standard,
        found_via="service",
        start_date=TODAY - timedelta(5),
        hours_kind="fixed",
        hours_per_week=Decimal(24),
        occupation="Timmerman",
    )
    standard.refresh_from_db()
    in_trial.refresh_from_db()
    p.refresh_from_db()
    assert placement.enrolment == standard
    assert standard.status == "startbaan"
    assert in_trial.status == "mediation"  # the other enrolment is untouched
    # The person's status is only the cache of the most recent active enrolment (the trial).
    assert p.status == "mediation"
    assert list(standard.status_changes.values_list("status", flat=True)) == [
        "unknown",
        "mediation",
        "startbaan",
    ]
    assert standard.status_changes.last().date == TODAY - timedelta(5)


def test_at_most_one_active_enrolment_per_programme(world, trial):
    p = world.participant
    first = actions.enrol(world.anna, p, trial, intake_date=TODAY - timedelta(100))
    with pytest.raises(ValidationError) as exc:
        actions.enrol(world.anna, p, trial, intake_date=TODAY)
    assert "already enrolled" in str(exc.value)
    actions.end_enrolment(
        world.anna, first, status="dropout", on=TODAY - timedelta(10), reason_code="medical"
    )
    first.refresh_from_db()
    assert (first.outflow_date, first.outflow_destination) == (
        TODAY - timedelta(10),
        "niet_afgerond",
    )
    second = actions.enrol(world.anna, p, trial, intake_date=TODAY)  # a new path is allowed
    assert second.active and not first.active
    with pytest.raises(ValidationError) as exc:
        actions.change_status(world.anna, first, "mediation", on=TODAY)
    assert "ended" in str(exc.value)


def test_employment_spell_only_after_outflow(world, trial):
    e = actions.enrol(world.anna, world.participant, trial, intake_date=TODAY - timedelta(200))
    with pytest.raises(ValidationError):
        actions.save_employment_spell(
            world.anna, e, employer_name="PostNL", start_date=TODAY - timedelta(20)
        )
    actions.end_enrolment(
        world.anna, e, status="ended", on=TODAY - timedelta(30), destination="betaald_werk"
    )
    e.refresh_from_db()
    spell = actions.save_employment_spell(
        world.anna,
        e,
        employer_name="PostNL",
        start_date=TODAY - timedelta(20),
        contract_kind="vast",
    )
    assert spell.enrolment == e


def test_api_enrolments_records_and_timeline_for_the_coach(world, trial):
    anna = _client(world.anna)
    pid = world.participant.public_id
    r = anna.post(
        f"/api/pathway/participants/{pid}/enrolments",
        json.dumps({"programme": str(trial.public_id), "intake_date": str(TODAY - timedelta(60))}),
        content_type="application/json",
    )
    assert r.status_code == 201, r.content
    eid = r.json()["id"]
    r = anna.post(
        f"/api/pathway/participants/{pid}/enrolments",
        json.dumps({"programme": str(trial.public_id), "intake_date": str(TODAY)}),
        content_type="application/json",
    )
    assert r.status_code == 400 and "already enrolled" in r.json()["errors"]["programme"][0]
    r = anna.post(
        f"/api/pathway/enrolments/{eid}/status",
        json.dumps({"status": "in_pretrajectory", "date": str(TODAY - timedelta(50))}),
        content_type="application/json",
    )
    assert r.status_code == 201 and r.json()["status"] == "in_pretrajectory"
    r = anna.post(
        f"/api/pathway/enrolments/{eid}/status",
        json.dumps({"status": "on_hold", "date": str(TODAY - timedelta(40))}),
        content_type="application/json",
    )
    assert r.status_code == 400 and "reason_code" in r.json()["errors"]
    r = anna.post(
        f"/api/pathway/enrolments/{eid}/pretrajectories",
        json.dumps(
            {
                "start_date": str(TODAY - timedelta(50)),
                "end_date": str(TODAY - timedelta(10)),
                "completed": True,
                "kind": "maatwerk",
                "type": "onbetaalde_werkstage",
                "weeks": 6,
            }
        ),
        content_type="application/json",
    )
    assert r.status_code == 201, r.content
    records = anna.get(f"/api/pathway/enrolments/{eid}/records").json()
    assert records["pretrajectories"][0]["weeks"] == 6
    lanes = anna.get(f"/api/pathway/participants/{pid}/timeline").json()
    kinds = [i["kind"] for i in lanes[0]["items"]]
    assert "status" in kinds and "pretrajectory" in kinds
    page = anna.get(f"/pathway/participants/{pid}/timeline/")
    assert page.status_code == 200
    assert "Proef startbanen" in page.text and "Unpaid work placement" in page.text
    assert AccessLogEntry.objects.filter(
        user=world.anna, participant=world.participant, action="view", what="timeline"
    ).exists()


@pytest.mark.parametrize("who", ["bram", "cees", "eva", "ali", "ada"])
def test_others_are_refused_and_the_refusal_is_logged(world, trial, who):
    e = actions.enrol(world.anna, world.participant, trial, intake_date=TODAY - timedelta(5))
    user = getattr(world, who)
    c = _client(user)
    pid = world.participant.public_id
    urls = [
        f"/api/pathway/participants/{pid}/enrolments",
        f"/api/pathway/enrolments/{e.public_id}",
        f"/api/pathway/enrolments/{e.public_id}/records",
        f"/api/pathway/participants/{pid}/timeline",
        f"/pathway/participants/{pid}/timeline/",
    ]
    for url in urls:
        assert c.get(url).status_code == 404, url
    r = c.post(
        f"/api/pathway/enrolments/{e.public_id}/status",
        json.dumps({"status": "mediation", "date": str(TODAY)}),
        content_type="application/json",
    )
    assert r.status_code == 404
    denied = AccessLogEntry.objects.filter(
        user=user, participant=world.participant, action="denied"
    ).count()
    assert denied == len(urls) + 1
    e.refresh_from_db()
    assert e.status == "unknown"


def test_the_newcomer_reads_her_own_enrolments_but_cannot_change_them(world, trial):
    e = actions.enrol(world.anna, world.participant, trial, intake_date=TODAY - timedelta(5))
    nadia = _client(world.nadia)
    r = nadia.get(f"/api/pathway/participants/{world.participant.public_id}/enrolments")
    assert r.status_code == 200 and r.json()[0]["programme_name"] == "Proef startbanen"
    r = nadia.post(
        f"/api/pathway/enrolments/{e.public_id}/status",
        json.dumps({"status": "mediation", "date": str(TODAY)}),
        content_type="application/json",
    )
    assert r.status_code == 403


def test_programmes_are_managed_by_administrators_and_coordinators(world):
    from django.contrib.auth.models import Permission

    payload = json.dumps(
        {"name": "Jobhunting@azc", "organisations": [world.utrecht.pk], "start_date": "2025-01-01"}
    )
    assert (
        _client(world.anna)
        .post("/api/pathway/programmes", payload, content_type="application/json")
        .status_code
        == 403
    )
    world.anna.user_permissions.add(Permission.objects.get(codename="manage_programmes"))
    anna = world.anna.__class__.objects.get(pk=world.anna.pk)  # fresh permission cache
    r = _client(anna).post("/api/pathway/programmes", payload, content_type="application/json")
    assert r.status_code == 201, r.content
    # A coordinator sets up programmes of their own organisation only.
    other = json.dumps(
        {"name": "Elders", "organisations": [world.vwn.pk], "start_date": "2025-01-01"}
    )
    r = _client(anna).post("/api/pathway/programmes", other, content_type="application/json")
    assert r.status_code == 400 and "organisations" in r.json()["errors"]
    r = _client(world.ada).post("/api/pathway/programmes", other, content_type="application/json")
    assert r.status_code == 201
    names = [p["name"] for p in _client(world.anna).get("/api/pathway/programmes").json()]
    assert {"Jobhunting@azc", "Elders"} <= set(names)


def test_caseload_filters_by_programme_and_status(world, trial):
    actions.enrol(world.anna, world.participant, trial, intake_date=TODAY, status="mediation")
    anna = _client(world.anna)
    page = anna.get(f"/participants/?programme={trial.public_id}&status=mediation").text
    assert "Haddad, Nadia" in page and "Proef startbanen" in page
    page = anna.get(f"/participants/?programme={trial.public_id}&status=startbaan").text
    assert "Haddad, Nadia" not in page


def test_status_page_changes_the_current_enrolment(world, trial):
    e = actions.enrol(world.anna, world.participant, trial, intake_date=TODAY - timedelta(3))
    anna = _client(world.anna)
    r = anna.post(
        f"/participants/{world.participant.public_id}/status/",
        {"status": "mediation", "date": TODAY.isoformat(), "reason_code": "", "reason": ""},
    )
    assert r.status_code == 302
    e.refresh_from_db()
    assert e.status == "mediation"
    assert Enrolment.objects.filter(participant=world.participant).count() == 1


def test_an_imported_status_at_a_peildatum_leaves_earlier_dates_to_the_records(world, trial):
    """Issue 16's registry import: only the status at the peildatum is known, without its date;
    earlier dates show what the dated records prove and "unknown" otherwise."""
    from werkpad.participants.models import StatusChange
    from werkpad.pathway.history import status_on
    from werkpad.pathway.models import Pretrajectory

    peildatum = date(2025, 10, 31)
    e = Enrolment.objects.create(
        participant=world.participant,
        programme=trial,
        intake_date=date(2024, 1, 1),
        status="mediation",
    )
    StatusChange.objects.create(
        participant=world.participant, enrolment=e, status="mediation", date=peildatum
    )
    Pretrajectory.objects.create(
        enrolment=e,
        start_date=date(2024, 3, 1),
        end_date=date(2024, 9, 1),
        type="vrijwilligerswerk",
    )
    assert status_on(e, date(2023, 12, 31)) is None
    assert status_on(e, date(2024, 2, 1)) == "unknown"
    assert status_on(e, date(2024, 5, 1)) == "in_pretrajectory"
    assert status_on(e, date(2025, 1, 1)) == "unknown"
    assert status_on(e, peildatum) == "mediation"
