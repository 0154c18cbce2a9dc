"""Weight learning recovers known weights from synthetic decisions (and reports held-out AUC)."""

from __future__ import annotations

import pytest

from werkpad.core.matching import ComponentName, Weights
from werkpad.core.matching.learning import Observation, auc, fit, split, synthetic

NAMES = [name.value for name in ComponentName]
TRUE = {
    "skills": 0.10,
    "occupation": 0.30,
    "experience": 0.05,
    "desired_occupation": 0.20,
    "desired_category": 0.05,
    "language_rich": 0.15,
    "employer_experience": 0.0,
    "distance": 0.15,
}


def test_fit_recovers_known_synthetic_weights():
    current = {name: Weights().weight(ComponentName(name)) for name in NAMES}
    observations = synthetic(TRUE, 12000, seed=3)
    result = fit(observations, NAMES, current, l2=1.0, seed=1)
    proposal = result.proposal(total=1.0)
    for name in NAMES:
        assert proposal[name] == pytest.approx(TRUE[name], abs=0.03), name
    # the learned weights rank the held-out decisions better than the default weights
    assert result.auc_after is not None and result.auc_before is not None
    assert result.auc_after > result.auc_before
    assert result.train + result.held_out == 12000


def test_auc_and_split():
    assert auc([0.1, 0.4, 0.35, 0.8], [False, False, True, True]) == 0.75
    assert auc([0.5, 0.5], [True, False]) == 0.5
    assert auc([1.0], [True]) is None
    observations = [Observation({"skills": 1.0}, True, key=f"k{i % 10}") for i in range(100)]
    train, test = split(observations, 0.3, seed=0)
    assert {o.key for o in train}.isdisjoint({o.key for o in test})
    assert len(test) == 30


def test_nothing_to_learn_is_an_error():
    with pytest.raises(ValueError):
        fit([], NAMES, {})
