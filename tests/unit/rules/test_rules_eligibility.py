"""Eligibility beyond the golden table: unknown and switched-off rules, work_window, the result API."""

from __future__ import annotations

from datetime import date

import pytest
from tests.unit.rules.rules_support import (
    ON,
    D,
    asylum,
    entry,
    job,
    operator_params,
    package_params,
    params_with,
    person,
)

from werkpad.core.rules import (
    BsnStatus,
    ConditionKind,
    EligibilityResult,
    Job,
    Outcome,
    Person,
    Phase,
    Status,
    TwvStatus,
    evaluate_work,
    parameters_from_text,
    work_window,
)
from werkpad.core.rules.explain import parameter_label

PASS, FAIL, UNKNOWN = Status.PASS, Status.FAIL, Status.UNKNOWN
UKRAINIAN = person(Phase.TEMPORARY_PROTECTION)
IN_INBURGERING = person(Phase.INBURGERING)

# (key set to "unknown" by the operator, who, which job, condition that becomes unknown)
UNKNOWN_PARAMETER = [
    ("asylum.min_age", asylum(), job(), "asylum.age"),
    ("asylum.waiting_months", asylum(), job(), "asylum.waiting_period"),
    ("asylum.requires_coa_residence", asylum(), job(), "asylum.coa_residence"),
    ("asylum.requires_minimum_wage", asylum(), job(), "asylum.minimum_wage"),
    ("asylum.requires_w_document", asylum(), job(), "asylum.w_document"),
    ("asylum.twv_required", asylum(), job(), "asylum.twv"),
    ("asylum.twv_practical_weeks", asylum(), job(twv=TwvStatus.NONE), "asylum.twv"),
    ("asylum.bsn_wait_weeks", asylum(), job(), "asylum.bsn"),
    ("asylum.bsn_after_months", asylum(bsn=BsnStatus.NONE), job(), "asylum.bsn"),
    ("temporary_protection.twv_required", UKRAINIAN, job(), "temporary_protection.twv"),
    ("status_holder.twv_required", IN_INBURGERING, job(), "status_holder.twv"),
    ("bijstand.exit_min_hours_per_week", IN_INBURGERING, job(), "status_holder.bijstand_exit"),
]


@pytest.mark.parametrize(
    ("key", "who", "work", "code"),
    [pytest.param(*row, id=row[0]) for row in UNKNOWN_PARAMETER],
)
def test_a_parameter_set_to_unknown_makes_its_condition_unknown(
    key: str, who: Person, work: Job, code: str
) -> None:
    params = params_with(entry(key, "unknown", "2000-01-01"))
    result = evaluate_work(who, work, ON, params)
    condition = result.condition(code)
    assert condition.status is UNKNOWN
    assert condition.reason == "param"
    # Named in words a coach can act on; the configuration key is for administrators only.
    assert str(parameter_label(key)) in str(condition.explanation)
    assert key not in str(condition.explanation)
    assert "2026-03-02" in str(condition.explanation)
    if condition.kind is not ConditionKind.ADVISORY:
        assert result.outcome is Outcome.UNKNOWN
        assert result.earliest_start is None


def test_the_24_weeks_rule_with_unknown_parts() -> None:
    on = date(2023, 11, 28)
    who = asylum(asylum_application_date=date(2023, 1, 10))
    unknown_cap = params_with(entry("asylum.weeks_cap_applies", "unknown", "2000-01-01"))
    result = evaluate_work(who, job(), on, unknown_cap)
    assert result.condition("asylum.weeks_cap").status is UNKNOWN
    assert "whether the 24-weeks rule applies" in str(
        result.condition("asylum.weeks_cap").explanation
    )
    assert result.outcome is Outcome.MAY_WORK  # advisory: it never decides


@pytest.mark.parametrize(
    ("work", "status"),
    [
        (job(contract_months=5), PASS),  # 5 x 52/12 = 21.7 weeks
        (job(contract_months=6), FAIL),  # 26 weeks
        (job(contract_months=None), UNKNOWN),
        (job(contract_months=None, permanent_contract=True), FAIL),
    ],
)
def test_the_24_weeks_rule_against_the_contract(work: Job, status: Status) -> None:
    who = asylum(asylum_application_date=date(2023, 1, 10))
    result = evaluate_work(who, work, date(2023, 11, 28), operator_params())
    condition = result.condition("asylum.weeks_cap")
    assert condition.status is status
    assert "24 weeks" in str(condition.explanation)
    assert str(condition.explanation) in {str(m) for m in result.explanation}


