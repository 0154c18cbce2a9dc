"""Random histories replayed through the actions: the stored statuses agree with the function."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import ParticipantFactory
from werkpad.core import pathway as core
from werkpad.pathway import actions
from werkpad.pathway.history import history_of
from werkpad.pathway.models import Programme

START = date(2024, 1, 1)
STEPS = st.lists(
    st.tuples(
        st.sampled_from([s.value for s in core.Status]),
        st.integers(-5, 60),  # days after the previous change (negative: refused)
        st.booleans(),  # in the second programme
    ),
    max_size=10,
)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=STEPS)
def test_replayed_histories_agree_with_status_at_a_date(world, steps):
    p = ParticipantFactory(organisation=world.utrecht, regiehouder=world.anna)
    one = actions.default_programme(world.utrecht)
    two, _ = Programme.objects.get_or_create(name="Tweede", defaults={"start_date": START})
    two.organisations.add(world.utrecht)
    enrolments = {
        False: actions.enrol(world.anna, p, one, intake_date=START),
        True: actions.enrol(world.anna, p, two, intake_date=START),
    }
    expected: dict[bool, list[tuple[date, str]]] = {
        False: [(START, "unknown")],
        True: [(START, "unknown")],
    }
    for status, gap, second in steps:
        e = enrolments[second]
        on = expected[second][-1][0] + timedelta(days=gap)
        reason = "medical" if status in ("on_hold", "dropout") else ""
        try:
            actions.change_status(world.anna, e, status, on=on, reason_code=reason)
        except ValidationError:
            last_status = expected[second][-1][1]
            # Refused exactly when the pipeline says so.
            assert gap < 0 or status == last_status or last_status in core.FINAL
            continue
        expected[second].append((on, status))
    p.refresh_from_db()
    for second, e in enrolments.items():
        e.refresh_from_db()
        history = history_of(e)
        core.check_history(history)
        assert e.status == core.current_status(history) == expected[second][-1][1]
        for offset in range(0, 700, 7):
            day = START + timedelta(days=offset)
            before = [s for on, s in expected[second] if on <= day]
            assert core.status_on(history, day) == before[-1]
    # The person's status: the cache of the most recent active enrolment.
    active = [e for e in enrolments.values() if e.active]
    if active:
        newest = max(active, key=lambda e: (e.intake_date, e.pk))
        assert p.status == newest.status
