"""The schedule check against hand-made weeks: clashes, and the 16 h and 24 h thresholds."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from werkpad.core import schedule as s
from werkpad.core.rules.parameters import load_parameters

MONDAY = date(2026, 3, 2)  # a Monday
MIN, EXIT = Decimal(16), Decimal(24)


def test_thresholds_come_from_the_rules_engine():
    params = load_parameters().resolve(MONDAY)
    assert params.number("schedule.combination_min_hours_per_week") == MIN
    assert params.number("bijstand.exit_min_hours_per_week") == EXIT


def test_a_week_that_fits():
    # Lessons Monday, Wednesday, Friday morning; work Tuesday and Thursday all day.
    lessons = s.mask_of([(0, 0), (2, 0), (4, 0)])
    roster = s.mask_of([(1, 0), (1, 1), (3, 0), (3, 1)])
    check = s.check_week(
        MONDAY,
        availability=s.WORKDAY_DAYTIME,
        lessons=lessons,
        roster=roster,
        work_hours=Decimal(28),
        minimum_hours=MIN,
        exit_hours=EXIT,
    )
    assert check.ok and check.clashes == () and check.warnings == ()


def test_clashes_of_a_hand_made_week():
    lessons = s.mask_of([(0, 0), (2, 0)])
    roster = s.mask_of([(0, 0), (0, 1), (1, 0), (3, 2)])  # Monday morning clashes with lessons
    fixed = s.mask_of([(1, 0)])  # meldplicht Tuesday morning, during work
    interview = s.DatedAppointment(MONDAY + timedelta(days=2), frozenset({0}), "ind")  # Wed am
    doctor = s.DatedAppointment(MONDAY, frozenset({1}), "huisarts")  # Monday afternoon, work
    next_week = s.DatedAppointment(MONDAY + timedelta(days=7), frozenset({0}), "later")
    check = s.check_week(
        MONDAY + timedelta(days=3),  # any day of the week
        availability=s.WORKDAY_DAYTIME,
        lessons=lessons,
        roster=roster,
        fixed=fixed,
        appointments=[interview, doctor, next_week],
        work_hours=Decimal(30),
        minimum_hours=MIN,
        exit_hours=EXIT,
    )
    found = {(c.kind, c.day, c.part, c.ref) for c in check.clashes}
    assert found == {
        (s.ClashKind.WORK_LESSON, 0, 0, ""),
        (s.ClashKind.WORK_FIXED, 1, 0, ""),
        (s.ClashKind.WORK_APPOINTMENT, 0, 1, "huisarts"),
        (s.ClashKind.LESSON_APPOINTMENT, 2, 0, "ind"),
        (s.ClashKind.WORK_UNAVAILABLE, 3, 2, ""),  # Thursday evening: not available
    }
    assert check.warnings == ()


@pytest.mark.parametrize(
    ("hours", "warnings"),
    [
        (Decimal(12), (s.HoursWarning.BELOW_MINIMUM, s.HoursWarning.BELOW_EXIT)),
        (Decimal("15.5"), (s.HoursWarning.BELOW_MINIMUM, s.HoursWarning.BELOW_EXIT)),
        (Decimal(16), (s.HoursWarning.BELOW_EXIT,)),
        (Decimal(20), (s.HoursWarning.BELOW_EXIT,)),
        (Decimal(24), ()),
        (Decimal(36), ()),
        (None, ()),
        (Decimal(0), ()),
    ],
)
def test_the_16_and_24_hour_thresholds(hours, warnings):
    check = s.check_week(MONDAY, work_hours=hours, minimum_hours=MIN, exit_hours=EXIT)
    assert check.warnings == warnings


def test_an_unknown_threshold_is_said_not_guessed():
    check = s.check_week(MONDAY, work_hours=Decimal(20), minimum_hours=None, exit_hours=EXIT)
    assert check.warnings == (s.HoursWarning.UNKNOWN_THRESHOLD, s.HoursWarning.BELOW_EXIT)


def test_no_availability_recorded_is_no_clash():
    check = s.check_week(MONDAY, roster=s.mask_of([(5, 2)]))
    assert check.clashes == ()


@pytest.mark.parametrize(
    ("start", "end", "parts"),
    [
        (9, 10.5, {0}),
        (11, 13, {0, 1}),
        (12, 12, {1}),
        (17.5, 19, {1, 2}),
        (8, 22, {0, 1, 2}),
        (18, 24, {2}),
    ],
)
def test_parts_between(start, end, parts):
    assert s.parts_between(start, end) == frozenset(parts)


masks = st.integers(min_value=0, max_value=s.FULL_WEEK)


@given(lessons=masks, roster=masks, fixed=masks)
def test_clashes_are_exactly_the_overlaps(lessons, roster, fixed):
    check = s.check_week(MONDAY, lessons=lessons, roster=roster, fixed=fixed)
    work_lesson = s.mask_of(
        (c.day, c.part) for c in check.clashes if c.kind is s.ClashKind.WORK_LESSON
    )
    work_fixed = s.mask_of(
        (c.day, c.part) for c in check.clashes if c.kind is s.ClashKind.WORK_FIXED
    )
    assert work_lesson == roster & lessons
    assert work_fixed == roster & fixed
