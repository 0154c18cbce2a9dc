"""The chance of paid work within 12 months, per household × labour-market region.

Learned from outcomes (scikit-learn): a logistic regression on the region (one-hot) and the
household's features, calibrated (Platt scaling, :class:`CalibratedClassifierCV`) and validated by
stratified k-fold cross-validation (AUC, Brier score, log loss, calibration in the large, and a
reliability table). Gender and region of origin are *not* features by default
(:data:`PROTECTED`); religion is never stored at all. With too few outcomes (fewer than
``min_outcomes``, or fewer than ``min_per_class`` of either kind, or fewer than two regions) the
model does not pretend: :func:`fit_chances` returns the documented prior (the dated parameter
``koppeling.prior_work_12m``), the same in every region, and says so.

A fit depends only on its inputs (the training data, the prior and the fixed seeds), so the
fitted model of the same data is reused within a process (a small cache keyed by a digest of
the inputs, :data:`FIT_CACHE_SIZE` entries): a new run on unchanged registry data does not
retrain; new outcomes change the digest and retrain.

docs/koppeling-model-card.md describes data, features, validation and known limits.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from werkpad.core.koppeling.model import BoolArray, FloatArray, IntArray

__all__ = [
    "FEATURES",
    "PROTECTED",
    "ChanceModel",
    "HouseholdFeatures",
    "TrainingData",
    "Validation",
    "encode",
    "fit_chances",
]

# The features the model learns from, in order (all numeric after encoding).
FEATURES = (
    "adults",
    "children",
    "seniors",
    "age",
    "education",  # 0 none … 4 higher; unknown → the mean
    "dutch",  # 0 A0 … 6 C2; unknown → the mean
    "work_experience",  # 0/1
    "months_in_nl",
)
# Protected attributes: left out unless ``include_protected`` (only to audit the model itself).
PROTECTED = ("gender", "origin")


@dataclass(frozen=True, slots=True)
class HouseholdFeatures:
    """What the model may know of a household (of its main applicant). ``None``: unknown."""

    adults: int
    children: int
    seniors: int = 0
    age: float | None = None
    education: int | None = None
    dutch: int | None = None
    work_experience: bool | None = None
    months_in_nl: float | None = None
    gender: str = ""
    origin: str = ""


def encode(
    rows: Sequence[HouseholdFeatures],
    *,
    include_protected: bool = False,
    protected_levels: Sequence[tuple[str, ...]] = ((), ()),
) -> tuple[FloatArray, tuple[str, ...]]:
    """A numeric matrix (rows × features) and its column names. Unknown values become the
    column's mean over the known ones (0 when none is known)."""
    n = len(rows)
    columns: list[FloatArray] = []
    names: list[str] = []
    for name in FEATURES:
        raw = [getattr(r, name) for r in rows]
        known = [float(v) for v in raw if v is not None]
        fill = float(np.mean(known)) if known else 0.0
        columns.append(np.array([fill if v is None else float(v) for v in raw], dtype=np.float64))
        names.append(name)
    if include_protected:
        for attribute, levels in zip(PROTECTED, protected_levels, strict=True):
            values = [getattr(r, attribute) for r in rows]
            for level in levels or tuple(sorted(set(values))):
                columns.append(np.array([v == level for v in values], dtype=np.float64))
                names.append(f"{attribute}={level}")
    matrix: FloatArray = np.column_stack(columns) if columns else np.zeros((n, 0))
    return matrix, tuple(names)


@dataclass(frozen=True, eq=False)
class TrainingData:
    """Outcomes to learn from: features (rows × k), the region each person lived in, and
    whether they were in paid work within 12 months."""

    features: FloatArray
    feature_names: tuple[str, ...]
    region: IntArray
    n_regions: int
    outcome: BoolArray

    @property
    def n(self) -> int:
        return int(self.features.shape[0])


@dataclass(frozen=True, slots=True)
class Validation:
    folds: int
    n: int
    positives: int
    base_rate: float
    auc: float
    brier: float
    brier_base: float  # the Brier score of always predicting the base rate
    log_loss: float
    mean_predicted: float
    # (predicted mean, observed rate, count) per decile of the cross-validated prediction
    reliability: tuple[tuple[float, float, int], ...]

    def as_dict(self) -> dict[str, object]:
        return {
            "folds": self.folds,
            "n": self.n,
            "positives": self.positives,
            "base_rate": round(self.base_rate, 4),
            "auc": round(self.auc, 4),
            "brier": round(self.brier, 4),
            "brier_base": round(self.brier_base, 4),
            "log_loss": round(self.log_loss, 4),
            "mean_predicted": round(self.mean_predicted, 4),
            "reliability": [[round(p, 4), round(o, 4), c] for p, o, c in self.reliability],
        }


@dataclass(frozen=True, eq=False)
class ChanceModel:
    """Either a fitted, calibrated model or the documented prior.

    ``kind`` is ``"model"`` or ``"prior"``; ``reason`` says why the prior is used.
    """

    kind: str
    n_regions: int
    feature_names: tuple[str, ...]
    prior: float
    prior_source: str
    reason: str = ""
    validation: Validation | None = None
    estimator: object = None
    scale: tuple[FloatArray, FloatArray] | None = None
    notes: tuple[str, ...] = field(default=())

    def chances(self, features: FloatArray) -> FloatArray:
        """(households, regions): the chance of paid work within 12 months in each region."""
        h = int(features.shape[0])
        if self.kind == "prior" or self.estimator is None:
            return np.full((h, self.n_regions), self.prior, dtype=np.float64)
        result = np.empty((h, self.n_regions), dtype=np.float64)
        for r in range(self.n_regions):
            region = np.full(h, r, dtype=np.int64)
            design = _design(features, region, self.n_regions, self.scale)
            result[:, r] = self.estimator.predict_proba(design)[:, 1]  # type: ignore[attr-defined]
        return result

    def region_effects(self, features: FloatArray) -> FloatArray:
        """The mean log-odds per region over ``features``, centred (what a region adds)."""
        p = np.clip(self.chances(features), 1e-9, 1 - 1e-9)
        logits = np.log(p / (1 - p)).mean(axis=0)
        centred: FloatArray = logits - logits.mean()
        return centred

    def card(self) -> dict[str, object]:
        """The facts of the model card that belong with every run."""
        return {
            "kind": self.kind,
            "reason": self.reason,
            "features": list(self.feature_names),
            "protected_excluded": [p for p in PROTECTED if not _uses(self.feature_names, p)],
            "prior": self.prior,
            "prior_source": self.prior_source,
            "regions": self.n_regions,
            "validation": None if self.validation is None else self.validation.as_dict(),
            "notes": list(self.notes),
        }


