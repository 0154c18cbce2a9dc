"""The access log is complete (issue 8, section 4), through real HTTP requests.

- every refusal of personal data is exactly one ``denied`` entry, written by the scoped layers;
- pages that list identities (the participant dropdowns) log a list read;
- one entry per participant per request;
- the access-log page: translated labels, partial-number search, a clear message on a bad date
  range, and a CSV export for the privacy officer.
"""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import ParticipantFactory, UserFactory
from tests.factories_employers import (
    EmployerFactory,
    LocationFactory,
    ShortlistFactory,
    TwvFactory,
    VacancyFactory,
)
from werkpad.accounts.models import Role
from werkpad.audit import log
from werkpad.audit.models import AccessLogEntry
from werkpad.employers.models import Placement


@pytest.fixture
def client_for(db):
    def _client(user, language="en"):
        client = Client()
        client.force_login(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        return client

    return _client


def entries(participant=None, **filters):
    qs = AccessLogEntry.objects.all()
    if participant is not None:
        qs = qs.filter(participant=participant)
    return list(qs.filter(**filters).values_list("action", "what"))


# --- refusals ---------------------------------------------------------------------------------


@pytest.fixture
def other_newcomer(world):
    user = UserFactory(username="omar", role=Role.PARTICIPANT, organisation=None)
    return ParticipantFactory(organisation=world.utrecht, regiehouder=world.anna, user=user)


def _file_urls(p):
    pid = p.public_id
    return [
        ("get", reverse("participants:detail", args=[pid])),
        ("get", reverse("participants:history", args=[pid])),
        ("get", reverse("participants:edit_section", args=[pid, "person"])),
        ("post", reverse("participants:edit_section", args=[pid, "person"])),
        ("get", reverse("participants:intake_resume", args=[pid])),
        ("get", reverse("participants:status", args=[pid])),
        ("get", reverse("participants:consent_add", args=[pid])),
        ("get", reverse("participants:coach_link", args=[pid])),
        ("get", reverse("eligibility:panel", args=[pid])),
        ("get", reverse("matching:participant_suggestions", args=[pid])),
        ("get", f"/api/matching/participants/{pid}/vacancies"),
        ("get", f"/api/eligibility/participants/{pid}"),
    ]


def test_a_newcomer_probing_another_newcomers_pages_is_one_denied_entry_each(
    world, other_newcomer, client_for
):
    nadia = client_for(world.nadia)
    for method, url in _file_urls(other_newcomer):
        before = AccessLogEntry.objects.count()
        response = getattr(nadia, method)(url)
        assert response.status_code == 404, url
        assert AccessLogEntry.objects.count() == before + 1, url
        entry = AccessLogEntry.objects.order_by("-id").first()
        assert (entry.action, entry.participant_id, entry.user_id) == (
            "denied",
            other_newcomer.pk,
            world.nadia.pk,
        ), url
        assert other_newcomer.last_name not in response.text


@pytest.mark.parametrize("who", ["eva", "ali", "ada"])
def test_non_coach_api_404s_are_denied_entries(world, client_for, who):
    user = getattr(world, who)
    url = f"/api/matching/participants/{world.participant.public_id}/vacancies"
    response = client_for(user).get(url)
    assert response.status_code == 404
    assert entries(world.participant) == [("denied", "matching suggestions (api)")]


@pytest.fixture
def desk(world):
    """A shortlist entry, a TWV application and a placement of Nadia (anna's participant), at an
    employer nobody manages."""
    employer = EmployerFactory(organisation=world.employer_org)
    location = LocationFactory(employer=employer)
    vacancy = VacancyFactory(employer=employer, location=location, title="Magazijn")
    shortlist = ShortlistFactory(vacancy=vacancy, participant=world.participant)
    twv = TwvFactory(vacancy=vacancy, participant=world.participant)
    placement = Placement.objects.create(
        participant=world.participant,
        employer=employer,
        vacancy=vacancy,
        found_via="service",
        start_date=timezone.localdate(),
        hours_kind="fixed",
        hours_per_week=24,
        occupation="Magazijnmedewerker",
        sector=vacancy.sector or "logistics",
    )
    return {"vacancy": vacancy, "shortlist": shortlist, "twv": twv, "placement": placement}


def test_a_coach_probing_others_references_is_one_denied_entry_each(world, desk, client_for):
    cees = client_for(world.cees)  # another organisation: may not see Nadia
    probes = [
        ("get", reverse("employers:twv_detail", args=[desk["twv"].public_id]), {}),
        ("post", reverse("employers:twv_step", args=[desk["twv"].public_id, "submit"]), {}),
        ("get", reverse("employers:placement_detail", args=[desk["placement"].public_id]), {}),
        ("post", reverse("employers:placement_detail", args=[desk["placement"].public_id]), {}),
        (
            "post",
            reverse("employers:shortlist_status", args=[desk["shortlist"].public_id]),
            {"status": "proposed"},
        ),
        ("get", reverse("employers:twv_new") + f"?shortlist={desk['shortlist'].public_id}", {}),
        (
            "post",
            reverse("employers:shortlist_add", args=[desk["vacancy"].pk]),
            {"participant": str(world.participant.public_id)},
        ),
        (
            "post",
            reverse("employers:twv_new"),
            {"participant": str(world.participant.public_id), "vacancy": desk["vacancy"].pk},
        ),
        ("get", reverse("employers:placement_new", args=[world.participant.public_id]), {}),
    ]
    for method, url, data in probes:
        before = AccessLogEntry.objects.count()
        response = getattr(cees, method)(url, data)
        assert response.status_code == 404, url
        new = list(AccessLogEntry.objects.order_by("id")[before:])
        assert [(e.action, e.participant_id, e.user_id) for e in new] == [
            ("denied", world.participant.pk, world.cees.pk)
        ], url


def test_a_refused_portal_consent_post_is_denied_not_update(world, desk, client_for):
    stranger = EmployerFactory()  # never shortlisted Nadia
    nadia = client_for(world.nadia)
    response = nadia.post(reverse("portal:consent"), {"employer": stranger.pk, "decision": "share"})
    assert response.status_code == 404
    assert entries(world.participant) == [("denied", "portal consent")]
    response = nadia.post(reverse("portal:consent"), {"employer": "x", "decision": "share"})
    assert response.status_code == 404
    assert entries(world.participant, action="denied") == [("denied", "portal consent")] * 2
    assert not entries(world.participant, action="update")
    # The employer that did shortlist her: an ordinary change.
    employer = desk["vacancy"].employer
    nadia.post(reverse("portal:consent"), {"employer": employer.pk, "decision": "share"})
    assert len(entries(world.participant, action="update")) == 1


# --- pages that list identities ---------------------------------------------------------------


def test_the_vacancy_page_logs_the_participants_in_its_dropdown(world, desk, client_for):
    linked = ParticipantFactory(organisation=world.utrecht, regiehouder=world.anna)
    response = client_for(world.anna).get(
        reverse("employers:vacancy_detail", args=[desk["vacancy"].pk])
    )
    assert response.status_code == 200
    assert linked.number in response.text  # in the "add to shortlist" list
    assert entries(linked) == [("list", "vacancy form")]
    assert len(entries(world.participant)) == 1  # on the shortlist: listed once


def test_the_new_twv_page_logs_the_participants_in_its_dropdown(world, client_for):
    linked = ParticipantFactory(organisation=world.utrecht, regiehouder=world.anna)
    response = client_for(world.anna).get(reverse("employers:twv_new"))
    assert response.status_code == 200
    assert linked.number in response.text
    assert entries(linked) == [("list", "twv form")]
    assert entries(world.participant) == [("list", "twv form")]


# --- one entry per participant per request ----------------------------------------------------


def test_one_page_view_is_one_entry(world, client_for):
    client_for(world.anna).get(reverse("participants:detail", args=[world.participant.public_id]))
    assert entries(world.participant) == [("view", "file")]


def test_a_list_logs_each_participant_once(world, desk, client_for):
    """Two TWV applications and two placements of one person: one entry per page."""
    second = TwvFactory(vacancy=desk["vacancy"], participant=world.participant)
    Placement.objects.create(
        participant=world.participant,
        employer=desk["vacancy"].employer,
        vacancy=desk["vacancy"],
        found_via="service",
        start_date=timezone.localdate() - timedelta(days=400),
        end_date=timezone.localdate() - timedelta(days=100),
        hours_kind="fixed",
        hours_per_week=24,
        occupation="Magazijnmedewerker",
        sector=desk["placement"].sector,
    )
    anna = client_for(world.anna)
    assert second.participant_id == world.participant.pk
    anna.get(reverse("employers:twv_list") + "?status=")
    assert entries(world.participant) == [("list", "twv list")]
    # The log cannot be emptied (it is append-only): compare only what this request added.
    last = AccessLogEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    anna.get(reverse("employers:employer_detail", args=[desk["vacancy"].employer_id]))
    assert entries(world.participant, id__gt=last) == [("list", "employer")]


def test_an_intake_step_is_one_entry(world, client_for):
    """A step of the intake read the file, saved its sections and moved the step on: one line
    each. Now the request is one entry, with its weightiest action."""
    from tests.integration.test_intake import PERSON, languages_data, step_url
    from werkpad.participants.models import Participant

    anna = client_for(world.anna)
    anna.post(reverse("participants:intake_start"), {**PERSON, "nav": "next"})
    p = Participant.objects.get(last_name="Tesfaye")
    assert entries(p) == [("create", "participant")]
    response = anna.post(step_url(p, "languages"), languages_data(nav="next"))
    assert response.status_code == 302
    assert entries(p, action="update") == [("update", "intake languages")]
    assert len(entries(p)) == 2  # the creation and this step


def test_entries_are_written_when_the_request_fails(world):
    with pytest.raises(RuntimeError), log.collecting():
        log.record(world.anna, world.participant, "view", "file")
        log.record(world.anna, world.participant, "denied", "file")
        raise RuntimeError("the view broke")
    assert entries(world.participant) == [("denied", "file")]


# --- the access-log page ----------------------------------------------------------------------


@pytest.fixture
def logged(world, client_for):
    client_for(world.anna).get(reverse("participants:detail", args=[world.participant.public_id]))
    client_for(world.anna).get(
        reverse("matching:participant_suggestions", args=[world.participant.public_id])
    )


def test_the_what_column_shows_labels_in_the_readers_language(world, logged, client_for):
    english = client_for(world.ada).get(reverse("audit:log")).text
    assert "Participant file" in english and "Suggested vacancies" in english
    assert "<td>file</td>" not in english and "<td>matching suggestions</td>" not in english
    dutch = client_for(world.ada, "nl").get(reverse("audit:log")).text
    assert "Dossier deelnemer" in dutch and "Voorgestelde vacatures" in dutch


def test_part_of_a_participant_number_finds_its_entries(world, logged, client_for):
    part = world.participant.number[3:7].lower()
    response = client_for(world.ada).get(reverse("audit:log"), {"participant": part})
    assert response.status_code == 200
    assert "2 entries" in response.text
    assert world.participant.number in response.text


def test_a_from_date_after_the_to_date_says_so(world, logged, client_for):
    response = client_for(world.ada).get(
        reverse("audit:log"), {"date_from": "2026-03-10", "date_to": "2026-03-01"}
    )
    assert response.status_code == 400
    assert "The end date (01-03-2026) lies before the start date (10-03-2026)." in response.text
    assert 'value="2026-03-10"' in response.text  # what was typed is kept
    dutch = client_for(world.ada, "nl").get(
        reverse("audit:log"), {"date_from": "2026-03-10", "date_to": "2026-03-01"}
    )
    assert "De einddatum (01-03-2026) ligt vóór de begindatum (10-03-2026)." in dutch.text


def test_csv_export_for_the_privacy_officer(world, logged, client_for):
    sneaky = UserFactory(username="+31612345678", role=Role.COACH, organisation=world.utrecht)
    log.record(sneaky, world.participant, "view", "file")
    for who in ("anna", "ali", "eva", "nadia"):
        assert client_for(getattr(world, who)).get(reverse("audit:export")).status_code == 403
    today = date.today().isoformat()
    response = client_for(world.ada).get(
        reverse("audit:export"), {"participant": world.participant.number, "date_from": today}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "no-store" in response["Cache-Control"]
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["Time", "User", "Participant number", "Action", "What"]
    body = rows[1:]
    assert len(body) == 3
    assert {r[2] for r in body} == {world.participant.number}
    assert {r[4] for r in body} == {"Participant file", "Suggested vacancies"}
    assert [r[1] for r in body if "316" in r[1]] == ["'+31612345678"]  # not a formula
    assert "Haddad" not in text and "Nadia" not in text
    # The export is logged itself.
    assert AccessLogEntry.objects.filter(
        user=world.ada, action="export", what="access log export"
    ).exists()


def test_csv_export_refuses_a_bad_range(world, client_for):
    response = client_for(world.ada).get(
        reverse("audit:export"), {"date_from": "2026-03-10", "date_to": "2026-03-01"}
    )
    assert response.status_code == 400
    assert "lies before the start date" in response.text
