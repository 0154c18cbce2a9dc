"""Learned weights: decisions of any actor are data; a proposal changes nothing until an
administrator adopts it; adoption and reversal are logged and reversible."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from tests.factories_employers import VacancyFactory
from werkpad.audit.models import AccessLogEntry
from werkpad.core.matching import Weights
from werkpad.core.matching.learning import synthetic
from werkpad.matching import weights as learned
from werkpad.matching.models import MatchDecision, WeightSet, WeightStatus
from werkpad.matching.services import weights_version

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


def _shown(values):
    return {"components": [{"name": k, "value": v} for k, v in values.items()]}


def test_decisions_of_any_actor_are_learning_data(world):
    vacancy = VacancyFactory()
    for coach, decision in ((world.anna, "shortlist"), (None, "dismiss"), (None, "interested")):
        MatchDecision.objects.create(
            coach=coach,
            participant=world.participant,
            vacancy=vacancy,
            decision=decision,
            reason_code="other",
            score=0.5,
            shown=_shown({"skills": 0.8, "distance": 0.2}),
            weights_version="w-test",
        )
    data = learned.observations()
    assert [o.positive for o in data] == [True, False, True]
    assert data[0].values == {"skills": 0.8, "distance": 0.2}


def test_a_proposal_is_used_only_after_adoption_and_can_be_reverted(world, monkeypatch):
    monkeypatch.setattr(learned, "observations", lambda: synthetic(TRUE, 4000, seed=5))
    learned.forget()
    out = StringIO()
    call_command("fit_weights", stdout=out)
    text = out.getvalue()
    assert "Held-out AUC" in text and "NOT in use" in text and "Fairness" in text
    proposal = WeightSet.objects.get()
    assert proposal.status == WeightStatus.PROPOSED
    assert proposal.fit["auc_after"] > proposal.fit["auc_before"]
    assert learned.active_weights() == Weights()  # nothing changed for the matcher
    assert abs(proposal.weights["occupation"] / Weights().total - 0.30) < 0.05

    baseline = AccessLogEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    with pytest.raises(PermissionDenied):
        learned.adopt(world.anna, proposal)  # a coach cannot
    call_command("adopt_weights", str(proposal.pk), "--by", "ada", stdout=StringIO())
    proposal.refresh_from_db()
    assert proposal.status == WeightStatus.ADOPTED and proposal.adopted_by == world.ada
    in_use = learned.active_weights()
    assert in_use.occupation == pytest.approx(proposal.weights["occupation"])
    assert weights_version() == proposal.version

    call_command("revert_weights", "--by", "ada", stdout=StringIO())
    assert learned.active_weights() == Weights()
    proposal.refresh_from_db()
    assert proposal.status == WeightStatus.RETIRED
    logged = list(AccessLogEntry.objects.filter(id__gt=baseline).values_list("user_id", "what"))
    assert (world.ada.pk, f"matching weights #{proposal.pk} {proposal.version} adopted") in logged
    assert (world.ada.pk, f"matching weights #{proposal.pk} {proposal.version} reverted") in logged
