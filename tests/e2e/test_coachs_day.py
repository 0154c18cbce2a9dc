"""Issue 13 in a real browser: a placement is registered; the newcomer and the employer each get
their aftercare check-ins on the right dates; a check-in records a roster clash; the coach's day
shows it, with an expiring W-document and an overdue TWV from the demo; the newcomer's calendar
link returns the appointments with neutral titles. axe-core finds nothing serious on the new pages."""

from __future__ import annotations

import random
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from tests.conftest import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _serious(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    return [
        f"{v['impact']} {v['id']}: {v['help']}"
        for v in Axe().run(page).response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_aftercare_the_coachs_day_and_the_calendar_link(world, open_as, live_server):
    from tests.factories import ParticipantFactory, UserFactory
    from tests.factories_employers import EmployerFactory, TwvFactory, VacancyFactory
    from werkpad.accounts.models import Role
    from werkpad.core import schedule
    from werkpad.demo import care as demo_care
    from werkpad.pathway import aftercare
    from werkpad.pathway.models import AftercareCheckIn

    today = timezone.localdate()
    start = today - timedelta(days=7)
    nadia = world.participant
    nadia.lesson_mask = schedule.mask_of([(0, 0), (2, 0), (4, 0)])
    nadia.save()
    employer = EmployerFactory(organisation=world.employer_org, account_manager=world.bram)
    vacancy = VacancyFactory(employer=employer, title="Magazijnmedewerker", hours_per_week=20)
    # The demo's own seeder adds the appointments, links the coach to asylum seekers of the
    # Jobhunting@azc pilot and makes one W-document expire and one TWV overdue.
    other = UserFactory(username="coa-colleague", role=Role.COACH, organisation=world.utrecht)
    seekers = [
        ParticipantFactory(organisation=world.utrecht, regiehouder=other, residence="azc")
        for _ in range(2)
    ]
    TwvFactory(participant=seekers[0], vacancy=vacancy, submitted_recently=True)
    demo_care.seed(
        SimpleNamespace(
            rng=random.Random(1), seed=1, today=today, users={"coach": world.anna, "coa": None}
        )
    )

    # 1. Anna registers the placement (started a week ago).
    anna = open_as("anna", PASSWORD)
    anna.goto(f"{live_server.url}/employers/placements/new/{nadia.public_id}/?vacancy={vacancy.pk}")
    anna.select_option("#id_kind", "paid")
    anna.select_option("#id_found_via", "service")
    anna.fill("#id_start_date", start.isoformat())
    anna.select_option("#id_hours_kind", "fixed")
    anna.fill("#id_hours_per_week", "20")
    anna.click("button:has-text('Register placement')")
    anna.wait_for_selector("text=Placement registered")

    # 2. Both tracks, on the dates of the one rhythm.
    planned = [d for _phase, d in aftercare.planned_dates(start)]
    for track in ("newcomer", "employer"):
        dates = list(
            AftercareCheckIn.objects.filter(schedule__participant=nadia, track=track)
            .order_by("due_on")
            .values_list("due_on", flat=True)
        )
        assert dates == planned, track
    assert planned[0] == today  # weekly from week 1
    anna.goto(f"{live_server.url}/pathway/participants/{nadia.public_id}/contacts/")
    section = anna.locator("#h-aftercare").locator("..")
    assert section.locator("li", has_text="With the newcomer").count() == len(planned)
    assert section.locator("li", has_text="With the employer").count() == len(planned)

    # 3. The first check-in with Nadia records a roster clash, with a follow-up.
    anna.goto(f"{live_server.url}/")
    anna.wait_for_selector("#attention")
    anna.click("text=Aftercare check-in with the newcomer")
    anna.check("input[name=how][value=mixed]")
    anna.check("input[name=issues][value=roster_clash]")
    anna.fill("#id_follow_up", "Rooster van dinsdag bespreken met de werkgever")
    anna.click("button:has-text('Record the check-in')")
    anna.wait_for_selector("text=Check-in recorded.")
    assert "Appointments clash with the roster" in anna.locator("#recorded").inner_text()

    # 4. The coach's day (her home) shows it, the W-document and the TWV from the demo.
    anna.goto(f"{live_server.url}/")
    anna.wait_for_selector("#attention")
    listed = anna.locator("#attention").inner_text()
    assert "Check-in raised: Appointments clash with the roster" in listed
    assert "W-document expires" in listed
    assert "TWV past the practical term" in listed
    assert _serious(anna) == []

    # 5. Nadia makes her calendar link; it returns her appointments with neutral titles.
    portal = open_as("nadia", PASSWORD)
    portal.goto(f"{live_server.url}/portal/appointments/")
    assert "lessons and an appointment" in portal.locator("#clashes").inner_text()
    assert _serious(portal) == []
    portal.click("button:has-text('Make a calendar link')")
    link = portal.locator("#feed-url").input_value()
    assert link.startswith(live_server.url) and link.endswith(".ics")
    ics = portal.request.get(link)
    assert ics.ok
    body = ics.text()
    assert body.count("BEGIN:VEVENT") >= 4
    summaries = {line for line in body.splitlines() if line.startswith("SUMMARY:")}
    assert summaries == {"SUMMARY:Appointment"}
    for detail in ("IND", "Gehoor", "Huisarts", "Zwolle"):
        assert detail not in body
