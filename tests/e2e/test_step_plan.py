"""The step plan in a real browser at phone width: from a programme template, a near-miss step from
the suggestions, confirmation in the portal, herijking to version 2 with the changes listed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.e2e.login import PHONE, log_in
from tests.integration.test_matching_suggestions import _ready, jobs  # noqa: F401

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NO_OVERFLOW = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"


def _login(browser, live_server, username):
    return log_in(browser, live_server, username, viewport=PHONE)


def test_plan_made_together_confirmed_and_revised_at_390px(world, browser, live_server, jobs):  # noqa: F811
    from werkpad.pathway import actions
    from werkpad.pathway.models import Plan, Programme, StepTemplate

    p = _ready(world.participant)
    trial = Programme.objects.create(
        name="Proef startbanen Utrecht", kind="startbaan", start_date=date(2024, 1, 1)
    )
    trial.organisations.add(world.utrecht)
    StepTemplate.objects.create(
        programme=trial, position=0, title="Intake taalniveau", due_after_days=14
    )
    actions.enrol(world.anna, p, trial, intake_date=timezone.localdate() - timedelta(20))

    context, page = _login(browser, live_server, "anna")
    base = f"{live_server.url}/pathway/participants/{p.public_id}/plan/"
    page.goto(base)
    page.select_option("#id_programme", label="Proef startbanen Utrecht")
    page.get_by_role("button", name="Start the plan").click()
    page.wait_for_selector("text=Intake taalniveau")
    assert page.evaluate(NO_OVERFLOW)

    # A near miss from the suggestions becomes a step with one click.
    page.goto(f"{live_server.url}/matching/participants/{p.public_id}/vacancies/")
    card = page.locator("li.suggestion", has_text="Magazijn VCA")
    card.get_by_role("button", name="Add as plan step").click()
    page.wait_for_selector("text=Added to the plan")
    assert page.locator("li.plan-step", has_text="Magazijn VCA").count() == 1

    page.get_by_role("button", name="Save as version 1").click()
    page.wait_for_selector("text=Version 1 saved.")
    page.get_by_role("button", name="Confirm as coach").click()
    page.wait_for_selector("text=Confirmation recorded.")
    assert page.locator("#version-1").get_by_text("Awaiting confirmation").count() == 1
    assert page.evaluate(NO_OVERFLOW)

    # The newcomer reads and confirms version 1 in the portal, at phone width.
    ctx2, portal = _login(browser, live_server, "nadia")
    portal.goto(f"{live_server.url}/portal/plan/")
    portal.wait_for_selector("text=Intake taalniveau")
    assert portal.evaluate(NO_OVERFLOW)
    portal.get_by_role("button", name="I agree with version 1").click()
    portal.wait_for_selector("text=you confirmed version 1")
    ctx2.close()

    page.goto(base)
    assert page.locator("#version-1").get_by_text("Agreed").count() == 1

    # Herijking: a step is done, the plan is saved as version 2; version 1 stays readable.
    page.locator("li.plan-step", has_text="Intake taalniveau").get_by_role(
        "link", name="Change"
    ).click()
    page.select_option("#id_status", "done")
    page.get_by_role("button", name="Save").click()
    page.wait_for_selector("text=Step saved.")
    page.select_option("#id_trigger", "interval")
    page.fill("#id_note", "Na drie maanden")
    page.get_by_role("button", name="Herijking: save as a new version").click()
    page.wait_for_selector("text=Version 2 saved.")
    v2 = page.locator("#version-2")
    assert v2.get_by_text("Awaiting confirmation").count() == 1
    assert "Step “Intake taalniveau”: status changed from Open to Done." in v2.inner_text()
    v1 = page.locator("#version-1")
    v1.get_by_text("Read version 1").click()
    assert "Intake taalniveau" in v1.inner_text()
    # The newcomer's in-person confirmation of version 2, recorded by the coach.
    v2.get_by_text("Record the newcomer's confirmation in person").click()
    v2.locator("#id_language").fill("Arabic")
    v2.locator("#id_interpreter").fill("Tolkcentrum")
    v2.get_by_role("button", name="Record confirmation").click()
    page.wait_for_selector("text=Confirmation recorded.")
    assert page.evaluate(NO_OVERFLOW)
    plan = Plan.objects.get(participant=p)
    assert [v.agreed for v in plan.versions.order_by("number")] == [True, False]
    context.close()
