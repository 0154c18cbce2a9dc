"""The chance model: it recovers known region effects from synthetic outcomes, is calibrated,
leaves the protected attributes out by default, and falls back to the prior with too little data."""

from __future__ import annotations

import numpy as np
import pytest

from werkpad.core.koppeling.predict import (
    PROTECTED,
    HouseholdFeatures,
    TrainingData,
    encode,
    fit_chances,
)

REGIONS = 8


def synthetic(n: int, seed: int = 3) -> tuple[TrainingData, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    effects = np.linspace(-1.0, 1.0, REGIONS)
    rng.shuffle(effects)
    rows = [
        HouseholdFeatures(
            adults=int(rng.integers(1, 3)),
            children=int(rng.integers(0, 4)),
            age=float(rng.integers(18, 60)),
            education=int(rng.integers(0, 5)),
            dutch=int(rng.integers(0, 4)),
            work_experience=bool(rng.random() < 0.5),
            months_in_nl=float(rng.integers(3, 30)),
            gender=str(rng.choice(["man", "woman"])),
            origin=str(rng.choice(["a", "b"])),
        )
        for _ in range(n)
    ]
    x, names = encode(rows)
    region = rng.integers(0, REGIONS, n)
    logit = -1.0 + effects[region] + 0.3 * (x[:, names.index("education")] - 2)
    outcome = rng.random(n) < 1 / (1 + np.exp(-logit))
    return TrainingData(x, names, region, REGIONS, outcome), effects, x


def test_recovers_known_region_effects() -> None:
    data, effects, x = synthetic(8000)
    model = fit_chances(data, prior=0.19, prior_source="test")
    assert model.kind == "model"
    found = model.region_effects(x)
    true = effects - effects.mean()
    assert np.corrcoef(found, true)[0, 1] > 0.97
    assert np.abs(found - true).max() < 0.25
    # Calibrated: the cross-validated mean prediction matches the observed rate.
    v = model.validation
    assert v is not None
    assert abs(v.mean_predicted - v.base_rate) < 0.02
    assert v.brier < v.brier_base
    assert v.auc > 0.6
    chances = model.chances(x[:5])
    assert chances.shape == (5, REGIONS)
    assert ((chances > 0) & (chances < 1)).all()


def test_protected_attributes_are_left_out_by_default() -> None:
    rows = [HouseholdFeatures(1, 0, gender="woman", origin="x")]
    _x, names = encode(rows)
    assert not any(n.startswith(PROTECTED) for n in names)
    _x, names = encode(rows, include_protected=True)
    assert "gender=woman" in names


@pytest.mark.parametrize("n", [0, 50])
def test_too_little_data_falls_back_to_the_prior(n: int) -> None:
    data, _effects, x = synthetic(max(n, 1))
    if n == 0:
        data = TrainingData(x[:0], data.feature_names, data.region[:0], REGIONS, data.outcome[:0])
    model = fit_chances(data, prior=0.19, prior_source="koppeling.prior_work_12m")
    assert model.kind == "prior"
    assert "outcomes" in model.reason
    assert (model.chances(x[:3]) == 0.19).all()
    card = model.card()
    assert card["kind"] == "prior" and card["validation"] is None
    assert card["protected_excluded"] == list(PROTECTED)


def test_the_same_data_is_fitted_once_new_outcomes_refit(monkeypatch) -> None:
    from sklearn.linear_model import LogisticRegression

    fits = []
    original = LogisticRegression.fit

    def counting(self, *args, **kwargs):
        fits.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(LogisticRegression, "fit", counting)
    data, _effects, x = synthetic(600, seed=11)
    first = fit_chances(data, prior=0.19, prior_source="test")
    assert first.kind == "model" and fits
    count = len(fits)
    again = fit_chances(
        TrainingData(
            data.features.copy(),
            data.feature_names,
            data.region.copy(),
            REGIONS,
            data.outcome.copy(),
        ),
        prior=0.19,
        prior_source="test",
    )
    assert again is first and len(fits) == count  # equal data (a new object): no new fit
    assert np.array_equal(again.chances(x[:3]), first.chances(x[:3]))
    changed = data.outcome.copy()
    changed[0] = not changed[0]
    refit = fit_chances(
        TrainingData(data.features, data.feature_names, data.region, REGIONS, changed),
        prior=0.19,
        prior_source="test",
    )
    assert refit is not first and len(fits) > count
    other_prior = fit_chances(data, prior=0.2, prior_source="test")
    assert other_prior is not first and other_prior.prior == 0.2
