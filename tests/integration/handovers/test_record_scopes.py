"""Issue 12: the screens outside the file page go through the link's section scope too.

Cees (another organisation) is linked to Nadia's file with read access to "languages" only.
Each screen that shows a record of another section — the employer desk (candidate lists,
placements, TWV tracker), the path and the plan, the eligibility API — must not show it to him:
a single record answers 404 and logs ``denied``; a list or an export leaves it out. With the
section in his scope, the same screens show it (the control).
"""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories_employers import (
    EmployerFactory,
    LocationFactory,
    ShortlistFactory,
    TwvFactory,
    VacancyFactory,
)
from werkpad.audit.models import AccessLogEntry
from werkpad.employers.models import Placement
from werkpad.participants import access
from werkpad.participants.actions import link_coach
from werkpad.pathway import actions as pathway_actions
from werkpad.pathway.models import Programme


@pytest.fixture
def records(world):
    p = world.participant
    employer = EmployerFactory(organisation=world.employer_org)
    vacancy = VacancyFactory(
        employer=employer, location=LocationFactory(employer=employer), title="Magazijn"
    )
    ShortlistFactory(vacancy=vacancy, participant=p)
    twv = TwvFactory(vacancy=vacancy, participant=p)
    placement = Placement.objects.create(
        participant=p,
        employer=employer,
        vacancy=vacancy,
        found_via="service",
        start_date=timezone.localdate(),
        hours_kind="fixed",
        hours_per_week=24,
        occupation="Magazijnmedewerker",
        sector=vacancy.sector or "logistics",
    )
    programme = Programme.objects.create(
        name="Proef", kind="startbaan", start_date=date(2024, 1, 1)
    )
    programme.organisations.add(world.utrecht)
    enrolment = pathway_actions.enrol(world.anna, p, programme, intake_date=date(2026, 1, 5))
    pathway_actions.save_version(world.anna, pathway_actions.start_plan(world.anna, p))
    link = link_coach(world.anna, p, world.cees, "language coach")
    link.read_sections, link.edit_sections = ["languages"], []
    link.save()
    return {
        "vacancy": vacancy,
        "twv": twv,
        "placement": placement,
        "enrolment": enrolment,
        "link": link,
    }


def _screens(p, r):
    """(kind, url, section it needs): single records (404 + denied) and lists/exports (left out)."""
    pid = p.public_id
    return {
        "single": [
            (reverse("pathway:timeline", args=[pid]), "pathway"),
            (f"/api/pathway/participants/{pid}/timeline", "pathway"),
            (f"/api/pathway/participants/{pid}/enrolments", "pathway"),
            (f"/api/pathway/enrolments/{r['enrolment'].public_id}", "pathway"),
            (reverse("pathway:plan", args=[pid]), "plan"),
            (reverse("pathway:plan_pdf", args=[pid]), "plan"),
            (f"/api/pathway/participants/{pid}/plan", "plan"),
            (f"/api/eligibility/participants/{pid}", "eligibility"),
            (f"/api/eligibility/participants/{pid}/reba", "eligibility"),
            (reverse("eligibility:panel", args=[pid]), "eligibility"),
            (reverse("employers:placement_detail", args=[r["placement"].public_id]), "placement"),
            (reverse("employers:twv_detail", args=[r["twv"].public_id]), "twv"),
        ],
        "list": [
            (reverse("employers:vacancy_detail", args=[r["vacancy"].pk]), "shortlist"),
            (f"/api/employers/vacancies/{r['vacancy'].pk}/candidates", "shortlist"),
            (reverse("employers:twv_list"), "twv"),
            ("/api/employers/twv", "twv"),
            (reverse("employers:employer_detail", args=[r["vacancy"].employer_id]), "placement"),
            (reverse("pathway:export", args=["enrolments", "csv"]), "pathway"),
        ],
    }


def _denied_since(user, p, baseline):
    return AccessLogEntry.objects.filter(
        user=user, participant=p, action="denied", id__gt=baseline
    ).count()


def _baseline():
    return AccessLogEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0


def test_every_screen_outside_the_file_page_follows_the_links_sections(world, records, login):
    p = world.participant
    screens = _screens(p, records)
    client = login(world.cees)
    # He may open the file (the languages section) ...
    assert client.get(reverse("participants:detail", args=[p.public_id])).status_code == 200
    # ... but no record of another section: single records 404, each refusal logged.
    for url, _section in screens["single"]:
        baseline = _baseline()
        response = client.get(url)
        assert response.status_code == 404, url
        assert _denied_since(world.cees, p, baseline) == 1, url
    # Lists and exports leave the participant out (name and number).
    for url, _section in screens["list"]:
        text = client.get(url).content.decode()
        assert "Haddad" not in text and p.number not in text, url
    # The regiehouder sees every one of them (the control).
    anna = login(world.anna)
    for url, _section in screens["single"] + screens["list"]:
        response = anna.get(url)
        assert response.status_code == 200, url
    assert "Haddad" in anna.get(screens["list"][0][0]).content.decode()


@pytest.mark.parametrize("section", ["work", "procedure"])
def test_the_section_in_the_links_scope_opens_exactly_its_screens(world, records, login, section):
    p = world.participant
    link = records["link"]
    link.read_sections = ["languages", section]
    link.save()
    client = login(world.cees)
    for kind, screens in _screens(p, records).items():
        for url, record in screens:
            opened = access.section_of(record) == section
            response = client.get(url)
            if kind == "single":
                assert response.status_code == (200 if opened else 404), url
            else:
                text = response.content.decode()
                assert ("Haddad" in text or p.number in text) == opened, url


def test_writes_need_the_section_editable(world, records, login):
    """Read on "work" lets him see the shortlist, not add to it, nor register a placement."""
    p = world.participant
    link = records["link"]
    link.read_sections = ["languages", "work", "procedure"]
    link.save()
    client = login(world.cees)
    baseline = _baseline()
    vacancy = VacancyFactory(employer=records["vacancy"].employer, title="Tweede")
    response = client.post(
        reverse("employers:shortlist_add", args=[vacancy.pk]),
        {"participant": str(p.public_id), "reason": "past goed"},
    )
    assert response.status_code == 404
    assert not vacancy.shortlist.exists()
    response = client.post(
        reverse("employers:placement_new", args=[p.public_id]), {"employer": vacancy.employer_id}
    )
    assert response.status_code == 404
    # Nor move the TWV application on, nor end the placement (he reads both).
    response = client.post(
        reverse("employers:twv_step", args=[records["twv"].public_id, "submit"]),
        {"submitted_on": timezone.localdate().isoformat(), "uwv_reference": "X1"},
    )
    assert response.status_code == 404
    response = client.post(
        reverse("employers:placement_detail", args=[records["placement"].public_id]),
        {"end_date": timezone.localdate().isoformat(), "reason": "other"},
    )
    assert response.status_code == 404
    records["twv"].refresh_from_db()
    records["placement"].refresh_from_db()
    assert records["twv"].status == "prepared" and records["placement"].end_date is None
    assert _denied_since(world.cees, p, baseline) == 4
    assert set(access.visible_participants(world.cees, section="work")) == {p}
    assert not access.visible_participants(world.cees, section="work", edit=True).exists()
