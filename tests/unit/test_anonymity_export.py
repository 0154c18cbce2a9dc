"""werkpad.core.anonymity, k_anonymise: the result never holds a combination of quasi-identifiers
shared by fewer than k rows, every kept row comes from an input row, and nothing is lost needlessly."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from werkpad.core.anonymity import k_anonymise, smallest_class

QUASI = ("year", "gender", "region")

rows = st.lists(
    st.fixed_dictionaries(
        {
            "id": st.integers(0, 10**6).map(str),
            "year": st.integers(1950, 2005).map(str),
            "gender": st.sampled_from(["man", "vrouw", ""]),
            "region": st.sampled_from(["a", "b", "c", ""]),
        }
    ),
    max_size=60,
)


def _decade(r: dict[str, str]) -> None:
    if r["year"].isdigit():
        r["year"] = r["year"][:3] + "0s"


def _no_region(r: dict[str, str]) -> None:
    r["region"] = ""


# Lists of dicts are slow to generate on a loaded machine: no health check on generation speed.
LIGHT = settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)


@LIGHT
@given(rows, st.integers(min_value=1, max_value=12))
def test_no_combination_singles_out_fewer_than_k(data, k) -> None:
    out = k_anonymise(data, QUASI, k, (_decade, _no_region))
    assert out.rows == [] or smallest_class(out.rows, QUASI) >= k
    assert len(out.rows) + out.withheld == len(data)
    ids = [r["id"] for r in data]
    assert all(r["id"] in ids for r in out.rows)


@LIGHT
@given(rows)
def test_already_anonymous_rows_are_left_alone(data) -> None:
    k = max(1, smallest_class(data, QUASI))
    out = k_anonymise(data, QUASI, k, (_decade, _no_region))
    assert out.rows == [dict(r) for r in data]
    assert out.generalised == out.withheld == 0
