"""REBA calculation examples, wage arithmetic and the less common koppeling answers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from tests.unit.rules.rules_support import (
    ON,
    D,
    asylum,
    entry,
    operator_params,
    package_params,
    params_with,
    person,
)

from werkpad.core.rules import (
    DEFAULT_EXAMPLE_HOURS,
    Job,
    Phase,
    RebaOutcome,
    Status,
    koppeling,
    reba_examples,
    reba_for_income,
)
from werkpad.core.rules.wages import (
    gross_hourly,
    gross_monthly,
    money,
    net_hourly,
    net_monthly,
    plain_number,
)

WPM = Decimal(52) / Decimal(12)


def test_examples_for_a_vacancy_at_its_own_and_common_hours() -> None:
    vacancy = Job(hours_per_week=20, hourly_wage_net=D("12.00"))
    examples = reba_examples(vacancy, ON, package_params())
    assert DEFAULT_EXAMPLE_HOURS == (16, 24, 32, 40)
    rows = [
        (r.hours_per_week, r.is_contract, r.result.monthly_net, r.result.kept)
        for r in examples.rows
    ]
    assert rows == [
        (16, False, D("832.00"), D("208.00")),
        (20, True, D("1040.00"), D("260.00")),
        (24, False, D("1248.00"), D("273.00")),
        (32, False, D("1664.00"), D("273.00")),
        (40, False, D("2080.00"), D("273.00")),
    ]
    assert examples.hourly_net == D("12.00")
    assert "12.00 an hour" in str(examples.explanation[0])
    assert all(r.result.to_coa == r.result.monthly_net - r.result.kept for r in examples.rows)  # type: ignore[operator]


def test_the_contract_row_uses_the_contract_monthly_wage() -> None:
    vacancy = Job(hours_per_week=24, monthly_wage_net=D(1300))
    examples = reba_examples(vacancy, ON, package_params(), hours=(16, 24))
    contract = [r for r in examples.rows if r.is_contract]
    assert len(examples.rows) == 2 and len(contract) == 1
    assert contract[0].result.monthly_net == D("1300.00")
    assert examples.hourly_net == money(D(1300) / (24 * WPM))


def test_examples_without_a_net_wage_say_so() -> None:
    vacancy = Job(hours_per_week=24, hourly_wage_gross=D(15))
    examples = reba_examples(vacancy, ON, package_params())
    assert examples.hourly_net is None
    assert all(r.result.outcome is RebaOutcome.UNKNOWN for r in examples.rows)
    assert "net hourly wage of this job is not known" in str(examples.explanation[0])
    with_share = reba_examples(
        vacancy, ON, params_with(entry("wage.net_share_of_gross", 0.8, "2026-01-01"))
    )
    assert with_share.hourly_net == D("12.00")
    assert with_share.rows[0].result.kept == D("208.00")


def test_examples_for_a_family_say_what_is_unknown() -> None:
    examples = reba_examples(Job(hourly_wage_net=D(12)), ON, package_params(), household_size=4)
    assert [r.hours_per_week for r in examples.rows] == [16, 24, 32, 40]
    message = str(examples.rows[0].result.conditions[2].explanation)
    assert "household of 4" in message and "75 %" in message
    assert "reba.family_keep_share" in message


def test_reba_inputs_are_validated() -> None:
    with pytest.raises(ValueError, match="monthly_net"):
        reba_for_income(D(-1), ON, package_params())
    with pytest.raises(ValueError, match="household_size"):
        reba_for_income(D(1), ON, package_params(), household_size=0)


@pytest.mark.parametrize(
    ("net", "resident", "text"),
    [
        (D(1500), True, "Of a net income of 1500.00 a month you keep 273.00; 1227.00 goes to COA"),
        (D(1500), False, "you keep your whole net income of 1500.00"),
        (None, False, "The REBA does not apply: you keep your whole net income."),
        (None, True, "cannot be computed yet"),
    ],
)
def test_reba_headlines(net: Decimal | None, resident: bool, text: str) -> None:
    result = reba_for_income(net, ON, package_params(), lives_in_coa=resident)
    assert text in str(result.explanation[0])
    assert all(str(m) for m in result.explanation)


def test_reba_rule_text_names_share_and_cap() -> None:
    result = reba_for_income(D(100), ON, package_params())
    rate = result.conditions[2]
    assert "25 % of net income, at most 273.00" in str(rate.rule.text)
    assert rate.version == date(2026, 1, 1)
    assert "[003] §2.3.3" in rate.source
    assert str(result.conditions[1].explanation) == "Net income: 100.00 a month."
    before = reba_for_income(D(100), date(2025, 6, 1), package_params())
    assert "keeps unknown % of net income, at most unknown" in str(before.conditions[2].rule.text)


# --- wages --------------------------------------------------------------------------------------


def test_wage_arithmetic() -> None:
    share = D("0.8")
    assert gross_hourly(Job(monthly_wage_gross=D(2600), hours_per_week=40), WPM) == D(2600) / (
        40 * WPM
    )
    assert gross_hourly(Job(monthly_wage_gross=D(2600)), WPM) is None
    assert gross_hourly(Job(monthly_wage_gross=D(2600), hours_per_week=40), None) is None
    assert gross_monthly(Job(hourly_wage_gross=D(15), hours_per_week=40), WPM) == 15 * 40 * WPM
    assert gross_monthly(Job(hourly_wage_gross=D(15)), WPM) is None
    assert net_hourly(Job(monthly_wage_net=D(1300), hours_per_week=24), WPM, None) == D(1300) / (
        24 * WPM
    )
    assert net_hourly(Job(monthly_wage_net=D(1300)), WPM, None) is None
    assert net_hourly(Job(hourly_wage_gross=D(15)), WPM, share) == D(12)
    assert net_hourly(Job(hourly_wage_gross=D(15)), WPM, None) is None
    assert net_monthly(Job(hourly_wage_net=D(12)), WPM, None) is None
    assert net_monthly(Job(monthly_wage_gross=D(2000)), WPM, share) == D(1600)
    assert net_monthly(Job(monthly_wage_gross=D(2000)), WPM, None) is None
    assert [plain_number(D("16.00")), plain_number(D("7.90")), plain_number(8)] == [
        "16",
        "7.9",
        "8",
    ]


# --- koppeling ------------------------------------------------------------------------------------


LINKABLE = person(
    Phase.STATUS_HOLDER_AZC,
    has_partner=True,
    housing_offered=False,
    inburgering_started=False,
    reba_paid=True,
)


@pytest.mark.parametrize(
    ("text", "work", "code", "reason"),
    [
        (
            entry("koppeling.hard_min_hours_per_week", "unknown", "2000-01-01"),
            Job(),
            "koppeling.hours",
            "minimum hours",
        ),
        ("", Job(hours_per_week=None), "koppeling.hours", "hours a week of this job are not known"),
        (
            entry("koppeling.omkoppeling_excluded_sectors", "unknown", "2000-01-01"),
            Job(sector="care"),
            "omkoppeling.sector",
            "excluded sectors are not set",
        ),
        ("", Job(sector=None), "omkoppeling.sector", "sector of this job is not known"),
        ("", Job(), "omkoppeling.wage", "net monthly wage of this job is not known"),
        (
            entry("koppeling.omkoppeling_min_contract_months", "unknown", "2000-01-01"),
            Job(contract_months=12),
            "omkoppeling.contract_length",
            "minimum contract length is not set",
        ),
        (
            "",
            Job(contract_months=None),
            "omkoppeling.contract_length",
            "length of the contract is not known",
        ),
        (
            "",
            Job(monthly_wage_net=D(2100)),
            "omkoppeling.wage",
            "at least the bijstandsnorm of 2000",
        ),
        ("", Job(monthly_wage_gross=D(3000)), "omkoppeling.wage", "not known"),
    ],
)
def test_koppeling_conditions_say_what_is_missing(
    text: str, work: Job, code: str, reason: str
) -> None:
    params = params_with(text) if text else operator_params()
    result = koppeling(LINKABLE, work, ON, params)
    condition = next(c for c in result.omkoppeling_conditions if c.code == code)
    assert reason in str(condition.explanation)
    if "at least" not in reason:
        assert condition.status is Status.UNKNOWN


def test_koppeling_rule_texts_show_unknown_values() -> None:
    params = params_with(entry("koppeling.omkoppeling_excluded_sectors", "unknown", "2000-01-01"))
    result = koppeling(LINKABLE, Job(), ON, params)
    sector = next(c for c in result.omkoppeling_conditions if c.code == "omkoppeling.sector")
    assert "(unknown)" in str(sector.rule.text)
    known = koppeling(LINKABLE, Job(), ON, operator_params())
    sector = next(c for c in known.omkoppeling_conditions if c.code == "omkoppeling.sector")
    assert "(cleaning, distribution)" in str(sector.rule.text)
    wage = next(c for c in known.omkoppeling_conditions if c.code == "omkoppeling.wage")
    assert "single 1400.00, couple 2000.00" in str(wage.rule.text)
    unknown = koppeling(LINKABLE, Job(), ON, package_params())
    wage = next(c for c in unknown.omkoppeling_conditions if c.code == "omkoppeling.wage")
    assert "single unknown, couple unknown" in str(wage.rule.text)


def test_an_asylum_seeker_is_screened_for_the_link() -> None:
    result = koppeling(
        asylum(),
        Job(hours_per_week=8, contract_signed=True, payslip_shown=True),
        ON,
        operator_params(),
    )
    assert result.hard_criterion is Status.PASS
    assert result.hard_conditions[0].value == "asylum_seeker"