def test_conditions_that_are_switched_off_pass() -> None:
    off = "\n".join(
        entry(key, False, "2026-01-01")
        for key in (
            "asylum.requires_coa_residence",
            "asylum.requires_minimum_wage",
            "asylum.requires_w_document",
            "asylum.twv_required",
        )
    )
    who = asylum(lives_in_coa=False, has_w_document=False)
    result = evaluate_work(who, job(hourly_wage_gross=D(5), twv=None), ON, params_with(off))
    assert result.outcome is Outcome.MAY_WORK
    assert result.needs_twv is False
    for code in ("asylum.coa_residence", "asylum.minimum_wage", "asylum.w_document"):
        condition = result.condition(code)
        assert (condition.status, condition.reason) == (PASS, "not_required")
        assert "not a condition" in str(condition.explanation) or "No minimum" in str(
            condition.explanation
        )
    window = work_window(who, ON, params_with(off))
    assert (window.min_wage_applies, window.min_hourly_wage_gross) == (False, None)


def test_a_twv_required_for_other_phases_is_handled_like_for_asylum_seekers() -> None:
    params = params_with(
        entry("temporary_protection.twv_required", True, "2026-01-01")
        + entry("status_holder.twv_required", True, "2026-01-01")
    )
    ukrainian = evaluate_work(UKRAINIAN, job(twv=TwvStatus.NONE), ON, params)
    assert ukrainian.outcome is Outcome.MAY_WORK_FROM
    assert ukrainian.earliest_start == date(2026, 5, 4)
    assert ukrainian.needs_twv is True
    assert [s.code for s in ukrainian.steps] == ["employer_applies_twv"]
    holder = evaluate_work(IN_INBURGERING, job(twv=TwvStatus.GRANTED), ON, params)
    assert holder.outcome is Outcome.MAY_WORK
    assert str(holder.condition("status_holder.twv").explanation) == (
        "The TWV for this job has been granted."
    )


@pytest.mark.parametrize(
    ("who", "work", "params", "status", "reason"),
    [
        (asylum(birth_date=None), job(hourly_wage_gross=D(13)), "operator", UNKNOWN, "age_unknown"),
        (asylum(birth_date=None), job(), "package", UNKNOWN, "amount"),
        (asylum(birth_date=None), job(), "operator", PASS, "pass"),
        (
            asylum(birth_date=date(2006, 6, 1)),
            job(hourly_wage_gross=D(9)),
            "adult",
            UNKNOWN,
            "amount",
        ),
        (asylum(birth_date=date(2006, 6, 1)), job(), "adult", PASS, "pass"),
        (
            asylum(birth_date=date(2005, 6, 1)),
            job(hourly_wage_gross=D(12)),
            "operator",
            PASS,
            "pass",
        ),
    ],
)
def test_minimum_wage_by_age(
    who: Person, work: Job, params: str, status: Status, reason: str
) -> None:
    sets = {
        "operator": operator_params(),
        "package": package_params(),
        "adult": parameters_from_text(entry("wage.minimum_hourly_gross", 14, "2020-01-01")),
    }
    condition = evaluate_work(who, work, ON, sets[params]).condition("asylum.minimum_wage")
    assert (condition.status, condition.reason) == (status, reason)
    assert str(condition.explanation)


EARLIER_WAGE = entry("wage.minimum_hourly_gross", 14, "2019-01-01", "2022-12-31")


@pytest.mark.parametrize(
    ("text", "on", "wage", "status"),
    [
        (entry("wage.adult_minimum_age", "unknown", "2000-01-01"), ON, D(13), UNKNOWN),
        (entry("wage.adult_minimum_age", "unknown", "2000-01-01"), ON, D(15), PASS),
        (EARLIER_WAGE, date(2019, 6, 30), D(13), UNKNOWN),  # before the sourced adult age
        (EARLIER_WAGE, date(2019, 7, 1), D(13), FAIL),
    ],
)
def test_without_the_adult_age_only_the_adult_amount_decides(
    text: str, on: date, wage: D, status: Status
) -> None:
    who = asylum(asylum_application_date=date(2018, 1, 1))
    condition = evaluate_work(who, job(hourly_wage_gross=wage), on, params_with(text)).condition(
        "asylum.minimum_wage"
    )
    assert condition.status is status
    if status is UNKNOWN:
        assert "the age from which the adult minimum wage applies" in str(condition.explanation)


