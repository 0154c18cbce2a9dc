"""Contact moments, appointments, the calendar feed, aftercare check-ins and the coach's day,
through real HTTP."""

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from tests.factories import ParticipantFactory
from tests.factories_employers import EmployerFactory, VacancyFactory
from werkpad.audit.models import AccessLogEntry
from werkpad.core import schedule
from werkpad.pathway import care_actions
from werkpad.pathway.models import AftercareCheckIn, Appointment, CalendarFeed, NewcomerContact


def _at(day, hour):
    return datetime.combine(
        day, datetime.min.time(), tzinfo=timezone.get_current_timezone()
    ) + timedelta(hours=hour)


@pytest.fixture
def placement(world):
    from werkpad.employers import actions

    employer = EmployerFactory(account_manager=world.bram)
    vacancy = VacancyFactory(
        employer=employer, roster_mask=schedule.mask_of([(d, p) for d in range(5) for p in (0, 1)])
    )
    return actions.register_placement(
        world.anna,
        world.participant,
        employer=employer,
        vacancy=vacancy,
        found_via="service",
        start_date=timezone.localdate() - timedelta(days=7),
        hours_kind="fixed",
        hours_per_week=Decimal(20),
    )


def test_contact_moments_are_recorded_under_the_file_rules(world, login):
    url = reverse("pathway:contacts", args=[world.participant.public_id])
    baseline = AccessLogEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    client = login(world.anna)
    today = timezone.localdate()
    bad = client.post(
        url,
        {
            "on": (today + timedelta(days=3)).isoformat(),
            "kind": "",
            "follow_up_on": today.isoformat(),
        },
    )
    assert bad.status_code == 200
    assert bad.text.count('class="error"') >= 2  # all errors at once, next to the fields
    response = client.post(
        url,
        {
            "on": today.isoformat(),
            "kind": "huisbezoek",
            "with_whom": "Nadia and her husband",
            "note": "Childcare arranged",
            "follow_up": "Call the school",
            "follow_up_on": today.isoformat(),
        },
    )
    assert response.status_code == 302
    contact = NewcomerContact.objects.get()
    assert contact.kind == "huisbezoek" and contact.recorded_by == world.anna
    assert AccessLogEntry.objects.filter(
        id__gt=baseline, participant=world.participant, user=world.anna, action="create"
    ).exists()
    # The follow-up is on Anna's day.
    day = client.get(reverse("pathway:day"))
    assert "Follow-up: Call the school" in day.text
    # Another organisation's coach gets 404, logged as denied.
    assert login(world.cees).get(url).status_code == 404
    assert AccessLogEntry.objects.filter(
        id__gt=baseline, participant=world.participant, user=world.cees, action="denied"
    ).exists()
    # The employer desk's contacts are named apart.
    from werkpad.employers.models import ContactMoment

    assert str(ContactMoment._meta.verbose_name) == "employer contact"
    assert str(NewcomerContact._meta.verbose_name) == "contact moment with the newcomer"


def test_appointments_and_the_schedule_check(world, login, placement):
    p = world.participant
    p.lesson_mask = schedule.mask_of([(0, 0), (2, 0)])  # Monday and Wednesday morning
    p.save()
    monday = schedule.week_start(timezone.localdate())
    url = reverse("pathway:appointments", args=[p.public_id])
    client = login(world.anna)
    response = client.post(
        url,
        {
            "kind": "ind",
            "on": (monday + timedelta(days=1)).isoformat(),
            "starts": "10:00",
            "ends": "11:30",
            "place": "IND Zwolle",
            "details": "gehoor",
        },
    )
    assert response.status_code == 302, response.text
    page = client.get(url + f"?week={monday.isoformat()}")
    text = page.text
    assert "work and lessons at the same time" in text
    assert "work and an appointment (IND appointment)" in text
    # 20 hours: above the 16 h of the trials, below the 24 h of the bijstand exit.
    assert "below 24 hours the benefit (bijstand) does not end" in text
    assert "below the 16 hours" not in text


