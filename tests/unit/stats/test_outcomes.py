"""Seed 002 views on hand-built spells with known answers."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from werkpad.core.stats.outcomes import (
    Outflow,
    durability,
    months_between,
    outflow_by_destination,
    share_in_work_by_month,
    time_to_first_job,
)

PEIL = date(2021, 12, 31)


def test_durability_plain_and_weighted_means_on_hand_built_spells() -> None:
    # A: out 2020-12-15, works all of 2021: 12 of 12 months.
    a = Outflow(date(2020, 12, 15), "betaald_werk", ((date(2020, 12, 15), None),))
    # B: out 2021-06-10, works July-Sept only: 3 of 6 months (Jul..Dec).
    b = Outflow(date(2021, 6, 10), "betaald_werk", ((date(2021, 7, 1), date(2021, 9, 30)),))
    # C: out to paid work but never worked a month: not in the base.
    c = Outflow(date(2021, 1, 5), "betaald_werk", ())
    # D: education: not in the base.
    d = Outflow(date(2021, 1, 5), "reguliere_opleiding", ((date(2021, 2, 1), None),))
    res = durability([a, b, c, d], PEIL)
    assert res.n == 2
    assert res.plain == (Fraction(1) + Fraction(1, 2)) / 2  # 75 %
    assert res.weighted == Fraction(15, 18)  # 83.3 %
    year = durability([a, b, c, d], PEIL, min_months_observed=12)
    assert (year.n, year.plain, year.weighted) == (1, Fraction(1), Fraction(1))
    assert durability([], PEIL).plain is None


def test_share_in_work_by_month_only_counts_observable_people() -> None:
    a = Outflow(date(2021, 10, 3), "betaald_werk", ((date(2021, 11, 2), None),))
    b = Outflow(date(2021, 11, 20), "betaald_werk", ())
    rows = share_in_work_by_month([a, b], PEIL, 3)
    assert rows == [(1, 1, 2), (2, 1, 1), (3, 0, 0)]


def test_outflow_by_destination_one_per_person() -> None:
    f = outflow_by_destination(
        [Outflow(PEIL, "betaald_werk"), Outflow(PEIL, "betaald_werk"), Outflow(PEIL, "x")]
    )
    assert f.total == 3
    assert dict(zip(f.categories, f.counts, strict=True))["betaald_werk"] == 2
    assert f.unknown == 1


def test_time_to_first_job_censors_people_still_in_the_programme() -> None:
    i = date(2021, 1, 1)
    items = [
        (i, date(2021, 3, 5), None),  # job in month 2
        (i, None, None),  # still in the programme: censored at the peildatum (month 11)
        (i, None, date(2021, 2, 10)),  # left without work: censored at month 1
        (i, date(2021, 3, 20), None),  # job in month 2
    ]
    curve = time_to_first_job(items, PEIL)
    assert months_between(i, PEIL) == 11
    m1, m2 = curve[1], curve[2]
    assert (m1.at_risk, m1.events, m1.censored) == (4, 0, 1)
    assert (m2.at_risk, m2.events) == (3, 2)
    assert m2.share_with_job == Fraction(2, 3)  # not 2/4: the censored person is not a failure
    assert curve[-1].month == 11 and curve[-1].censored == 1
    assert curve[-1].share_with_job == Fraction(2, 3)