def test_a_youth_age_without_an_amount_of_its_own() -> None:
    # The operator raises the adult age to 23: a 22-year-old has no youth amount set.
    params = params_with(entry("wage.adult_minimum_age", 23, "2026-01-01"))
    who = asylum(birth_date=date(2003, 6, 1))
    low = evaluate_work(who, job(hourly_wage_gross=D(12)), ON, params)
    assert low.condition("asylum.minimum_wage").status is UNKNOWN
    high = evaluate_work(who, job(hourly_wage_gross=D(15)), ON, params)
    assert high.condition("asylum.minimum_wage").status is PASS


def test_youth_minimum_wage_follows_the_age_at_the_earliest_start() -> None:
    # 20 today, 21 by the time the TWV can be there: the adult minimum applies.
    who = asylum(birth_date=date(2005, 4, 1))
    result = evaluate_work(
        who, job(hourly_wage_gross=D(12), twv=TwvStatus.NONE), ON, operator_params()
    )
    condition = result.condition("asylum.minimum_wage")
    assert condition.status is FAIL
    assert condition.detail == D("14.00")
    assert result.outcome is Outcome.MAY_NOT


def test_no_bsn_and_the_application_date_unknown() -> None:
    who = asylum(bsn=BsnStatus.NONE, asylum_application_date=None)
    result = evaluate_work(who, job(twv=TwvStatus.NONE), ON, operator_params())
    assert result.condition("asylum.bsn").status is UNKNOWN
    assert result.condition("asylum.twv").reason == "can_from_unknown"
    assert all(str(c.explanation) for c in result.conditions)


def test_steps_name_who_and_when() -> None:
    who = asylum(bsn=BsnStatus.NONE, asylum_application_date=date(2025, 10, 1))
    result = evaluate_work(who, job(twv=TwvStatus.NONE), ON, operator_params())
    assert [(s.code, s.actor, s.expected) for s in result.steps] == [
        ("wait_waiting_period", "person", date(2026, 4, 1)),
        ("employer_applies_twv", "employer", date(2026, 6, 3)),
        ("request_bsn", "person", date(2026, 5, 13)),
    ]
    assert result.earliest_start == date(2026, 6, 3)
    twv = str(result.steps[1].text)
    assert "from 2026-04-01" in twv and "legal term 5 weeks" in twv and "up to 9" in twv
    applied = evaluate_work(
        asylum(), job(twv=TwvStatus.APPLIED, twv_date=date(2026, 2, 16)), ON, operator_params()
    )
    assert "by law by 2026-03-23" in str(applied.steps[0].text)
    legal_unknown = params_with(entry("asylum.twv_legal_weeks", "unknown", "2000-01-01"))
    applied = evaluate_work(
        asylum(), job(twv=TwvStatus.APPLIED, twv_date=date(2026, 2, 16)), ON, legal_unknown
    )
    assert "by law by unknown" in str(applied.steps[0].text)


def test_condition_results_carry_rule_version_and_source() -> None:
    result = evaluate_work(asylum(), job(), ON, operator_params())
    wage = result.condition("asylum.minimum_wage")
    assert wage.kind is ConditionKind.LEGAL
    assert wage.version == date(2023, 1, 1)  # the operator's minimum wage version
    assert "[004] §2.2 condition 4" in wage.source and "test value" in wage.source
    assert wage.rule.value("wage.minimum_hourly_gross") == D("14.00")
    with pytest.raises(KeyError):
        wage.rule.value("no.such.key")
    assert "14.00 an hour gross" in str(wage.rule.text)
    bsn = result.condition("asylum.bsn")
    assert bsn.kind is ConditionKind.PRACTICAL
    with pytest.raises(KeyError):
        result.condition("no.such.condition")


