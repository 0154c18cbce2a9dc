"""The pure part of the step plan: herijking-due dates per trigger, and the diff between versions."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from werkpad.core.pathway import (
    HERIJKING_MONTHS,
    ChangeKind,
    Due,
    Event,
    Trigger,
    add_months,
    herijking_due,
    next_due,
    plan_diff,
)
from werkpad.core.pathway.plan import parameter_on

AGREED = date(2026, 1, 15)


def test_default_interval_is_three_months_with_a_source():
    row = parameter_on(HERIJKING_MONTHS, AGREED)
    assert row.value == 3 and row.source
    assert herijking_due(AGREED, []) == [Due(Trigger.INTERVAL, date(2026, 4, 15))]


def test_the_interval_is_a_parameter():
    assert next_due(AGREED, [], months=6) == Due(Trigger.INTERVAL, date(2026, 7, 15))


def test_month_end_is_clamped():
    assert add_months(date(2025, 11, 30), 3) == date(2026, 2, 28)
    assert add_months(date(2027, 11, 30), 3) == date(2028, 2, 29)


@pytest.mark.parametrize(
    "trigger",
    [
        Trigger.PHASE_CHANGE,
        Trigger.ROUTE_CHANGE,
        Trigger.MOVE,
        Trigger.PLACEMENT_ENDED,
        Trigger.ENROLMENT_ENDED,
    ],
)
def test_each_event_makes_a_herijking_due_on_its_day(trigger):
    on = date(2026, 2, 3)
    due = herijking_due(AGREED, [Event(trigger, on)])
    assert due == [Due(trigger, on), Due(Trigger.INTERVAL, date(2026, 4, 15))]
    assert next_due(AGREED, [Event(trigger, on)]) == Due(trigger, on)


@pytest.mark.parametrize("trigger", [Trigger.MOVE, Trigger.PLACEMENT_ENDED])
def test_an_event_before_or_on_the_agreement_is_already_in_the_plan(trigger):
    assert herijking_due(AGREED, [Event(trigger, AGREED), Event(trigger, date(2025, 12, 1))]) == [
        Due(Trigger.INTERVAL, date(2026, 4, 15))
    ]


def test_nothing_is_due_while_the_version_awaits_confirmation():
    assert herijking_due(None, [Event(Trigger.MOVE, date(2026, 2, 1))]) == []
    assert next_due(None, []) is None


def test_the_interval_is_not_an_event():
    with pytest.raises(ValueError):
        herijking_due(AGREED, [Event(Trigger.INTERVAL, date(2026, 2, 1))])


@given(st.dates(date(2020, 1, 1), date(2035, 12, 31)), st.integers(1, 24))
def test_interval_due_is_months_later_and_never_before(agreed, months):
    due = next_due(agreed, [], months=months)
    assert due is not None and due.on > agreed
    assert due.on.month == (agreed.month - 1 + months) % 12 + 1
    assert (due.on - agreed) <= timedelta(days=31 * months)


@given(
    st.dates(date(2024, 1, 1), date(2027, 12, 31)),
    st.lists(
        st.tuples(
            st.sampled_from([t for t in Trigger if t is not Trigger.INTERVAL]),
            st.integers(-200, 200),
        ),
        max_size=8,
    ),
)
def test_due_dates_are_sorted_and_after_agreement(agreed, raw):
    events = [Event(t, agreed + timedelta(days=d)) for t, d in raw]
    due = herijking_due(agreed, events)
    assert due == sorted(due, key=lambda d: (d.on, d.trigger.value))
    assert all(d.on > agreed for d in due)
    assert sum(1 for d in due if d.trigger is not Trigger.INTERVAL) == len(
        {(e.trigger, e.on) for e in events if e.on > agreed}
    )


V1 = {
    "droombaan": "Timmerman",
    "category_now": "some",
    "category_next": "strong",
    "offers": "Coaching",
    "not_offers": "Geen baangarantie",
    "contact": "Anna",
    "steps": [
        {"key": "a", "title": "Taalcursus A2", "status": "open", "due_date": "2026-03-01"},
        {"key": "b", "title": "VCA halen", "status": "open"},
    ],
}


def test_diff_in_data_lists_goals_steps_added_changed_and_removed():
    v2 = {
        **V1,
        "droombaan": "Metselaar",
        "steps": [
            {"key": "a", "title": "Taalcursus A2", "status": "done", "due_date": "2026-03-01"},
            {"key": "c", "title": "Werkstage bouw", "status": "open"},
        ],
    }
    changes = plan_diff(V1, v2)
    kinds = [(c.kind, c.field, c.step, c.old, c.new) for c in changes]
    assert (ChangeKind.GOAL, "droombaan", "", "Timmerman", "Metselaar") in kinds
    assert (ChangeKind.STEP_CHANGED, "status", "Taalcursus A2", "open", "done") in kinds
    assert (ChangeKind.STEP_ADDED, "", "Werkstage bouw", "", "Werkstage bouw") in kinds
    assert (ChangeKind.STEP_REMOVED, "", "VCA halen", "VCA halen", "") in kinds
    assert len(changes) == 4


def test_no_changes_between_equal_versions():
    assert plan_diff(V1, dict(V1)) == []
