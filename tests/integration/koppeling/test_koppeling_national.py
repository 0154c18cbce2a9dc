"""The real municipality list (../shared/data/nl/gemeenten_2025.csv): imported with its
labour-market regions and centroids, the taakstelling derived in proportion to population, and a
run over all municipalities with a counting job that binds within 50 km of the workplace."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.factories_koppeling import (
    COAFactory,
    HardCriterionFactory,
    HouseholdFactory,
    regievoerder,
)
from werkpad.core.koppeling import distance_km
from werkpad.koppeling import actions
from werkpad.koppeling.models import Proposal, Taakstelling
from werkpad.places.models import Municipality

CSV = Path(__file__).resolve().parents[4] / "shared" / "data" / "nl" / "gemeenten_2025.csv"


@pytest.fixture
def national(db):
    if not CSV.is_file():
        pytest.skip(f"gemeenten_2025.csv not found at {CSV} (../shared/data from the repo root)")
    call_command("import_municipalities", str(CSV), stdout=io.StringIO())


def test_quotas_over_the_real_municipalities(national):
    assert Municipality.objects.count() == 342
    regions = set(Municipality.objects.values_list("labour_market_region", flat=True))
    assert len(regions) == 35 and "" not in regions
    assert not Municipality.objects.filter(latitude__isnull=True).exists()
    with pytest.raises(CommandError, match="not known"):
        call_command("derive_quotas", "2026-H2")  # the national total is "unknown" by default
    call_command("derive_quotas", "2026-H2", "--total", "20000", stdout=io.StringIO())
    quotas = Taakstelling.objects.filter(half_year="2026-H2")
    assert quotas.count() == 342 and sum(q.persons for q in quotas) == 20000
    amsterdam = quotas.get(municipality__code="GM0363").persons
    assert amsterdam > quotas.get(municipality__code="GM0344").persons > 0


def test_a_run_over_all_municipalities_respects_a_job_within_50_km(national):
    call_command("derive_quotas", "2026-H2", "--total", "600", stdout=io.StringIO())
    coa = COAFactory()
    rita = regievoerder("rita", coa)
    households = [
        HouseholdFactory(coa_location=coa, half_year="2026-H2", adults=1 + i % 2) for i in range(30)
    ]
    groningen = Municipality.objects.get(code="GM0014")
    HardCriterionFactory(household=households[0], municipality=groningen, hours_per_week=16)
    HardCriterionFactory(  # no payslip seen yet: unknown, and binds by default
        household=households[1], municipality=groningen, hours_per_week=16, payslip_shown=None
    )
    HardCriterionFactory(  # 4 hours: does not count
        household=households[2], municipality=groningen, hours_per_week=4
    )
    run = actions.run_batch(rita, households, half_year="2026-H2")
    assert run.report["violations"] == 0 and run.report["placed_cases"] == 30
    for h in households[:2]:
        p = Proposal.objects.get(run=run, household=h)
        km = distance_km(
            groningen.latitude,
            groningen.longitude,
            [p.municipality.latitude],
            [p.municipality.longitude],
        )[0]
        assert km <= 50
    statuses = {b["status"] for b in Proposal.objects.get(run=run, household=households[1]).binding}
    assert "unknown" in statuses
    loose = Proposal.objects.get(run=run, household=households[2]).binding
    assert all(not b["binds"] for b in loose if b["kind"] == "work")
