"""The balanced distribution of a leaving coach's caseload (core.caseload)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from werkpad.core.caseload import balanced

loads = st.dictionaries(st.integers(0, 50), st.integers(0, 40), max_size=8)


@given(st.integers(0, 120), loads)
def test_every_file_goes_to_one_receiver_and_the_busiest_is_as_light_as_possible(n, before):
    files = list(range(n))
    plan = balanced(files, before)
    if not before:
        assert plan == {}
        return
    assert set(plan) == set(files) and set(plan.values()) <= set(before)
    after = dict(before)
    for coach in plan.values():
        after[coach] += 1
    got = {coach for coach in plan.values()}
    # A receiver that got a file ends at most one above the lightest receiver ...
    lightest = min(after.values())
    assert all(after[c] <= lightest + 1 for c in got)
    # ... so the busiest one carries no more than the lower bound allows.
    bound = max(max(before.values()), -(-(sum(before.values()) + n) // len(before)))
    assert max(after.values()) == bound


def test_ties_go_to_the_receiver_named_first_and_the_order_of_files_is_kept():
    assert balanced(["a", "b", "c"], {"dana": 2, "eef": 0, "fien": 0}) == {
        "a": "eef",
        "b": "fien",
        "c": "eef",
    }
