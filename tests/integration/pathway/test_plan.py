"""The step plan: made from a programme's templates, versions and confirmations, herijking, near
misses to steps — through real requests and the actions."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.integration.test_matching_suggestions import _ready, _token, jobs  # noqa: F401
from werkpad.audit.models import AccessLogEntry
from werkpad.core.pathway import Trigger
from werkpad.participants.models import ChangeRecord
from werkpad.pathway import actions
from werkpad.pathway.models import Plan, PlanConfirmation, PlanStep, Programme, StepTemplate

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
    StepTemplate.objects.create(
        programme=programme, position=0, title="Intake taal", due_after_days=14
    )
    StepTemplate.objects.create(
        programme=programme, position=1, title="Bedrijfsbezoek", due_after_days=60
    )
    actions.enrol(world.anna, world.participant, programme, intake_date=TODAY - timedelta(10))
    return programme


def _url(p, name="pathway:plan", *args):
    return reverse(name, args=[p.public_id, *args])


def test_coach_starts_a_plan_from_the_programme_templates(world, trial):
    anna = _client(world.anna)
    p = world.participant
    page = anna.get(_url(p))
    assert page.status_code == 200 and "Proef startbanen" in page.text
    assert anna.post(_url(p), {"programme": trial.pk}).status_code == 302
    plan = Plan.objects.get(participant=p)
    steps = list(plan.steps.all())
    assert [s.title for s in steps] == ["Intake taal", "Bedrijfsbezoek"]
    assert steps[0].due_date == TODAY - timedelta(10) + timedelta(14)
    assert "baangarantie" in plan.not_offers  # the expectations block starts filled
    text = anna.get(_url(p)).text
    assert "Intake taal" in text and "What the service does not offer" in text


def test_step_errors_stand_next_to_the_fields_and_a_dropped_step_needs_a_reason(world, trial):
    anna = _client(world.anna)
    p = world.participant
    anna.post(_url(p), {"programme": ""})
    r = anna.post(
        _url(p, "pathway:plan_step_new"),
        {
            "type": "vrijwilligerswerk",
            "title": "Vrijwilligerswerk bij de voedselbank",
            "owner": "newcomer",
            "status": "dropped",
            "due_date": "2026-13-45",
        },
    )
    assert r.status_code == 200
    assert "Say why the step was dropped." in r.text or "Enter a valid date." in r.text
    assert "Vrijwilligerswerk bij de voedselbank" in r.text  # what was typed is kept
    r = anna.post(
        _url(p, "pathway:plan_step_new"),
        {
            "type": "vrijwilligerswerk",
            "title": "Vrijwilligerswerk",
            "owner": "newcomer",
            "status": "dropped",
        },
    )
    assert r.status_code == 200 and "Say why the step was dropped." in r.text
    r = anna.post(
        _url(p, "pathway:plan_step_new"),
        {
            "type": "vrijwilligerswerk",
            "title": "Vrijwilligerswerk",
            "owner": "newcomer",
            "status": "dropped",
            "drop_reason": "Geen plek",
        },
    )
    assert r.status_code == 302
    assert PlanStep.objects.get(title="Vrijwilligerswerk").drop_reason == "Geen plek"


def test_a_version_is_not_agreed_without_both_confirmations(world, trial):
    p = world.participant
    plan = actions.start_plan(world.anna, p, programme=trial)
    v1 = actions.save_version(world.anna, plan)
    assert not v1.agreed
    actions.confirm_version(world.anna, v1, party="coach")
    assert not v1.agreed and v1.agreed_on is None
    # The newcomer confirms in the portal.
    nadia = _client(world.nadia)
    page = nadia.get(reverse("portal:plan"))
    assert page.status_code == 200 and "Intake taal" in page.text
    assert nadia.post(reverse("portal:plan"), {"version": str(v1.public_id)}).status_code == 302
    v1.refresh_from_db()
    assert v1.agreed and v1.agreed_on == TODAY
    c = v1.confirmation("newcomer")
    assert c is not None and c.channel == "portal" and c.confirmed_by == world.nadia


def test_only_the_newcomer_and_the_coach_together_agree(world, trial):
    """Two coach confirmations are impossible; a newcomer confirmation alone is not agreement."""
    plan = actions.start_plan(world.anna, world.participant, programme=trial)
    v1 = actions.save_version(world.anna, plan)
    actions.confirm_version(world.nadia, v1, party="newcomer")
    assert not v1.agreed
    with pytest.raises(ValidationError):
        actions.confirm_version(world.anna, v1, party="newcomer", language="Arabisch")
    with transaction.atomic(), pytest.raises(IntegrityError):
        PlanConfirmation.objects.create(version=v1, party="newcomer", channel="portal")
    actions.confirm_version(world.anna, v1, party="coach")
    assert v1.agreed


def test_a_confirmation_belongs_to_exactly_one_version(world, trial):
    plan = actions.start_plan(world.anna, world.participant, programme=trial)
    v1 = actions.save_version(world.anna, plan)
    actions.confirm_version(world.anna, v1, party="coach")
    actions.confirm_version(world.nadia, v1, party="newcomer")
    assert v1.agreed
    step = plan.steps.get(title="Intake taal")
    step.status = "done"
    actions.save_step(world.anna, step)
    v2 = actions.save_version(world.anna, plan, trigger="interval", note="Na drie maanden")
    assert v2.number == 2 and not v2.agreed  # v1's confirmations do not carry over
    assert v1.confirmations.count() == 2 and v2.confirmations.count() == 0
    assert {c.version_id for c in PlanConfirmation.objects.all()} == {v1.pk}
    # v1 was replaced: it can no longer be confirmed, by anyone.
    with pytest.raises(ValidationError):
        actions.confirm_version(world.nadia, v1, party="newcomer")
    # A forged portal post for v1 confirms nothing.
    nadia = _client(world.nadia)
    nadia.post(reverse("portal:plan"), {"version": str(v1.public_id)})
    assert v2.confirmations.count() == 0 and v1.confirmations.count() == 2


def test_in_person_confirmation_records_the_language_and_interpreter(world, trial):
    anna = _client(world.anna)
    p = world.participant
    plan = actions.start_plan(world.anna, p, programme=trial)
    v1 = actions.save_version(world.anna, plan)
    url = _url(p, "pathway:plan_confirm", v1.public_id)
    r = anna.post(url, {"party": "newcomer", "language": "", "interpreter": ""}, follow=True)
    assert "This field is required." in r.text or "Name the language" in r.text
    assert v1.confirmations.count() == 0
    anna.post(url, {"party": "newcomer", "language": "Tigrinya", "interpreter": "Tolkcentrum"})
    anna.post(url, {"party": "coach"})
    c = v1.confirmations.get(party="newcomer")
    assert (c.channel, c.language, c.interpreter) == ("in_person", "Tigrinya", "Tolkcentrum")
    assert v1.agreed
    assert "Agreed" in anna.get(_url(p)).text


def test_herijking_makes_version_2_and_version_1_stays_readable_with_the_changes(world, trial):
    anna = _client(world.anna)
    p = world.participant
    anna.post(_url(p), {"programme": trial.pk})
    anna.post(_url(p, "pathway:plan_version"), {})
    plan = Plan.objects.get(participant=p)
    v1 = plan.versions.get()
    actions.confirm_version(world.anna, v1, party="coach")
    actions.confirm_version(world.nadia, v1, party="newcomer")
    step = plan.steps.get(title="Intake taal")
    r = anna.post(
        _url(p, "pathway:plan_step", step.public_id),
        {"type": "taalcursus", "title": "Intake taal", "owner": "newcomer", "status": "done"},
    )
    assert r.status_code == 302
    # No reason for the herijking: refused, nothing made.
    anna.post(_url(p, "pathway:plan_version"), {"trigger": ""})
    assert plan.versions.count() == 1
    anna.post(
        _url(p, "pathway:plan_version"), {"trigger": "phase_change", "note": "Start werkstage"}
    )
    assert plan.versions.count() == 2
    text = anna.get(_url(p)).text
    assert "Version 2" in text and "Version 1" in text
    assert "Phase change" in text and "Start werkstage" in text
    assert "Step “Intake taal”: status changed from Open to Done." in text
    assert "Step “Intake taal”: type changed from Other to Language course." in text
    assert plan.versions.get(number=1).snapshot["steps"][0]["status"] == "open"
    assert ChangeRecord.objects.filter(participant=p, section="plan", field="version").count() == 2


def test_herijking_due_from_the_files_events(world, trial):
    from werkpad.participants.models import StatusChange

    p = world.participant
    plan = actions.start_plan(world.anna, p, programme=trial)
    v1 = actions.save_version(world.anna, plan)
    assert actions.herijking_due(plan) == []  # awaiting confirmation
    actions.confirm_version(world.anna, v1, party="coach")
    actions.confirm_version(world.nadia, v1, party="newcomer")
    due = actions.herijking_due(plan)
    assert [d.trigger for d in due] == [Trigger.INTERVAL]
    later = TODAY + timedelta(5)
    enrolment = p.enrolments.get()
    StatusChange.objects.create(
        participant=p, enrolment=enrolment, status="job_seeking", date=later
    )
    ChangeRecord.objects.create(
        participant=p,
        section="situation",
        field="municipality",
        label="m",
        old_value="a",
        new_value="b",
    )
    ChangeRecord.objects.filter(field="municipality").update(at=timezone.now() + timedelta(days=6))
    triggers = {d.trigger: d.on for d in actions.herijking_due(plan)}
    assert triggers[Trigger.PHASE_CHANGE] == later
    assert triggers[Trigger.MOVE] == TODAY + timedelta(6)
    assert "Herijking due" in _client(world.anna).get(_url(p)).text


def test_another_organisations_coach_gets_404_and_the_refusal_is_logged(world, trial):
    p = world.participant
    actions.start_plan(world.anna, p, programme=trial)
    cees = _client(world.cees)
    assert cees.get(_url(p)).status_code == 404
    assert AccessLogEntry.objects.filter(user=world.cees, participant=p, action="denied").exists()
    with pytest.raises(PermissionDenied):
        actions.start_plan(world.cees, p)
    # The analyst and the employer see no plan either.
    assert _client(world.eva).get(_url(p)).status_code in (403, 404)


def test_the_newcomer_sees_only_their_own_plan_and_cannot_confirm_as_coach(world, trial):
    plan = actions.start_plan(world.anna, world.participant, programme=trial)
    v1 = actions.save_version(world.anna, plan)
    with pytest.raises(PermissionDenied):
        actions.confirm_version(world.nadia, v1, party="coach")
    assert _client(world.nadia).get(_url(world.participant)).status_code in (403, 404)


def test_near_miss_becomes_a_step_and_done_re_evaluates_the_vacancy(world, jobs):  # noqa: F811
    from tests.factories import CertificateFactory

    p = _ready(world.participant)
    anna = _client(world.anna)
    text = anna.get(reverse("matching:participant_suggestions", args=[p.public_id])).text
    assert "Add as plan step" in text
    token = _token(text, "Magazijn VCA")
    r = anna.post(_url(p, "pathway:plan_from_suggestion"), {"token": token})
    assert r.status_code == 302
    step = PlanStep.objects.get(plan__participant=p)
    assert step.vacancy == jobs["vca"] and step.type == "certificaat"
    assert "VCA" in step.title and "Near miss" in step.suggestion_before
    # The same click again adds nothing twice.
    anna.post(_url(p, "pathway:plan_from_suggestion"), {"token": token})
    assert PlanStep.objects.filter(plan__participant=p).count() == 1
    # The newcomer got the VCA: the step is done and the vacancy is checked again.
    CertificateFactory(participant=p, kind="vca")
    r = anna.post(
        _url(p, "pathway:plan_step", step.public_id),
        {
            "type": "certificaat",
            "title": step.title,
            "owner": "newcomer",
            "status": "done",
            "vacancy": step.vacancy_id,
        },
        follow=True,
    )
    step.refresh_from_db()
    assert step.suggestion_after.startswith("Now a match")
    assert "The vacancy was checked again: Now a match" in r.text
    assert "Now a match" in anna.get(_url(p)).text


def test_a_forged_or_foreign_token_adds_nothing(world, jobs):  # noqa: F811
    p = _ready(world.participant)
    anna = _client(world.anna)
    r = anna.post(_url(p, "pathway:plan_from_suggestion"), {"token": "forged"}, follow=True)
    assert "This suggestion is too old" in r.text
    assert not PlanStep.objects.exists()


def _json(client, method, url, data):
    import json

    return getattr(client, method)(url, json.dumps(data), content_type="application/json")


def test_api_plans_versions_steps_and_confirmations(world, trial):
    anna = _client(world.anna)
    pid = world.participant.public_id
    base = f"/api/pathway/participants/{pid}/plan"
    assert anna.get(base).status_code == 404
    r = _json(anna, "post", base, {"programme": str(trial.public_id)})
    assert r.status_code == 201, r.content
    assert [s["title"] for s in r.json()["steps"]] == ["Intake taal", "Bedrijfsbezoek"]
    r = _json(anna, "patch", base, {"droombaan": "Timmerman", "category_now": "nonsense"})
    assert r.status_code == 400 and "category_now" in r.json()["errors"]
    r = _json(anna, "patch", base, {"droombaan": "Timmerman", "category_now": "some"})
    assert r.status_code == 200 and r.json()["droombaan"] == "Timmerman"
    r = _json(
        anna, "post", f"{base}/steps", {"type": "cv", "title": "Cv maken", "status": "dropped"}
    )
    assert r.status_code == 400 and "drop_reason" in r.json()["errors"]
    r = _json(anna, "post", f"{base}/steps", {"type": "cv", "title": "Cv maken"})
    assert r.status_code == 201
    step_id = r.json()["id"]
    r = _json(anna, "post", f"{base}/versions", {})
    assert r.status_code == 201 and r.json()["number"] == 1 and not r.json()["agreed"]
    r = _json(anna, "post", f"{base}/versions/1/confirmations", {"party": "coach"})
    assert r.status_code == 201 and not r.json()["agreed"]
    nadia = _client(world.nadia)
    r = _json(nadia, "post", f"{base}/versions/1/confirmations", {"party": "newcomer"})
    assert r.status_code == 201 and r.json()["agreed"]
    assert r.json()["confirmations"][1]["channel"] == "portal"
    r = _json(
        anna,
        "put",
        f"{base}/steps/{step_id}",
        {"type": "cv", "title": "Cv maken", "status": "done"},
    )
    assert r.status_code == 200 and r.json()["status"] == "done"
    r = _json(anna, "post", f"{base}/versions", {"trigger": ""})
    assert r.status_code == 400 and "trigger" in r.json()["errors"]
    r = _json(anna, "post", f"{base}/versions", {"trigger": "move"})
    assert r.status_code == 201
    assert "Step “Cv maken”: status changed from Open to Done." in r.json()["changes"]
    # A confirmation of the replaced version 1 is refused.
    r = _json(nadia, "post", f"{base}/versions/1/confirmations", {"party": "newcomer"})
    assert r.status_code == 400
    plan = anna.get(base).json()
    assert [v["agreed"] for v in plan["versions"]] == [True, False]
    # Another organisation's coach: 404, logged as denied; the newcomer cannot edit.
    cees = _client(world.cees)
    assert cees.get(base).status_code == 404
    assert AccessLogEntry.objects.filter(user=world.cees, action="denied").exists()
    r = _json(nadia, "post", f"{base}/steps", {"type": "cv", "title": "Zelf"})
    assert r.status_code in (403, 404)


def test_a_step_links_only_the_participants_own_voortraject(world, trial):
    from tests.factories import ParticipantFactory

    p = world.participant
    enrolment = p.enrolments.get()
    from werkpad.pathway.models import Pretrajectory

    own = Pretrajectory.objects.create(
        enrolment=enrolment, start_date=TODAY - timedelta(5), type="vrijwilligerswerk"
    )
    other = ParticipantFactory(organisation=world.utrecht, regiehouder=world.anna)
    e2 = actions.enrol(world.anna, other, trial, intake_date=TODAY - timedelta(3))

    foreign = Pretrajectory.objects.create(
        enrolment=e2, start_date=TODAY - timedelta(2), type="anders"
    )
    plan = actions.start_plan(world.anna, p)
    with pytest.raises(ValidationError) as exc:
        actions.save_step(
            world.anna,
            PlanStep(plan=plan, type="vrijwilligerswerk", title="X", pretrajectory=foreign),
        )
    assert "pretrajectory" in exc.value.message_dict
    anna = _client(world.anna)
    page = anna.get(_url(p, "pathway:plan_step_new"))
    options = page.text.split('name="pretrajectory"')[1].split("</select>")[0]
    assert f'value="{own.pk}"' in options and f'value="{foreign.pk}"' not in options
    r = anna.post(
        _url(p, "pathway:plan_step_new"),
        {
            "type": "vrijwilligerswerk",
            "title": "Vrijwilligerswerk",
            "owner": "newcomer",
            "status": "busy",
            "pretrajectory": own.pk,
        },
    )
    assert r.status_code == 302
    assert PlanStep.objects.get(title="Vrijwilligerswerk").pretrajectory == own


def test_a_coach_links_a_vacancy_a_voortraject_and_a_course_by_hand(world, trial):
    """Form, action and API: a vacancy the coach may see, the participant's own voortraject,
    a course by name; a linked vacancy is re-evaluated when the step is done; history kept."""
    from tests.factories_employers import VacancyFactory
    from werkpad.employers import access as employer_access
    from werkpad.pathway.models import Pretrajectory

    p = world.participant
    plan = actions.start_plan(world.anna, p)
    voortraject = Pretrajectory.objects.create(
        enrolment=p.enrolments.get(), start_date=TODAY - timedelta(5), type="werkstage"
    )
    open_job = VacancyFactory(title="Timmerman Utrecht", status="open")
    draft = VacancyFactory(title="Nog niet open", status="draft", employer=open_job.employer)
    anna = _client(world.anna)
    page = anna.get(_url(p, "pathway:plan_step_new"))
    options = page.text.split('name="vacancy"')[1].split("</select>")[0]
    assert "Timmerman Utrecht" in options and "Nog niet open" not in options
    r = anna.post(
        _url(p, "pathway:plan_step_new"),
        {
            "type": "werkstage",
            "title": "Werkstage timmeren",
            "owner": "newcomer",
            "status": "busy",
            "vacancy": open_job.pk,
            "pretrajectory": voortraject.pk,
            "course": "VCA basis, ROC Midden Nederland",
        },
    )
    assert r.status_code == 302, r.content
    step = plan.steps.get(title="Werkstage timmeren")
    assert (step.vacancy, step.pretrajectory) == (open_job, voortraject)
    assert step.course == "VCA basis, ROC Midden Nederland"
    text = anna.get(_url(p)).text
    assert "Timmerman Utrecht" in text and "VCA basis" in text
    # A vacancy outside the form's choices is refused next to the field, input kept.
    r = anna.post(
        _url(p, "pathway:plan_step", step.public_id),
        {
            "type": "werkstage",
            "title": "Werkstage timmeren",
            "owner": "newcomer",
            "status": "busy",
            "vacancy": draft.pk + 1000,
        },
    )
    assert r.status_code == 200 and "Werkstage timmeren" in r.text
    step.refresh_from_db()
    assert step.vacancy == open_job
    # The action refuses a vacancy the user may not see (the employer desk's rule).
    step.vacancy = open_job
    assert not employer_access.vacancies_for(world.nadia).filter(pk=open_job.pk).exists()
    other = PlanStep(plan=plan, type="sollicitatie", title="Solliciteren", vacancy=open_job)
    with pytest.raises(ValidationError) as exc:
        actions.check_step(other, world.nadia)
    assert "vacancy" in exc.value.message_dict
    # The API: link, unknown vacancy 400, unlink; each change in the history.
    base = f"/api/pathway/participants/{p.public_id}/plan/steps"
    r = _json(
        anna,
        "post",
        base,
        {
            "type": "sollicitatie",
            "title": "Solliciteren",
            "vacancy": open_job.pk,
            "course": "Sollicitatietraining",
        },
    )
    assert r.status_code == 201 and r.json()["vacancy"] == open_job.pk, r.content
    sid = r.json()["id"]
    r = _json(
        anna,
        "put",
        f"{base}/{sid}",
        {"type": "sollicitatie", "title": "Solliciteren", "vacancy": 10**9},
    )
    assert r.status_code == 400 and "vacancy" in r.json()["errors"]
    r = _json(anna, "put", f"{base}/{sid}", {"type": "sollicitatie", "title": "Solliciteren"})
    assert r.status_code == 200 and r.json()["vacancy"] is None
    assert ChangeRecord.objects.filter(participant=p, field="step vacancy").exists()
