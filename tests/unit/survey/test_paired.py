"""The paired before/after comparison, moments and publishing of werkpad.core.survey."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from werkpad.core.stats.suppression import CellStatus
from werkpad.core.survey import (
    Anchor,
    MomentRule,
    add_months,
    due_moments,
    open_moments,
    pair,
    paired_by_group,
    paired_comparison,
    publish_paired,
    rounded,
    schedule,
)

RULES = [
    MomentRule("intake", Anchor.INTAKE, 0, 120),
    MomentRule("m3", Anchor.WORK, 3, 60),
    MomentRule("m6", Anchor.WORK, 6, 60),
    MomentRule("m12", Anchor.WORK, 12, 90),
]


def test_paired_comparison_on_hand_made_answers():
    # Six people; D has no "after", E no "before": they are not paired.
    before = {"A": 2, "B": 3, "C": 4, "D": 1, "E": None, "F": 2}
    after = {"A": 4, "B": 3, "C": 3, "D": None, "E": 5, "F": 5}
    result = paired_comparison(pair(before, after))
    assert result.n == 4
    assert result.mean_before == Fraction(11, 4)  # (2 + 3 + 4 + 2) / 4
    assert result.mean_after == Fraction(15, 4)  # (4 + 3 + 3 + 5) / 4
    assert result.mean_change == 1
    assert (result.improved, result.same, result.worse) == (2, 1, 1)
    assert rounded(result.mean_before) == rounded(Fraction(275, 100))
    assert str(rounded(Fraction(2, 3))) == "0.67"


def test_nobody_paired_has_no_means():
    result = paired_comparison(pair({"A": 3}, {"B": 4}))
    assert result.n == 0 and result.mean_before is None and result.mean_change is None


def test_breakdown_and_publishing_with_a_small_group():
    # Programme "big": 12 pairs, each +1 (2 -> 3); "small": 3 pairs, each -1; "medium": 6 pairs
    # without change. The two small groups together hold 9, so neither can be worked out from
    # the published total and "big" is shown.
    before = {f"b{i}": 2 for i in range(12)} | {f"s{i}": 4 for i in range(3)}
    before |= {f"m{i}": 3 for i in range(6)}
    after = {f"b{i}": 3 for i in range(12)} | {f"s{i}": 3 for i in range(3)}
    after |= {f"m{i}": 3 for i in range(6)}
    group_of = {k: {"b": "big", "s": "small", "m": "medium"}[k[0]] for k in before}
    results = paired_by_group(before, after, group_of, ["big", "small", "medium"])
    assert results["big"].n == 12 and results["big"].mean_change == 1
    assert results["small"].n == 3 and results["small"].mean_change == -1
    assert results["medium"].n == 6 and results["medium"].mean_change == 0
    rows, total = publish_paired(results, 10)
    big, small, medium = rows
    assert big.shown and big.result is not None and big.result.mean_change == 1
    assert small.cell.status is CellStatus.SMALL and small.result is None
    assert medium.cell.status is CellStatus.SMALL and medium.result is None
    # The total (21 pairs) is published: (12 * 1 + 3 * -1 + 6 * 0) / 21.
    assert total.shown and total.result is not None
    assert total.result.n == 21 and total.result.mean_change == Fraction(9, 21)


def test_a_lone_small_group_withholds_the_breakdown():
    # 12 and 3 pairs with a published total of 15: showing 12 would reveal the 3, and hiding
    # 12 as well would not help (15 - a hidden cell of at least 10 leaves 0..5).
    before = {i: 2 for i in range(15)}
    after = {i: 3 for i in range(15)}
    group_of = {i: "big" if i < 12 else "small" for i in range(15)}
    rows, total = publish_paired(paired_by_group(before, after, group_of, ["big", "small"]), 10)
    assert [r.cell.status for r in rows] == [CellStatus.WITHHELD, CellStatus.WITHHELD]
    assert all(r.result is None for r in rows) and total.shown


values = st.integers(min_value=1, max_value=5)
pairs_strategy = st.lists(st.tuples(values, values), max_size=40)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pairs_strategy)
def test_change_is_the_mean_of_the_differences(pairs):
    result = paired_comparison(pairs)
    assert result.n == len(pairs)
    assert result.improved + result.same + result.worse == result.n
    if pairs:
        assert result.mean_change == Fraction(sum(a - b for b, a in pairs), len(pairs))
        assert result.improved == sum(a > b for b, a in pairs)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pairs_strategy, st.randoms())
def test_order_of_people_does_not_matter(pairs, rng):
    shuffled = list(pairs)
    rng.shuffle(shuffled)
    assert paired_comparison(shuffled) == paired_comparison(pairs)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dictionaries(
        st.integers(0, 60),
        st.tuples(st.none() | values, st.none() | values, st.sampled_from("xyz")),
        max_size=60,
    ),
    st.integers(1, 12),
)
def test_groups_add_up_and_small_groups_publish_nothing(people, k):
    before = {p: b for p, (b, _a, _g) in people.items()}
    after = {p: a for p, (_b, a, _g) in people.items()}
    group_of = {p: g for p, (_b, _a, g) in people.items()}
    results = paired_by_group(before, after, group_of, ["x", "y", "z"])
    overall = paired_comparison(pair(before, after))
    assert sum(r.n for r in results.values()) == overall.n
    rows, total = publish_paired(results, k)
    for row in rows:
        if row.result is not None:
            assert row.result.n >= k  # a shown group has at least k pairs
        if results[row.group].n < k:
            assert row.result is None
    if total.result is not None:
        assert total.result.mean_before == overall.mean_before
        assert total.result.mean_after == overall.mean_after


def test_moments_from_intake_and_work():
    intake = date(2026, 1, 31)
    start = date(2026, 3, 31)
    windows = {w.code: w for w in schedule(RULES, intake, start)}
    assert windows["intake"].opens == intake
    assert windows["intake"].closes == start  # the situation before work
    assert windows["m3"].opens == date(2026, 6, 30)  # the 31st becomes the month's last day
    assert windows["m3"].closes == date(2026, 6, 30) + timedelta(days=59)
    assert windows["m12"].opens == date(2027, 3, 31)
    today = date(2026, 7, 1)
    assert [w.code for w in open_moments(windows.values(), today)] == ["m3"]
    assert {w.code for w in due_moments(windows.values(), today)} == {"intake", "m3"}


def test_no_work_no_work_moments_and_earlier_work_is_ignored():
    intake = date(2026, 5, 1)
    assert [w.code for w in schedule(RULES, intake, None)] == ["intake"]
    only = schedule(RULES, intake, date(2026, 4, 1))
    assert [w.code for w in only] == ["intake"]
    assert only[0].closes == intake + timedelta(days=119)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dates(date(2000, 1, 1), date(2090, 1, 1)), st.integers(0, 48))
def test_add_months_stays_in_the_target_month(day, months):
    moved = add_months(day, months)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
    assert moved.day <= day.day
