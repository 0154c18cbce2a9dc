"""Golden scenarios: readable rows of inputs and the answer RULES.md demands.

Each row is data: who, which job, on which date, with which parameters ("package": only what the
reports give; "operator": plus the test operator values of rules_support), and the expected answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

import pytest
from tests.unit.rules.rules_support import (
    ON,
    D,
    asylum,
    family_params,
    job,
    operator_params,
    package_params,
    person,
)

from werkpad.core.rules import (
    BsnStatus,
    Job,
    Outcome,
    ParameterSet,
    Person,
    Phase,
    RebaOutcome,
    Status,
    TwvStatus,
    evaluate_work,
    koppeling,
    reba,
    reba_for_income,
)

PASS, FAIL, UNKNOWN = Status.PASS, Status.FAIL, Status.UNKNOWN
MAY_WORK, MAY_WORK_FROM = Outcome.MAY_WORK, Outcome.MAY_WORK_FROM
MAY_NOT, UNKNOWN_OUTCOME = Outcome.MAY_NOT, Outcome.UNKNOWN
PARAMS = {"package": package_params, "operator": operator_params, "family": family_params}


def d(year: int, month: int, day: int) -> date:
    return date(year, month, day)


# --- May they work? ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Work:
    name: str
    person: Person
    job: Job
    outcome: Outcome
    earliest: date | None
    on: date = ON
    params: str = "operator"
    conditions: dict[str, Status] = field(default_factory=dict)
    steps: tuple[str, ...] | None = None
    notes_include: tuple[str, ...] = ()
    notes_exclude: tuple[str, ...] = ()
    needs_twv: bool | None = None


STATUS_AZC = person(Phase.STATUS_HOLDER_AZC)
IN_INBURGERING = person(Phase.INBURGERING)
UKRAINIAN = person(Phase.TEMPORARY_PROTECTION)

WORK = [
    Work("all five conditions, TWV granted, BSN", asylum(), job(), MAY_WORK, ON, steps=()),
    Work(
        "5 months 29 days pending",
        asylum(asylum_application_date=d(2025, 1, 15)),
        job(),
        MAY_WORK_FROM,
        d(2025, 7, 15),
        on=d(2025, 7, 14),
        conditions={"asylum.waiting_period": FAIL},
        steps=("wait_waiting_period",),
    ),
    Work(
        "exactly 6 months pending",
        asylum(asylum_application_date=d(2025, 1, 15)),
        job(),
        MAY_WORK,
        d(2025, 7, 15),
        on=d(2025, 7, 15),
        conditions={"asylum.waiting_period": PASS},
    ),
    Work(
        "6 months reached, no TWV yet: employer applies, 9 weeks in practice",
        asylum(asylum_application_date=d(2025, 9, 2)),
        job(twv=TwvStatus.NONE, twv_date=None),
        MAY_WORK_FROM,
        d(2026, 5, 4),
        conditions={"asylum.waiting_period": PASS, "asylum.twv": FAIL},
        steps=("employer_applies_twv",),
        needs_twv=True,
    ),
    Work(
        "TWV applied two weeks ago",
        asylum(),
        job(twv=TwvStatus.APPLIED, twv_date=d(2026, 2, 16)),
        MAY_WORK_FROM,
        d(2026, 4, 20),
        steps=("uwv_decides_twv",),
    ),
    Work(
        "TWV applied long ago, decision overdue: expected any day",
        asylum(),
        job(twv=TwvStatus.APPLIED, twv_date=d(2025, 12, 1)),
        MAY_WORK_FROM,
        ON,
    ),
    Work(
        "TWV refused",
        asylum(),
        job(twv=TwvStatus.REFUSED),
        MAY_NOT,
        None,
        conditions={"asylum.twv": FAIL},
    ),
    Work(
        "TWV status unknown",
        asylum(),
        job(twv=None),
        UNKNOWN_OUTCOME,
        None,
        conditions={"asylum.twv": UNKNOWN},
    ),
    Work(
        "TWV applied, date unknown",
        asylum(),
        job(twv=TwvStatus.APPLIED, twv_date=None),
        UNKNOWN_OUTCOME,
        None,
    ),
    Work(
        "expired W-document",
        asylum(w_document_expiry=d(2026, 2, 1)),
        job(),
        MAY_NOT,
        None,
        conditions={"asylum.w_document": FAIL},
        steps=("renew_w_document",),
    ),
    Work(
        "W-document expires before the TWV can be there",
        asylum(w_document_expiry=d(2026, 4, 1)),
        job(twv=TwvStatus.NONE),
        MAY_NOT,
        None,
        conditions={"asylum.w_document": FAIL, "asylum.twv": FAIL},
    ),
    Work(
        "W-document valid up to the earliest start day itself",
        asylum(w_document_expiry=d(2026, 5, 4)),
        job(twv=TwvStatus.NONE),
        MAY_WORK_FROM,
        d(2026, 5, 4),
        conditions={"asylum.w_document": PASS},
    ),
    Work(
        "no W-document at all",
        asylum(has_w_document=False, w_document_expiry=None),
        job(),
        MAY_NOT,
        None,
        conditions={"asylum.w_document": FAIL},
        steps=("renew_w_document",),
    ),
    Work(
        "W-document expiry unknown",
        asylum(w_document_expiry=None),
        job(),
        UNKNOWN_OUTCOME,
        None,
        conditions={"asylum.w_document": UNKNOWN},
    ),
    Work(
        "no BSN, TWV granted: register, at least 6 weeks",
        asylum(bsn=BsnStatus.NONE),
        job(),
        MAY_WORK_FROM,
        d(2026, 4, 13),
        conditions={"asylum.bsn": FAIL},
        steps=("request_bsn",),
        notes_exclude=("Break the loop",),
    ),
    Work(
        "no BSN and no TWV: the loop, both started now",
        asylum(bsn=BsnStatus.NONE),
        job(twv=TwvStatus.NONE),
        MAY_WORK_FROM,
        d(2026, 5, 4),
        steps=("employer_applies_twv", "request_bsn"),
        notes_include=("Break the loop",),
    ),
    Work(
        "BSN requested two weeks ago",
        asylum(bsn=BsnStatus.REQUESTED, bsn_requested_on=d(2026, 2, 16)),
        job(),
        MAY_WORK_FROM,
        d(2026, 3, 30),
        steps=("bsn_expected",),
    ),
    Work(
        "BSN requested, date unknown",
        asylum(bsn=BsnStatus.REQUESTED, bsn_requested_on=None),
        job(),
        UNKNOWN_OUTCOME,
        None,
    ),
    Work(
        "BSN status unknown",
        asylum(bsn=None),
        job(),
        UNKNOWN_OUTCOME,
        None,
        conditions={"asylum.bsn": UNKNOWN},
    ),
    Work(
        "wage under the minimum wage",
        asylum(),
        job(hourly_wage_gross=D("13.50")),
        MAY_NOT,
        None,
        conditions={"asylum.minimum_wage": FAIL},
    ),
    Work(
        # Changed (issue 9): when only the amount is unknown, the answer is "may work, provided
        # the pay is at least the statutory minimum wage", no longer "unknown".
        "minimum wage unknown: the reports do not give it",
        asylum(),
        job(),
        MAY_WORK,
        ON,
        params="package",
        conditions={"asylum.minimum_wage": UNKNOWN},
    ),
    Work(
        "monthly gross just at the minimum (40 h, 52/12 weeks a month)",
        asylum(),
        job(hours_per_week=40, hourly_wage_gross=None, monthly_wage_gross=D("2426.67")),
        MAY_WORK,
        ON,
        conditions={"asylum.minimum_wage": PASS},
    ),
    Work(
        "monthly gross one cent too low",
        asylum(),
        job(hours_per_week=40, hourly_wage_gross=None, monthly_wage_gross=D("2426.66")),
        MAY_NOT,
        None,
        conditions={"asylum.minimum_wage": FAIL},
    ),
    Work(
        "gross wage unknown (only net given)",
        asylum(),
        job(hourly_wage_gross=None),
        UNKNOWN_OUTCOME,
        None,
        conditions={"asylum.minimum_wage": UNKNOWN},
    ),
    Work(
        "17 years old, turns 18 in April",
        asylum(birth_date=d(2008, 4, 15)),
        job(),
        MAY_WORK_FROM,
        d(2026, 4, 15),
        conditions={"asylum.age": FAIL, "asylum.minimum_wage": PASS},
        steps=("wait_age",),
    ),
    Work(
        "date of birth unknown",
        asylum(birth_date=None),
        job(),
        UNKNOWN_OUTCOME,
        None,
        conditions={"asylum.age": UNKNOWN},
    ),
    Work(
        "age 19, paid above the youth minimum",
        asylum(birth_date=d(2006, 6, 1)),
        job(hourly_wage_gross=D("9.00")),
        MAY_WORK,
        ON,
    ),
    Work(
        "age 19, paid below the youth minimum",
        asylum(birth_date=d(2006, 6, 1)),
        job(hourly_wage_gross=D("8.00")),
        MAY_NOT,
        None,
    ),
    Work(
        "not living in COA reception",
        asylum(lives_in_coa=False),
        job(),
        MAY_NOT,
        None,
        conditions={"asylum.coa_residence": FAIL},
    ),
    Work(
        "COA residence unknown",
        asylum(lives_in_coa=None),
        job(),
        UNKNOWN_OUTCOME,
        None,
        conditions={"asylum.coa_residence": UNKNOWN},
    ),
    Work(
        "asylum application date unknown",
        asylum(asylum_application_date=None),
        job(),
        UNKNOWN_OUTCOME,
        None,
        conditions={"asylum.waiting_period": UNKNOWN},
    ),
    Work(
        "job starts after the TWV is expected",
        asylum(),
        job(twv=TwvStatus.NONE, start_date=d(2026, 6, 1)),
        MAY_WORK_FROM,
        d(2026, 6, 1),
    ),
    Work(
        "24-weeks rule: last day it applied",
        asylum(asylum_application_date=d(2023, 1, 10)),
        job(),
        MAY_WORK,
        d(2023, 11, 28),
        on=d(2023, 11, 28),
        conditions={"asylum.weeks_cap": FAIL},
        notes_include=("the 24-weeks rule applies",),
    ),
    Work(
        "24-weeks rule: first day it no longer applies",
        asylum(asylum_application_date=d(2023, 1, 10)),
        job(),
        MAY_WORK,
        d(2023, 11, 29),
        on=d(2023, 11, 29),
        notes_include=("no longer applies (since 2023-11-29)",),
    ),
    Work(
        "operator's minimum wage, last day of the old amount",
        asylum(),
        job(hourly_wage_gross=D("14.20")),
        MAY_WORK,
        d(2026, 6, 30),
        on=d(2026, 6, 30),
    ),
    Work(
        "operator's minimum wage, first day of the new amount",
        asylum(),
        job(hourly_wage_gross=D("14.20")),
        MAY_NOT,
        None,
        on=d(2026, 7, 1),
        conditions={"asylum.minimum_wage": FAIL},
    ),
    Work(
        "Ukrainian (temporary protection): no TWV needed",
        UKRAINIAN,
        job(twv=TwvStatus.NONE),
        MAY_WORK,
        ON,
        conditions={"temporary_protection.twv": PASS},
        steps=(),
        needs_twv=False,
    ),
    Work(
        "Ukrainian with nothing else known",
        Person(Phase.TEMPORARY_PROTECTION),
        Job(),
        MAY_WORK,
        ON,
        needs_twv=False,
    ),
    Work(
        "status holder in an azc: free access, inburgering duty not yet",
        STATUS_AZC,
        job(),
        MAY_WORK,
        ON,
        conditions={"status_holder.twv": PASS, "status_holder.startbaan_norm": PASS},
        notes_include=("not yet bound by the inburgering duty", "REBA", "hard criterion"),
        needs_twv=False,
    ),
    Work(
        "status holder whose TWV as asylum seeker was refused: irrelevant now",
        STATUS_AZC,
        job(twv=TwvStatus.REFUSED),
        MAY_WORK,
        ON,
    ),
    Work(
        "status holder in an azc before the Wet inburgering 2021",
        STATUS_AZC,
        job(),
        MAY_WORK,
        d(2021, 12, 31),
        on=d(2021, 12, 31),
        params="package",
        notes_exclude=("inburgering duty",),
    ),
    Work(
        "status holder in an azc, first day of the Wet inburgering 2021",
        STATUS_AZC,
        job(),
        MAY_WORK,
        d(2022, 1, 1),
        on=d(2022, 1, 1),
        params="package",
        notes_include=("not yet bound by the inburgering duty",),
    ),
    Work(
        "in inburgering, 16 hours: startbaan yes, bijstand exit no",
        IN_INBURGERING,
        job(hours_per_week=16),
        MAY_WORK,
        ON,
        conditions={
            "status_holder.bijstand_exit": FAIL,
            "status_holder.startbaan_norm": PASS,
        },
        notes_include=("9 hours a week", "Wet inburgering 2021"),
    ),
    Work(
        "in inburgering, 24 hours: can end the bijstand",
        IN_INBURGERING,
        job(hours_per_week=24),
        MAY_WORK,
        ON,
        conditions={"status_holder.bijstand_exit": PASS},
    ),
    Work(
        "in inburgering, hours unknown: advice unknown, work allowed",
        IN_INBURGERING,
        job(hours_per_week=None),
        MAY_WORK,
        ON,
        conditions={"status_holder.bijstand_exit": UNKNOWN},
    ),
    Work(
        "after inburgering, 12 hours",
        person(Phase.AFTER_INBURGERING),
        job(hours_per_week=12),
        MAY_WORK,
        ON,
        conditions={"status_holder.bijstand_exit": FAIL},
    ),
]


def _notes_text(result: object) -> str:
    return " | ".join(str(n) for n in result.notes)  # type: ignore[attr-defined]


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in WORK])
def test_work(case: Work) -> None:
    result = evaluate_work(case.person, case.job, case.on, PARAMS[case.params]())
    assert result.outcome is case.outcome
    assert result.earliest_start == case.earliest
    for code, status in case.conditions.items():
        assert result.condition(code).status is status, code
    if case.steps is not None:
        assert tuple(s.code for s in result.steps) == case.steps
    notes = _notes_text(result)
    for text in case.notes_include:
        assert text in notes
    for text in case.notes_exclude:
        assert text not in notes
    if case.needs_twv is not None:
        assert result.needs_twv is case.needs_twv
    # every result explains itself in sentences, whatever the outcome, condition by condition
    assert all(str(m) for m in result.explanation)
    assert all(str(c.explanation) and str(c.rule.text) for c in result.conditions)


def test_the_24_weeks_rule_and_the_permit_myth_are_stated() -> None:
    result = evaluate_work(asylum(), job(), ON, operator_params())
    notes = _notes_text(result)
    assert "no longer applies" in notes
    assert "does not oblige anyone to stop working" in notes
    holder = evaluate_work(STATUS_AZC, job(), ON, operator_params())
    assert "does not oblige anyone to stop working" in _notes_text(holder)


# --- REBA --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reba:
    name: str
    net: Decimal | None
    outcome: RebaOutcome
    kept: Decimal | None
    to_coa: Decimal | None
    cap_reached: bool | None = None
    household: int | None = 1
    resident: bool | None = True
    on: date = ON
    params: str = "operator"


REBA = [
    Reba("no income", D(0), RebaOutcome.CONTRIBUTION, D("0.00"), D("0.00"), False),
    Reba("net 800: a quarter", D(800), RebaOutcome.CONTRIBUTION, D("200.00"), D("600.00"), False),
    Reba(
        "just under the cap",
        D("1091.96"),
        RebaOutcome.CONTRIBUTION,
        D("272.99"),
        D("818.97"),
        False,
    ),
    Reba(
        "a quarter rounds up to the cap",
        D("1091.98"),
        RebaOutcome.CONTRIBUTION,
        D("273.00"),
        D("818.98"),
        True,
    ),
    Reba("exactly at the cap", D(1092), RebaOutcome.CONTRIBUTION, D("273.00"), D("819.00"), True),
    Reba(
        "just over the cap",
        D("1092.04"),
        RebaOutcome.CONTRIBUTION,
        D("273.00"),
        D("819.04"),
        True,
    ),
    Reba("net 2000: the cap", D(2000), RebaOutcome.CONTRIBUTION, D("273.00"), D("1727.00"), True),
    Reba(
        "family of three: rules not in the reports",
        D(2000),
        RebaOutcome.UNKNOWN,
        None,
        None,
        household=3,
    ),
    Reba("household size unknown", D(2000), RebaOutcome.UNKNOWN, None, None, household=None),
    Reba(
        "not a COA resident: keeps everything",
        D(1500),
        RebaOutcome.NOT_APPLICABLE,
        D("1500.00"),
        D("0.00"),
        False,
        resident=False,
    ),
    Reba("COA residence unknown", D(1500), RebaOutcome.UNKNOWN, None, None, resident=None),
    Reba("income unknown", None, RebaOutcome.UNKNOWN, None, None),
    Reba(
        "before the sourced REBA version (2025-12-31)",
        D(1500),
        RebaOutcome.UNKNOWN,
        None,
        None,
        on=d(2025, 12, 31),
    ),
    Reba(
        "first day of the sourced REBA version (2026-01-01)",
        D(1500),
        RebaOutcome.CONTRIBUTION,
        D("273.00"),
        D("1227.00"),
        True,
        on=d(2026, 1, 1),
    ),
    Reba(
        "family of three with the operator's family rules",
        D(1000),
        RebaOutcome.CONTRIBUTION,
        D("250.00"),
        D("750.00"),
        False,
        household=3,
        params="family",
    ),
]


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in REBA])
def test_reba(case: Reba) -> None:
    params: ParameterSet = PARAMS[case.params]()
    result = reba_for_income(
        case.net, case.on, params, household_size=case.household, lives_in_coa=case.resident
    )
    assert result.outcome is case.outcome
    assert result.kept == case.kept
    assert result.to_coa == case.to_coa
    assert result.cap_reached is case.cap_reached
    assert all(str(m) for m in result.explanation)


def test_reba_for_a_person_and_job() -> None:
    result = reba(asylum(), job(), ON, operator_params())  # 24 h x 13.00 net x 52/12 = 1352.00
    assert (result.monthly_net, result.kept, result.to_coa) == (D("1352.00"), D(273), D("1079.00"))
    housed = reba(IN_INBURGERING, job(), ON, operator_params())
    assert housed.outcome is RebaOutcome.NOT_APPLICABLE
    gross_only = reba(asylum(), job(hourly_wage_net=None), ON, operator_params())
    assert gross_only.outcome is RebaOutcome.UNKNOWN


# --- Kansrijke koppeling ------------------------------------------------------------------------------


LINKABLE = person(
    Phase.STATUS_HOLDER_AZC,
    has_partner=False,
    housing_offered=False,
    inburgering_started=False,
    reba_paid=True,
    linked_to_municipality=True,
)
GOOD_JOB = Job(
    hours_per_week=24,
    monthly_wage_net=D(1500),
    contract_months=6,
    sector="care",
    contract_signed=True,
    payslip_shown=True,
    matches_training=True,
    workplace="Helmond",
)


@dataclass(frozen=True)
class Link:
    name: str
    person: Person
    job: Job
    hard: Status
    omkoppeling: Status
    params: str = "operator"
    failing: tuple[str, ...] = ()


def link_job(**changes: object) -> Job:
    return replace(GOOD_JOB, **changes)  # type: ignore[arg-type]


KOPPELING = [
    Link("every condition holds", LINKABLE, GOOD_JOB, PASS, PASS),
    Link(
        "7.9 hours a week",
        LINKABLE,
        link_job(hours_per_week=D("7.9")),
        FAIL,
        FAIL,
        failing=("koppeling.hours",),
    ),
    Link("8 hours a week", LINKABLE, link_job(hours_per_week=8), PASS, PASS),
    Link(
        "contract not signed",
        LINKABLE,
        link_job(contract_signed=False),
        FAIL,
        FAIL,
        failing=("koppeling.contract_signed",),
    ),
    Link("payslip not known", LINKABLE, link_job(payslip_shown=None), UNKNOWN, UNKNOWN),
    Link(
        "cleaning work never counts for omkoppeling",
        LINKABLE,
        link_job(sector="cleaning"),
        PASS,
        FAIL,
        failing=("omkoppeling.sector",),
    ),
    Link(
        "distribution work never counts (any spelling)",
        LINKABLE,
        link_job(sector=" Distribution "),
        PASS,
        FAIL,
    ),
    Link(
        "contract of 5 months",
        LINKABLE,
        link_job(contract_months=5),
        PASS,
        FAIL,
        failing=("omkoppeling.contract_length",),
    ),
    Link("contract of 6 months", LINKABLE, link_job(contract_months=6), PASS, PASS),
    Link(
        "permanent contract",
        LINKABLE,
        link_job(contract_months=None, permanent_contract=True),
        PASS,
        PASS,
    ),
    Link(
        "wage below the bijstandsnorm",
        LINKABLE,
        link_job(monthly_wage_net=D(1300)),
        PASS,
        FAIL,
        failing=("omkoppeling.wage",),
    ),
    Link(
        "gross wage alone already below the bijstandsnorm",
        LINKABLE,
        link_job(monthly_wage_net=None, monthly_wage_gross=D(1300)),
        PASS,
        FAIL,
    ),
    Link(
        "enough for a single person, partner unknown",
        person(
            Phase.STATUS_HOLDER_AZC,
            housing_offered=False,
            inburgering_started=False,
            reba_paid=True,
        ),
        GOOD_JOB,
        PASS,
        UNKNOWN,
    ),
    Link("bijstandsnorm not set", LINKABLE, GOOD_JOB, PASS, UNKNOWN, params="package"),
    Link(
        "housing already offered",
        person(
            Phase.STATUS_HOLDER_AZC,
            has_partner=False,
            housing_offered=True,
            inburgering_started=False,
            reba_paid=True,
        ),
        GOOD_JOB,
        PASS,
        FAIL,
        failing=("omkoppeling.no_housing",),
    ),
    Link(
        "already in inburgering in a municipality",
        person(Phase.INBURGERING, has_partner=False, reba_paid=True),
        GOOD_JOB,
        FAIL,
        FAIL,
        failing=("koppeling.phase", "omkoppeling.inburgering_not_started"),
    ),
    Link(
        "Ukrainian: not linked by COA",
        person(Phase.TEMPORARY_PROTECTION, has_partner=False),
        GOOD_JOB,
        FAIL,
        FAIL,
    ),
    # Changed (issue 9): omkoppeling moves an existing link, so an asylum seeker (no link yet)
    # cannot have it; the job still counts as a hard criterion for the first link. Was PASS.
    Link(
        "asylum seeker with work, screened early",
        asylum(has_partner=False, housing_offered=False, inburgering_started=False, reba_paid=True),
        GOOD_JOB,
        PASS,
        FAIL,
        failing=("omkoppeling.existing_link",),
    ),
    Link(
        "status holder in an azc not yet linked",
        replace(LINKABLE, linked_to_municipality=False),
        GOOD_JOB,
        PASS,
        FAIL,
        failing=("omkoppeling.existing_link",),
    ),
    Link(
        "status holder in an azc, link not known",
        replace(LINKABLE, linked_to_municipality=None),
        GOOD_JOB,
        PASS,
        UNKNOWN,
    ),
    Link(
        "distribution centre work never counts for omkoppeling",
        LINKABLE,
        link_job(sector="distribution"),
        PASS,
        FAIL,
        failing=("omkoppeling.sector",),
    ),
]


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in KOPPELING])
def test_koppeling(case: Link) -> None:
    result = koppeling(case.person, case.job, ON, PARAMS[case.params]())
    assert result.hard_criterion is case.hard
    assert result.omkoppeling is case.omkoppeling
    failed = {c.code for c in result.omkoppeling_conditions if c.status is FAIL}
    assert set(case.failing) <= failed
    assert all(str(m) for m in result.explanation)
    assert all(str(c.explanation) for c in result.omkoppeling_conditions)


def test_hard_criterion_names_the_radius_and_place() -> None:
    result = koppeling(LINKABLE, GOOD_JOB, ON, operator_params())
    assert result.radius_km == 50
    assert "within 50 km of Helmond" in str(result.explanation[0])
    anywhere = koppeling(LINKABLE, link_job(workplace=None), ON, operator_params())
    assert "within 50 km of the workplace" in str(anywhere.explanation[0])


def test_golden_table_is_large_enough() -> None:
    assert len(WORK) + len(REBA) + len(KOPPELING) >= 40