def _uses(names: Sequence[str], attribute: str) -> bool:
    return any(n.startswith(f"{attribute}=") for n in names)


def _design(
    features: FloatArray,
    region: IntArray,
    n_regions: int,
    scale: tuple[FloatArray, FloatArray] | None,
) -> FloatArray:
    onehot = np.zeros((features.shape[0], n_regions), dtype=np.float64)
    onehot[np.arange(features.shape[0]), region] = 1.0
    x = features
    if scale is not None:
        mean, sd = scale
        x = (features - mean) / sd
    result: FloatArray = np.hstack([onehot, x])
    return result


#: Fitted models kept per process (the newest ones).
FIT_CACHE_SIZE = 4
_fits: OrderedDict[str, ChanceModel] = OrderedDict()
_fits_lock = threading.Lock()


def _digest(data: TrainingData, *settings: object) -> str:
    h = hashlib.sha256()
    for array in (data.features, data.region, data.outcome):
        contiguous = np.ascontiguousarray(array)
        h.update(f"{contiguous.dtype}{contiguous.shape}".encode())
        h.update(contiguous.tobytes())
    h.update(repr((data.feature_names, data.n_regions, settings)).encode())
    return h.hexdigest()


def fit_chances(
    data: TrainingData,
    *,
    prior: float,
    prior_source: str,
    min_outcomes: int = 200,
    min_per_class: int = 30,
    folds: int = 5,
    seed: int = 0,
) -> ChanceModel:
    """Fit, calibrate and cross-validate — or, with too little data, return the prior. The same
    inputs give the same (cached) model without fitting again."""
    key = _digest(data, prior, prior_source, min_outcomes, min_per_class, folds, seed)
    with _fits_lock:
        cached = _fits.get(key)
        if cached is not None:
            _fits.move_to_end(key)
            return cached
    model = _fit_chances(
        data,
        prior=prior,
        prior_source=prior_source,
        min_outcomes=min_outcomes,
        min_per_class=min_per_class,
        folds=folds,
        seed=seed,
    )
    with _fits_lock:
        _fits[key] = model
        while len(_fits) > FIT_CACHE_SIZE:
            _fits.popitem(last=False)
    return model


def _fit_chances(
    data: TrainingData,
    *,
    prior: float,
    prior_source: str,
    min_outcomes: int,
    min_per_class: int,
    folds: int,
    seed: int,
) -> ChanceModel:
    y = np.asarray(data.outcome, dtype=np.int64)
    positives = int(y.sum())
    negatives = data.n - positives
    regions_seen = len(set(data.region.tolist()))
    reason = ""
    if data.n < min_outcomes:
        reason = f"only {data.n} outcomes (at least {min_outcomes} are needed)"
    elif min(positives, negatives) < min_per_class:
        reason = (
            f"only {min(positives, negatives)} outcomes of the rarer kind "
            f"(at least {min_per_class} are needed)"
        )
    elif regions_seen < 2:
        reason = "outcomes from fewer than two labour-market regions"
    if reason:
        return ChanceModel(
            "prior", data.n_regions, data.feature_names, prior, prior_source, reason=reason
        )
    # Imported only when there is something to learn (scikit-learn takes seconds to load).
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import brier_score_loss, log_loss, roc_auc_score
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    mean = data.features.mean(axis=0)
    sd = data.features.std(axis=0)
    sd[sd == 0] = 1.0
    scale = (mean, sd)
    x = _design(data.features, data.region, data.n_regions, scale)

    def estimator() -> CalibratedClassifierCV:
        return CalibratedClassifierCV(
            LogisticRegression(C=10.0, max_iter=2000),
            method="sigmoid",
            cv=StratifiedKFold(folds, shuffle=True, random_state=seed),
        )

    splitter = StratifiedKFold(folds, shuffle=True, random_state=seed + 1)
    predicted = cross_val_predict(estimator(), x, y, cv=splitter, method="predict_proba")[:, 1]
    base = positives / data.n
    order = np.argsort(predicted, kind="stable")
    reliability = []
    for chunk in np.array_split(order, 10):
        if chunk.size:
            reliability.append(
                (float(predicted[chunk].mean()), float(y[chunk].mean()), int(chunk.size))
            )
    validation = Validation(
        folds=folds,
        n=data.n,
        positives=positives,
        base_rate=base,
        auc=float(roc_auc_score(y, predicted)),
        brier=float(brier_score_loss(y, predicted)),
        brier_base=float(base * (1 - base)),
        log_loss=float(log_loss(y, predicted)),
        mean_predicted=float(predicted.mean()),
        reliability=tuple(reliability),
    )
    fitted = estimator().fit(x, y)
    return ChanceModel(
        "model",
        data.n_regions,
        data.feature_names,
        prior,
        prior_source,
        validation=validation,
        estimator=fitted,
        scale=scale,
    )
