"""Properties (hypothesis): worse never means earlier, REBA bounds, order independence."""

from __future__ import annotations

import dataclasses
import random
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.unit.rules.rules_support import (
    family_params,
    operator_params,
    package_params,
)

from werkpad.core.rules import (
    BsnStatus,
    EligibilityResult,
    IncoherentInput,
    Job,
    Outcome,
    Person,
    Phase,
    RebaOutcome,
    TwvStatus,
    evaluate_work,
    parameters_from_text,
    reba_examples,
    reba_for_income,
    work_window,
)
from werkpad.core.rules.parameters import ParameterSet

SETTINGS = settings(max_examples=150, deadline=None)
ADULT_MINIMUM_MAX = Decimal("14.50")  # the highest adult minimum in the test operator values
NEVER = date.max


def possible_from(result: EligibilityResult) -> date:
    """The first day work is possible; ``date.max`` when not (may not, or unknown)."""
    if result.outcome in (Outcome.MAY_WORK, Outcome.MAY_WORK_FROM):
        assert result.earliest_start is not None
        return result.earliest_start
    return NEVER


def _day(on: date, low: int, high: int) -> st.SearchStrategy[date]:
    return st.integers(low, high).map(lambda n: on + timedelta(days=n))


@st.composite
def _either(
    draw: st.DrawFn, usual: st.SearchStrategy[object], edge: st.SearchStrategy[object]
) -> object:
    """Mostly (4 in 5) a usual value, sometimes one near the boundary of the condition."""
    return draw(edge) if draw(st.integers(0, 4)) == 4 else draw(usual)


@st.composite
def cases(draw: st.DrawFn) -> tuple[Person, Job, date]:
    """An asylum seeker and a job with every input known, around the boundaries of each condition.

    Unknown inputs come from the "unknown" worsening, so that most cases reach a decision.
    """
    on = draw(st.dates(date(2023, 1, 1), date(2027, 12, 31)))
    year = 365
    person = Person(
        phase=Phase.ASYLUM_SEEKER,
        birth_date=draw(
            _either(_day(on, -60 * year, -19 * year), _day(on, -19 * year, -17 * year))
        ),
        asylum_application_date=draw(_either(_day(on, -800, -200), _day(on, -200, 0))),
        lives_in_coa=draw(_either(st.just(True), st.just(False))),
        has_w_document=draw(st.sampled_from([None, True])),
        w_document_expiry=draw(_either(_day(on, 300, 900), _day(on, -60, 300))),
        bsn=draw(st.sampled_from([BsnStatus.RECEIVED, BsnStatus.REQUESTED, BsnStatus.NONE])),
        bsn_requested_on=draw(_day(on, -100, 0)),
    )
    job = Job(
        hours_per_week=draw(st.sampled_from([8, 16, 24, 32, 40])),
        hourly_wage_gross=draw(
            _either(st.decimals(15, 30, places=2), st.decimals(5, 15, places=2))
        ),
        start_date=draw(st.none() | _day(on, 0, 120)),
        contract_months=draw(st.sampled_from([3, 6, 12, None])),
        twv=draw(st.sampled_from([TwvStatus.GRANTED, TwvStatus.APPLIED, TwvStatus.NONE])),
        twv_date=draw(_day(on, -100, 0)),
    )
    return person, job, on


def _replace(obj: object, **changes: object) -> object:
    return dataclasses.replace(obj, **changes)  # type: ignore[type-var]


