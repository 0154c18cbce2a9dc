"""An employer never sees another employer's data, nor the identity of a participant who has not
consented — through pages, the API and exports. Real HTTP through the Django test client."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import (
    CertificateFactory,
    OrganisationFactory,
    ParticipantFactory,
    UserFactory,
)
from tests.factories_employers import EmployerFactory, ShortlistFactory, TwvFactory, VacancyFactory
from werkpad.accounts.models import OrganisationKind, Role
from werkpad.audit.models import AccessLogEntry
from werkpad.employers import access
from werkpad.participants.models import WorkExperience

IDENTIFYING = ("Nadia", "Haddad", "Syrië", "1990", "nadia@example.org", "0612345678")


@pytest.fixture
def desk(world):
    """Eva's employer (De Vries) and a rival employer (Schoonmaak Zon) with its own contact, Zoe."""
    world.participant.email = "nadia@example.org"
    world.participant.phone = "0612345678"
    world.participant.dutch_spoken = "A2"
    world.participant.availability_mask = 0b111
    world.participant.save()
    WorkExperience.objects.create(
        participant=world.participant, occupation="metselaar", years=4, country="SY"
    )
    CertificateFactory(participant=world.participant, kind="vca")
    devries = EmployerFactory(organisation=world.employer_org)
    rival_org = OrganisationFactory(name="Schoonmaak Zon", kind=OrganisationKind.EMPLOYER)
    rival = EmployerFactory(organisation=rival_org, sector="schoonmaak")
    zoe = UserFactory(username="zoe", role=Role.EMPLOYER, organisation=rival_org)
    own = VacancyFactory(employer=devries, title="Timmerman Utrecht")
    theirs = VacancyFactory(employer=rival, title="Glazenwasser Zeist", sector="schoonmaak")
    entry = ShortlistFactory(vacancy=own, participant=world.participant, added_by=world.anna)
    other = ParticipantFactory(first_name="Omar", last_name="Khalil", organisation=world.utrecht)
    rival_entry = ShortlistFactory(vacancy=theirs, participant=other)
    TwvFactory(participant=world.participant, vacancy=own, submitted_recently=True)
    TwvFactory(participant=other, vacancy=theirs)
    world.devries, world.rival, world.zoe = devries, rival, zoe
    world.own, world.theirs, world.entry, world.rival_entry = own, theirs, entry, rival_entry
    world.other = other
    return world


def _consent(client_for, world):
    client = client_for(world.nadia)
    response = client.post(
        reverse("portal:consent"), {"employer": world.devries.pk, "decision": "share"}
    )
    assert response.status_code == 302


def test_employer_sees_only_own_vacancies_on_pages(desk, login):
    client = login(desk.eva)
    home = client.get(reverse("employers:portal_home"))
    assert home.status_code == 200
    assert "Timmerman Utrecht" in home.text
    assert "Glazenwasser Zeist" not in home.text
    assert client.get(reverse("employers:portal_vacancy", args=[desk.theirs.pk])).status_code == 404
    assert (
        client.get(reverse("employers:portal_vacancy_edit", args=[desk.theirs.pk])).status_code
        == 404
    )
    response = client.post(
        reverse("employers:portal_vacancy_edit", args=[desk.theirs.pk]),
        {"title": "Hijacked", "intent": "keep"},
    )
    assert response.status_code == 404
    desk.theirs.refresh_from_db()
    assert desk.theirs.title == "Glazenwasser Zeist"


