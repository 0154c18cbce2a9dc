"""Learning from the registry: people housed in a labour-market region whose first year has passed,
with work when an employment spell started within 12 months of the status decision. With enough
outcomes the run's chances come from the calibrated model and the better region comes out on top."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pytest
from django.utils import timezone

from tests.factories_koppeling import HALF_YEAR, kop_world
from werkpad.koppeling import actions
from werkpad.participants.models import Participant
from werkpad.pathway.models import EmploymentSpell, Enrolment, Programme


@pytest.fixture
def kop(world):
    return kop_world(world.participant, households=6)


def test_the_run_learns_region_effects_from_outcomes(kop):
    today = timezone.localdate()
    decided = today - timedelta(days=600)
    rng = np.random.default_rng(5)
    chance = {"Midden-Utrecht": 0.55, "Amersfoort": 0.35, "Groningen": 0.15, "Rijnmond": 0.35}
    munis = list(kop.municipalities.values())
    people = Participant.objects.bulk_create(
        [
            Participant(
                first_name=f"O{i}",
                last_name="Outcome",
                number=f"WP-O{i:06d}",
                organisation=kop.coa,
                phase="inburgering",
                municipality=munis[i % len(munis)],
                status_decision_date=decided,
                birth_date=decided - timedelta(days=365 * int(rng.integers(20, 50))),
            )
            for i in range(480)
        ]
    )
    programme = Programme.objects.create(name="Werk", start_date=decided - timedelta(days=30))
    enrolments = Enrolment.objects.bulk_create(
        [Enrolment(participant=p, programme=programme, intake_date=decided) for p in people]
    )
    spells = []
    for p, e in zip(people, enrolments, strict=True):
        region = p.municipality.labour_market_region
        if rng.random() < chance[region]:
            spells.append(
                EmploymentSpell(
                    enrolment=e, start_date=decided + timedelta(days=int(rng.integers(10, 350)))
                )
            )
        elif rng.random() < 0.3:  # work only after the first year: not an outcome of 1
            spells.append(EmploymentSpell(enrolment=e, start_date=decided + timedelta(days=400)))
    EmploymentSpell.objects.bulk_create(spells)

    names = actions.region_names()
    model = actions.chance_model({n: i for i, n in enumerate(names)}, today)
    assert model.kind == "model", model.reason
    assert model.validation is not None and model.validation.n == 480
    effects = dict(
        zip(names, model.region_effects(np.zeros((1, len(model.feature_names)))), strict=True)
    )
    assert effects["Midden-Utrecht"] > effects["Amersfoort"] > effects["Groningen"]

    run = actions.run_batch(kop.rita, kop.households, half_year=HALF_YEAR)
    assert run.model["kind"] == "model" and run.model["validation"]["n"] == 480
    assert run.model["protected_excluded"] == ["gender", "origin"]
    assert run.report["violations"] == 0
    # Households go to the best region while its quota lasts.
    placed = {
        p.municipality.labour_market_region for p in run.proposals.select_related("municipality")
    }
    assert "Midden-Utrecht" in placed
