"""Koppeling workflows: quotas, households, criteria, evidence, runs, responses and decisions.

Transactional and audited (every change to a household is logged against the main applicant's
file). Views and the API call these after ``koppeling.access`` has let them in. The mathematics is
the pure core ``werkpad.core.koppeling``; this module turns the registry into its plain data and
its answers back into proposals. A run proposes; only a person decides (:func:`decide`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

import numpy as np
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from werkpad.audit import log
from werkpad.audit.models import Action
from werkpad.core import koppeling as core
from werkpad.core.koppeling.fairness import fairness as fairness_report
from werkpad.core.koppeling.fairness import status_quo
from werkpad.core.koppeling.predict import (
    ChanceModel,
    HouseholdFeatures,
    TrainingData,
    encode,
    fit_chances,
)
from werkpad.core.rules import Job, ParameterSet, Person, Phase
from werkpad.participants.bands import age_band
from werkpad.participants.choices import LEVEL_ORDER
from werkpad.participants.codes import region_of, regions
from werkpad.participants.models import Participant
from werkpad.places.models import Municipality

from .models import (
    CriterionKind,
    Decision,
    Evidence,
    HardCriterion,
    Household,
    HouseholdState,
    Proposal,
    ProposalEvent,
    QuotaSource,
    Response,
    Run,
    Taakstelling,
)

if TYPE_CHECKING:
    from werkpad.accounts.models import Organisation, User

EDUCATION_ORDER = {"none": 0, "primary": 1, "low": 2, "middle": 3, "high": 4}
AGE_BANDS = ("<25", "25–45", "45–65", "≥65", "onbekend")
SIZE_BANDS = ("1", "2", "3–4", "5+")
GENDERS = ("man", "woman", "other", "")


def parameters() -> ParameterSet:
    from werkpad.eligibility.adapters import get_parameters

    return get_parameters()


def half_year_of(on: date) -> str:
    return f"{on.year}-H{1 if on.month <= 6 else 2}"


def half_year_start(half_year: str) -> date:
    year, half = half_year.split("-H")
    return date(int(year), 1 if half == "1" else 7, 1)


# --- quotas -----------------------------------------------------------------------------------------


@transaction.atomic
def derive_quotas(half_year: str, total: int | None = None, detail: str = "") -> int:
    """The taakstelling of ``half_year`` for every municipality with a population, in proportion
    to population, summing to ``total`` (default: the dated parameter
    ``koppeling.national_taakstelling_persons``). Imported quotas are kept and counted: the rest of
    the total goes to the other municipalities. Returns the total."""
    if total is None:
        resolved = parameters().resolve(half_year_start(half_year))
        total = resolved.integer("koppeling.national_taakstelling_persons")
        if total is None:
            raise ValidationError(
                _(
                    "The national taakstelling for this half-year is not known: set "
                    "koppeling.national_taakstelling_persons in the rules file, or give a total."
                )
            )
        detail = detail or (f"koppeling.national_taakstelling_persons = {total} (rules parameter)")
    imported = {
        q.municipality_id: q.persons
        for q in Taakstelling.objects.filter(half_year=half_year, source=QuotaSource.IMPORTED)
    }
    # Imported quotas stay; the rest of the national total goes to the other municipalities.
    munis = [
        m
        for m in Municipality.objects.filter(population__gt=0, latitude__isnull=False).order_by(
            "code"
        )
        if m.pk not in imported
    ]
    rest = max(0, total - sum(imported.values()))
    Taakstelling.objects.filter(half_year=half_year, source=QuotaSource.DERIVED).delete()
    if not munis:
        if imported:
            return int(total)
        raise ValidationError(_("Import the municipalities first."))
    quotas = core.proportional_quotas(np.array([m.population or 0 for m in munis]), rest)
    Taakstelling.objects.bulk_create(
        [
            Taakstelling(
                municipality=m,
                half_year=half_year,
                persons=int(q),
                source=QuotaSource.DERIVED,
                source_detail=detail[:200],
            )
            for m, q in zip(munis, quotas, strict=True)
        ]
    )
    return int(total)


# --- households, criteria, evidence --------------------------------------------------------------


@transaction.atomic
def add_household(
    user: User | None,
    participant: Participant,
    coa_location: Organisation,
    *,
    half_year: str,
    adults: int = 1,
    children: int = 0,
    seniors: int = 0,
    screened: bool = False,
    network_municipality: Municipality | None = None,
    work_experience: str = "",
    ambitions: str = "",
) -> Household:
    household = Household(
        participant=participant,
        coa_location=coa_location,
        half_year=half_year,
        adults=adults,
        children=children,
        seniors=seniors,
        screened=screened,
        network_municipality=network_municipality,
        work_experience=work_experience,
        ambitions=ambitions,
    )
    if household.persons < 1:
        raise ValidationError({"adults": [_("A household has at least one person.")]})
    household.save()
    log.record(user, participant, Action.CREATE, "koppeling household")
    return household


@transaction.atomic
def add_criterion(
    user: User | None,
    household: Household,
    kind: str,
    municipality: Municipality,
    *,
    hours_per_week: float | None = None,
    contract_signed: bool | None = None,
    payslip_shown: bool | None = None,
    established: bool = False,
    latitude: float | None = None,
    longitude: float | None = None,
) -> HardCriterion:
    errors: dict[str, list[str]] = {}
    if kind not in CriterionKind.values:
        errors["kind"] = [_("Choose a kind of criterion.")]
    if municipality.latitude is None and latitude is None:
        errors["municipality"] = [_("This municipality has no coordinates.")]
    if hours_per_week is not None and not 0 <= hours_per_week <= 60:
        errors["hours_per_week"] = [_("Enter at most 60 hours a week.")]
    if errors:
        raise ValidationError(errors)
    criterion = HardCriterion.objects.create(
        household=household,
        kind=kind,
        municipality=municipality,
        latitude=latitude,
        longitude=longitude,
        hours_per_week=hours_per_week,
        contract_signed=contract_signed,
        payslip_shown=payslip_shown,
        established=established,
    )
    log.record(user, household.participant, Action.UPDATE, "koppeling hard criterion")
    return criterion


# Accepted evidence: the first bytes decide the type, never the name or the browser's claim.
SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
)


def sniff(head: bytes) -> str | None:
    for signature, content_type in SIGNATURES:
        if head.startswith(signature):
            return content_type
    return None


@transaction.atomic
def upload_evidence(
    user: User,
    household: Household,
    kind: str,
    upload: UploadedFile,
    criterion: HardCriterion | None = None,
) -> Evidence:
    """Store a document privately after checking its size and its type (by content)."""
    limit = int(settings.WERKPAD_EVIDENCE_MAX_BYTES)
    size = upload.size or 0
    if size > limit:
        raise ValidationError(
            {"file": [_("The file is larger than %(mb)s MB.") % {"mb": limit // (1024 * 1024)}]}
        )
    if size == 0:
        raise ValidationError({"file": [_("The file is empty.")]})
    upload.seek(0)
    head = upload.read(16)
    content_type = sniff(head)
    if content_type is None:
        raise ValidationError({"file": [_("Upload a PDF, PNG or JPEG file.")]})
    upload.seek(0)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    if criterion is not None and criterion.household_id != household.pk:
        raise ValidationError({"criterion": [_("Choose a criterion of this household.")]})
    extension = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}[content_type]
    evidence = Evidence(
        household=household,
        criterion=criterion,
        kind=kind,
        content_type=content_type,
        size=size,
        sha256=digest.hexdigest(),
        uploaded_by=user,
    )
    # The stored name carries no personal data: a random id and the checked extension.
    evidence.file.save(f"{evidence.public_id}.{extension}", upload, save=False)
    evidence.save()
    log.record(user, household.participant, Action.UPDATE, "koppeling evidence upload")
    return evidence


# --- prediction -----------------------------------------------------------------------------------


def features_of(
    participant: Participant, household: Household | None, on: date
) -> HouseholdFeatures:
    months = None
    start = participant.arrival_date or participant.asylum_application_date
    if start is not None:
        months = max(0.0, (on - start).days / 30.44)
    return HouseholdFeatures(
        adults=household.adults if household else 1,
        children=household.children if household else (participant.children_count or 0),
        seniors=household.seniors if household else 0,
        age=participant.age_on(on),
        education=EDUCATION_ORDER.get(participant.education),
        dutch=LEVEL_ORDER.get(participant.dutch_spoken),
        work_experience=(
            bool(household.work_experience) if household and household.work_experience else None
        ),
        months_in_nl=months,
        gender=participant.gender,
        origin=region_of(participant.country_of_origin),
    )


def region_names() -> list[str]:
    return sorted(
        set(
            Municipality.objects.exclude(labour_market_region="").values_list(
                "labour_market_region", flat=True
            )
        )
    )


def training_data(region_index: dict[str, int], on: date) -> TrainingData:
    """Outcomes in the registry: people housed in a municipality (its labour-market region) whose
    first 12 months there have passed; in paid work within 12 months when an employment spell
    started in that window. The start is the status decision (or the residence permit)."""
    from werkpad.pathway.models import EmploymentSpell

    cutoff = on - timedelta(days=365)
    people = list(
        Participant.objects.filter(municipality__isnull=False)
        .exclude(municipality__labour_market_region="")
        .filter(status_decision_date__lte=cutoff)
        .select_related("municipality")
        .order_by("pk")
    )
    spells: dict[int, list[date]] = {}
    for pid, start in EmploymentSpell.objects.filter(
        enrolment__participant__in=[p.pk for p in people]
    ).values_list("enrolment__participant_id", "start_date"):
        spells.setdefault(pid, []).append(start)
    rows, region, outcome = [], [], []
    for p in people:
        name = p.municipality.labour_market_region if p.municipality else ""
        if name not in region_index or p.status_decision_date is None:
            continue
        start = p.status_decision_date
        rows.append(features_of(p, None, start))
        region.append(region_index[name])
        outcome.append(any(start <= s <= start + timedelta(days=365) for s in spells.get(p.pk, [])))
    matrix, names = encode(rows)
    return TrainingData(
        matrix,
        names,
        np.array(region, dtype=np.int64),
        len(region_index),
        np.array(outcome, dtype=np.bool_),
    )


def chance_model(region_index: dict[str, int], on: date) -> ChanceModel:
    resolved = parameters().resolve(on)
    prior_param = resolved["koppeling.prior_work_12m"]
    prior = float(resolved.number("koppeling.prior_work_12m") or 0)
    version = prior_param.version_date.isoformat() if prior_param.version_date else ""
    return fit_chances(
        training_data(region_index, on),
        prior=prior,
        prior_source=f"koppeling.prior_work_12m ({version})",
    )


# --- runs -----------------------------------------------------------------------------------------


@dataclass
class Batch:
    households: list[Household]
    municipalities: list[Municipality]
    problem: core.Problem
    outcomes: tuple[core.CriterionOutcome, ...]
    model: ChanceModel
    regions: list[str]


def build_batch(households: list[Household], half_year: str, on: date) -> Batch:
    names = region_names()
    region_index = {n: i for i, n in enumerate(names)}
    quotas = {
        q.municipality_id: q.persons
        for q in Taakstelling.objects.filter(half_year=half_year).select_related("municipality")
    }
    munis = list(
        Municipality.objects.filter(pk__in=list(quotas), latitude__isnull=False)
        .exclude(labour_market_region="")
        .order_by("code")
    )
    if not munis:
        raise ValidationError(_("There is no taakstelling for this half-year yet."))
    # Quota left: minus the persons of households already linked there in this half-year.
    used: dict[int, int] = {}
    for p in (
        Proposal.objects.filter(
            decision__in=[Decision.CONFIRMED, Decision.OVERRIDDEN],
            household__half_year=half_year,
        )
        .exclude(household__in=households)
        .select_related("household")
    ):
        if p.decided_municipality_id:
            used[p.decided_municipality_id] = (
                used.get(p.decided_municipality_id, 0) + p.household.persons
            )
    capacity = np.array([max(0, quotas[m.pk] - used.get(m.pk, 0)) for m in munis], dtype=np.int64)
    points = np.array([(m.latitude, m.longitude) for m in munis], dtype=np.float64)
    muni_region = np.array([region_index[m.labour_market_region] for m in munis], dtype=np.int64)
    model = chance_model(region_index, on)
    features, _names = encode([features_of(h.participant, h, on) for h in households])
    region_chances = model.chances(features)
    weights = region_chances[:, muni_region]
    # Soft criterion: a network (family, friends, community) in the same labour-market region.
    resolved = parameters().resolve(on)
    bonus = float(resolved.number("koppeling.soft_network_bonus") or 0)
    for row, h in enumerate(households):
        if h.network_municipality_id and bonus:
            network = h.network_municipality
            if network is not None and network.labour_market_region in region_index:
                weights[row, muni_region == region_index[network.labour_market_region]] += bonus
    criteria = []
    for row, h in enumerate(households):
        anchors = []
        for c in h.criteria.select_related("municipality"):
            point = c.point
            if point is None:
                continue
            job = None
            if c.kind == CriterionKind.WORK:
                job = Job(
                    hours_per_week=c.hours_per_week,
                    contract_signed=c.contract_signed,
                    payslip_shown=c.payslip_shown,
                    workplace=c.municipality.name,
                )
            anchors.append(
                core.Anchor(core.AnchorKind(c.kind), point[0], point[1], job, c.established)
            )
        if anchors:
            criteria.append(
                core.HouseholdCriteria(row, Person(phase=Phase.STATUS_HOLDER_AZC), tuple(anchors))
            )
    constraints, outcomes = core.hard_constraints(criteria, on, parameters())
    allowed = core.apply_hard_criteria(
        np.ones((len(households), len(munis)), dtype=np.bool_), points, constraints
    )
    problem = core.Problem(
        case_ids=tuple(str(h.public_id) for h in households),
        destination_ids=tuple(m.code for m in munis),
        sizes=np.array(
            [(h.children, h.adults, h.seniors) for h in households], dtype=np.int64
        ).reshape(-1, 3),
        weights=weights,
        allowed=allowed,
        capacity=capacity.reshape(-1, 1),
        hard=constraints,
        points=points,
        regions=muni_region,
        region_ids=tuple(names),
        destination_names=tuple(m.name for m in munis),
    )
    return Batch(households, munis, problem, outcomes, model, names)


def _size_band(persons: int) -> str:
    return "1" if persons == 1 else "2" if persons == 2 else "3–4" if persons <= 4 else "5+"


def groupings(households: list[Household], on: date) -> dict[str, tuple[list[str], list[str]]]:
    return {
        "gender": ([h.participant.gender for h in households], list(GENDERS)),
        "household_size": ([_size_band(h.persons) for h in households], list(SIZE_BANDS)),
        "region_of_origin": (
            [region_of(h.participant.country_of_origin) for h in households],
            list(regions()),
        ),
        "age_band": ([age_band(h.participant.age_on(on)) for h in households], list(AGE_BANDS)),
    }


@transaction.atomic
def run_batch(
    user: User,
    households: list[Household],
    *,
    half_year: str,
    maximise_cases_first: bool = True,
    on: date | None = None,
    seed: int = 0,
) -> Run:
    """Solve the batch, store the report, the fairness report and one proposal per household."""
    on = on or timezone.localdate()
    if not households:
        raise ValidationError(_("There are no households awaiting a link."))
    batch = build_batch(households, half_year, on)
    problem = batch.problem
    report = core.run(
        problem,
        core.SolverSettings(time_limit=float(settings.WERKPAD_KOPPELING_TIME_LIMIT)),
        method=core.Method.AUTO,
        maximise_cases_first=maximise_cases_first,
        seed=seed,
    )
    destination = report.solution.destination
    quo = status_quo(problem)
    random_answer = core.random_feasible(problem, seed)
    fair = fairness_report(
        problem,
        destination,
        quo,
        random_answer,
        groupings(households, on),
        int(settings.WERKPAD_SMALL_CELL),
    )
    run = Run.objects.create(
        half_year=half_year,
        coa_location=user.organisation,
        created_by=user,
        report=report.as_dict(),
        model=batch.model.card(),
        fairness=fair,
    )
    left = problem.capacity[:, 0] - problem.load(destination)[:, 0]
    usable = problem.allowed
    proposals = []
    for row, h in enumerate(households):
        d = int(destination[row])
        chosen = batch.municipalities[d] if d >= 0 else None
        chance = float(problem.weights[row, d]) if d >= 0 else None
        alternatives = _alternatives(batch, row, d, left)
        binding = [
            {
                "kind": o.kind.value,
                "status": o.status.value,
                "binds": o.binds,
                "radius_km": o.radius_km,
            }
            for o in batch.outcomes
            if o.case == row
        ]
        best = float(problem.weights[row][usable[row]].max()) if usable[row].any() else None
        if best is not None and (chance is None or best > chance + 1e-9):
            binding.append({"kind": "quota", "status": "pass", "binds": True, "radius_km": None})
        proposals.append(
            Proposal(
                run=run,
                household=h,
                municipality=chosen,
                chance=chance,
                alternatives=alternatives,
                binding=binding,
                status_quo=batch.municipalities[int(quo[row])] if quo[row] >= 0 else None,
            )
        )
    Proposal.objects.bulk_create(proposals)
    Household.objects.filter(pk__in=[h.pk for h in households]).update(
        state=HouseholdState.PROPOSED
    )
    log.record_many(user, [h.participant for h in households], Action.UPDATE, "koppeling run")
    return run


def _alternatives(batch: Batch, row: int, chosen: int, left: np.ndarray) -> list[dict[str, object]]:
    """The three best other municipalities allowed for the household, one per labour-market
    region (within a region the chance is the same), preferring those with quota left."""
    problem = batch.problem
    persons = int(problem.persons[row])
    options = np.flatnonzero(problem.allowed[row])
    assert problem.regions is not None
    chosen_region = int(problem.regions[chosen]) if chosen >= 0 else -1
    seen: set[int] = {chosen_region} if chosen_region >= 0 else set()
    order = sorted(
        options.tolist(),
        key=lambda d: (-float(problem.weights[row, d]), -int(left[d] >= persons), -int(left[d]), d),
    )
    result = []
    for d in order:
        region = int(problem.regions[d])
        if d == chosen or region in seen:
            continue
        seen.add(region)
        m = batch.municipalities[d]
        result.append(
            {
                "code": m.code,
                "name": m.name,
                "region": m.labour_market_region,
                "chance": round(float(problem.weights[row, d]), 4),
                "room": bool(left[d] >= persons),
            }
        )
        if len(result) == 3:
            break
    return result


def scores_of(proposal: Proposal) -> dict[str, object]:
    """What the explanation shows: the proposed municipality and chance, and the alternatives."""
    return {
        "municipality": proposal.municipality.code if proposal.municipality else None,
        "chance": proposal.chance,
        "alternatives": proposal.alternatives,
        "binding": proposal.binding,
    }


def explanation_shown(user: User, proposal: Proposal) -> None:
    ProposalEvent.objects.create(
        proposal=proposal, user=user, event="explanation shown", scores=scores_of(proposal)
    )


# --- the household's answer and the decision ------------------------------------------------------


@transaction.atomic
def respond(user: User, proposal: Proposal, response: str, reason: str = "") -> Proposal:
    """The household agrees or objects (an objection needs a reason)."""
    reason = reason.strip()
    errors: dict[str, list[str]] = {}
    if response not in (Response.AGREE, Response.OBJECT):
        errors["response"] = [_("Choose whether you agree or object.")]
    if response == Response.OBJECT and not reason:
        errors["reason"] = [_("Tell us why you object.")]
    if proposal.decision:
        errors["response"] = [_("This proposal has already been decided.")]
    if proposal.municipality_id is None:
        errors["response"] = [_("There is no proposal to answer yet.")]
    if errors:
        raise ValidationError(errors)
    proposal.response = response
    proposal.response_reason = reason[:2000]
    proposal.responded_at = timezone.now()
    proposal.save(update_fields=["response", "response_reason", "responded_at"])
    ProposalEvent.objects.create(
        proposal=proposal,
        user=user,
        event=f"household {response}s",
        detail=reason[:2000],
        scores=scores_of(proposal),
    )
    log.record(user, proposal.household.participant, Action.UPDATE, "koppeling response")
    return proposal


@transaction.atomic
def decide(
    user: User,
    proposal: Proposal,
    municipality: Municipality | None = None,
    reason: str = "",
    *,
    scores_shown: dict[str, object] | None = None,
) -> Proposal:
    """The regievoerder confirms the proposal, or overrides it with a reason. The chosen
    municipality must respect the hard criteria and have quota left. Opens the COA → municipality
    handover (``handovers``, purpose ``koppeling``, on its legal ground)."""
    reason = reason.strip()
    target = municipality or proposal.municipality
    errors: dict[str, list[str]] = {}
    if proposal.decision:
        errors["municipality"] = [_("This proposal has already been decided.")]
    if target is None:
        errors["municipality"] = [_("Choose a municipality.")]
    overridden = target is not None and target.pk != proposal.municipality_id
    if overridden and not reason:
        errors["reason"] = [_("Give the reason for choosing another municipality.")]
    if target is not None and not errors:
        errors.update(_check_target(proposal, target))
    if errors:
        raise ValidationError(errors)
    assert target is not None
    proposal.decision = Decision.OVERRIDDEN if overridden else Decision.CONFIRMED
    proposal.decided_municipality = target
    proposal.decision_reason = reason[:2000]
    proposal.decided_by = user
    proposal.decided_at = timezone.now()
    household = proposal.household
    proposal.handover = _open_handover(user, household, target)
    proposal.save()
    household.state = HouseholdState.DECIDED
    household.save(update_fields=["state"])
    ProposalEvent.objects.create(
        proposal=proposal,
        user=user,
        event="overridden" if overridden else "confirmed",
        detail=f"{target.code}: {reason}"[:2000],
        scores=scores_shown if scores_shown is not None else scores_of(proposal),
    )
    if proposal.handover is None:
        ProposalEvent.objects.create(
            proposal=proposal,
            user=user,
            event="handover waits",
            detail="no active coach of the municipality in Werkpad yet",
        )
    log.record(user, household.participant, Action.UPDATE, "koppeling decision")
    return proposal


def _check_target(proposal: Proposal, target: Municipality) -> dict[str, list[str]]:
    household = proposal.household
    errors: dict[str, list[str]] = {}
    quota = Taakstelling.objects.filter(municipality=target, half_year=household.half_year).first()
    if quota is None or target.latitude is None or target.longitude is None:
        return {"municipality": [_("This municipality has no taakstelling in this half-year.")]}
    taken = sum(
        p.household.persons
        for p in Proposal.objects.filter(
            decided_municipality=target,
            household__half_year=household.half_year,
            decision__in=[Decision.CONFIRMED, Decision.OVERRIDDEN],
        ).select_related("household")
    )
    if taken + household.persons > quota.persons:
        errors["municipality"] = [_("This municipality's taakstelling is full.")]
    on = timezone.localdate()
    resolved = parameters()
    anchors = []
    for c in household.criteria.select_related("municipality"):
        point = c.point
        if point is None:
            continue
        job = None
        if c.kind == CriterionKind.WORK:
            job = Job(
                hours_per_week=c.hours_per_week,
                contract_signed=c.contract_signed,
                payslip_shown=c.payslip_shown,
            )
        anchors.append(core.Anchor(core.AnchorKind(c.kind), point[0], point[1], job, c.established))
    if anchors:
        constraints, _outcomes = core.hard_constraints(
            [core.HouseholdCriteria(0, Person(phase=Phase.STATUS_HOLDER_AZC), tuple(anchors))],
            on,
            resolved,
        )
        for h in constraints:
            km = float(
                core.distance_km(h.latitude, h.longitude, [target.latitude], [target.longitude])[0]
            )
            if km > h.radius_km:
                errors.setdefault("municipality", []).append(
                    _(
                        "This municipality lies %(km)d km from a hard criterion (at most %(max)d km)."
                    )
                    % {"km": round(km), "max": round(max(h.radius_km, 0))}
                )
    return errors


def _open_handover(user: User, household: Household, target: Municipality):  # type: ignore[no-untyped-def]
    """The COA → municipality handover of the main applicant's file, to a coach of the
    municipality (the first active coach of its gemeente organisation). None when there is none."""
    from werkpad.accounts.models import OrganisationKind, Role
    from werkpad.accounts.models import User as UserModel
    from werkpad.handovers import actions as handover_actions
    from werkpad.participants.purposes import Purpose

    receiver = (
        UserModel.objects.filter(
            role=Role.COACH,
            is_active=True,
            organisation__kind=OrganisationKind.GEMEENTE,
            organisation__municipality=target,
        )
        .exclude(pk=household.participant.regiehouder_id or 0)
        .order_by("pk")
        .first()
    )
    if receiver is None:
        return None
    try:
        return handover_actions.propose(
            user,
            household.participant,
            receiver,
            purpose=Purpose.KOPPELING,
            note=_("Linked to %(municipality)s (kansrijke koppeling).")
            % {"municipality": target.name},
        )
    except ValidationError:
        return None
