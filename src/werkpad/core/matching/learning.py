"""Learning the component weights of the matcher from decisions (pure Python).

A decision is an observation: the component values of one candidate-vacancy pair as they were
shown (each in ``[0, 1]``) and whether the pair went forward (shortlisted, invited, interested,
a placement that lasted) or not (dismissed, declined, not interested). The matcher's score is
``sum(w_i * x_i) / sum(w_i)``; so we fit a logistic model ``P(forward) = sigmoid(b + sum(beta_i *
x_i))`` with ``beta_i >= 0`` and an L2 penalty (:func:`fit`), and propose ``w_i`` proportional to
``beta_i``, rescaled to the current total weight. ``beta`` is identified only up to that scale,
which is all the matcher needs.

The method is proven on synthetic decisions drawn from known weights (:func:`synthetic`): it
must recover them (``tests/unit/matching/test_matching_learning.py``) before its proposals on
real decisions are trusted. Nothing here changes the weights in use: an administrator adopts a
proposal explicitly (``werkpad.matching.weights``).
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.optimize import minimize

__all__ = ["Fit", "Observation", "auc", "fit", "propose", "split", "synthetic"]

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Observation:
    """One decision: component values and whether the pair went forward (``positive``).

    ``key`` groups observations that must stay on one side of the held-out split (the
    candidate-vacancy pair); ``weight`` counts an observation more (a placement that lasted).
    """

    values: Mapping[str, float]
    positive: bool
    key: str = ""
    weight: float = 1.0


@dataclass(frozen=True, slots=True)
class Fit:
    """The fitted coefficients (one per component, ``>= 0``), the intercept, and the held-out
    AUC of the current weights' score and of the fitted model's."""

    names: tuple[str, ...]
    coefficients: tuple[float, ...]
    intercept: float
    auc_before: float | None
    auc_after: float | None
    train: int
    held_out: int

    def proposal(self, total: float) -> dict[str, float]:
        """Weights proportional to the coefficients, summing to ``total``."""
        return propose(dict(zip(self.names, self.coefficients, strict=True)), total)


def propose(coefficients: Mapping[str, float], total: float) -> dict[str, float]:
    scale = sum(coefficients.values())
    if scale <= 0:
        raise ValueError("no component has a positive coefficient: nothing to propose")
    return {name: round(total * value / scale, 4) for name, value in coefficients.items()}


def _matrix(
    observations: Sequence[Observation], names: Sequence[str]
) -> tuple[FloatArray, FloatArray, FloatArray]:
    x = np.array(
        [[float(o.values.get(name, 0.0)) for name in names] for o in observations],
        dtype=np.float64,
    ).reshape(len(observations), len(names))
    y = np.array([1.0 if o.positive else 0.0 for o in observations], dtype=np.float64)
    w = np.array([o.weight for o in observations], dtype=np.float64)
    return x, y, w


def auc(scores: Sequence[float] | FloatArray, labels: Sequence[bool] | FloatArray) -> float | None:
    """Area under the ROC curve (ties count half); ``None`` without both classes."""
    s = np.asarray(scores, dtype=np.float64)
    y = np.asarray(labels, dtype=bool)
    positives, negatives = int(y.sum()), int((~y).sum())
    if positives == 0 or negatives == 0:
        return None
    order = np.argsort(s, kind="mergesort")
    ranks = np.empty(len(s), dtype=np.float64)
    sorted_scores = s[order]
    start = 0
    while start < len(s):  # average ranks of ties
        end = start
        while end + 1 < len(s) and sorted_scores[end + 1] == sorted_scores[start]:
            end += 1
        ranks[order[start : end + 1]] = (start + end) / 2.0 + 1.0
        start = end + 1
    return float((ranks[y].sum() - positives * (positives + 1) / 2.0) / (positives * negatives))


def split(
    observations: Sequence[Observation], held_out: float = 0.25, seed: int = 0
) -> tuple[list[Observation], list[Observation]]:
    """Train and held-out observations; all observations of one ``key`` on the same side."""
    keys = sorted({o.key or str(i) for i, o in enumerate(observations)})
    rng = random.Random(seed)  # noqa: S311 - a reproducible draw, not a secret
    rng.shuffle(keys)
    test_keys = set(keys[: round(len(keys) * held_out)])
    train: list[Observation] = []
    test: list[Observation] = []
    for i, o in enumerate(observations):
        (test if (o.key or str(i)) in test_keys else train).append(o)
    return train, test


def fit(
    observations: Sequence[Observation],
    names: Sequence[str],
    current: Mapping[str, float],
    *,
    l2: float = 1.0,
    held_out: float = 0.25,
    seed: int = 0,
) -> Fit:
    """Fit non-negative logistic coefficients on a training part and report the held-out AUC of
    the ``current`` weights' score against that of the fit."""
    names = tuple(names)
    train, test = split(observations, held_out, seed)
    if not train:
        raise ValueError("no decisions to learn from")
    x, y, w = _matrix(train, names)
    n = float(w.sum())

    def loss(theta: FloatArray) -> tuple[float, FloatArray]:
        z = theta[0] + x @ theta[1:]
        # log(1 + exp(z)) - y * z, computed stably
        log1p = np.logaddexp(0.0, z)
        value = float((w * (log1p - y * z)).sum() / n + 0.5 * l2 * (theta[1:] @ theta[1:]) / n)
        p = 1.0 / (1.0 + np.exp(-z))
        residual = w * (p - y) / n
        gradient = np.concatenate([[residual.sum()], x.T @ residual + l2 * theta[1:] / n])
        return value, gradient

    start = np.zeros(len(names) + 1)
    bounds = [(None, None)] + [(0.0, None)] * len(names)
    result = minimize(loss, start, jac=True, method="L-BFGS-B", bounds=bounds)
    theta = np.asarray(result.x, dtype=np.float64)
    before = after = None
    if test:
        tx, ty, _tw = _matrix(test, names)
        current_vector = np.array([current.get(name, 0.0) for name in names], dtype=np.float64)
        before = auc(tx @ current_vector, ty)
        after = auc(tx @ theta[1:], ty)
    return Fit(
        names=names,
        coefficients=tuple(float(max(0.0, c)) for c in theta[1:]),
        intercept=float(theta[0]),
        auc_before=before,
        auc_after=after,
        train=len(train),
        held_out=len(test),
    )


def synthetic(
    weights: Mapping[str, float],
    n: int,
    *,
    sharpness: float = 12.0,
    seed: int = 0,
) -> list[Observation]:
    """Decisions drawn from known weights: component values uniform in ``[0, 1]``, a decision
    forward with probability ``sigmoid(sharpness * (score - 0.5))`` where ``score`` is the
    matcher's normalised score under ``weights``."""
    rng = random.Random(seed)  # noqa: S311 - a reproducible draw, not a secret
    total = sum(weights.values())
    out = []
    for i in range(n):
        values = {name: rng.random() for name in weights}
        score = sum(weights[name] * values[name] for name in weights) / total
        p = 1.0 / (1.0 + math.exp(-sharpness * (score - 0.5)))
        out.append(Observation(values, rng.random() < p, key=f"s{i}"))
    return out
