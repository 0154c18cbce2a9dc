"""Suggested vacancies and candidates, the coach's decisions, and who may see them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import CertificateFactory, ParticipantFactory
from tests.factories_employers import EmployerFactory, LocationFactory, VacancyFactory
from werkpad.audit.models import AccessLogEntry
from werkpad.core.schedule import FULL_WEEK, WORKDAY_DAYTIME
from werkpad.employers.models import Shortlist
from werkpad.matching.models import MatchDecision
from werkpad.participants.models import WorkExperience

FORKLIFT = "urn:werkpad:demo:occupation:heftruckchauffeur"
WAREHOUSE = "urn:werkpad:demo:occupation:magazijnmedewerker"


def _ready(participant, **fields):
    """A status holder (free to work) in Utrecht, available all week, by bicycle."""
    values = {
        "phase": "inburgering",
        "dutch_spoken": "A1",
        "availability_mask": FULL_WEEK,
        "has_bicycle": True,
        "desired_occupation": "heftruckchauffeur",
        "desired_occupation_uri": FORKLIFT,
        "desired_self_development": "minimal",
    }
    values.update(fields)
    for key, value in values.items():
        setattr(participant, key, value)
    participant.save()
    WorkExperience.objects.create(
        participant=participant, occupation="heftruckchauffeur", occupation_uri=FORKLIFT, years=3
    )
    return participant


@pytest.fixture
def jobs(world):
    employer = EmployerFactory(organisation=world.employer_org)
    location = LocationFactory(employer=employer)
    common = {
        "employer": employer,
        "location": location,
        "hours_per_week": 16,
        "roster_mask": WORKDAY_DAYTIME,
        "roster_flexible": True,
        "required_certificates": [],
        "status": "open",
    }
    return {
        "fits": VacancyFactory(
            title="Heftruck A1",
            occupation="heftruckchauffeur",
            occupation_uri=FORKLIFT,
            dutch_level="A1",
            **common,
        ),
        "b1": VacancyFactory(
            title="Heftruck B1",
            occupation="heftruckchauffeur",
            occupation_uri=FORKLIFT,
            dutch_level="B1",
            **common,
        ),
        "vca": VacancyFactory(
            title="Magazijn VCA",
            occupation="magazijnmedewerker",
            occupation_uri=WAREHOUSE,
            dutch_level="A0",
            **{**common, "required_certificates": [{"kind": "vca", "detail": ""}]},
        ),
        "two_steps": VacancyFactory(
            title="Magazijn B1 VCA",
            occupation="magazijnmedewerker",
            occupation_uri=WAREHOUSE,
            dutch_level="B1",
            **{**common, "required_certificates": [{"kind": "vca", "detail": ""}]},
        ),
        "draft": VacancyFactory(
            title="Heftruck concept",
            occupation_uri=FORKLIFT,
            dutch_level="A0",
            **{**common, "status": "draft"},
        ),
    }


def _sections(text: str) -> tuple[str, str]:
    """The 'best fits' part and the 'near misses' part of a suggestions fragment."""
    best, _sep, near = text.partition("Near misses")
    return best, near


def test_participant_suggestions_exclude_b1_job_for_a1_candidate_and_show_the_step(
    world, login, jobs
):
    _ready(world.participant)
    client = login(world.anna)
    url = reverse("matching:participant_suggestions", args=[world.participant.public_id])
    response = client.get(url, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "<html" not in response.text  # an htmx fragment
    best, near = _sections(response.text)
    assert "Heftruck A1" in best
    assert "Heftruck B1" not in best
    assert "Heftruck B1" in near
    assert "Dutch B1 needed" in near  # the missing requirement as a plan step
    assert "Magazijn VCA" in near and "VCA needed" in near
    assert "Magazijn B1 VCA" not in response.text  # two steps short: not a near miss
    assert "Heftruck concept" not in response.text  # drafts are not suggested
    assert "Skills" in response.text and "Distance" in response.text  # named components
    assert AccessLogEntry.objects.filter(
        user=world.anna, participant=world.participant, what="matching suggestions"
    ).exists()
    # without htmx the same URL is a full page
    assert "<html" in client.get(url).text


def test_participant_page_loads_the_card_lazily(world, login, jobs):
    client = login(world.anna)
    response = client.get(reverse("participants:detail", args=[world.participant.public_id]))
    assert 'id="section-suggestions"' in response.text
    assert reverse("matching:participant_suggestions", args=[world.participant.public_id]) in (
        response.text
    )


def test_certificate_held_makes_the_vca_job_fit(world, login, jobs):
    _ready(world.participant)
    CertificateFactory(participant=world.participant, kind="vca")
    client = login(world.anna)
    url = reverse("matching:participant_suggestions", args=[world.participant.public_id])
    best, _near = _sections(client.get(url, headers={"HX-Request": "true"}).text)
    assert "Magazijn VCA" in best


def _token(text: str, title: str) -> str:
    part = text[text.index(title) :]
    return part.split('name="token" value="')[1].split('"')[0]


def test_shortlist_stores_the_decision_with_the_scores_shown(world, login, jobs):
    _ready(world.participant)
    client = login(world.anna)
    back = reverse("participants:detail", args=[world.participant.public_id])
    text = client.get(
        reverse("matching:participant_suggestions", args=[world.participant.public_id]),
        headers={"HX-Request": "true"},
    ).text
    token = _token(text, "Heftruck A1")
    response = client.post(
        reverse("matching:decide"),
        {
            "token": token,
            "decision": "shortlist",
            "reason_code": "good_fit",
            "reason": "Drove forklifts for three years.",
            "next": back,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == back
    decision = MatchDecision.objects.get()
    assert decision.decision == "shortlist"
    assert decision.coach == world.anna
    assert decision.vacancy == jobs["fits"]
    assert decision.reason_code == "good_fit"
    assert 0 < decision.score <= 1
    names = [c["name"] for c in decision.shown["components"]]
    assert "skills" in names and "distance" in names
    assert decision.shown["score"] == decision.score
    assert decision.weights_version.startswith("w-")
    entry = Shortlist.objects.get(vacancy=jobs["fits"], participant=world.participant)
    assert entry.added_by == world.anna
    assert AccessLogEntry.objects.filter(
        user=world.anna, participant=world.participant, action="update"
    ).exists()
    # once decided, the vacancy is no longer suggested
    again = client.get(
        reverse("matching:participant_suggestions", args=[world.participant.public_id]),
        headers={"HX-Request": "true"},
    ).text
    assert "Heftruck A1" not in _sections(again)[0]


def test_dismiss_needs_a_reason_and_is_stored(world, login, jobs):
    _ready(world.participant)
    client = login(world.anna)
    text = client.get(
        reverse("matching:participant_suggestions", args=[world.participant.public_id]),
        headers={"HX-Request": "true"},
    ).text
    token = _token(text, "Heftruck B1")
    no_reason = client.post(reverse("matching:decide"), {"token": token, "decision": "dismiss"})
    assert no_reason.status_code == 302
    assert not MatchDecision.objects.exists()
    other_empty = client.post(
        reverse("matching:decide"),
        {"token": token, "decision": "dismiss", "reason_code": "other", "reason": " "},
    )
    assert other_empty.status_code == 302
    assert not MatchDecision.objects.exists()
    client.post(
        reverse("matching:decide"),
        {"token": token, "decision": "dismiss", "reason_code": "not_interested"},
    )
    decision = MatchDecision.objects.get()
    assert decision.decision == "dismiss"
    assert decision.vacancy == jobs["b1"]
    assert decision.shown["near_miss"] is True
    assert decision.shown["steps"] == ["Dutch B1 needed"]
    assert not Shortlist.objects.exists()
    assert AccessLogEntry.objects.filter(
        user=world.anna, participant=world.participant, what="matching decision"
    ).exists()


def test_a_forged_token_is_refused(world, login, jobs):
    _ready(world.participant)
    client = login(world.anna)
    response = client.post(
        reverse("matching:decide"),
        {"token": "not-a-token", "decision": "shortlist", "reason_code": "good_fit"},
    )
    assert response.status_code == 302
    assert not MatchDecision.objects.exists()


def test_access_to_suggestions(world, login, jobs):
    _ready(world.participant)
    url = reverse("matching:participant_suggestions", args=[world.participant.public_id])
    assert login(world.cees).get(url).status_code == 404  # other organisation, not linked
    assert AccessLogEntry.objects.filter(
        user=world.cees, participant=world.participant, action="denied"
    ).exists()
    assert login(world.eva).get(url).status_code == 404  # employer contact
    assert login(world.ali).get(url).status_code == 404  # analyst
    assert login(world.nadia).get(url).status_code == 404  # the newcomer: not on this page
    vacancy_url = reverse("matching:vacancy_candidates", args=[jobs["fits"].pk])
    assert login(world.eva).get(vacancy_url).status_code == 403
    assert login(world.ali).get(vacancy_url).status_code == 403
    api = f"/api/matching/participants/{world.participant.public_id}/vacancies"
    assert login(world.cees).get(api).status_code == 404
    assert login(world.anna).get(api).status_code == 200


def test_a_decision_on_someone_elses_participant_is_refused(world, login, jobs):
    _ready(world.participant)
    text = (
        login(world.anna)
        .get(
            reverse("matching:participant_suggestions", args=[world.participant.public_id]),
            headers={"HX-Request": "true"},
        )
        .text
    )
    token = _token(text, "Heftruck A1")
    response = login(world.cees).post(
        reverse("matching:decide"),
        {"token": token, "decision": "shortlist", "reason_code": "good_fit"},
    )
    assert response.status_code == 404
    assert not MatchDecision.objects.exists()
    assert not Shortlist.objects.exists()


def test_vacancy_page_suggests_visible_candidates_only(world, login, jobs):
    _ready(world.participant)
    stranger = _ready(
        ParticipantFactory(
            first_name="Samir",
            last_name="Verborgen",
            organisation=world.vwn,
            municipality=world.participant.municipality,
        )
    )
    client = login(world.anna)
    detail = client.get(reverse("employers:vacancy_detail", args=[jobs["fits"].pk]))
    assert 'id="section-suggested-candidates"' in detail.text
    response = client.get(
        reverse("matching:vacancy_candidates", args=[jobs["fits"].pk]),
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert world.participant.full_name in response.text
    assert stranger.full_name not in response.text
    assert AccessLogEntry.objects.filter(
        user=world.anna, participant=world.participant, action="list", what="matching candidates"
    ).exists()
    token = _token(response.text, world.participant.full_name)
    client.post(
        reverse("matching:decide"),
        {"token": token, "decision": "shortlist", "reason_code": "participant_wants"},
    )
    assert Shortlist.objects.filter(vacancy=jobs["fits"], participant=world.participant).exists()


def test_api_decision(world, login, jobs):
    _ready(world.participant)
    client = login(world.anna)
    data = client.get(f"/api/matching/participants/{world.participant.public_id}/vacancies").json()
    assert [m["vacancy_title"] for m in data["matches"]] == ["Heftruck A1"]
    token = data["matches"][0]["token"]
    response = client.post(
        "/api/matching/decisions",
        {"token": token, "decision": "dismiss", "reason_code": "not_now"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert MatchDecision.objects.get().reason_code == "not_now"
