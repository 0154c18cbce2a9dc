"""Exposure per group in top-k rankings."""

from __future__ import annotations

import math

import pytest

from werkpad.core.matching import exposure_report
from werkpad.core.matching.fairness import position_weight


def test_position_weight_is_the_dcg_discount() -> None:
    assert position_weight(1) == 1.0
    assert position_weight(2) == pytest.approx(1 / math.log2(3))
    assert position_weight(3) == 0.5


def test_exposure_by_group_against_group_size() -> None:
    groups = {"a1": "women", "a2": "women", "b1": "men", "b2": "men"}
    rankings = {"job1": ["b1", "a1", "b2"], "job2": ["b2", "b1", "a2"]}
    report = exposure_report(rankings, groups, k=2)
    assert report.k == 2 and report.rankings == 2
    assert [g.group for g in report.groups] == ["men", "women"]
    men, women = report.group("men"), report.group("women")
    second = 1 / math.log2(3)
    assert men.candidates == 2 and men.candidate_share == 0.5
    assert men.appearances == 3 and women.appearances == 1
    assert men.appearance_share == 0.75 and men.appearance_ratio == 1.5
    assert men.exposure == pytest.approx(2 + second)
    assert women.exposure == pytest.approx(second)
    total = 2 + 2 * second
    assert men.exposure_share == pytest.approx((2 + second) / total)
    assert women.ratio == pytest.approx((second / total) / 0.5)
    assert men.exposure_share + women.exposure_share == pytest.approx(1.0)


def test_groups_never_shown_have_zero_exposure() -> None:
    groups = {"a": "Syria", "b": "Eritrea", "c": "Eritrea", "d": "Iran"}
    report = exposure_report([["a", "b"], ["a"]], groups, k=5)
    iran = report.group("Iran")
    assert iran.appearances == 0 and iran.exposure == 0 and iran.ratio == 0
    assert report.group("Eritrea").candidate_share == 0.5


def test_unlisted_candidates_are_counted_as_unknown() -> None:
    report = exposure_report([["x", "a"]], {"a": "g"}, k=3)
    assert report.group("unknown").candidates == 1
    assert report.group("unknown").exposure == 1.0
    custom = exposure_report([["x"]], {}, k=1, unknown="onbekend")
    assert [g.group for g in custom.groups] == ["onbekend"]


def test_empty_rankings_and_bad_k() -> None:
    report = exposure_report([], {"a": "g"}, k=10)
    assert report.group("g").exposure_share == 0 and report.group("g").appearance_share == 0
    with pytest.raises(KeyError):
        report.group("nope")
    with pytest.raises(ValueError, match="k must be"):
        exposure_report([], {}, k=0)


def test_works_with_batch_rankings() -> None:
    from werkpad.core.matching import Matcher

    from .factories import candidate, vacancy

    people = [candidate(id="m"), candidate(id="w")]
    matcher = Matcher().fit([vacancy(id="j1"), vacancy(id="j2")], people)
    rankings = matcher.rank_all_candidates(k=1).as_dict()
    assert rankings == {"j1": ["m"], "j2": ["m"]}  # equal scores: the lower id wins the tie
    report = exposure_report(rankings, {"m": "men", "w": "women"}, k=1)
    assert report.group("men").ratio == 2.0 and report.group("women").ratio == 0.0
