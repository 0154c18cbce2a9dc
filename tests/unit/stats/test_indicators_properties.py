"""Property tests of the evaluation core: shares add up per table, every person is counted once
per table, the peildatum moves people exactly as their history says, suppression holds on every
exported cell."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from werkpad.core.pathway import Change, Status, status_on
from werkpad.core.stats.indicators import (
    UNKNOWN,
    Indicator,
    frequency,
    in_period,
    publish,
    share,
)
from werkpad.core.stats.startbaan import (
    REGISTRY_STATUS,
    Ending,
    Job,
    OnHold,
    Person,
    Pretrajectory,
    history_of,
    report,
)

D0 = date(2023, 1, 1)
days = st.integers(min_value=0, max_value=900)


def _d(n: int) -> date:
    return D0 + timedelta(days=n)


@st.composite
def persons(draw: st.DrawFn) -> Person:
    intake = draw(days)
    attrs = {
        "deelname": draw(st.sampled_from(["verplicht", "vrijwillig", ""])),
        "geslacht": draw(st.sampled_from(["man", "vrouw", "", "x"])),
        "geboortedatum": draw(st.sampled_from(["", "1990-05-01", "2004-01-01", "1950-02-02"])),
        "aantal_kinderen": draw(st.sampled_from(["", "0", "2", "7"])),
        "voortraject": draw(st.sampled_from(["", "ja", "nee"])),
    }
    changes: list[Change] = []
    for i, (offset, status) in enumerate(
        draw(st.lists(st.tuples(days, st.sampled_from(sorted(Status))), max_size=4))
    ):
        changes.append(Change(_d(intake + offset), status, i))
    jobs = tuple(
        Job(
            i + 1,
            _d(intake + s),
            None if e is None else _d(intake + s + e),
            {"uren_per_week": h, "sector": "logistiek"},
        )
        for i, (s, e, h) in enumerate(
            draw(
                st.lists(
                    st.tuples(days, st.none() | days, st.sampled_from(["", "8", "38", "45"])),
                    max_size=3,
                )
            )
        )
    )
    pres = tuple(
        Pretrajectory(_d(intake + s), None if e is None else _d(intake + s + e), c, "", t, w)
        for s, e, c, t, w in draw(
            st.lists(
                st.tuples(
                    days,
                    st.none() | days,
                    st.none() | st.booleans(),
                    st.sampled_from(["vrijwilligerswerk", "anders"]),
                    st.none() | st.integers(1, 40),
                ),
                max_size=2,
            )
        )
    )
    holds = tuple(
        OnHold(_d(intake + s), None, r)
        for s, r in draw(st.lists(st.tuples(days, st.sampled_from(["medisch", "x"])), max_size=2))
    )
    endings = tuple(
        Ending(_d(intake + s), k, r)
        for s, k, r in draw(
            st.lists(
                st.tuples(
                    days,
                    st.sampled_from(["uitval", "einde"]),
                    st.sampled_from(["medisch", "inburgering_afgerond", "anders"]),
                ),
                max_size=1,
            )
        )
    )
    return Person(
        _d(intake),
        attrs,
        tuple(sorted(changes, key=lambda c: (c.on, c.seq))),
        pres,
        jobs,
        holds,
        endings,
    )


people = st.lists(persons(), max_size=25)
peildatum = days.map(lambda n: _d(n + 100))


def _groups(cells):  # type: ignore[no-untyped-def]
    out = defaultdict(list)
    for c in cells:
        out[(c.tabel, c.kolom, c.variabele)].append(c)
    return out


@settings(max_examples=25, deadline=None)
@given(people, peildatum)
def test_every_person_counted_once_per_table(ps: list[Person], on: date) -> None:
    counted = [p for p in ps if p.intake <= on]
    by_col = {
        "alle": len(counted),
        "verplicht": sum(p.attrs["deelname"] == "verplicht" for p in counted),
        "vrijwillig": sum(p.attrs["deelname"] == "vrijwillig" for p in counted),
        "werkend": sum(any(j.start <= on for j in p.jobs) for p in counted),
        "rapport": len(counted),
    }
    person_tables = {
        (1, "geslacht"),
        (1, "geboortedatum"),
        (1, "aantal_kinderen"),
        (2, "status_peildatum"),
        (3, "voortraject"),
        (4, "startbaan"),
        (4, "aantal_startbanen"),
        (5, "geslacht"),
        (8, "on_hold"),
        (9, "uitval_of_einde"),
    }
    for (tabel, kolom, var), cells in _groups(report(ps, on, 0)).items():
        if (tabel, var) in person_tables:
            assert sum(c.n for c in cells) == by_col[kolom], (tabel, kolom, var)
        # every cell of a group has the same base: the group's sum
        assert {c.base for c in cells} <= {sum(c.n for c in cells)} or var == "duur_weken"


@settings(max_examples=25, deadline=None)
@given(people, peildatum)
def test_shares_add_up_per_table(ps: list[Person], on: date) -> None:
    for (_t, _k, var), cells in _groups(report(ps, on, 0)).items():
        if var == "duur_weken" or not sum(c.n for c in cells):
            continue
        total = sum(c.pct for c in cells if c.pct is not None)
        # one-decimal rounding of each of m cells moves the sum by at most 0.05 * m
        assert abs(total - Decimal(100)) <= Decimal("0.05") * len(cells)


@settings(max_examples=25, deadline=None)
@given(people, peildatum)
def test_peildatum_moves_people_as_their_history_says(ps: list[Person], on: date) -> None:
    codes = {s: c for c, s in REGISTRY_STATUS.items()}
    expected = Counter(codes[s] for p in ps if (s := status_on(history_of(p), on)) is not None)
    cells = [c for c in report(ps, on, 0) if c.tabel == 2]
    assert {c.categorie: c.n for c in cells} == {c: expected.get(c, 0) for c in REGISTRY_STATUS}


@settings(max_examples=25, deadline=None)
@given(people, peildatum, st.integers(min_value=1, max_value=12))
def test_suppression_holds_on_every_cell(ps: list[Person], on: date, k: int) -> None:
    raw = {(c.tabel, c.kolom, c.variabele, c.categorie): c.n for c in report(ps, on, 0)}
    for c in report(ps, on, k):
        if c.variabele == "duur_weken":
            assert not c.shown or c.n >= k
            continue
        row = c.csv_row(f"<{k}", "hidden")
        if c.shown:
            assert c.n >= k and row[4] == str(c.n)
        else:
            assert row[4] in (f"<{k}", "hidden") and row[5] == ""
        assert raw[(c.tabel, c.kolom, c.variabele, c.categorie)] == c.n


@given(st.lists(st.sampled_from(["a", "b", "", None, "zz"]), max_size=50))
def test_frequency_counts_each_item_once(values: list[str | None]) -> None:
    f = frequency("v", values, lambda v: v, ("a", "b"))
    assert f.total == len(values)
    assert f.categories[0] == UNKNOWN
    assert f.unknown == sum(v not in ("a", "b") for v in values)
    ind = f.indicator("a")
    assert (ind.numerator, ind.denominator, ind.unknown) == (
        values.count("a"),
        len(values),
        f.unknown,
    )


def test_indicator_says_n_of_n_k_unknown() -> None:
    ind = Indicator(12, 40, 3)
    assert ind.describe() == "12 of 40, 3 unknown"
    assert ind.pct == Decimal("30.0")
    with pytest.raises(ValueError):
        Indicator(5, 4)
    with pytest.raises(ValueError):
        Indicator(3, 4, 2)
    assert share(1, 0) is None
    assert share(1, 8) == Decimal("12.5")


def test_in_period_is_closed() -> None:
    assert in_period(date(2025, 1, 1), date(2025, 1, 1), date(2025, 1, 31))
    assert in_period(date(2025, 1, 31), None, date(2025, 1, 31))
    assert not in_period(None, None, date(2025, 1, 31))
    assert not in_period(date(2025, 2, 1), None, date(2025, 1, 31))


def test_publish_zero_threshold_shows_everything() -> None:
    f = frequency("v", ["a"] * 3, lambda v: v, ("a", "b"))
    assert all(c.shown for c in publish(f, 0))
    assert not any(c.shown and c.count < 10 for c in publish(f, 10))


@settings(max_examples=25, deadline=None)
@given(people, peildatum, st.integers(min_value=0, max_value=6))
def test_breakdowns_add_up_to_the_whole_and_are_suppressed(
    ps: list[Person], on: date, k: int
) -> None:
    cells = report(ps, on, k, by=("geslacht", "geboortedatum"))
    whole = {
        (c.tabel, c.categorie): c.n
        for c in cells
        if c.kolom == "alle"
        and c.tabel in (2, 4)
        and c.variabele in ("status_peildatum", "startbaan")
    }
    for variable in ("geslacht", "geboortedatum"):
        split: Counter[tuple[int, str]] = Counter()
        for c in cells:
            if c.kolom.startswith(variable + "="):
                split[(c.tabel, c.categorie)] += c.n
                assert c.shown is False or k == 0 or c.n >= k
        assert {key: split.get(key, 0) for key in whole} == whole
