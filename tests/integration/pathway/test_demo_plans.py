"""The demo's step plans: some agreed, some awaiting confirmation, one with two versions;
deterministic and idempotent."""

from __future__ import annotations

from datetime import date

TODAY = date(2026, 6, 1)


def _shape():
    from werkpad.pathway.models import Plan

    return sorted(
        (
            p.participant.number,
            p.category_now,
            tuple(p.steps.values_list("title", flat=True)),
            tuple((v.number, v.agreed) for v in p.versions.prefetch_related("confirmations")),
        )
        for p in Plan.objects.select_related("participant")
    )


def test_demo_plans_agreed_awaiting_and_two_versions(db):
    from werkpad.demo import plans
    from werkpad.demo.seed import seed_database
    from werkpad.pathway.models import Plan, PlanVersion

    ctx = seed_database(300, seed=2025, today=TODAY)
    versions = list(PlanVersion.objects.prefetch_related("confirmations"))
    assert Plan.objects.count() >= 6
    assert any(v.agreed for v in versions)
    assert any(not v.agreed for v in versions)
    assert Plan.objects.filter(versions__number=2).count() == 1
    two = Plan.objects.get(versions__number=2)
    assert [v.agreed for v in two.versions.order_by("number")] == [True, False]
    # A portal newcomer has a version waiting for their confirmation.
    assert any(not v.agreed and v.plan.participant.user_id is not None for v in versions)
    shape = _shape()
    assert plans.seed(ctx) == []  # idempotent: nothing made twice
    assert _shape() == shape
