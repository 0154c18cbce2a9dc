"""The rules engine says what the law says, on the right date (issue 9, section 1).

Each test here failed on the engine as it was before the fix.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from tests.unit.rules.rules_support import (
    ON,
    D,
    asylum,
    entry,
    job,
    operator_params,
    package_params,
    parameters_from_text,
    params_with,
    person,
)

from werkpad.core.i18n import COACH, NEWCOMER
from werkpad.core.rules import (
    BsnStatus,
    IncoherentInput,
    Job,
    Outcome,
    Person,
    Phase,
    Status,
    TwvStatus,
    evaluate_work,
    koppeling,
    work_window,
)
from werkpad.core.rules.explain import missing_text, parameter_label

PASS, FAIL, UNKNOWN = Status.PASS, Status.FAIL, Status.UNKNOWN


# --- the law on the job's start date ------------------------------------------------------------

# The minimum wage the operator entered: EUR 14 until the end of 2025, EUR 15 from 1 January 2026
# (announced in December, entered before it applies).
WAGE_CHANGE = entry("wage.minimum_hourly_gross", 14, "2025-01-01", "2025-12-31") + entry(
    "wage.minimum_hourly_gross", 15, "2026-01-01"
)
DECEMBER = date(2025, 12, 10)


def test_a_job_starting_after_a_new_minimum_wage_is_judged_by_it() -> None:
    params = parameters_from_text(WAGE_CHANGE, origin="test")
    who = asylum(asylum_application_date=date(2025, 1, 2))
    work = job(hourly_wage_gross=D("14.50"), start_date=date(2026, 1, 15))
    result = evaluate_work(who, work, DECEMBER, params)
    wage = result.condition("asylum.minimum_wage")
    assert wage.status is FAIL
    assert wage.detail == D(15)
    assert wage.version == date(2026, 1, 1)
    assert result.outcome is Outcome.MAY_NOT
    # the same job starting in December is judged by the December minimum
    december_job = evaluate_work(who, job(hourly_wage_gross=D("14.50")), DECEMBER, params)
    assert december_job.condition("asylum.minimum_wage").status is PASS


def test_a_minimum_wage_entered_only_from_january_decides_a_january_job() -> None:
    params = parameters_from_text(entry("wage.minimum_hourly_gross", 15, "2026-01-01"), origin="t")
    who = asylum(asylum_application_date=date(2025, 1, 2))
    work = job(hourly_wage_gross=D(16), start_date=date(2026, 1, 15))
    result = evaluate_work(who, work, DECEMBER, params)
    assert result.condition("asylum.minimum_wage").status is PASS
    assert result.outcome is Outcome.MAY_WORK
    assert result.earliest_start == date(2026, 1, 15)
    assert not result.wage_proviso


# The waiting period: 6 months until 30 June 2026, shortened to 4 months from 1 July 2026.
SHORTER = entry("asylum.waiting_months", 6, "2000-01-01", "2026-06-30") + entry(
    "asylum.waiting_months", 4, "2026-07-01"
)
LONGER = entry("asylum.waiting_months", 6, "2000-01-01", "2026-06-30") + entry(
    "asylum.waiting_months", 8, "2026-07-01"
)
APPLIED_MARCH = asylum(asylum_application_date=date(2026, 3, 1), w_document_expiry=date(2028, 1, 1))
APRIL = date(2026, 4, 1)


def test_a_job_starting_in_august_is_judged_by_the_waiting_period_shortened_in_july() -> None:
    params = params_with(SHORTER)
    result = evaluate_work(APPLIED_MARCH, job(start_date=date(2026, 8, 10)), APRIL, params)
    waiting = result.condition("asylum.waiting_period")
    assert waiting.status is PASS
    assert waiting.rule.value("asylum.waiting_months") == 4
    assert result.outcome is Outcome.MAY_WORK
    assert result.earliest_start == date(2026, 8, 10)


def test_a_shortened_waiting_period_counts_from_the_day_it_applies() -> None:
    params = params_with(SHORTER)
    # Starting today: 6 months (until 1 September) under today's rules, but from 1 July the
    # shorter period has run: the condition holds on 1 July.
    result = evaluate_work(APPLIED_MARCH, job(), APRIL, params)
    waiting = result.condition("asylum.waiting_period")
    assert waiting.status is FAIL
    assert waiting.holds_from == date(2026, 7, 1)
    assert waiting.rule.value("asylum.waiting_months") == 4
    assert "pending 4 months on 2026-07-01" in str(waiting.explanation)
    assert result.earliest_start == date(2026, 7, 1)


def test_a_lengthened_waiting_period_counts_the_longer_period() -> None:
    result = evaluate_work(APPLIED_MARCH, job(), APRIL, params_with(LONGER))
    assert result.condition("asylum.waiting_period").holds_from == date(2026, 11, 1)


def test_a_waiting_period_that_becomes_unknown_makes_the_condition_unknown() -> None:
    params = params_with(
        entry("asylum.waiting_months", 6, "2000-01-01", "2026-06-30")
        + entry("asylum.waiting_months", "unknown", "2026-07-01")
    )
    result = evaluate_work(APPLIED_MARCH, job(), APRIL, params)
    assert result.condition("asylum.waiting_period").status is UNKNOWN
    assert result.outcome is Outcome.UNKNOWN


# --- a premature TWV ------------------------------------------------------------------------------

# Applied for asylum on 1 December 2025: the waiting period ends on 1 June 2026.
DECEMBER_APPLICANT = asylum(asylum_application_date=date(2025, 12, 1))
EARLY_TWV = job(twv=TwvStatus.APPLIED, twv_date=date(2026, 2, 1))


def test_a_twv_applied_for_before_the_six_month_date_is_premature() -> None:
    result = evaluate_work(DECEMBER_APPLICANT, EARLY_TWV, ON, operator_params())
    twv = result.condition("asylum.twv")
    assert twv.status is FAIL
    assert twv.reason == "premature"
    assert "too early" in str(twv.explanation)
    # Werkpad's assumption: the UWV counts its (practical) term from the 6-month date.
    assert twv.holds_from == date(2026, 6, 1) + timedelta(weeks=9)
    assert result.earliest_start == date(2026, 8, 3)
    assumption = twv.rule.parameters[-1]
    assert assumption.key == "asylum.twv_premature_counts_from_waiting_date"
    assert "Werkpad's assumption" in assumption.source
    assert [s.code for s in result.steps if s.actor == "uwv"] == ["uwv_decides_twv"]
    assert "too early" in str(next(s.text for s in result.steps if s.actor == "uwv"))


def test_a_twv_applied_for_on_the_six_month_date_is_not_premature() -> None:
    on_time = job(twv=TwvStatus.APPLIED, twv_date=date(2026, 6, 1))
    result = evaluate_work(DECEMBER_APPLICANT, on_time, date(2026, 6, 2), operator_params())
    assert result.condition("asylum.twv").reason == "applied"


def test_when_the_uwv_refuses_premature_applications_the_employer_applies_again() -> None:
    params = params_with(
        entry("asylum.twv_premature_counts_from_waiting_date", False, "2020-01-01")
    )
    result = evaluate_work(DECEMBER_APPLICANT, EARLY_TWV, ON, params)
    twv = result.condition("asylum.twv")
    assert twv.reason == "premature_again"
    assert twv.holds_from == date(2026, 8, 3)
    assert "applies again from 2026-06-01" in str(twv.explanation)
    assert "employer_applies_twv" in [s.code for s in result.steps]


def test_when_the_treatment_of_a_premature_twv_is_unknown_the_outcome_is_unknown() -> None:
    params = params_with(
        entry("asylum.twv_premature_counts_from_waiting_date", "unknown", "2020-01-01")
    )
    result = evaluate_work(DECEMBER_APPLICANT, EARLY_TWV, ON, params)
    twv = result.condition("asylum.twv")
    assert (twv.status, twv.reason) == (UNKNOWN, "premature_unknown")
    assert "ask the UWV" in str(twv.explanation)
    assert result.outcome is Outcome.UNKNOWN


# --- a residence permit ends the asylum regime --------------------------------------------------


def test_a_residence_permit_date_ends_the_asylum_regime_whatever_the_phase_says() -> None:
    who = asylum(residence_permit_date=date(2026, 2, 1))
    result = evaluate_work(who, job(twv=TwvStatus.NONE), ON, operator_params())
    assert result.needs_twv is False
    assert result.phase is Phase.STATUS_HOLDER_AZC
    assert result.outcome is Outcome.MAY_WORK
    assert result.earliest_start == ON
    assert result.condition("status_holder.twv").status is PASS
    coach = [str(n.for_audience(COACH)) for n in result.notes]
    assert any("still says asylum seeker" in n and "2026-02-01" in n for n in coach)
    window = work_window(who, ON, operator_params())
    assert window.needs_twv is False and window.outcome is Outcome.MAY_WORK


def test_a_residence_permit_outside_coa_reception_makes_a_housed_status_holder() -> None:
    who = asylum(residence_permit_date=date(2026, 2, 1), lives_in_coa=False)
    result = evaluate_work(who, job(twv=TwvStatus.NONE), ON, operator_params())
    assert result.phase is Phase.INBURGERING


def test_a_residence_permit_after_the_start_leaves_the_asylum_rules() -> None:
    who = asylum(residence_permit_date=date(2026, 5, 1))
    result = evaluate_work(who, job(), ON, operator_params())
    assert result.phase is Phase.ASYLUM_SEEKER and result.needs_twv is True


# --- omkoppeling and distribution work ----------------------------------------------------------

LINKED = person(
    Phase.STATUS_HOLDER_AZC,
    has_partner=False,
    housing_offered=False,
    inburgering_started=False,
    reba_paid=True,
    linked_to_municipality=True,
)
LINK_JOB = Job(
    hours_per_week=24,
    monthly_wage_net=D(1500),
    contract_months=6,
    sector="care",
    contract_signed=True,
    payslip_shown=True,
    matches_training=True,
)


def test_omkoppeling_is_only_for_a_status_holder_who_already_has_a_link() -> None:
    params = operator_params()
    assert koppeling(LINKED, LINK_JOB, ON, params).omkoppeling is PASS
    seeker = asylum(housing_offered=False, inburgering_started=False, reba_paid=True)
    result = koppeling(seeker, LINK_JOB, ON, params)
    assert result.hard_criterion is PASS  # the job counts for the first link
    assert result.omkoppeling is FAIL
    link = next(c for c in result.omkoppeling_conditions if c.code == "omkoppeling.existing_link")
    assert "first link" in str(link.explanation)


def test_distribution_work_is_excluded_from_omkoppeling() -> None:
    work = replace(LINK_JOB, sector="distribution")
    failing = {
        c.code
        for c in koppeling(LINKED, work, ON, operator_params()).omkoppeling_conditions
        if c.status is FAIL
    }
    assert failing == {"omkoppeling.sector"}


# --- incoherent input -----------------------------------------------------------------------------


def test_a_job_starting_before_the_asylum_application_is_refused() -> None:
    who = asylum(asylum_application_date=date(2026, 6, 1))
    with pytest.raises(ValueError, match="start_date") as error:
        evaluate_work(who, job(), ON, operator_params())
    assert isinstance(error.value, IncoherentInput) and error.value.field == "start_date"
    with pytest.raises(IncoherentInput, match="start_date"):
        work_window(who, ON, operator_params())


def test_a_birth_date_in_the_future_is_refused() -> None:
    with pytest.raises(ValueError, match="birth_date"):
        evaluate_work(asylum(birth_date=ON + timedelta(days=1)), job(), ON, operator_params())


def test_a_bsn_requested_in_the_future_is_refused() -> None:
    who = asylum(bsn=BsnStatus.REQUESTED, bsn_requested_on=ON + timedelta(days=3))
    with pytest.raises(ValueError, match="bsn_requested_on"):
        evaluate_work(who, job(), ON, operator_params())


def test_a_residence_permit_before_the_asylum_application_is_refused() -> None:
    with pytest.raises(ValueError, match="residence_permit_date"):
        asylum(residence_permit_date=date(2025, 1, 1))


def test_plain_strings_for_enums_are_converted() -> None:
    who = Person(phase="asylum_seeker", bsn="received")  # type: ignore[arg-type]
    assert who.phase is Phase.ASYLUM_SEEKER and who.bsn is BsnStatus.RECEIVED
    assert Job(twv="granted").twv is TwvStatus.GRANTED  # type: ignore[arg-type]
    # a BSN given as text is read as received, not as "no BSN"
    text_bsn = asylum(bsn="received")
    assert (
        evaluate_work(text_bsn, job(), ON, operator_params()).condition("asylum.bsn").status is PASS
    )


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: Person(phase="refugee"), "phase"),  # type: ignore[arg-type]
        (lambda: Person(phase=Phase.ASYLUM_SEEKER, bsn="yes"), "bsn"),  # type: ignore[arg-type]
        (lambda: Job(twv="maybe"), "twv"),  # type: ignore[arg-type]
    ],
)
def test_plain_strings_that_are_not_a_value_are_refused_naming_the_field(
    build: object, field: str
) -> None:
    with pytest.raises(IncoherentInput) as error:
        build()  # type: ignore[operator]
    assert error.value.field == field
    assert str(error.value).startswith(field)


# --- only the wage amount unknown: a proviso, not "unknown" -------------------------------------


def test_with_only_the_minimum_wage_unknown_an_asylum_seeker_may_work_provided() -> None:
    result = evaluate_work(asylum(), job(), ON, package_params())
    assert result.outcome is Outcome.MAY_WORK
    assert result.wage_proviso
    headline = str(result.headline)
    assert "from 2026-03-02" in headline
    assert "provided the pay is at least the statutory minimum wage" in headline
    assert "not configured" in headline
    wage = result.condition("asylum.minimum_wage")
    assert wage.status is UNKNOWN and wage.reason == "amount"
    text = str(wage.explanation)
    assert "the statutory minimum wage (age 21 and over)" in text
    assert "administrator" in text
    assert "wage.minimum_hourly_gross" not in text  # no configuration keys for coaches


def test_the_proviso_also_holds_for_a_later_start() -> None:
    who = asylum(asylum_application_date=date(2025, 12, 1))
    result = evaluate_work(who, job(), ON, package_params())
    assert result.outcome is Outcome.MAY_WORK_FROM and result.wage_proviso
    assert "provided the pay" in str(result.headline)
    assert "provided the pay" in str(result.headline.for_audience(COACH))
    window = work_window(who, ON, package_params())
    assert window.wage_proviso and window.min_hourly_wage_gross is None


def test_whether_the_minimum_wage_applies_unknown_still_makes_the_outcome_unknown() -> None:
    params = params_with(entry("asylum.requires_minimum_wage", "unknown", "2000-01-01"))
    result = evaluate_work(asylum(), job(), ON, params)
    assert result.outcome is Outcome.UNKNOWN and not result.wage_proviso


def test_every_condition_shows_a_real_version_date() -> None:
    cases = [
        (asylum(), job()),
        (asylum(bsn=BsnStatus.NONE), job(twv=TwvStatus.NONE)),
        (person(Phase.INBURGERING), job()),
        (person(Phase.TEMPORARY_PROTECTION), job()),
    ]
    for who, work in cases:
        for condition in evaluate_work(who, work, ON, package_params()).conditions:
            if condition.reason == "param":  # rests only on a value not configured: no version
                continue
            assert condition.version is not None, condition.code
            assert condition.version > date(2000, 1, 1), condition.code


def test_missing_parameters_are_named_in_words() -> None:
    assert str(parameter_label("asylum.bsn_wait_weeks")) == "the usual wait for a BSN"
    assert str(parameter_label("no.such_key")) == "a rule figure"
    assert "administrator" in str(missing_text([], ON))


# --- BSN overdue, W-document expired, coach and newcomer wordings -------------------------------


def test_a_bsn_requested_17_months_ago_is_overdue() -> None:
    requested = date(2024, 10, 2)  # 17 months before ON
    who = asylum(bsn=BsnStatus.REQUESTED, bsn_requested_on=requested)
    result = evaluate_work(who, job(), ON, operator_params())
    bsn = result.condition("asylum.bsn")
    assert bsn.reason == "overdue"
    text = str(bsn.explanation)
    assert "overdue" in text and "expect it around" not in text
    assert "expected by 2024-11-13" in text
    step = next(s for s in result.steps if s.code == "bsn_overdue")
    assert "overdue" in str(step.text)


def test_an_expired_w_document_says_expired_on() -> None:
    who = asylum(w_document_expiry=date(2026, 1, 31))
    result = evaluate_work(who, job(), ON, operator_params())
    wdoc = result.condition("asylum.w_document")
    assert wdoc.status is FAIL and wdoc.reason == "expired"
    assert "expired on 2026-01-31" in str(wdoc.explanation)
    assert "expires on" not in str(wdoc.explanation)
    assert "renew_w_document" in [s.code for s in result.steps]


def test_the_panel_speaks_to_the_coach_and_the_portal_to_the_newcomer() -> None:
    who = asylum(
        birth_date=date(2008, 9, 1),
        bsn=BsnStatus.NONE,
        w_document_expiry=date(2026, 1, 31),
    )
    result = evaluate_work(who, job(twv=TwvStatus.NONE), ON, operator_params())
    for message in (*result.explanation, *(c.explanation for c in result.conditions)):
        newcomer = str(message.for_audience(NEWCOMER))
        coach = str(message.for_audience(COACH))
        assert newcomer == str(message)
        assert not any(word in coach.split() for word in ("You", "you", "Your", "your")), coach
    age = result.condition("asylum.age").explanation
    assert str(age.for_audience(NEWCOMER)) == "You turn 18 on 2026-09-01."
    assert str(age.for_audience(COACH)) == "The participant turns 18 on 2026-09-01."
    headline = result.headline
    assert str(headline).startswith("You may not work")
    assert str(headline.for_audience(COACH)).startswith("The participant may not work")


def test_several_missing_values_are_all_named() -> None:
    who = asylum(birth_date=date(2006, 6, 1))  # 19: the youth and the adult amounts are missing
    wage = evaluate_work(who, job(), ON, package_params()).condition("asylum.minimum_wage")
    text = str(wage.explanation)
    assert "the statutory minimum wage at age 19, the statutory minimum wage (age 21" in text


def test_without_the_age_and_the_wage_the_pay_cannot_be_checked() -> None:
    who = asylum(birth_date=None)
    work = job(hourly_wage_gross=None)
    wage = evaluate_work(who, work, ON, operator_params()).condition("asylum.minimum_wage")
    assert (wage.status, wage.reason) == (UNKNOWN, "input")


def test_the_placeholder_for_no_version_covers_no_day() -> None:
    placeholder = package_params().at("asylum.weeks_cap_per_year", ON)
    assert placeholder.origin == "none" and not placeholder.covers(ON)
