"""The path's pages: enrol, change an enrolment's status, record voortrajecten and work after
outflow, manage programmes — through real requests, errors next to the fields."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
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


def test_the_coach_walks_a_path_through_the_pages(world, trial):
    anna = _client(world.anna)
    p = world.participant
    page = anna.get(f"/pathway/participants/{p.public_id}/enrol/")
    assert page.status_code == 200 and "Proef startbanen" in page.text
    r = anna.post(
        f"/pathway/participants/{p.public_id}/enrol/",
        {
            "programme": trial.pk,
            "intake_date": (TODAY - timedelta(100)).isoformat(),
            "status": "needs_pretrajectory",
            "participation": "verplicht",
        },
    )
    assert r.status_code == 302
    e = Enrolment.objects.get(participant=p, programme=trial)
    assert (e.status, e.participation) == ("needs_pretrajectory", "verplicht")

    # A second active enrolment in the same programme: a clear message next to the field.
    r = anna.post(
        f"/pathway/participants/{p.public_id}/enrol/",
        {"programme": trial.pk, "intake_date": TODAY.isoformat(), "status": "unknown"},
    )
    assert r.status_code == 200
    assert 'id="id_programme_error"' in r.text and "already enrolled" in r.text

    r = anna.post(
        f"/pathway/enrolments/{e.public_id}/voortraject/",
        {
            "start_date": (TODAY - timedelta(90)).isoformat(),
            "end_date": (TODAY - timedelta(30)).isoformat(),
            "completed": "true",
            "kind": "maatwerk",
            "type": "vrijwilligerswerk",
            "weeks": "8",
            "goal": "",
        },
    )
    assert r.status_code == 302, r.content
    assert e.pretrajectories.get().type == "vrijwilligerswerk"

    # Every error at once, what was typed kept.
    r = anna.post(
        f"/pathway/enrolments/{e.public_id}/status/",
        {
            "status": "on_hold",
            "date": (TODAY - timedelta(200)).isoformat(),
            "reason_code": "",
            "reason": "",
            "outflow_destination": "betaald_werk",
        },
    )
    assert r.status_code == 200
    for field in ("date", "reason_code", "outflow_destination"):
        assert f'id="id_{field}_error"' in r.text, field
    assert (TODAY - timedelta(200)).isoformat() in r.text

    r = anna.post(
        f"/pathway/enrolments/{e.public_id}/status/",
        {
            "status": "ended",
            "date": (TODAY - timedelta(20)).isoformat(),
            "reason_code": "work_found",
            "reason": "",
            "outflow_destination": "betaald_werk",
        },
    )
    assert r.status_code == 302
    e.refresh_from_db()
    assert (e.status, e.outflow_date, e.outflow_destination) == (
        "ended",
        TODAY - timedelta(20),
        "betaald_werk",
    )
    r = anna.post(
        f"/pathway/enrolments/{e.public_id}/work/",
        {
            "employer_name": "PostNL",
            "sector": "logistiek",
            "start_date": (TODAY - timedelta(10)).isoformat(),
            "hours_per_week": "32",
            "contract_kind": "tijdelijk",
        },
    )
    assert r.status_code == 302, r.content
    timeline = anna.get(f"/pathway/participants/{p.public_id}/timeline/").text
    for text in ("Proef startbanen", "Volunteering", "PostNL", "Ended"):
        assert text in timeline, text


@pytest.mark.parametrize("who", ["bram", "cees", "eva", "ali", "ada", "nadia"])
def test_pages_refuse_and_log(world, trial, who):
    e = actions.enrol(world.anna, world.participant, trial, intake_date=TODAY)
    user = getattr(world, who)
    c = _client(user)
    urls = [
        f"/pathway/participants/{world.participant.public_id}/enrol/",
        f"/pathway/enrolments/{e.public_id}/status/",
        f"/pathway/enrolments/{e.public_id}/voortraject/",
        f"/pathway/enrolments/{e.public_id}/work/",
    ]
    for url in urls:
        assert c.post(url, {"status": "mediation", "date": TODAY.isoformat()}).status_code == 404
    e.refresh_from_db()
    assert e.status == "unknown"
    if who != "nadia":
        denied = AccessLogEntry.objects.filter(user=user, action="denied").count()
        assert denied == len(urls)


def test_coordinator_manages_own_programmes_in_the_pages(world):
    from django.contrib.auth.models import Permission

    anna = _client(world.anna)
    assert anna.get("/pathway/programmes/new/").status_code == 404
    world.anna.user_permissions.add(Permission.objects.get(codename="manage_programmes"))
    anna = _client(world.anna.__class__.objects.get(pk=world.anna.pk))
    page = anna.get("/pathway/programmes/new/")
    assert page.status_code == 200
    assert "VluchtelingenWerk" not in page.text  # only their own organisation to choose
    r = anna.post(
        "/pathway/programmes/new/",
        {
            "name": "Proef startbanen Utrecht",
            "kind": "startbaan",
            "organisations": [world.utrecht.pk],
            "start_date": "2025-01-01",
            "end_date": "2024-01-01",
            "participation": "gemengd",
            "work_priority": "dual",
            "steps": "14; Brede intake\nx; Werkstage",
        },
    )
    assert r.status_code == 200
    assert 'id="id_end_date_error"' in r.text and 'id="id_steps_error"' in r.text
    r = anna.post(
        "/pathway/programmes/new/",
        {
            "name": "Proef startbanen Utrecht",
            "kind": "startbaan",
            "organisations": [world.utrecht.pk],
            "start_date": "2025-01-01",
            "participation": "gemengd",
            "work_priority": "dual",
            "aftercare_weekly_weeks": "8",
            "steps": "14; Brede intake\nWerkstage",
        },
    )
    assert r.status_code == 302
    programme = Programme.objects.get(name="Proef startbanen Utrecht")
    assert [(s.due_after_days, s.title) for s in programme.step_templates.all()] == [
        (14, "Brede intake"),
        (None, "Werkstage"),
    ]
    assert programme.aftercare_weekly_weeks == 8
    # Bram (no permission) sees the list, cannot edit.
    bram = _client(world.bram)
    assert "Proef startbanen Utrecht" in bram.get("/pathway/programmes/").text
    assert bram.get(f"/pathway/programmes/{programme.public_id}/").status_code == 404
    # The administrator manages every programme.
    assert _client(world.ada).get(f"/pathway/programmes/{programme.public_id}/").status_code == 200


def test_programme_aftercare_rhythm_plans_the_placement(world, trial):
    from decimal import Decimal

    from tests.factories_employers import EmployerFactory
    from werkpad.employers import actions as employer_actions

    trial.aftercare_weekly_weeks = 4
    trial.aftercare_monthly_until_months = 3
    trial.save()
    e = actions.enrol(world.anna, world.participant, trial, intake_date=TODAY - timedelta(10))
    placement = employer_actions.register_placement(
        world.anna,
        world.participant,
        employer=EmployerFactory(),
        enrolment=e,
        found_via="service",
        start_date=TODAY,
        hours_kind="fixed",
        hours_per_week=Decimal(24),
        occupation="Magazijnmedewerker",
    )
    phases = list(
        placement.aftercare.check_ins.filter(track="employer").values_list("phase", flat=True)
    )
    assert phases.count("weekly") == 4 and phases.count("monthly") == 3


def test_placement_page_chooses_the_enrolment_it_moves(world, trial):
    from tests.factories_employers import EmployerFactory

    standard = actions.enrol(
        world.anna,
        world.participant,
        actions.default_programme(world.utrecht),
        intake_date=TODAY - timedelta(60),
        status="mediation",
    )
    in_trial = actions.enrol(
        world.anna, world.participant, trial, intake_date=TODAY - timedelta(30), status="mediation"
    )
    employer = EmployerFactory()
    anna = _client(world.anna)
    url = f"/employers/placements/new/{world.participant.public_id}/"
    page = anna.get(url)
    assert page.status_code == 200, url
    assert 'name="enrolment"' in page.text and "Proef startbanen" in page.text
    r = anna.post(
        url,
        {
            "enrolment": standard.pk,
            "employer": employer.pk,
            "kind": "paid",
            "found_via": "service",
            "start_date": TODAY.isoformat(),
            "hours_kind": "fixed",
            "hours_per_week": "24",
            "occupation": "Timmerman",
            "sector": "bouw_techniek",
        },
    )
    assert r.status_code == 302, r.content.decode()[-3000:]
    standard.refresh_from_db()
    in_trial.refresh_from_db()
    assert (standard.status, in_trial.status) == ("startbaan", "mediation")
