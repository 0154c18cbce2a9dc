"""JSON API of the koppeling, mounted at /api/koppeling/. Same actions and access layer as the
pages: a household, run or proposal outside the user's reach is a 404 (logged as ``denied`` when
it is a household's)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status

from werkpad.accounts.models import User
from werkpad.api.problems import Problem, field_errors
from werkpad.audit.models import Action
from werkpad.places.models import Municipality

from . import access, actions
from .models import Household, HouseholdState, Proposal, Run

router = Router(tags=["koppeling"])


class HouseholdOut(Schema):
    id: UUID
    participant: UUID
    half_year: str
    adults: int
    children: int
    seniors: int
    screened: bool
    state: str
    criteria: list[dict[str, Any]]


class RunIn(Schema):
    half_year: str
    maximise_cases_first: bool = True


class RunOut(Schema):
    id: UUID
    half_year: str
    created_at: datetime
    objective: float | None
    lp_bound: float | None
    gap: float | None
    placed_cases: int | None
    placed_persons: int | None
    violations: int | None
    seconds: float | None
    greedy: float | None
    random: float | None
    ratio_to_greedy: float | None
    ratio_to_random: float | None
    status: str | None
    method: str | None
    settings: dict[str, Any]
    model: dict[str, Any]
    proposals: list[UUID]


class Alternative(Schema):
    code: str
    name: str
    region: str
    chance: float
    room: bool


class ProposalOut(Schema):
    id: UUID
    run: UUID
    household: UUID
    municipality: str | None
    municipality_name: str | None
    chance: float | None
    alternatives: list[Alternative]
    binding: list[dict[str, Any]]
    response: str
    response_reason: str
    decision: str
    decided_municipality: str | None
    decision_reason: str


class DecisionIn(Schema):
    municipality: str | None = None  # CBS code; empty: confirm the proposal
    reason: str = ""


class ResponseIn(Schema):
    response: str
    reason: str = ""


def _user(request: HttpRequest) -> User:
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    return user


def _household(h: Household) -> HouseholdOut:
    return HouseholdOut(
        id=h.public_id,
        participant=h.participant.public_id,
        half_year=h.half_year,
        adults=h.adults,
        children=h.children,
        seniors=h.seniors,
        screened=h.screened,
        state=h.state,
        criteria=[
            {
                "kind": c.kind,
                "municipality": c.municipality.code,
                "hours_per_week": float(c.hours_per_week) if c.hours_per_week is not None else None,
                "contract_signed": c.contract_signed,
                "payslip_shown": c.payslip_shown,
                "established": c.established,
            }
            for c in h.criteria.select_related("municipality")
        ],
    )


def _run(r: Run, proposals: list[UUID]) -> RunOut:
    rep = r.report
    return RunOut(
        id=r.public_id,
        half_year=r.half_year,
        created_at=r.created_at,
        objective=rep.get("objective"),
        lp_bound=rep.get("lp_bound"),
        gap=rep.get("gap"),
        placed_cases=rep.get("placed_cases"),
        placed_persons=rep.get("placed_persons"),
        violations=rep.get("violations"),
        seconds=rep.get("seconds"),
        greedy=rep.get("greedy"),
        random=rep.get("random"),
        ratio_to_greedy=rep.get("ratio_to_greedy"),
        ratio_to_random=rep.get("ratio_to_random"),
        status=rep.get("status"),
        method=rep.get("method"),
        settings=rep.get("settings", {}),
        model=r.model,
        proposals=proposals,
    )


def _proposal(p: Proposal) -> ProposalOut:
    return ProposalOut(
        id=p.public_id,
        run=p.run.public_id,
        household=p.household.public_id,
        municipality=p.municipality.code if p.municipality else None,
        municipality_name=p.municipality.name if p.municipality else None,
        chance=p.chance,
        alternatives=[Alternative(**a) for a in p.alternatives],
        binding=p.binding,
        response=p.response,
        response_reason=p.response_reason,
        decision=p.decision,
        decided_municipality=p.decided_municipality.code if p.decided_municipality else None,
        decision_reason=p.decision_reason,
    )


@router.get("/households", response=list[HouseholdOut])
def list_households(request: HttpRequest) -> list[HouseholdOut]:
    return [_household(h) for h in access.list_households(_user(request), "koppeling (api)")]


@router.get("/households/{household_id}", response={200: HouseholdOut, 404: Problem})
def get_household(request: HttpRequest, household_id: UUID) -> HouseholdOut:
    return _household(access.get_household(_user(request), household_id, what="koppeling (api)"))


@router.post("/runs", response={201: RunOut, 400: Problem, 404: Problem})
def create_run(request: HttpRequest, payload: RunIn) -> Status[object]:
    user = _user(request)
    if not access.is_regievoerder(user):
        raise Http404
    households = [
        h
        for h in access.list_households(user, "koppeling run (api)")
        if h.half_year == payload.half_year and h.state != HouseholdState.DECIDED
    ]
    try:
        run = actions.run_batch(
            user,
            households,
            half_year=payload.half_year,
            maximise_cases_first=payload.maximise_cases_first,
        )
    except ValidationError as exc:
        return Status(400, Problem(detail="The run could not be made.", errors=field_errors(exc)))
    ids = list(run.proposals.values_list("public_id", flat=True))
    return Status(201, _run(run, ids))


@router.get("/runs/{run_id}", response={200: RunOut, 404: Problem})
def get_run(request: HttpRequest, run_id: UUID) -> RunOut:
    user = _user(request)
    if not access.is_regievoerder(user):
        raise Http404
    r = access.get_run(user, run_id)
    ids = list(
        r.proposals.filter(household__in=access.households(user)).values_list(
            "public_id", flat=True
        )
    )
    return _run(r, ids)


@router.get("/runs/{run_id}/fairness", response={200: dict[str, Any], 404: Problem})
def get_fairness(request: HttpRequest, run_id: UUID) -> dict[str, Any]:
    user = _user(request)
    if not access.may_see_fairness(user):
        raise Http404
    report: dict[str, Any] = access.get_run(user, run_id, fairness=True).fairness
    return report


@router.get("/proposals/{proposal_id}", response={200: ProposalOut, 404: Problem})
def get_proposal(request: HttpRequest, proposal_id: UUID) -> ProposalOut:
    user = _user(request)
    p = access.get_proposal(user, proposal_id, what="koppeling proposal (api)")
    actions.explanation_shown(user, p)
    return _proposal(p)


@router.post(
    "/proposals/{proposal_id}/decision",
    response={200: ProposalOut, 400: Problem, 404: Problem},
)
def decide(request: HttpRequest, proposal_id: UUID, payload: DecisionIn) -> Status[object]:
    user = _user(request)
    p = access.get_proposal(
        user, proposal_id, what="koppeling decision (api)", action=Action.UPDATE
    )
    target = None
    if payload.municipality:
        target = Municipality.objects.filter(code=payload.municipality.strip().upper()).first()
        if target is None:
            return Status(
                400,
                Problem(detail="Unknown municipality.", errors={"municipality": ["Unknown."]}),
            )
    try:
        actions.decide(user, p, target, payload.reason, scores_shown=actions.scores_of(p))
    except ValidationError as exc:
        return Status(400, Problem(detail="The decision is not valid.", errors=field_errors(exc)))
    return Status(200, _proposal(p))


@router.get("/mine", response={200: ProposalOut, 404: Problem})
def my_proposal(request: HttpRequest) -> ProposalOut:
    p = access.own_proposal(_user(request), what="portal koppeling (api)")
    if p is None:
        raise Http404
    return _proposal(p)


@router.post("/mine/response", response={200: ProposalOut, 400: Problem, 404: Problem})
def respond(request: HttpRequest, payload: ResponseIn) -> Status[object]:
    user = _user(request)
    p = access.own_proposal(user, what="portal koppeling (api)", action=Action.UPDATE)
    if p is None:
        raise Http404
    try:
        actions.respond(user, p, payload.response, payload.reason)
    except ValidationError as exc:
        return Status(400, Problem(detail="The answer is not valid.", errors=field_errors(exc)))
    return Status(200, _proposal(p))
