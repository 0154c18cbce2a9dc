"""Regression tests from the security review of the employer desk, portal, matching and eligibility."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.factories_employers import EmployerFactory, ShortlistFactory, VacancyFactory
from werkpad.employers import actions


@pytest.fixture
def managed(world):
    """Nadia placed at De Vries, whose account manager is Cees (another organisation: he may not
    open Nadia's file). The employer's internal notes name her."""
    employer = EmployerFactory(
        organisation=world.employer_org,
        account_manager=world.cees,
        notes="Nadia Haddad started here via Anna",
    )
    vacancy = VacancyFactory(employer=employer, title="Timmerman Utrecht")
    ShortlistFactory(vacancy=vacancy, participant=world.participant)
    placement = actions.register_placement(
        world.anna,
        world.participant,
        employer=employer,
        vacancy=vacancy,
        found_via="service",
        start_date=timezone.localdate() - timedelta(days=30),
        hours_kind="fixed",
        hours_per_week=24,
    )
    world.participant.refresh_from_db()
    world.employer, world.vacancy, world.placement = employer, vacancy, placement
    return world


def test_account_manager_cannot_change_status_of_participant_they_may_not_see(managed, login):
    status_before = managed.participant.status
    client = login(managed.cees)
    page = client.get(reverse("employers:placement_detail", args=[managed.placement.public_id]))
    assert page.status_code == 200
    assert 'name="new_status"' not in page.text
    response = client.post(
        reverse("employers:placement_detail", args=[managed.placement.public_id]),
        {
            "end_date": timezone.localdate().isoformat(),
            "reason": "contract_ended",
            "new_status": "mediation",
        },
    )
    assert response.status_code == 302  # the placement itself may be ended by its manager
    managed.participant.refresh_from_db()
    assert managed.participant.status == status_before
    managed.placement.refresh_from_db()
    assert managed.placement.end_date == timezone.localdate()


def test_end_placement_action_refuses_status_change_without_file_access(managed):
    with pytest.raises(PermissionDenied):
        actions.end_placement(
            managed.cees,
            managed.placement,
            end_date=timezone.localdate(),
            reason="contract_ended",
            new_status="mediation",
        )
    managed.placement.refresh_from_db()
    assert managed.placement.end_date is None


def test_regiehouder_still_changes_status_when_ending_placement(managed, login):
    page = login(managed.anna).get(
        reverse("employers:placement_detail", args=[managed.placement.public_id])
    )
    assert 'name="new_status"' in page.text


def test_account_manager_does_not_see_participant_number(managed, login):
    client = login(managed.cees)
    for url in (
        reverse("employers:placement_detail", args=[managed.placement.public_id]),
        reverse("employers:employer_detail", args=[managed.employer.pk]),
    ):
        text = client.get(url).text
        assert managed.participant.number not in text, url
        assert str(managed.participant.public_id) not in text, url


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_employer_export_leaves_out_internal_notes(managed, login, fmt):
    response = login(managed.eva).get(reverse("employers:export", args=["employers", fmt]))
    assert response.status_code == 200
    if fmt == "xlsx":
        sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
        text = "\n".join(
            ",".join("" if c is None else str(c) for c in row)
            for row in sheet.iter_rows(values_only=True)
        )
    else:
        text = response.content.decode("utf-8-sig")
    assert "Bouwbedrijf De Vries" in text
    assert "Haddad" not in text
    assert "cees" not in text  # the account manager's user name is internal
    # Coaches keep the full export (it round-trips through the import).
    coach = login(managed.anna).get(reverse("employers:export", args=["employers", "csv"]))
    assert "Nadia Haddad started here" in coach.content.decode("utf-8-sig")
