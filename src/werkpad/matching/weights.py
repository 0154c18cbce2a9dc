"""Learned component weights: the decisions as data, proposals, explicit adoption and reversal.

* :func:`observations` reads every decision as a learning example, whatever kind of actor made
  it (a coach's shortlist/dismiss with its reason, a newcomer's interested/not interested, an
  employer's invitation/decline), with the component values as they were shown; an employer's
  hire and a placement that lasted (:data:`LASTED_DAYS`) count as forward decisions on the pair,
  the lasting placement twice.
* :func:`propose` fits the weights (:mod:`werkpad.core.matching.learning`) and stores a
  *proposed* :class:`~werkpad.matching.models.WeightSet`; nothing changes for the matcher.
* :func:`adopt` (an administrator, explicitly) puts a proposal in use; :func:`revert` retires
  the set in use, so the one adopted before it (or the built-in defaults) is in use again. Both
  are written to the access log. :func:`active_weights` is what the matcher uses; each process
  re-reads it at most every :data:`REFRESH_SECONDS`.
"""

from __future__ import annotations

import dataclasses
import time
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from werkpad.accounts.models import User
from werkpad.audit.log import record
from werkpad.audit.models import Action
from werkpad.core.matching import ComponentName, Weights
from werkpad.core.matching.learning import Fit, Observation, fit
from werkpad.employers.models import Placement, Shortlist

from .models import MatchDecision, WeightSet, WeightStatus

#: Decision values that count as forward / not forward, of any actor kind.
FORWARD = frozenset({"shortlist", "interested", "invite", "invited", "accepted"})
NOT_FORWARD = frozenset({"dismiss", "not_interested", "decline", "declined", "rejected"})
#: A placement that has lasted this long (or ran its contract to the end) is a success.
LASTED_DAYS = 182
REFRESH_SECONDS = 10.0
NAMES = tuple(name.value for name in ComponentName)

_cache: tuple[float, Weights] | None = None


def _values(shown: dict[str, Any]) -> dict[str, float]:
    return {
        str(c["name"]): float(c["value"])
        for c in shown.get("components", [])
        if isinstance(c, dict) and "name" in c and "value" in c
    }


def observations() -> list[Observation]:
    """Every decision with the component values that were shown for its pair."""
    out: list[Observation] = []
    shown: dict[str, dict[str, float]] = {}
    for participant_id, vacancy_id, decision, snapshot in (
        MatchDecision.objects.order_by("created_at", "id")
        .values_list("participant_id", "vacancy_id", "decision", "shown")
        .iterator(chunk_size=2000)
    ):
        key = f"{participant_id}:{vacancy_id}"
        values = _values(snapshot or {})
        if not values:
            continue
        shown[key] = values
        if decision in FORWARD or decision in NOT_FORWARD:
            out.append(Observation(values, decision in FORWARD, key))
    for participant_id, vacancy_id, status in Shortlist.objects.values_list(
        "participant_id", "vacancy_id", "status"
    ):
        key = f"{participant_id}:{vacancy_id}"
        if key in shown and status in ("hired", "rejected"):
            out.append(Observation(shown[key], status == "hired", key))
    today = timezone.localdate()
    for participant_id, vacancy_id, start, end in Placement.objects.filter(
        vacancy__isnull=False
    ).values_list("participant_id", "vacancy_id", "start_date", "end_date"):
        key = f"{participant_id}:{vacancy_id}"
        if key in shown and ((end or today) - start).days >= LASTED_DAYS:
            out.append(Observation(shown[key], True, key, weight=2.0))
    return out


def weights_of(values: dict[str, float]) -> Weights:
    return dataclasses.replace(Weights(), **{k: float(v) for k, v in values.items() if k in NAMES})


def as_dict(weights: Weights) -> dict[str, float]:
    return {name: weights.weight(ComponentName(name)) for name in NAMES}


def active_set() -> WeightSet | None:
    return (
        WeightSet.objects.filter(status=WeightStatus.ADOPTED).order_by("-adopted_at", "-id").first()
    )


def active_weights() -> Weights:
    """The weights in use: the newest adopted set, else the built-in defaults."""
    global _cache
    now = time.monotonic()
    if _cache is not None and now - _cache[0] < REFRESH_SECONDS:
        return _cache[1]
    current = active_set()
    weights = weights_of(current.weights) if current is not None else Weights()
    _cache = (now, weights)
    return weights


def forget() -> None:
    """Drop this process's cached weights (after adopting or reverting)."""
    global _cache
    _cache = None


def propose(*, l2: float = 1.0, held_out: float = 0.25, seed: int = 0) -> tuple[WeightSet, Fit]:
    """Fit on the decisions and store the result as a proposal (not in use)."""
    from . import services

    data = observations()
    current = active_weights()
    result = fit(data, NAMES, as_dict(current), l2=l2, held_out=held_out, seed=seed)
    proposal = result.proposal(total=current.total)
    weights = weights_of(proposal)
    entry = WeightSet.objects.create(
        weights=proposal,
        version=services.weights_version(weights),
        fit={
            "decisions": len(data),
            "train": result.train,
            "held_out": result.held_out,
            "auc_before": result.auc_before,
            "auc_after": result.auc_after,
            "coefficients": dict(zip(result.names, result.coefficients, strict=True)),
            "intercept": result.intercept,
            "l2": l2,
            "weights_before": as_dict(current),
        },
    )
    return entry, result


def _check(user: User) -> None:
    if not user.is_administrator:
        raise PermissionDenied


@transaction.atomic
def adopt(user: User, entry: WeightSet) -> WeightSet:
    """Put a proposal in use (administrators only; logged)."""
    _check(user)
    entry = WeightSet.objects.select_for_update().get(pk=entry.pk)
    if entry.status != WeightStatus.PROPOSED:
        raise ValidationError(_("Only a proposal can be adopted."))
    entry.status = WeightStatus.ADOPTED
    entry.adopted_at = timezone.now()
    entry.adopted_by = user
    entry.save(update_fields=["status", "adopted_at", "adopted_by"])
    record(user, None, Action.UPDATE, f"matching weights #{entry.pk} {entry.version} adopted")
    forget()
    return entry


@transaction.atomic
def revert(user: User) -> WeightSet | None:
    """Retire the weights in use: the set adopted before (or the defaults) is in use again.
    Returns the retired set (``None`` when the defaults were in use already)."""
    _check(user)
    entry = active_set()
    if entry is None:
        return None
    entry.status = WeightStatus.RETIRED
    entry.retired_at = timezone.now()
    entry.save(update_fields=["status", "retired_at"])
    record(user, None, Action.UPDATE, f"matching weights #{entry.pk} {entry.version} reverted")
    forget()
    return entry