def test_the_calendar_feed(world, login):
    from django.test import Client

    client = Client()  # the phone: no session
    p = world.participant
    tomorrow = timezone.localdate() + timedelta(days=1)
    Appointment.objects.create(
        participant=p,
        kind="ind",
        starts_at=_at(tomorrow, 9),
        ends_at=_at(tomorrow, 10),
        details="IND gehoor",
        place="IND Zwolle",
    )
    Appointment.objects.create(
        participant=p,
        kind="medical",
        starts_at=_at(tomorrow, 14),
        ends_at=_at(tomorrow, 15),
        details="huisarts",
    )
    portal = login(world.nadia)
    created = portal.post(reverse("portal:appointments"), {"do": "create"})
    assert created.status_code == 200
    feed = CalendarFeed.objects.get(participant=p)
    url = created.context["feed_url"]
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    # Not stored in clear: only its SHA-256.
    assert token not in feed.token_hash and len(feed.token_hash) == 64
    assert feed.token_hash == care_actions.hash_token(token)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM pathway_calendarfeed")
        assert token not in repr(cursor.fetchall())
    baseline = AccessLogEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    ics = client.get(url.replace("http://testserver", ""))
    assert ics.status_code == 200 and ics["Content-Type"].startswith("text/calendar")
    body = ics.content.decode()
    assert body.count("BEGIN:VEVENT") == 2
    assert "SUMMARY:Appointment" in body
    for secret in ("IND", "gehoor", "huisarts", "Zwolle", "Medical"):
        assert secret not in body
    # Every read is logged on the file.
    assert AccessLogEntry.objects.filter(
        id__gt=baseline, participant=p, what="calendar feed"
    ).exists()
    # Details only when the newcomer chooses them.
    portal.post(reverse("portal:appointments"), {"do": "details", "show_details": "on"})
    body = client.get(url.replace("http://testserver", "")).content.decode()
    assert "IND appointment" in body and "IND Zwolle" in body
    # Revoked: the link stops working.
    portal.post(reverse("portal:appointments"), {"do": "revoke"})
    assert client.get(url.replace("http://testserver", "")).status_code == 404
    assert client.get(reverse("pathway:feed", args=["not-a-token"])).status_code == 404


def test_portal_appointments_show_clashes(world, login, placement):
    p = world.participant
    monday = schedule.week_start(timezone.localdate())
    p.appointments.create(weekday=1, dagdeel=0, description="Meldplicht COA")
    page = login(world.nadia).get(reverse("portal:appointments"))
    assert page.status_code == 200
    assert "work and a weekly appointment at the same time" in page.text
    assert "Meldplicht COA" in page.text
    assert monday  # the check covers this week and the next


def test_check_ins_and_the_coachs_day(world, login, placement):
    newcomer_track = AftercareCheckIn.objects.filter(
        schedule__placement=placement, track="newcomer"
    )
    employer_track = AftercareCheckIn.objects.filter(
        schedule__placement=placement, track="employer"
    )
    assert newcomer_track.count() == employer_track.count() > 0
    first = newcomer_track.first()
    assert first.due_on == timezone.localdate()  # a week after the start
    anna = login(world.anna)
    day = anna.get(reverse("home"), follow=True)
    assert day.request["PATH_INFO"] == reverse("pathway:day")
    assert "Aftercare check-in with the newcomer" in day.text
    response = anna.post(
        reverse("pathway:check_in", args=[first.public_id]),
        {
            "done_on": timezone.localdate().isoformat(),
            "how": "mixed",
            "issues": ["roster_clash", "pay"],
            "follow_up": "Talk to the employer about Tuesday",
            "note": "",
        },
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.issues == ["pay", "roster_clash"]
    day = anna.get(reverse("pathway:day"))
    assert "Check-in raised: Pay questions, Appointments clash with the roster" in day.text
    # Bram (account manager, not on the file) sees the employer track, never the newcomer's.
    bram = login(world.bram)
    assert bram.get(reverse("pathway:check_in", args=[first.public_id])).status_code == 404
    assert (
        bram.get(reverse("pathway:check_in", args=[employer_track.first().public_id])).status_code
        == 200
    )
    # The aftercare list of the employer desk filters and pages.
    dash = bram.get(reverse("employers:dashboard") + "?when=open&phase=monthly")
    assert (
        dash.status_code == 200
        and "monthly aftercare" in dash.text
        and "weekly aftercare" not in dash.text
    )
    with override_settings(WERKPAD_PAGE_SIZE=10):
        with_pages = bram.get(reverse("employers:dashboard") + "?when=open&page=2")
    assert 'rel="next"' in with_pages.text and 'rel="prev"' in with_pages.text
    assert "when=open&amp;page=3" in with_pages.text


def test_a_coa_location_list(world, login):
    from tests.factories import OrganisationFactory, UserFactory
    from werkpad.accounts.models import OrganisationKind, Role
    from werkpad.participants.models import Consent

    coa = OrganisationFactory(name="COA Utrecht", kind=OrganisationKind.COA)
    karin = UserFactory(username="karin", role=Role.COACH, organisation=coa)
    today = timezone.localdate()
    resident = ParticipantFactory(
        organisation=coa,
        regiehouder=karin,
        coa_location=coa,
        w_document_expiry=today + timedelta(days=12),
    )
    ParticipantFactory(
        organisation=coa,
        regiehouder=karin,
        coa_location=coa,
        w_document_expiry=today + timedelta(days=200),
    )
    Appointment.objects.create(
        participant=resident,
        kind="meldplicht",
        starts_at=_at(today + timedelta(days=1), 9),
        ends_at=_at(today + timedelta(days=1), 9.5),
    )
    page = login(karin).get(reverse("pathway:location"))
    assert page.status_code == 200
    assert page.text.count("W-document expires</a>") == 1
    assert "COA reporting duty (meldplicht)" in page.text
    assert login(world.anna).get(reverse("pathway:location")).status_code == 404
    assert Consent  # the location shows only files the case manager may open
