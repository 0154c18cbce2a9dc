"""Runs on households: feasible and reported in full; a counting job binds within 50 km; the
household answers; the regievoerder decides or overrides with a reason (logged with the scores
shown); a decided koppeling opens the COA → municipality handover on its legal ground."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from tests.factories import OrganisationFactory, UserFactory
from tests.factories_koppeling import HALF_YEAR, HardCriterionFactory, kop_world
from werkpad.accounts.models import OrganisationKind, Role
from werkpad.audit.models import AccessLogEntry
from werkpad.koppeling import actions
from werkpad.koppeling.models import HouseholdState, Proposal, Taakstelling
from werkpad.participants.purposes import Ground, Purpose


@pytest.fixture
def kop(world):
    return kop_world(world.participant)


def test_quotas_are_derived_in_proportion_to_population(kop):
    quotas = {
        q.municipality.code: q.persons for q in Taakstelling.objects.filter(half_year=HALF_YEAR)
    }
    persons = sum(h.persons for h in kop.households)
    assert sum(quotas.values()) == round(1.5 * persons)
    assert quotas["GM0599"] > quotas["GM0344"] > quotas["GM0037"]


def test_a_run_proposes_for_every_household_and_reports_everything(kop):
    job = HardCriterionFactory(
        household=kop.households[3], municipality=kop.municipalities["GM0014"]
    )
    baseline = AccessLogEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    run = actions.run_batch(kop.rita, kop.households, half_year=HALF_YEAR)
    report = run.report
    assert report["violations"] == 0
    assert report["placed_cases"] == len(kop.households)
    for key in (
        "objective",
        "lp_bound",
        "gap",
        "seconds",
        "quota_use",
        "settings",
        "ratio_to_greedy",
        "ratio_to_random",
    ):
        assert key in report
    assert run.model["kind"] == "prior"  # no outcomes in the registry: the documented prior
    assert run.fairness["households"] == len(kop.households)
    proposals = {p.household_id: p for p in Proposal.objects.filter(run=run)}
    assert len(proposals) == len(kop.households)
    bound = proposals[job.household_id]
    assert bound.municipality.labour_market_region == "Groningen"
    assert any(b["kind"] == "work" and b["binds"] for b in bound.binding)
    other = proposals[kop.households[1].pk]
    assert len(other.alternatives) == 3
    assert all(a["region"] != other.municipality.labour_market_region for a in other.alternatives)
    logged = AccessLogEntry.objects.filter(id__gt=baseline, what="koppeling run")
    assert logged.count() == len(kop.households)


def test_answer_override_and_handover(world, kop):
    run = actions.run_batch(kop.rita, kop.households, half_year=HALF_YEAR)
    proposal = Proposal.objects.get(run=run, household=kop.households[0])
    with pytest.raises(ValidationError) as err:
        actions.respond(world.nadia, proposal, "object", "")
    assert "reason" in err.value.message_dict
    actions.respond(world.nadia, proposal, "object", "My brother lives in Rotterdam.")
    target = kop.municipalities["GM0599"]
    if proposal.municipality == target:
        target = kop.municipalities["GM0307"]
    receiver_org = OrganisationFactory(
        name=f"Gemeente {target.name}", kind=OrganisationKind.GEMEENTE, municipality=target
    )
    receiver = UserFactory(username="rob", role=Role.COACH, organisation=receiver_org)
    with pytest.raises(ValidationError) as err:
        actions.decide(kop.rita, proposal, target, "")
    assert "reason" in err.value.message_dict
    actions.decide(kop.rita, proposal, target, "Brother in Rotterdam (objection heard).")
    proposal.refresh_from_db()
    assert proposal.decision == "overridden" and proposal.decided_by == kop.rita
    event = proposal.events.get(event="overridden")
    assert event.scores["chance"] == proposal.chance and "alternatives" in event.scores
    proposal.household.refresh_from_db()
    assert proposal.household.state == HouseholdState.DECIDED
    handover = proposal.handover
    assert handover is not None and handover.to_coach == receiver
    assert handover.purpose == Purpose.KOPPELING and handover.ground == Ground.LEGAL
    with pytest.raises(ValidationError):
        actions.decide(kop.rita, proposal, None, "")


def test_an_override_may_not_break_a_hard_criterion(kop):
    HardCriterionFactory(household=kop.households[2], municipality=kop.municipalities["GM0014"])
    run = actions.run_batch(kop.rita, kop.households, half_year=HALF_YEAR)
    proposal = Proposal.objects.get(run=run, household=kop.households[2])
    with pytest.raises(ValidationError) as err:
        actions.decide(kop.rita, proposal, kop.municipalities["GM0599"], "Prefers the city")
    assert "km" in " ".join(err.value.message_dict["municipality"])


def test_imported_quotas_are_all_or_nothing_and_kept_by_derivation(kop, tmp_path):
    import io

    from django.core.management import CommandError, call_command

    bad = tmp_path / "bad.csv"
    bad.write_text("gm_code,persons\nGM0344,40\nGM9999,3\nGM0307,-1\n", encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError, match="2 bad row"):
        call_command("import_quotas", str(bad), "--half-year", HALF_YEAR, stderr=err)
    assert "line 3" in err.getvalue() and "line 4" in err.getvalue()
    assert (
        Taakstelling.objects.get(municipality__code="GM0344", half_year=HALF_YEAR).source
        == "derived"
    )
    good = tmp_path / "good.csv"
    good.write_text("gm_code,persons\nGM0344,40\n", encoding="utf-8")
    call_command("import_quotas", str(good), "--half-year", HALF_YEAR, stdout=io.StringIO())
    utrecht = Taakstelling.objects.get(municipality__code="GM0344", half_year=HALF_YEAR)
    assert (utrecht.persons, utrecht.source) == (40, "imported")
    actions.derive_quotas(HALF_YEAR, total=100, detail="again")
    quotas = Taakstelling.objects.filter(half_year=HALF_YEAR)
    assert quotas.get(municipality__code="GM0344").persons == 40
    assert sum(q.persons for q in quotas) == 100  # the rest went to the others