@st.composite
def chains(draw: st.DrawFn, case: tuple[Person, Job, date]) -> list[list[tuple[Person, Job]]]:
    """For each condition, a list of (person, job) pairs, each one worse than the one before.

    A younger age is not a worse condition for the pay (the youth minimum wage is lower by law),
    so the age chain uses a job that pays at least the adult minimum.
    """
    person, job, on = case
    days = draw(st.integers(1, 200))
    more = draw(st.integers(1, 200))
    well_paid = _replace(job, hourly_wage_gross=max(job.hourly_wage_gross, ADULT_MINIMUM_MAX))
    p, j = person, job
    application = p.asylum_application_date
    birth = p.birth_date
    expiry = p.w_document_expiry
    requested = p.bsn_requested_on
    applied = j.twv_date
    assert application and birth and expiry and requested and applied and j.hourly_wage_gross
    return [
        [
            (_replace(p, asylum_application_date=application), j),
            (_replace(p, asylum_application_date=application + timedelta(days)), j),
            (_replace(p, asylum_application_date=application + timedelta(days + more)), j),
            (_replace(p, asylum_application_date=None), j),
        ],
        [
            (_replace(p, birth_date=birth), well_paid),
            (_replace(p, birth_date=birth + timedelta(days)), well_paid),
            (_replace(p, birth_date=birth + timedelta(days * 20)), well_paid),
            (_replace(p, birth_date=None), well_paid),
        ],
        [(_replace(p, lives_in_coa=value), j) for value in (True, None, False)],
        [
            (_replace(p, w_document_expiry=expiry), j),
            (_replace(p, w_document_expiry=expiry - timedelta(days)), j),
            (_replace(p, w_document_expiry=expiry - timedelta(days + more)), j),
            (_replace(p, w_document_expiry=None, has_w_document=None), j),
            (_replace(p, has_w_document=False), j),
        ],
        [
            (_replace(p, bsn=BsnStatus.RECEIVED), j),
            (_replace(p, bsn=BsnStatus.REQUESTED, bsn_requested_on=requested), j),
            (
                _replace(
                    p,
                    bsn=BsnStatus.REQUESTED,
                    bsn_requested_on=min(requested + timedelta(days), on),
                ),
                j,
            ),
            (_replace(p, bsn=BsnStatus.NONE), j),
            (_replace(p, bsn=None), j),
        ],
        [
            (p, _replace(j, twv=TwvStatus.GRANTED)),
            (p, _replace(j, twv=TwvStatus.APPLIED, twv_date=applied)),
            (p, _replace(j, twv=TwvStatus.APPLIED, twv_date=min(applied + timedelta(days), on))),
            (p, _replace(j, twv=TwvStatus.NONE)),
            (p, _replace(j, twv=TwvStatus.REFUSED)),
        ],
        [
            (p, j),
            (p, _replace(j, hourly_wage_gross=j.hourly_wage_gross * Decimal("0.9"))),
            (p, _replace(j, hourly_wage_gross=j.hourly_wage_gross / 2)),
            (p, _replace(j, hourly_wage_gross=None)),
        ],
    ]  # type: ignore[return-value]


def _possible(p: Person, j: Job, on: date, params: ParameterSet) -> date:
    """As :func:`possible_from`; a worsening that makes the inputs incoherent (an application
    after the start) is refused, which is "never" too."""
    try:
        return possible_from(evaluate_work(p, j, on, params))
    except IncoherentInput:
        return NEVER


@SETTINGS
@given(st.data())
def test_making_a_condition_worse_never_makes_work_possible_earlier(data: st.DataObject) -> None:
    case = data.draw(cases())
    on = case[2]
    params = operator_params()
    for chain in data.draw(chains(case)):
        dates = [_possible(p, j, on, params) for p, j in chain]
        assert dates == sorted(dates), chain


@SETTINGS
@given(cases(), st.integers(0, 8), st.integers(0, 8))
def test_longer_waits_in_the_rules_never_make_work_possible_earlier(
    case: tuple[Person, Job, date], extra_months: int, extra_weeks: int
) -> None:
    person, job, on = case
    stricter = _stricter(extra_months, extra_weeks)
    assert possible_from(evaluate_work(person, job, on, stricter)) >= possible_from(
        evaluate_work(person, job, on, operator_params())
    )


_STRICTER: dict[tuple[int, int], ParameterSet] = {}


