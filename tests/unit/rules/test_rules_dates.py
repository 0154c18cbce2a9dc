"""Month arithmetic and birthdays, by example and by property."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from werkpad.core.rules import add_months, add_weeks, age_on, anniversary
from werkpad.core.rules.dates import days_in_month, is_leap_year

DATES = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
MONTHS = st.integers(min_value=-240, max_value=240)
FAST = settings(max_examples=200, deadline=None)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2025, 1, 15), 6, date(2025, 7, 15)),
        (date(2025, 8, 31), 6, date(2026, 2, 28)),  # clamped to month end
        (date(2023, 8, 31), 6, date(2024, 2, 29)),  # leap year
        (date(2025, 12, 31), 1, date(2026, 1, 31)),
        (date(2025, 3, 31), -1, date(2025, 2, 28)),
        (date(2025, 1, 1), 0, date(2025, 1, 1)),
        (date(2025, 11, 30), 14, date(2027, 1, 30)),
    ],
)
def test_add_months_examples(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


def test_leap_years_and_month_lengths() -> None:
    assert [is_leap_year(y) for y in (1900, 2000, 2024, 2025)] == [False, True, True, False]
    assert [days_in_month(2024, 2), days_in_month(2025, 2), days_in_month(2025, 4)] == [29, 28, 30]


@FAST
@given(DATES, MONTHS)
def test_add_months_moves_exactly_that_many_calendar_months(day: date, months: int) -> None:
    result = add_months(day, months)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    assert result.day == min(day.day, days_in_month(result.year, result.month))


@FAST
@given(DATES, DATES, MONTHS)
def test_add_months_keeps_order(first: date, second: date, months: int) -> None:
    early, late = sorted((first, second))
    assert add_months(early, months) <= add_months(late, months)


@FAST
@given(DATES, st.integers(min_value=0, max_value=240))
def test_add_months_never_overshoots_and_round_trips_when_the_day_exists(
    day: date, months: int
) -> None:
    there = add_months(day, months)
    back = add_months(there, -months)
    assert back <= day
    if there.day == day.day:
        assert back == day


@FAST
@given(DATES, st.integers(min_value=0, max_value=520))
def test_add_weeks(day: date, weeks: int) -> None:
    assert add_weeks(day, weeks) - day == timedelta(weeks=weeks)


@FAST
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2050, 12, 31)), st.integers(0, 60))
def test_anniversary_agrees_with_age(birth: date, years: int) -> None:
    day = anniversary(birth, years)
    assert age_on(birth, day) == years
    assert age_on(birth, day - timedelta(days=1)) == years - 1


def test_born_on_29_february_turns_18_on_1_march_in_a_common_year() -> None:
    assert anniversary(date(2008, 2, 29), 18) == date(2026, 3, 1)
    assert anniversary(date(2008, 2, 29), 20) == date(2028, 2, 29)
    assert age_on(date(2008, 2, 29), date(2026, 2, 28)) == 17
