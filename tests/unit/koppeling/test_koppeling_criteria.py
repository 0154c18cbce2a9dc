"""Hard criteria: the rules engine decides whether a job counts and with which radius."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from tests.unit.rules.rules_support import entry, operator_params, params_with
from werkpad.core.koppeling import (
    Anchor,
    AnchorKind,
    HouseholdCriteria,
    UnknownPolicy,
    apply_hard_criteria,
    distance_km,
    hard_constraints,
)
from werkpad.core.rules import Job, Person, Phase, Status

ON = date(2026, 3, 2)
UTRECHT = (52.0907, 5.1214)
# Destinations: Amersfoort (~20 km from Utrecht), Amsterdam (~34 km), Zwolle (~80 km).
POINTS = np.array([[52.1561, 5.3878], [52.3676, 4.9041], [52.5168, 6.0830]])
STATUS_HOLDER = Person(phase=Phase.STATUS_HOLDER_AZC)


def work(**job: object) -> HouseholdCriteria:
    settled = {"hours_per_week": 24, "contract_signed": True, "payslip_shown": True, **job}
    return HouseholdCriteria(
        0,
        STATUS_HOLDER,
        (Anchor(AnchorKind.WORK, *UTRECHT, Job(**settled)),),  # type: ignore[arg-type]
    )


def mask(households: list[HouseholdCriteria], **options: object) -> list[bool]:
    constraints, _ = hard_constraints(households, ON, operator_params(), **options)  # type: ignore[arg-type]
    return apply_hard_criteria(np.ones((1, 3), dtype=bool), POINTS, constraints)[0].tolist()


def test_distances_are_great_circle_kilometres() -> None:
    km = distance_km(*UTRECHT, POINTS[:, 0], POINTS[:, 1])
    assert km.round().tolist() == [20.0, 34.0, 81.0]


def test_a_counting_job_keeps_the_household_within_the_dated_radius() -> None:
    constraints, outcomes = hard_constraints([work()], ON, operator_params())
    assert [(c.case, c.radius_km, c.reason) for c in constraints] == [(0, 50.0, "work")]
    assert constraints[0].rule_version == "2024-09-01"  # the date of the source ([004])
    assert outcomes[0].status is Status.PASS and outcomes[0].binds
    assert mask([work()]) == [True, True, False]


def test_a_job_under_the_minimum_hours_binds_nothing() -> None:
    constraints, outcomes = hard_constraints([work(hours_per_week=6)], ON, operator_params())
    assert constraints == ()
    assert outcomes[0].status is Status.FAIL and not outcomes[0].binds
    assert mask([work(hours_per_week=6)]) == [True, True, True]


def test_an_unknown_criterion_binds_unless_told_otherwise() -> None:
    unsure = work(payslip_shown=None)
    assert mask([unsure]) == [True, True, False]
    assert mask([unsure], unknown=UnknownPolicy.RESTRICT) == [True, True, False]
    assert mask([unsure], unknown=UnknownPolicy.IGNORE) == [True, True, True]


def test_the_radius_is_the_rules_engines_dated_parameter() -> None:
    # An operator narrows the radius to 30 km from 2026-03-01: Amsterdam (35 km) falls out.
    narrow = params_with(
        entry("koppeling.radius_km", 50, "2000-01-01", "2026-02-28")
        + entry("koppeling.radius_km", 30, "2026-03-01")
    )
    constraints, _ = hard_constraints([work()], ON, narrow)
    assert constraints[0].radius_km == 30.0
    assert constraints[0].rule_version == "2026-03-01"
    earlier, _ = hard_constraints([work()], date(2026, 2, 1), narrow)
    assert earlier[0].radius_km == 50.0


def test_other_hard_criteria_bind_with_the_same_radius_when_established() -> None:
    relative = HouseholdCriteria(0, STATUS_HOLDER, (Anchor(AnchorKind.RELATIVE, *POINTS[2]),))
    assert mask([relative]) == [False, False, True]
    unproven = HouseholdCriteria(
        0, STATUS_HOLDER, (Anchor(AnchorKind.MEDICAL, *POINTS[2], established=False),)
    )
    assert mask([unproven], unknown=UnknownPolicy.IGNORE) == [True, True, True]
    # Two anchors: both must hold (Utrecht job and a relative in Zwolle: nowhere here).
    both = HouseholdCriteria(0, STATUS_HOLDER, (*work().anchors, *relative.anchors))
    assert mask([both]) == [False, False, False]


def test_a_work_anchor_without_its_job_is_an_error() -> None:
    broken = HouseholdCriteria(0, STATUS_HOLDER, (Anchor(AnchorKind.WORK, *UTRECHT),))
    with pytest.raises(ValueError, match="needs its job"):
        hard_constraints([broken], ON, operator_params())


def test_a_housed_status_holder_is_not_linked_by_the_engine() -> None:
    housed = HouseholdCriteria(
        0,
        Person(phase=Phase.INBURGERING),
        work().anchors,
    )
    _, outcomes = hard_constraints([housed], ON, operator_params())
    assert outcomes[0].status is Status.FAIL


def test_an_unknown_radius_leaves_the_household_to_a_person() -> None:
    unknown_radius = params_with(
        entry("koppeling.radius_km", 50, "2000-01-01", "2025-12-31")
        + entry("koppeling.radius_km", "unknown", "2026-01-01")
    )
    constraints, outcomes = hard_constraints([work()], ON, unknown_radius)
    assert outcomes[0].binds and outcomes[0].radius_km is None
    allowed = apply_hard_criteria(np.ones((1, 3), dtype=bool), POINTS, constraints)
    assert not allowed.any()
