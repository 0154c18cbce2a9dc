"""Calendar arithmetic for the rules: months, weeks and birthdays, without third-party libraries."""

from __future__ import annotations

from datetime import date, timedelta

_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def is_leap_year(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    if month == 2 and is_leap_year(year):
        return 29
    return _DAYS_IN_MONTH[month - 1]


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months; a day that does not exist is clamped to month end.

    31 August + 6 months is 28 (or 29) February: the period has run when the same day number is
    reached, or the last day of a shorter month. ``months`` may be negative.
    """
    index = day.year * 12 + day.month - 1 + months
    year, month0 = divmod(index, 12)
    month = month0 + 1
    return date(year, month, min(day.day, days_in_month(year, month)))


def add_weeks(day: date, weeks: int) -> date:
    return day + timedelta(weeks=weeks)


def anniversary(birth_date: date, years: int) -> date:
    """The day someone born on ``birth_date`` reaches ``years`` of age.

    Someone born on 29 February reaches an age on 1 March in a common year: the conservative choice,
    never earlier than any reading of the law.
    """
    year = birth_date.year + years
    if birth_date.month == 2 and birth_date.day == 29 and not is_leap_year(year):
        return date(year, 3, 1)
    return birth_date.replace(year=year)


def age_on(birth_date: date, day: date) -> int:
    """Completed years of age on ``day`` (consistent with :func:`anniversary`)."""
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - int(before_birthday)
