"""Mapping participants and vacancies to the rules engine's inputs (no rules here)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import timezone

from tests.factories import ParticipantFactory
from werkpad.core import rules
from werkpad.eligibility import adapters


@pytest.mark.parametrize(
    ("household", "children", "size", "partner"),
    [
        ("alone", None, 1, False),
        ("partner", None, 2, True),
        ("partner_children", 3, 5, True),
        ("partner_children", None, None, True),
        ("single_parent", 2, 3, False),
        ("single_parent", 0, None, False),
        ("parents", None, None, None),
        ("", None, None, None),
    ],
)
def test_household_size(db, household, children, size, partner):
    p = ParticipantFactory.build(household=household, children_count=children)
    person = adapters.person_from_participant(p)
    assert person.household_size == size
    assert person.has_partner == partner


def test_person_fields(db, world):
    today = timezone.localdate()
    p = ParticipantFactory(
        organisation=world.utrecht,
        phase="asylum_seeker",
        residence="azc",
        bsn_status="requested",
        bsn_requested_date=today - timedelta(days=10),
        w_document_expiry=today + timedelta(days=5),
    )
    person = adapters.person_from_participant(p)
    assert person.phase is rules.Phase.ASYLUM_SEEKER
    assert person.lives_in_coa is True
    assert person.bsn is rules.BsnStatus.REQUESTED
    assert person.bsn_requested_on == today - timedelta(days=10)
    assert person.has_w_document is True and person.w_document_expiry == p.w_document_expiry
    assert person.birth_date == p.birth_date
    assert person.asylum_application_date == p.asylum_application_date


@pytest.mark.parametrize(
    ("residence", "coa", "expected"),
    [("azc", False, True), ("home", True, False), ("", True, True), ("", False, None)],
)
def test_coa_residence(db, world, residence, coa, expected):
    from tests.factories import OrganisationFactory

    location = OrganisationFactory(kind="coa") if coa else None
    p = ParticipantFactory.build(residence=residence, coa_location=location, household="")
    assert adapters.person_from_participant(p).lives_in_coa is expected


def test_bsn_empty_is_not_requested(db):
    p = ParticipantFactory.build(bsn_status="")
    assert adapters.person_from_participant(p).bsn is rules.BsnStatus.NONE


def test_job_from_vacancy_duck_typed():
    v = SimpleNamespace(
        hours_per_week=Decimal("32.0"),
        wage_hourly=Decimal("15.00"),
        start_date=date(2026, 9, 1),
        contract_months=12,
        contract_kind="fixed_term",
        sector="schoonmaak",
    )
    job = adapters.job_from_vacancy(v)
    assert job.hours_per_week == Decimal("32.0")
    assert job.hourly_wage_gross == Decimal("15.00")
    assert job.start_date == date(2026, 9, 1)
    assert job.contract_months == 12
    assert job.permanent_contract is False
    assert job.sector == rules.Sector.CLEANING
    assert job.twv is rules.TwvStatus.NONE


@pytest.mark.parametrize(
    ("status", "expected", "date_field"),
    [
        ("prepared", rules.TwvStatus.NONE, None),
        ("submitted", rules.TwvStatus.APPLIED, "submitted_on"),
        ("granted", rules.TwvStatus.GRANTED, "decided_on"),
        ("refused", rules.TwvStatus.REFUSED, "decided_on"),
        ("withdrawn", rules.TwvStatus.NONE, None),
    ],
)
def test_twv_application(status, expected, date_field):
    application = SimpleNamespace(
        status=status, submitted_on=date(2026, 1, 5), decided_on=date(2026, 2, 20)
    )
    job = adapters.job_from_vacancy(SimpleNamespace(), twv_application=application)
    assert job.twv is expected
    assert job.twv_date == (getattr(application, date_field) if date_field else None)


def test_work_window_and_evaluate_for(db, world):
    today = timezone.localdate()
    p = ParticipantFactory(
        organisation=world.utrecht,
        phase="asylum_seeker",
        asylum_application_date=rules.add_months(today, -7),
        residence="azc",
        bsn_status="received",
    )
    window = adapters.work_window_for(p, today)
    assert window.outcome is rules.Outcome.MAY_WORK_FROM
    assert window.earliest_start == rules.add_weeks(today, 9)
    result = adapters.evaluate_for(p, rules.Job(twv=rules.TwvStatus.GRANTED), today)
    # Only the amount of the minimum wage is unknown: may work, provided the pay is at least it.
    assert result.outcome is rules.Outcome.MAY_WORK and result.wage_proviso
    assert result.condition("asylum.twv").status is rules.Status.PASS
