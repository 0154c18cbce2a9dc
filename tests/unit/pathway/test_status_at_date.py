"""Status at a date over random histories (core.pathway)."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from werkpad.core import pathway as core
from werkpad.core.pathway import Change, History, HistoryError, Period, Status

START = date(2024, 1, 1)
ACTIVE = sorted(core.ACTIVE)


@st.composite
def histories(draw: st.DrawFn) -> History:
    """A valid random history: steps forward in time, no change after a final status."""
    intake = START + timedelta(days=draw(st.integers(0, 60)))
    first = draw(st.sampled_from(ACTIVE))
    changes = [Change(intake, first, 0)]
    on, status = intake, first
    for i in range(draw(st.integers(0, 12))):
        if status in core.FINAL:
            break
        on = on + timedelta(days=draw(st.integers(0, 40)))
        nxt = draw(st.sampled_from([s for s in Status if s != status]))
        changes.append(Change(on, nxt, i + 1))
        status = nxt
    return History(intake, tuple(changes))


@given(histories(), st.integers(-10, 700))
def test_status_is_the_last_change_on_or_before_the_date(history: History, offset: int) -> None:
    on = START + timedelta(days=offset)
    got = core.status_on(history, on)
    if on < history.intake:
        assert got is None
        return
    before = [c for c in history.changes if c.on <= on]
    assert got == before[-1].status  # the change recorded last on that date wins


@given(histories())
def test_stored_current_status_agrees_with_the_function(history: History) -> None:
    core.check_history(history)
    last_day = history.changes[-1].on
    for later in (last_day, last_day + timedelta(days=1), last_day + timedelta(days=400)):
        assert core.status_on(history, later) == core.current_status(history)


@given(histories(), st.integers(0, 700))
def test_exactly_one_status_per_date(history: History, offset: int) -> None:
    until = START + timedelta(days=800)
    segments = core.segments(history, until)
    on = START + timedelta(days=offset)
    covering = [s for s in segments if s.start <= on and (s.end is None or on <= s.end)]
    expected = core.status_on(history, on)
    if expected is None:
        assert covering == []
    elif expected in core.FINAL and on > segments[-1].start:
        # After an ending the enrolment has no open stretch; the function keeps the final status.
        assert segments[-1].status == expected
    else:
        assert len(covering) == 1
        assert covering[0].status == expected
    # Segments are consecutive, without gaps or overlaps.
    for a, b in itertools.pairwise(segments):
        assert a.end is not None and a.end + timedelta(days=1) == b.start
        assert a.status != b.status


@given(st.lists(histories(), min_size=1, max_size=30), st.integers(0, 700))
def test_many_at_once_equals_one_by_one(hs: list[History], offset: int) -> None:
    on = START + timedelta(days=offset)
    assert core.statuses_on(hs, on) == [core.status_on(h, on) for h in hs]


def test_nothing_follows_an_ending() -> None:
    with pytest.raises(HistoryError) as exc:
        core.check_transition(Status.DROPOUT, Status.MEDIATION, last_on=START, on=START)
    assert exc.value.code == "final"
    with pytest.raises(HistoryError) as exc:
        core.check_transition(
            Status.MEDIATION, Status.ON_HOLD, last_on=START, on=START - timedelta(1)
        )
    assert exc.value.code == "order"
    with pytest.raises(HistoryError):
        core.check_transition(Status.MEDIATION, Status.MEDIATION, last_on=None, on=START)
    # On hold and uitval from any active state.
    for s in ACTIVE:
        for to in (Status.ON_HOLD, Status.DROPOUT):
            if s != to:
                core.check_transition(s, to, last_on=START, on=START)


def test_before_the_first_change_the_records_are_the_evidence() -> None:
    """An import knows only the status at its peildatum; earlier dates show what records prove."""
    peildatum = date(2025, 10, 31)
    history = History(
        intake=date(2024, 1, 1),
        changes=(Change(peildatum, Status.STARTBAAN),),
        pretrajectories=(Period(date(2024, 3, 1), date(2024, 6, 30)),),
        placements=(Period(date(2025, 2, 1)),),
        on_hold=(Period(date(2024, 8, 1), date(2024, 9, 30)),),
    )
    assert core.status_on(history, date(2024, 2, 1)) is Status.UNKNOWN
    assert core.status_on(history, date(2024, 4, 1)) is Status.IN_PRETRAJECTORY
    assert core.status_on(history, date(2024, 8, 15)) is Status.ON_HOLD
    assert core.status_on(history, date(2025, 3, 1)) is Status.STARTBAAN
    assert core.status_on(history, peildatum) is Status.STARTBAAN
    periods = core.periods_in(history, Status.ON_HOLD, peildatum)
    assert periods == [Period(date(2024, 8, 1), date(2024, 9, 30))]


@settings(max_examples=50)
@given(histories())
def test_on_hold_periods_come_from_the_history(history: History) -> None:
    until = history.changes[-1].on + timedelta(days=10)
    for p in core.periods_in(history, Status.ON_HOLD, until):
        assert core.status_on(history, p.start) is Status.ON_HOLD
        if p.end is not None:
            assert core.status_on(history, p.end) is Status.ON_HOLD
            assert core.status_on(history, p.end + timedelta(days=1)) is not Status.ON_HOLD