def test_results_compare_by_decision_and_details() -> None:
    first = evaluate_work(asylum(), job(), ON, operator_params())
    again = evaluate_work(asylum(), job(), ON, operator_params())
    other = evaluate_work(asylum(bsn=BsnStatus.NONE), job(), ON, operator_params())
    assert first == again
    assert first != other
    assert first != "may work"
    assert isinstance(first, EligibilityResult)
    assert first.details is first.details  # built once
    assert "build_details" not in repr(first)


def test_explanation_lists_advice_for_status_holders() -> None:
    result = evaluate_work(IN_INBURGERING, job(hours_per_week=16), ON, operator_params())
    text = [str(m) for m in result.explanation]
    assert text[0] == "You may work in this job from 2026-03-02."
    assert any("does not end the bijstand" in t for t in text)
    assert any("startbaan norm" in t for t in text)


def test_explanations_of_status_holder_advice() -> None:
    unknown_hours = evaluate_work(IN_INBURGERING, job(hours_per_week=None), ON, operator_params())
    assert str(unknown_hours.condition("status_holder.startbaan_norm").explanation) == (
        "The hours of this job are not known."
    )
    below = evaluate_work(IN_INBURGERING, job(hours_per_week=12), ON, operator_params())
    assert "below the municipality's startbaan norm of 16" in str(
        below.condition("status_holder.startbaan_norm").explanation
    )
    unset = evaluate_work(IN_INBURGERING, job(), ON, package_params())
    assert unset.condition("status_holder.startbaan_norm").reason == "param"
    assert "the municipality's startbaan norm" in str(
        unset.condition("status_holder.startbaan_norm").explanation
    )


# --- work_window -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "who",
    [
        asylum(),
        asylum(bsn=BsnStatus.NONE),
        asylum(asylum_application_date=date(2025, 12, 1)),
        asylum(birth_date=date(2008, 9, 1)),
        asylum(lives_in_coa=False),
        asylum(w_document_expiry=date(2026, 4, 1)),
        asylum(birth_date=None),
        UKRAINIAN,
        IN_INBURGERING,
    ],
)
def test_work_window_agrees_with_evaluate_work_for_a_fresh_vacancy(who: Person) -> None:
    params = operator_params()
    window = work_window(who, ON, params)
    vacancy = job(twv=TwvStatus.NONE, hourly_wage_gross=D(100))
    full = evaluate_work(who, vacancy, ON, params)
    assert (window.outcome, window.earliest_start, window.needs_twv) == (
        full.outcome,
        full.earliest_start,
        full.needs_twv,
    )


def test_work_window_gives_the_wage_floor() -> None:
    params = operator_params()
    assert work_window(asylum(), ON, params).min_hourly_wage_gross == D("14.00")
    assert work_window(asylum(birth_date=date(2006, 6, 1)), ON, params).min_hourly_wage_gross == D(
        "8.50"
    )
    unknown_age = work_window(asylum(birth_date=None), ON, params)
    assert (unknown_age.min_wage_applies, unknown_age.min_hourly_wage_gross) == (True, None)
    assert work_window(asylum(), ON, package_params()).min_hourly_wage_gross is None
    ukrainian = work_window(UKRAINIAN, ON, params)
    assert (ukrainian.min_wage_applies, ukrainian.needs_twv) == (False, False)


def test_inputs_are_validated() -> None:
    with pytest.raises(ValueError, match="household_size"):
        Person(Phase.ASYLUM_SEEKER, household_size=0)
    with pytest.raises(ValueError, match="hours_per_week must not be negative"):
        Job(hours_per_week=-1)


def test_phase_settles_coa_residence_housing_and_inburgering() -> None:
    assert Person(Phase.STATUS_HOLDER_AZC).coa_resident is True
    assert Person(Phase.INBURGERING).coa_resident is False
    assert Person(Phase.ASYLUM_SEEKER).coa_resident is None
    assert Person(Phase.ASYLUM_SEEKER, lives_in_coa=False).coa_resident is False
    assert Person(Phase.AFTER_INBURGERING).housed is True
    assert Person(Phase.STATUS_HOLDER_AZC, housing_offered=False).housed is False
    assert Person(Phase.INBURGERING).in_inburgering is True
    assert Person(Phase.STATUS_HOLDER_AZC).in_inburgering is None
