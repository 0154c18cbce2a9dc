"""Each hard requirement excludes a pair with a named reason; near misses get plan steps."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest

from werkpad.core.i18n import msg
from werkpad.core.matching import (
    Candidate,
    Certificate,
    DutchLevel,
    ExclusionCode,
    Matcher,
    PairScore,
    Point,
    TransportMode,
    TravelLimits,
    Vacancy,
    WorkPermission,
)
from werkpad.core.schedule import FULL_WEEK, WORKDAY_DAYTIME, bit, mask_of

from .factories import AMSTERDAM, MON_WED_MORNING, START, UTRECHT, candidate, haversine, vacancy

Code = ExclusionCode


def score(c: Candidate, v: Vacancy, **params: Any) -> PairScore:
    return Matcher(**params).fit([v]).score_pair(c, v)


def codes(pair: PairScore) -> list[ExclusionCode]:
    return [e.code for e in pair.exclusions]


def test_default_pair_is_eligible() -> None:
    pair = score(candidate(), vacancy())
    assert pair.eligible and not pair.near_miss and pair.plan_steps == ()


# -- work permission -----------------------------------------------------------------------


def test_not_allowed_to_work_uses_the_rules_engine_reason() -> None:
    reason = msg("Asylum application pending for less than 6 months")
    pair = score(candidate(permission=WorkPermission(None, reason=reason)), vacancy())
    assert codes(pair) == [Code.NOT_ALLOWED_TO_WORK]
    assert pair.exclusions[0].message is reason
    assert not pair.near_miss


def test_not_allowed_to_work_without_reason_has_a_default_sentence() -> None:
    pair = score(candidate(permission=WorkPermission(None)), vacancy())
    assert "right to work is unknown" in str(pair.exclusions[0].message)


@pytest.mark.parametrize(("offset", "ok"), [(-1, False), (0, True), (1, True)])
def test_job_must_start_on_or_after_the_earliest_start(offset: int, ok: bool) -> None:
    earliest = START - timedelta(days=offset)
    pair = score(candidate(permission=WorkPermission(earliest)), vacancy())
    assert pair.eligible is ok
    if not ok:
        assert codes(pair) == [Code.STARTS_TOO_EARLY]
        assert str(pair.exclusions[0].message) == (
            "The job starts on 2026-03-02, before the first possible working day 2026-03-03"
        )


@pytest.mark.parametrize(("employer_applies", "ok"), [(False, False), (True, True)])
def test_twv_needs_an_employer_who_applies(employer_applies: bool, ok: bool) -> None:
    c = candidate(permission=WorkPermission(date(2026, 1, 1), needs_twv=True))
    pair = score(c, vacancy(employer_applies_twv=employer_applies))
    assert codes(pair) == ([] if ok else [Code.NO_TWV])


# -- Dutch ---------------------------------------------------------------------------------


def test_dutch_below_requirement_is_a_near_miss_with_a_plan_step() -> None:
    pair = score(candidate(dutch=DutchLevel.A1), vacancy(min_dutch=DutchLevel.A2))
    assert codes(pair) == [Code.DUTCH_LEVEL]
    assert pair.near_miss
    assert str(pair.exclusions[0].message) == "Dutch level A1 is below the required A2"
    assert [str(step) for step in pair.plan_steps] == ["Dutch A2 needed"]
    assert pair.exclusions[0].subject == "A2"


@pytest.mark.parametrize(
    ("have", "need", "ok"),
    [
        (DutchLevel.B1, DutchLevel.B1, True),
        (DutchLevel.C2, DutchLevel.B1, True),
        (None, DutchLevel.A0, True),
        (DutchLevel.A0, DutchLevel.A0, True),
        (None, DutchLevel.A1, False),
    ],
)
def test_dutch_levels(have: DutchLevel | None, need: DutchLevel, ok: bool) -> None:
    pair = score(candidate(dutch=have), vacancy(min_dutch=need))
    assert pair.eligible is ok


def test_unknown_dutch_level_says_so() -> None:
    pair = score(candidate(dutch=None), vacancy(min_dutch=DutchLevel.B1))
    assert str(pair.exclusions[0].message) == "Dutch level unknown; the job needs B1"


# -- certificates --------------------------------------------------------------------------


def test_missing_certificate_is_a_near_miss_with_a_plan_step() -> None:
    pair = score(candidate(), vacancy(required_certificates=frozenset({"VCA"})))
    assert codes(pair) == [Code.CERTIFICATE_MISSING]
    assert pair.near_miss
    assert [str(step) for step in pair.plan_steps] == ["VCA needed"]
    assert pair.exclusions[0].subject == "VCA"


@pytest.mark.parametrize(
    ("expires", "ok"),
    [(None, True), (START, True), (START + timedelta(days=1), True), (START - timedelta(1), False)],
)
def test_certificate_must_be_valid_on_the_start_date(expires: date | None, ok: bool) -> None:
    c = candidate(certificates=(Certificate("VCA", expires),))
    pair = score(c, vacancy(required_certificates=frozenset({"VCA"})))
    assert pair.eligible is ok
    if not ok:
        assert codes(pair) == [Code.CERTIFICATE_EXPIRED]
        assert [str(step) for step in pair.plan_steps] == ["Renew VCA"]
        assert "expires on 2026-03-01, before the start on 2026-03-02" in str(
            pair.exclusions[0].message
        )


def test_a_second_valid_copy_of_a_certificate_counts() -> None:
    certificates = (Certificate("BHV", date(2025, 1, 1)), Certificate("BHV", date(2027, 1, 1)))
    pair = score(candidate(certificates=certificates), vacancy(required_certificates={"BHV"}))
    assert pair.eligible


def test_two_missing_certificates_are_not_a_near_miss_by_default() -> None:
    v = vacancy(required_certificates=frozenset({"VCA", "BHV"}))
    pair = score(candidate(), v)
    assert codes(pair) == [Code.CERTIFICATE_MISSING] * 2
    assert not pair.near_miss
    assert [str(s) for s in pair.plan_steps] == ["BHV needed", "VCA needed"]
    assert score(candidate(), v, near_miss_max_steps=2).near_miss


def test_dutch_and_certificate_together_are_two_steps() -> None:
    v = vacancy(required_certificates=frozenset({"VCA"}), min_dutch=DutchLevel.C1)
    assert not score(candidate(), v).near_miss
    assert score(candidate(), v, near_miss_max_steps=2).near_miss


def test_fixable_plus_unfixable_is_not_a_near_miss() -> None:
    v = vacancy(required_certificates=frozenset({"VCA"}), location=AMSTERDAM)
    pair = score(candidate(), v)
    assert set(codes(pair)) == {Code.CERTIFICATE_MISSING, Code.TOO_FAR}
    assert not pair.near_miss


def test_more_than_64_certificate_codes() -> None:
    codes_ = [f"cert-{i:03d}" for i in range(150)]
    held = tuple(Certificate(code) for code in codes_[:149])
    c = candidate(certificates=held)
    ok = vacancy(id="ok", required_certificates=frozenset(codes_[140:149]))
    missing = vacancy(id="missing", required_certificates=frozenset(codes_[148:]))
    matcher = Matcher().fit([ok, missing], [c])
    ranking = matcher.rank_vacancies(c)
    assert [p.vacancy_id for p in ranking.matches] == ["ok"]
    assert [p.vacancy_id for p in ranking.near_misses] == ["missing"]
    assert [str(s) for s in ranking.near_misses[0].plan_steps] == ["cert-149 needed"]


def test_certificates_unknown_to_the_fitted_data() -> None:
    c = candidate(certificates=(Certificate("forklift"),))
    matcher = Matcher().fit([vacancy(id="other")], [c])
    one = matcher.rank_candidates(vacancy(required_certificates=frozenset({"BIG"})))
    assert one.matches == () and [p.candidate_id for p in one.near_misses] == ["c1"]
    two = matcher.rank_candidates(vacancy(required_certificates=frozenset({"BIG", "VOG"})))
    assert two.near_misses == () and two.near_misses_total == 0
    held = matcher.rank_candidates(vacancy(required_certificates=frozenset({"forklift"})))
    assert [p.candidate_id for p in held.matches] == ["c1"]
    # A new candidate's certificate that no fitted vacancy asks for is simply ignored.
    assert matcher.rank_vacancies(candidate(certificates=(Certificate("X"),))).eligible == 1


# -- rosters, hours ------------------------------------------------------------------------


def test_fixed_roster_clashes_are_named_per_cause() -> None:
    c = candidate(
        availability=FULL_WEEK & ~bit(0, 0),  # not available on Monday morning
        lessons=bit(2, 0),  # lessons on Wednesday morning
    )
    pair = score(c, vacancy(roster=MON_WED_MORNING | bit(4, 2)))
    assert codes(pair) == [Code.ROSTER_UNAVAILABLE, Code.ROSTER_LESSONS]
    messages = [str(e.message) for e in pair.exclusions]
    assert messages == [
        "The roster needs Monday morning, when the candidate is not available",
        "The roster needs Wednesday morning, when the candidate has lessons",
    ]
    appointment = candidate(appointments=bit(4, 2) | bit(2, 0))
    pair = score(appointment, vacancy(roster=MON_WED_MORNING | bit(4, 2)))
    assert codes(pair) == [Code.ROSTER_APPOINTMENTS]
    assert str(pair.exclusions[0].message) == (
        "The roster needs Wednesday morning, Friday evening, when the candidate has a fixed "
        "appointment"
    )


def test_fixed_roster_outside_the_clashes_is_fine() -> None:
    c = candidate(availability=MON_WED_MORNING, lessons=bit(1, 0), appointments=bit(3, 1))
    assert score(c, vacancy(roster=MON_WED_MORNING)).eligible


@pytest.mark.parametrize(("free", "ok"), [(3, False), (4, True), (5, True)])
def test_flexible_roster_needs_enough_free_dagdelen_in_its_window(free: int, ok: bool) -> None:
    # 16 hours at 4 hours per dagdeel: 4 free dagdelen within the window (weekday daytime).
    slots = [(day, 0) for day in range(free)]
    c = candidate(availability=mask_of(slots) | mask_of([(5, 0), (6, 0)]))  # weekend is outside
    v = vacancy(hours_per_week=16, roster=WORKDAY_DAYTIME, fixed_roster=False)
    pair = score(c, v)
    assert pair.eligible is ok
    if not ok:
        assert codes(pair) == [Code.TOO_FEW_DAGDELEN]
        assert str(pair.exclusions[0].message) == (
            "16 hours a week need 4 dagdelen; the candidate has 3 free in the job's working times"
        )


def test_flexible_roster_lessons_and_appointments_take_dagdelen() -> None:
    c = candidate(
        availability=mask_of([(0, 0), (1, 0), (2, 0), (3, 0), (4, 0)]),
        lessons=bit(0, 0),
        appointments=bit(4, 0),
    )
    flexible = vacancy(roster=WORKDAY_DAYTIME, fixed_roster=False)
    assert score(c, replace(flexible, hours_per_week=12)).eligible  # 3 dagdelen, 3 free
    assert codes(score(c, replace(flexible, hours_per_week=13))) == [Code.TOO_FEW_DAGDELEN]


def test_hours_per_dagdeel_is_a_parameter() -> None:
    c = candidate(availability=mask_of([(0, 0), (1, 0)]))
    v = vacancy(hours_per_week=12, roster=WORKDAY_DAYTIME, fixed_roster=False)
    assert not score(c, v).eligible
    assert score(c, v, hours_per_dagdeel=6.0).eligible


def test_too_many_hours() -> None:
    pair = score(candidate(max_hours_per_week=16), vacancy(hours_per_week=24))
    assert codes(pair) == [Code.TOO_MANY_HOURS]
    assert str(pair.exclusions[0].message) == ("24 hours a week; the candidate can work at most 16")
    assert score(candidate(max_hours_per_week=24), vacancy(hours_per_week=24)).eligible


# -- distance ------------------------------------------------------------------------------


def test_haversine_distance_utrecht_amsterdam() -> None:
    pair = score(candidate(transport=frozenset({TransportMode.CAR})), vacancy(location=AMSTERDAM))
    assert pair.distance_km == pytest.approx(haversine(UTRECHT, AMSTERDAM), rel=1e-9)
    assert pair.distance_km == pytest.approx(34.2, abs=0.05)


@pytest.mark.parametrize(
    ("modes", "ok"),
    [
        (set(), False),
        ({TransportMode.BICYCLE}, False),
        ({TransportMode.PUBLIC_TRANSPORT}, False),
        ({TransportMode.BICYCLE, TransportMode.CAR}, True),
    ],
)
def test_travel_limit_is_the_best_mode(modes: set[TransportMode], ok: bool) -> None:
    travel = TravelLimits(public_transport=30.0)
    pair = score(candidate(transport=frozenset(modes)), vacancy(location=AMSTERDAM), travel=travel)
    assert pair.eligible is ok


def test_too_far_message_names_mode_and_limit() -> None:
    c = candidate(transport=frozenset({TransportMode.BICYCLE}))
    pair = score(c, vacancy(location=AMSTERDAM))
    assert str(pair.exclusions[0].message) == (
        "34.2 km from home; by bicycle the candidate travels at most 15.0 km"
    )
    walker = score(candidate(), vacancy(location=Point(52.2, 5.1)))
    assert "by walking the candidate travels at most 3.0 km" in str(walker.exclusions[0].message)


def test_exclusion_codes_know_what_is_fixable() -> None:
    fixable = {code for code in ExclusionCode if code.fixable}
    assert fixable == {Code.DUTCH_LEVEL, Code.CERTIFICATE_MISSING, Code.CERTIFICATE_EXPIRED}


def test_expired_message_names_the_latest_copy() -> None:
    certificates = (Certificate("BHV", date(2026, 2, 1)), Certificate("BHV", date(2025, 1, 1)))
    pair = score(candidate(certificates=certificates), vacancy(required_certificates={"BHV"}))
    assert codes(pair) == [Code.CERTIFICATE_EXPIRED]
    assert "expires on 2026-02-01" in str(pair.exclusions[0].message)
