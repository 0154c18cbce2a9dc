"""Issue 9 through HTTP and the adapters: incoherent files, distribution work, the coach's words."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import ParticipantFactory
from tests.integration.test_eligibility_panel import HX, _asylum_seeker, _panel_url
from werkpad.core import rules
from werkpad.eligibility import adapters


@pytest.fixture
def coach(world, login):
    world.anna.language = "en"
    world.anna.save()
    return login(world.anna)


def test_a_what_if_start_before_the_asylum_application_is_an_error_next_to_the_field(world, coach):
    p = _asylum_seeker(world, 7)
    applied = p.asylum_application_date
    response = coach.post(
        _panel_url(p),
        {
            "on": (applied - timedelta(days=30)).isoformat(),
            "start_date": (applied - timedelta(days=10)).isoformat(),
            "hours_per_week": "24",
        },
        **HX,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "The job would start before the asylum application in the file" in html
    assert "elig-outcome" not in html  # no answer on contradicting dates
    # what was typed is kept
    assert (applied - timedelta(days=10)).isoformat() in html


def test_a_birth_date_in_the_future_is_explained_above_the_form(world, coach):
    p = _asylum_seeker(world, 7, birth_date=timezone.localdate() + timedelta(days=5))
    response = coach.get(_panel_url(p), **HX)
    assert response.status_code == 200
    assert "The date of birth in the file is in the future" in response.content.decode()


def test_the_api_answers_422_for_contradicting_dates(world, login):
    p = _asylum_seeker(world, 7, birth_date=timezone.localdate() + timedelta(days=5))
    client = login(world.anna)
    response = client.get(f"/api/eligibility/participants/{p.public_id}")
    assert response.status_code == 422
    assert "birth_date" in response.json()["errors"]
    anonymous = client.post(
        "/api/eligibility/evaluate",
        {
            "phase": "asylum_seeker",
            "asylum_application_date": "2025-06-01",
            "residence_permit_date": "2025-01-01",
        },
        content_type="application/json",
    )
    assert anonymous.status_code == 422
    assert "residence_permit_date" in anonymous.json()["errors"]


def test_matching_gets_unknown_for_a_file_with_contradicting_dates(world):
    p = _asylum_seeker(world, 7, birth_date=timezone.localdate() + timedelta(days=5))
    window = adapters.work_window_for(p, timezone.localdate())
    assert window.outcome is rules.Outcome.UNKNOWN


def test_a_distribution_centre_vacancy_is_distribution_work_for_omkoppeling():
    vacancy = SimpleNamespace(sector="distributie", hours_per_week=24, contract_months=12)
    job = adapters.job_from_vacancy(vacancy)
    assert job.sector == rules.Sector.DISTRIBUTION
    logistics = adapters.job_from_vacancy(SimpleNamespace(sector="logistiek"))
    assert logistics.sector == rules.Sector.LOGISTICS
    person = rules.Person(rules.Phase.STATUS_HOLDER_AZC, linked_to_municipality=True)
    result = rules.koppeling(person, job, timezone.localdate(), adapters.get_parameters())
    sector = next(c for c in result.omkoppeling_conditions if c.code == "omkoppeling.sector")
    assert sector.status is rules.Status.FAIL


def test_a_status_holder_in_an_azc_with_a_municipality_has_a_link(world):
    from werkpad.places.models import Municipality

    municipality = Municipality.objects.first() or Municipality.objects.create(
        code="GM0344", name="Utrecht"
    )
    p = ParticipantFactory(
        organisation=world.utrecht, phase="status_holder_azc", municipality=municipality
    )
    assert adapters.person_from_participant(p).linked_to_municipality is True
    seeker = ParticipantFactory(organisation=world.utrecht, phase="asylum_seeker")
    assert adapters.person_from_participant(seeker).linked_to_municipality is None


def test_a_permit_date_in_the_file_ends_the_asylum_regime_on_the_panel(world, coach):
    today = timezone.localdate()
    p = _asylum_seeker(world, 12, residence_permit_date=today - timedelta(days=20))
    html = coach.get(_panel_url(p), **HX).content.decode()
    assert "still says asylum seeker" in html
    assert "no TWV is needed" in html


def test_an_overdue_bsn_on_the_panel(world, coach):
    today = timezone.localdate()
    p = _asylum_seeker(
        world, 24, bsn_status="requested", bsn_requested_date=today - timedelta(days=520)
    )
    html = coach.get(_panel_url(p), **HX).content.decode()
    assert "is overdue" in html


def test_the_panel_url_names_no_configuration_keys(world, coach):
    p = _asylum_seeker(world, 7)
    html = coach.get(reverse("eligibility:panel", args=[p.public_id])).content.decode()
    assert "wage.minimum_hourly_gross" not in html
