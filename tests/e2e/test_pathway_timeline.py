"""The path in a real browser at phone width: enrol, change the status, read the timeline."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.e2e.login import PHONE, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_coach_walks_the_path_at_390px(world, browser, live_server):
    from werkpad.pathway.models import Enrolment, Programme

    trial = Programme.objects.create(
        name="Proef startbanen Utrecht", kind="startbaan", start_date=date(2024, 1, 1)
    )
    trial.organisations.add(world.utrecht)
    context, page = log_in(browser, live_server, "anna", viewport=PHONE)

    page.goto(f"{live_server.url}/pathway/participants/{world.participant.public_id}/timeline/")
    page.get_by_role("link", name="Enrol in a programme").click()
    page.select_option("#id_programme", label="Proef startbanen Utrecht")
    page.fill("#id_intake_date", (timezone.localdate() - timedelta(30)).isoformat())
    page.select_option("#id_status", "needs_pretrajectory")
    page.get_by_role("button", name="Save").click()
    page.wait_for_selector("h2:has-text('Proef startbanen Utrecht')")

    section = page.locator("section", has_text="Proef startbanen Utrecht")
    section.get_by_role("link", name="Change status").click()
    page.select_option("#id_status", "on_hold")
    page.get_by_role("button", name="Save").click()
    # The reason is missing: the error stands next to the field, what was typed is kept.
    page.wait_for_selector("#id_reason_code_error")
    assert page.locator("#id_status").input_value() == "on_hold"
    page.select_option("#id_reason_code", "medical")
    page.get_by_role("button", name="Save").click()
    page.wait_for_selector("text=Status changed.")

    items = page.locator("section", has_text="Proef startbanen Utrecht").locator("li")
    texts = items.all_inner_texts()
    assert any("Needs a pre-work trajectory" in t for t in texts)
    assert any("On hold" in t for t in texts)
    # Nothing sticks out at phone width.
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    e = Enrolment.objects.get(participant=world.participant, programme=trial)
    assert e.status == "on_hold"
    context.close()