def test_employer_cannot_open_coach_pages(desk, login):
    client = login(desk.eva)
    for name, args in [
        ("employers:employer_list", []),
        ("employers:employer_detail", [desk.rival.pk]),
        ("employers:vacancy_detail", [desk.own.pk]),
        ("employers:twv_list", []),
        ("employers:dashboard", []),
        ("employers:import", []),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 403, name


def test_candidate_is_pseudonymous_without_consent(desk, login):
    client = login(desk.eva)
    response = client.get(reverse("employers:portal_vacancy", args=[desk.own.pk]))
    assert response.status_code == 200
    text = response.text
    for value in IDENTIFYING:
        assert value not in text, value
    assert desk.entry.pseudonym_code in text
    assert "metselaar" in text  # experience is part of the pseudonymous profile
    assert "VCA" in text
    assert str(desk.participant.public_id) not in text
    assert desk.participant.number not in text
    log = AccessLogEntry.objects.filter(user=desk.eva, participant=desk.participant).first()
    assert log is not None and "pseudonymous" in log.what


def test_consent_reveals_name_and_withdrawal_hides_it_again(desk, login, client):
    _consent(login, desk)
    client.force_login(desk.eva)
    named = client.get(reverse("employers:portal_vacancy", args=[desk.own.pk]))
    assert "Nadia Haddad" in named.text
    for value in ("Syrië", "nadia@example.org", "0612345678", "1990"):
        assert value not in named.text  # consent adds the name, and only the name
    # The rival employer gets nothing from Nadia's consent to De Vries.
    client.force_login(desk.zoe)
    rival = client.get(reverse("employers:portal_vacancy", args=[desk.theirs.pk]))
    assert "Nadia" not in rival.text and "Omar" not in rival.text
    # Withdraw: the employer sees a pseudonym again, a new one (issue 9: the employer who saw
    # the name cannot keep following the person under the old code).
    client.force_login(desk.nadia)
    client.post(reverse("portal:consent"), {"employer": desk.devries.pk, "decision": "withdraw"})
    client.force_login(desk.eva)
    again = client.get(reverse("employers:portal_vacancy", args=[desk.own.pk]))
    assert "Nadia" not in again.text
    assert desk.entry.pseudonym_code not in again.text
    assert access.pseudonym_code(desk.entry) in again.text


def test_consent_only_for_employers_that_shortlisted_me(desk, login):
    client = login(desk.nadia)
    page = client.get(reverse("portal:consent"))
    assert "Bouwbedrijf De Vries" in page.text
    assert "Schoonmaak Zon" not in page.text
    response = client.post(
        reverse("portal:consent"), {"employer": desk.rival.pk, "decision": "share"}
    )
    assert response.status_code == 404
    assert not desk.participant.consents.filter(scope="employer_profile").exists()


def test_employer_twv_page_shows_own_candidates_pseudonymously(desk, login):
    client = login(desk.eva)
    response = client.get(reverse("employers:portal_twv"))
    assert response.status_code == 200
    assert desk.entry.pseudonym_code in response.text
    assert "Nadia" not in response.text
    assert "Schoonmaak Zon" not in response.text
    assert "Omar" not in response.text
    assert "Submitted to the UWV" in response.text


def test_api_vacancies_and_candidates_are_scoped(desk, login):
    client = login(desk.eva)
    listed = client.get("/api/employers/vacancies").json()
    assert [v["title"] for v in listed] == ["Timmerman Utrecht"]
    assert client.get(f"/api/employers/vacancies/{desk.theirs.pk}/candidates").status_code == 404
    candidates = client.get(f"/api/employers/vacancies/{desk.own.pk}/candidates")
    assert candidates.status_code == 200
    body = candidates.text
    for value in IDENTIFYING:
        assert value not in body, value
    assert str(desk.participant.public_id) not in body
    data = candidates.json()
    assert data[0]["name"] is None and data[0]["consented"] is False
    assert data[0]["pseudonym"].endswith(desk.entry.pseudonym_code)
    assert data[0]["twv_status"] == "submitted"
    assert client.get("/api/employers/twv").status_code == 403

    _consent(login, desk)
    client.force_login(desk.eva)
    named = client.get(f"/api/employers/vacancies/{desk.own.pk}/candidates").json()
    assert named[0]["name"] == "Nadia Haddad"


def test_api_employer_creates_vacancy_only_for_own_employer(desk, login):
    client = login(desk.eva)
    payload = {
        "title": "Opperman",
        "occupation": "bouwhulp",
        "hours_per_week": "24",
        "roster": ["mon_morning", "tue_morning"],
        "contract_kind": "fixed_term",
        "self_development": "minimal",
        "status": "open",
        "certificates": [{"kind": "vca"}],
    }
    response = client.post("/api/employers/vacancies", payload, content_type="application/json")
    assert response.status_code == 201, response.text
    assert response.json()["employer"] == "Bouwbedrijf De Vries"
    bad = client.post(
        "/api/employers/vacancies",
        {**payload, "roster": ["someday"]},
        content_type="application/json",
    )
    assert bad.status_code == 400
    coach = login(desk.anna)
    assert (
        coach.post("/api/employers/vacancies", payload, content_type="application/json").status_code
        == 403
    )


def test_api_twv_for_coach_lists_visible_participants_only(desk, login):
    rows = login(desk.cees).get("/api/employers/twv").json()
    assert rows == []
    rows = login(desk.anna).get("/api/employers/twv").json()
    assert {r["candidate"] for r in rows} == {"Nadia Haddad"}
    assert rows[0]["expected_legal"] is not None


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_employer_export_holds_only_own_records_and_no_participants(desk, login, fmt):
    ShortlistFactory(vacancy=desk.own, participant=desk.other)
    client = login(desk.eva)
    for what in ("vacancies", "employers"):
        response = client.get(reverse("employers:export", args=[what, fmt]))
        assert response.status_code == 200
        content = response.content
        if fmt == "xlsx":
            sheet = load_workbook(io.BytesIO(content)).worksheets[0]
            text = "\n".join(
                ",".join("" if c is None else str(c) for c in row)
                for row in sheet.iter_rows(values_only=True)
            )
        else:
            text = content.decode("utf-8-sig")
        assert "Schoonmaak Zon" not in text
        assert "Glazenwasser" not in text
        for value in ("Nadia", "Haddad", "Omar", "Khalil"):
            assert value not in text
        if what == "vacancies":
            assert "Timmerman Utrecht" in text
        else:
            assert "Bouwbedrijf De Vries" in text


def test_other_roles_get_nothing(desk, login):
    for who in ("ali", "nadia"):
        client = login(getattr(desk, who))
        assert client.get(reverse("employers:portal_home")).status_code == 403
        assert client.get(reverse("employers:export", args=["vacancies", "csv"])).status_code == 403
        assert client.get("/api/employers/vacancies").json() == []


def test_coach_shortlist_page_hides_participants_the_coach_may_not_see(desk, login):
    response = login(desk.cees).get(reverse("employers:vacancy_detail", args=[desk.own.pk]))
    assert response.status_code == 200
    assert "Nadia" not in response.text
    assert "1 more candidate" in response.text
