"""JSON API of the rules engine, mounted at /api/eligibility/.

- ``GET participants/{public_id}``: may this participant work in the (what-if) job given by the query
  parameters? Read through ``participants.access.get_participant`` (logged; 404 for anyone who may
  not see the file).
- ``GET participants/{public_id}/reba``: REBA examples for that participant's household.
- ``POST evaluate``: the same evaluation for anonymous inputs (no participant): for tools and the
  newcomer portal. Nothing is stored or logged.

Texts are rendered in the request's language (the user's chosen language, else Accept-Language).
The query parameters are validated by the same form as the HTML what-if form, with the same
translated messages.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Literal
from uuid import UUID

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from werkpad.accounts.models import User
from werkpad.api.problems import Problem
from werkpad.core import rules
from werkpad.participants import access

from . import adapters, present
from .forms import WhatIfForm, errors_of

router = Router(tags=["eligibility"])

WHAT = "eligibility"

# API query parameter -> what-if form field.
_QUERY_FIELDS = {
    "on": "on",
    "hours": "hours_per_week",
    "hourly_wage": "hourly_wage_gross",
    "hourly_wage_net": "hourly_wage_net",
    "start": "start_date",
    "contract_months": "contract_months",
    "twv": "twv",
    "twv_date": "twv_date",
}


# --- schemas -------------------------------------------------------------------------------------


class ConditionOut(Schema):
    code: str
    kind: str
    status: str
    value: Any = None
    holds_from: date | None
    rule: str
    rule_version: date | None
    source: str
    missing_parameters: list[str]
    explanation: str


class StepOut(Schema):
    code: str
    actor: str
    expected_date: date | None
    explanation: str


class EligibilityOut(Schema):
    outcome: str
    outcome_label: str
    wage_proviso: bool = False  # the outcome holds provided the pay is at least the minimum wage
    on: date
    phase: str
    start: date
    earliest_start: date | None
    needs_twv: bool | None
    conditions: list[ConditionOut]
    steps: list[StepOut]
    notes: list[str]
    explanation: list[str]


class RebaRowOut(Schema):
    hours_per_week: str
    is_contract: bool
    outcome: str
    monthly_net: Decimal | None
    kept: Decimal | None
    to_coa: Decimal | None
    cap_reached: bool | None
    explanation: list[str]
    missing_parameters: list[str]


class RebaOut(Schema):
    on: date
    hourly_net: Decimal | None
    rule: str
    rule_version: date | None
    source: str
    explanation: list[str]
    missing_parameters: list[str]
    rows: list[RebaRowOut]


class EvaluateOut(EligibilityOut):
    reba: RebaOut | None = None


class EvaluateIn(Schema):
    """Anonymous inputs: a situation, not a person. Leave a field out when it is not known."""

    phase: Literal[
        "asylum_seeker",
        "temporary_protection",
        "status_holder_azc",
        "inburgering",
        "after_inburgering",
    ]
    on: date | None = None
    birth_date: date | None = None
    asylum_application_date: date | None = None
    lives_in_coa: bool | None = None
    has_w_document: bool | None = None
    w_document_expiry: date | None = None
    bsn: Literal["received", "requested", "none"] | None = None
    bsn_requested_on: date | None = None
    residence_permit_date: date | None = None
    household_size: int | None = Field(None, ge=1, le=30)
    hours_per_week: Decimal | None = Field(None, ge=0, le=60)
    hourly_wage_gross: Decimal | None = Field(None, ge=0, le=1000)
    hourly_wage_net: Decimal | None = Field(None, ge=0, le=1000)
    monthly_wage_gross: Decimal | None = Field(None, ge=0, le=100_000)
    monthly_wage_net: Decimal | None = Field(None, ge=0, le=100_000)
    start_date: date | None = None
    contract_months: int | None = Field(None, ge=1, le=120)
    permanent_contract: bool | None = None
    sector: str | None = Field(None, max_length=40)
    twv: Literal["none", "applied", "granted", "refused"] | None = None
    twv_date: date | None = None
    reba: bool = Field(False, description="Add REBA examples (16/24/32/40 h and the contract).")


# --- helpers -------------------------------------------------------------------------------------


def _user(request: HttpRequest) -> User:
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    return user


def _what_if(request: HttpRequest) -> WhatIfForm:
    data = {
        field: request.GET[name]
        for name, field in _QUERY_FIELDS.items()
        if request.GET.get(name, "") != ""
    }
    return WhatIfForm(data)


def _invalid(form: WhatIfForm) -> Status[Problem]:
    errors = errors_of(form)
    by_query = {field: name for name, field in _QUERY_FIELDS.items()}
    renamed = {by_query.get(field, field): messages for field, messages in errors.items()}
    return Status(422, Problem(detail="Invalid input.", errors=renamed))


def _incoherent(error: rules.IncoherentInput) -> Status[Problem]:
    field = {"start_date": "start"}.get(error.field, error.field)
    text = present.incoherence_text(error)
    return Status(422, Problem(detail=text, errors={field: [text]}))


# --- endpoints -----------------------------------------------------------------------------------


@router.get(
    "/participants/{public_id}",
    response={200: EligibilityOut, 422: Problem},
    summary="May this participant work (in the job described by the query)?",
)
def participant_eligibility(
    request: HttpRequest,
    public_id: UUID,
    on: str = "",
    hours: str = "",
    hourly_wage: str = "",
    hourly_wage_net: str = "",
    start: str = "",
    contract_months: str = "",
    twv: str = "",
    twv_date: str = "",
) -> Status[Any]:
    """Query: ``on`` (evaluation date), ``hours`` (per week), ``hourly_wage`` (gross),
    ``hourly_wage_net``, ``start``, ``contract_months``, ``twv`` (none / applied / granted / refused;
    not given: not known), ``twv_date``. Dates as YYYY-MM-DD."""
    participant = access.get_participant(
        _user(request), public_id, what=WHAT, section="eligibility"
    )
    form = _what_if(request)
    if not form.is_valid():
        return _invalid(form)
    try:
        result = adapters.evaluate_for(participant, form.job(), form.evaluation_date())
    except rules.IncoherentInput as error:
        return _incoherent(error)
    return Status(200, present.eligibility_json(result))


@router.get(
    "/participants/{public_id}/reba",
    response={200: RebaOut, 422: Problem},
    summary="REBA examples for this participant",
)
def participant_reba(
    request: HttpRequest,
    public_id: UUID,
    on: str = "",
    hours: str = "",
    hourly_wage: str = "",
    hourly_wage_net: str = "",
    contract_months: str = "",
) -> Status[Any]:
    """What a COA resident keeps at the contract's hours (``hours``) and at 16/24/32/40 hours,
    from ``hourly_wage`` (gross; needs the operator's net share) or ``hourly_wage_net``."""
    participant = access.get_participant(
        _user(request), public_id, what=WHAT, section="eligibility"
    )
    form = _what_if(request)
    if not form.is_valid():
        return _invalid(form)
    person = adapters.person_from_participant(participant)
    examples = adapters.reba_examples_for(person, form.job(), form.evaluation_date())
    return Status(200, present.reba_json(examples))


@router.post(
    "/evaluate",
    response={200: EvaluateOut, 422: Problem},
    summary="Evaluate anonymous inputs (no participant; nothing stored or logged)",
)
def evaluate(request: HttpRequest, payload: EvaluateIn) -> Any:
    try:
        return _evaluate(payload)
    except rules.IncoherentInput as error:
        return _incoherent(error)


def _evaluate(payload: EvaluateIn) -> dict[str, Any]:
    person, job, on = situation(payload)
    result = rules.evaluate_work(person, job, on, adapters.get_parameters())
    out: dict[str, Any] = present.eligibility_json(result)
    if payload.reba:
        out["reba"] = present.reba_json(adapters.reba_examples_for(person, job, on))
    return out


def situation(payload: EvaluateIn) -> tuple[rules.Person, rules.Job, date]:
    """The anonymous inputs as the rules engine's person, job and evaluation date (also used by
    the public guides, so that both answer the same input alike). Raises ``IncoherentInput``."""
    on = payload.on or timezone.localdate()
    person = rules.Person(
        phase=rules.Phase(payload.phase),
        birth_date=payload.birth_date,
        asylum_application_date=payload.asylum_application_date,
        lives_in_coa=payload.lives_in_coa,
        has_w_document=payload.has_w_document,
        w_document_expiry=payload.w_document_expiry,
        bsn=rules.BsnStatus(payload.bsn) if payload.bsn else None,
        bsn_requested_on=payload.bsn_requested_on,
        residence_permit_date=payload.residence_permit_date,
        household_size=payload.household_size,
    )
    job = rules.Job(
        hours_per_week=payload.hours_per_week,
        hourly_wage_gross=payload.hourly_wage_gross,
        hourly_wage_net=payload.hourly_wage_net,
        monthly_wage_gross=payload.monthly_wage_gross,
        monthly_wage_net=payload.monthly_wage_net,
        start_date=payload.start_date,
        contract_months=payload.contract_months,
        permanent_contract=payload.permanent_contract,
        sector=adapters.map_sector(payload.sector),
        twv=rules.TwvStatus(payload.twv) if payload.twv else None,
        twv_date=payload.twv_date,
    )
    return person, job, on