def _stricter(months: int, weeks: int) -> ParameterSet:
    if (months, weeks) not in _STRICTER:
        from tests.unit.rules.rules_support import entry, params_with

        _STRICTER[months, weeks] = params_with(
            entry("asylum.waiting_months", 6 + months, "2000-01-01")
            + entry("asylum.twv_practical_weeks", 9 + weeks, "2000-01-01")
            + entry("asylum.bsn_wait_weeks", 6 + weeks, "2000-01-01")
        )
    return _STRICTER[months, weeks]


@SETTINGS
@given(cases())
def test_work_window_equals_evaluate_work_for_a_fresh_vacancy(
    case: tuple[Person, Job, date],
) -> None:
    """work_window is evaluate_work for a vacancy starting today, with no TWV yet, paying enough."""
    person, job, on = case
    params = operator_params()
    fresh = dataclasses.replace(job, twv=TwvStatus.NONE, start_date=None, hourly_wage_gross=None)
    window = work_window(person, on, params)
    full = evaluate_work(
        person, dataclasses.replace(fresh, hourly_wage_gross=Decimal(99)), on, params
    )
    assert window.outcome is full.outcome
    assert window.earliest_start == full.earliest_start


MONEY = st.decimals(0, 10_000, places=2, allow_nan=False, allow_infinity=False)


@SETTINGS
@given(MONEY, st.dates(date(2026, 1, 1), date(2027, 12, 31)))
def test_reba_keeps_at_most_the_cap_and_at_most_the_income(net: Decimal, on: date) -> None:
    result = reba_for_income(net, on, package_params())
    assert result.outcome is RebaOutcome.CONTRIBUTION
    assert result.kept is not None and result.to_coa is not None
    assert Decimal(0) <= result.kept <= min(Decimal(273), net)
    assert result.kept + result.to_coa == net
    assert result.cap_reached is (net * Decimal("0.25") >= Decimal("272.995"))


@SETTINGS
@given(MONEY, MONEY)
def test_reba_never_keeps_less_of_a_higher_income(first: Decimal, second: Decimal) -> None:
    low, high = sorted((first, second))
    on = date(2026, 3, 2)
    kept_low = reba_for_income(low, on, package_params()).kept
    kept_high = reba_for_income(high, on, package_params()).kept
    assert kept_low is not None and kept_high is not None
    assert kept_low <= kept_high


@SETTINGS
@given(MONEY, st.integers(2, 9))
def test_reba_for_families_stays_within_the_income(net: Decimal, size: int) -> None:
    result = reba_for_income(net, date(2026, 3, 2), family_params(), household_size=size)
    assert result.kept is not None and result.to_coa is not None
    assert Decimal(0) <= result.kept <= net
    assert result.kept + result.to_coa == net
    unknown = reba_for_income(net, date(2026, 3, 2), package_params(), household_size=size)
    assert unknown.outcome is RebaOutcome.UNKNOWN and unknown.kept is None


@settings(max_examples=20, deadline=None)
@given(st.lists(cases(), min_size=2, max_size=12), st.randoms(use_true_random=False))
def test_results_do_not_depend_on_the_order_of_evaluation(
    batch: list[tuple[Person, Job, date]], rng: random.Random
) -> None:
    shared = parameters_from_text(None)
    forward = [evaluate_work(p, j, on, shared) for p, j, on in batch]
    order = list(range(len(batch)))
    rng.shuffle(order)
    shuffled = {i: evaluate_work(*batch[i][:2], batch[i][2], shared) for i in order}
    fresh = [evaluate_work(p, j, on, parameters_from_text(None)) for p, j, on in batch]
    for i, result in enumerate(forward):
        assert result == shuffled[i] == fresh[i]


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.integers(1, 48), min_size=1, max_size=6),
    st.randoms(use_true_random=False),
)
def test_reba_examples_do_not_depend_on_the_order_of_the_hours(
    hours: list[int], rng: random.Random
) -> None:
    job = Job(hours_per_week=24, hourly_wage_net=Decimal("12.10"))
    shuffled = hours[:]
    rng.shuffle(shuffled)
    on = date(2026, 3, 2)
    assert reba_examples(job, on, package_params(), hours=hours) == reba_examples(
        job, on, package_params(), hours=shuffled
    )
