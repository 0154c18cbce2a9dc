"""The fairness report: the status quo assignment is feasible, groups are suppressed by the one
suppression function, gains add up, and a group sent further from work is flagged."""

from __future__ import annotations

import numpy as np

from tests.unit.koppeling.support import problem, single
from werkpad.core.koppeling import HardConstraint, violations
from werkpad.core.koppeling.fairness import breakdown, fairness, status_quo


def test_status_quo_is_feasible_and_spreads_over_quotas() -> None:
    p = problem(single(1, 1, 1, 1), [[0.1, 0.9]] * 4, [2, 2])
    quo = status_quo(p)
    assert violations(p, quo).total == 0
    assert sorted(quo.tolist()) == [0, 0, 1, 1]


def test_small_groups_are_suppressed_and_gains_computed() -> None:
    n = 30
    p = problem(single(*[1] * n), [[0.2, 0.6]] * n, [n, n])
    best = np.ones(n, dtype=np.int64)
    quo = np.zeros(n, dtype=np.int64)
    labels = ["man"] * 25 + ["woman"] * 5
    report = fairness(p, best, quo, quo, {"gender": (labels, ["man", "woman", "other"])}, 10)
    assert report["gain_over_status_quo"] == round(0.4 * n, 3)
    groups = {g["key"]: g for g in report["breakdowns"]["gender"]["groups"]}
    assert groups["woman"]["count"] is None and groups["woman"]["mean_chance"] is None
    assert groups["other"]["count"] is None
    # The man group would reveal the small ones from the total: complementary suppression.
    assert groups["man"]["status"] in ("shown", "hidden", "withheld")


def test_a_group_sent_further_from_work_is_flagged() -> None:
    n = 40
    points = np.array([[52.0, 5.0], [52.0, 5.6]])
    hard = tuple(HardConstraint(i, 52.0, 5.0, 100.0) for i in range(n))
    p = problem(single(*[1] * n), [[0.5, 0.5]] * n, [n, n], points=points, hard=hard)
    dest = np.array([0] * 20 + [1] * 20, dtype=np.int64)
    labels = ["a"] * 20 + ["b"] * 20
    from werkpad.core.koppeling.fairness import chance_at, km_to_work

    km = km_to_work(p, dest)
    c = chance_at(p, dest)
    out = breakdown(labels, ["a", "b"], c, c, c, dest >= 0, km, 10)
    groups = {g["key"]: g for g in out["groups"]}
    assert groups["b"]["flagged"] and not groups["a"]["flagged"]
    assert groups["b"]["mean_km_to_work"] > 30
