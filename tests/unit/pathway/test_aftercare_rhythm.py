"""The aftercare rhythm: weekly, then monthly, then on request; the same for both tracks."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from werkpad.core.pathway import aftercare as a


def test_weekly_then_monthly():
    start = date(2026, 1, 15)
    planned = a.rhythm(start, weekly_weeks=13, monthly_until_months=12)
    weekly = [d for p, d in planned if p is a.Phase.WEEKLY]
    monthly = [d for p, d in planned if p is a.Phase.MONTHLY]
    assert weekly[0] == date(2026, 1, 22) and len(weekly) == 13
    assert weekly[-1] == date(2026, 4, 16)
    # Monthly from the first month date after the weekly phase: 15 May up to 15 January 2027.
    assert monthly[0] == date(2026, 5, 15) and monthly[-1] == date(2027, 1, 15)
    assert len(monthly) == 9


def test_both_tracks_get_every_moment():
    planned = a.schedule(date(2026, 1, 31), weekly_weeks=2, monthly_until_months=3)
    newcomer = [(p.phase, p.due_on) for p in planned if p.track is a.Track.NEWCOMER]
    employer = [(p.phase, p.due_on) for p in planned if p.track is a.Track.EMPLOYER]
    assert newcomer == employer
    assert newcomer == [
        (a.Phase.WEEKLY, date(2026, 2, 7)),
        (a.Phase.WEEKLY, date(2026, 2, 14)),
        (a.Phase.MONTHLY, date(2026, 2, 28)),  # 31 January + 1 month, clamped
        (a.Phase.MONTHLY, date(2026, 3, 31)),
        (a.Phase.MONTHLY, date(2026, 4, 30)),
    ]


@given(
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)),
    weeks=st.integers(0, 30),
    months=st.integers(0, 24),
)
def test_rhythm_is_ordered_and_after_the_start(start, weeks, months):
    planned = a.rhythm(start, weekly_weeks=weeks, monthly_until_months=months)
    dates = [d for _p, d in planned]
    assert dates == sorted(dates) and len(set(dates)) == len(dates)
    assert all(d > start for d in dates)
    assert sum(1 for p, _d in planned if p is a.Phase.WEEKLY) == weeks
