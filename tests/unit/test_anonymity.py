"""werkpad.core.anonymity: coarse dates, k-anonymity by suppression, month arithmetic."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime

from hypothesis import given
from hypothesis import strategies as st

from werkpad.core.anonymity import (
    add_months,
    month_start,
    month_start_dt,
    small_groups,
    suppress_small_groups,
)

FIELDS = ("municipality", "country", "gender")
record = st.fixed_dictionaries(
    {
        "pk": st.integers(),
        "municipality": st.sampled_from([None, 1, 2, 3]),
        "country": st.sampled_from(["", "SY", "ER", "AF", "UA"]),
        "gender": st.sampled_from(["", "man", "woman"]),
    }
)


@given(st.lists(record, max_size=60), st.integers(min_value=1, max_value=12))
def test_every_group_that_still_says_something_is_at_least_k(records, k):
    out = suppress_small_groups(records, FIELDS, k)
    assert small_groups(out, FIELDS, k) == 0
    keys = Counter(tuple(r[f] or None for f in FIELDS) for r in out)
    for key, n in keys.items():
        assert n >= k or all(v is None for v in key)


@given(st.lists(record, max_size=60), st.integers(min_value=1, max_value=12))
def test_suppression_only_blanks_and_keeps_other_fields(records, k):
    out = suppress_small_groups(records, FIELDS, k)
    assert len(out) == len(records)
    for before, after in zip(records, out, strict=True):
        assert after["pk"] == before["pk"]
        for f in FIELDS:
            assert after[f] == before[f] or after[f] in ("", None)


@given(st.lists(record, max_size=60), st.integers(min_value=1, max_value=12))
def test_records_that_are_already_anonymous_are_left_alone(records, k):
    once = suppress_small_groups(records, FIELDS, k)
    assert suppress_small_groups(once, FIELDS, k) == once


def test_the_first_field_is_given_up_first():
    records = [{"municipality": m, "country": "SY", "gender": ""} for m in (1, 1, 2)]
    out = suppress_small_groups(records, FIELDS, 3)
    assert [r["municipality"] for r in out] == ["", "", ""]
    assert [r["country"] for r in out] == ["SY", "SY", "SY"]


def test_dates_keep_only_their_month():
    assert month_start(date(2024, 2, 29)) == date(2024, 2, 1)
    assert month_start_dt(datetime(2024, 2, 29, 13, 5, 7, 9)) == datetime(2024, 2, 1)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 1, 1)), st.integers(-1200, 1200))
def test_add_months(d, n):
    out = add_months(d, n)
    assert (out.year * 12 + out.month) - (d.year * 12 + d.month) == n
    assert out.day == d.day or (out.day < d.day and add_months(out.replace(day=1), 1).day == 1)


def test_one_month_after_the_31st_is_the_last_day():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2026, 12, 6), 1) == date(2027, 1, 6)
