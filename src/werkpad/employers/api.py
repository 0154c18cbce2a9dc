"""JSON API of the employer desk, mounted at /api/employers/.

Same access functions and actions as the HTML pages: an employer contact lists and creates only
their own vacancies and gets candidates only as pseudonymous profiles (``access.candidate_profile_for``);
coaches get the TWV list of the participants they may see.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status

from werkpad.accounts.models import User
from werkpad.api.problems import Problem
from werkpad.core import schedule
from werkpad.participants.choices import CertificateKind
from werkpad.validation import rename_errors

from . import access, actions
from .models import Vacancy

# Model fields the API calls by another name.
API_NAMES = {"roster_mask": "roster", "required_certificates": "certificates"}

router = Router(tags=["employers"])

_SLOTS = {schedule.code(d, p): (d, p) for d in range(7) for p in range(3)}


class Certificate(Schema):
    kind: str
    detail: str = ""


class VacancyOut(Schema):
    id: int
    employer: str
    title: str
    occupation: str
    sector: str
    hours_per_week: Decimal
    roster: list[str]
    roster_flexible: bool
    contract_kind: str
    contract_months: int | None
    wage_hourly: Decimal | None
    dutch_level: str
    certificates: list[Certificate]
    language_rich: bool
    twv_willing: bool
    self_development: str
    places: int
    group_possible: bool
    start_date: date | None
    status: str


class VacancyIn(Schema):
    title: str
    occupation: str
    sector: str = ""
    hours_per_week: Decimal
    roster: list[str] = []
    roster_flexible: bool = False
    contract_kind: str
    contract_months: int | None = None
    wage_hourly: Decimal | None = None
    dutch_level: str = "A0"
    certificates: list[Certificate] = []
    language_rich: bool = False
    twv_willing: bool = False
    self_development: str
    places: int = 1
    group_possible: bool = False
    start_date: date | None = None
    status: str = "draft"


class Experience(Schema):
    occupation: str
    years: str


class CandidateOut(Schema):
    ref: str
    pseudonym: str
    name: str | None
    consented: bool
    status: str
    vacancy_id: int
    vacancy_title: str
    dutch_spoken: str
    dutch_written: str
    english: str
    experience: list[Experience]
    certificates: list[str]
    availability: str
    hours_per_week: int | None
    twv_status: str | None
    twv_expected_decision: str | None


class TwvOut(Schema):
    ref: str
    candidate: str
    participant: str | None
    employer: str
    vacancy: str
    status: str
    prepared_on: date
    submitted_on: date | None
    decided_on: date | None
    expected_legal: date | None
    expected_practical: date | None
    overdue: str
    bsn_status: str


def _user(request: HttpRequest) -> User:
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    return user


def _vacancy_out(v: Vacancy) -> VacancyOut:
    return VacancyOut(
        id=v.pk,
        employer=v.employer.name,
        title=v.title,
        occupation=v.occupation,
        sector=v.sector,
        hours_per_week=v.hours_per_week,
        roster=[schedule.code(d, p) for d, p in schedule.slots_of(v.roster_mask)],
        roster_flexible=v.roster_flexible,
        contract_kind=v.contract_kind,
        contract_months=v.contract_months,
        wage_hourly=v.wage_hourly,
        dutch_level=v.dutch_level,
        certificates=[Certificate(**c) for c in v.required_certificates or []],
        language_rich=v.language_rich,
        twv_willing=v.twv_willing,
        self_development=v.self_development,
        places=v.places,
        group_possible=v.group_possible,
        start_date=v.start_date,
        status=v.status,
    )


@router.get("/vacancies", response=list[VacancyOut])
def list_vacancies(request: HttpRequest, status: str = "") -> list[VacancyOut]:
    """Vacancies: all for coaches, only the employer's own for an employer contact."""
    qs = access.vacancies_for(_user(request))
    if status:
        qs = qs.filter(status=status)
    return [_vacancy_out(v) for v in qs]


@router.post("/vacancies", response={201: VacancyOut, 400: Problem, 403: Problem})
def create_vacancy(request: HttpRequest, payload: VacancyIn) -> Status[object]:
    """An employer contact submits a vacancy for their own employer (status draft or open)."""
    user = _user(request)
    employer = access.employer_of(user)
    if employer is None:
        return Status(403, Problem(detail="Only employer contacts submit vacancies here."))
    data = payload.dict()
    roster = data.pop("roster")
    unknown = [code for code in roster if code not in _SLOTS]
    if unknown:
        return Status(400, Problem(detail="Unknown dagdeel code.", errors={"roster": unknown}))
    kinds = set(CertificateKind.values)
    certificates = data.pop("certificates")
    bad = [c["kind"] for c in certificates if c["kind"] not in kinds]
    if bad:
        return Status(
            400, Problem(detail="Unknown certificate kind.", errors={"certificates": bad})
        )
    data["roster_mask"] = schedule.mask_of(_SLOTS[code] for code in roster)
    data["required_certificates"] = certificates
    try:
        vacancy = actions.save_vacancy(user, employer, None, data)
    except ValidationError as exc:
        # The model's validation (werkpad.validation), with the API's names for its keys.
        errors = rename_errors(exc, API_NAMES)
        return Status(400, Problem(detail="The vacancy is not valid.", errors=errors))
    except PermissionDenied:
        return Status(403, Problem(detail="Not allowed."))
    return Status(201, _vacancy_out(vacancy))


@router.get("/vacancies/{vacancy_id}/candidates", response=list[CandidateOut])
def list_candidates(request: HttpRequest, vacancy_id: int) -> list[dict[str, object]]:
    """Shortlisted candidates as the caller may see them: pseudonymous for employers without consent."""
    user = _user(request)
    vacancy = access.get_or_404(access.vacancies_for(user), pk=vacancy_id)
    return [
        access.candidate_profile_for(user, entry).as_dict()
        for entry in access.shortlists_for(user).filter(vacancy=vacancy)
    ]


@router.get("/twv", response={200: list[TwvOut], 403: Problem})
def list_twv(request: HttpRequest) -> Status[object]:
    """TWV applications of the participants a coach may see (and of the employers they manage)."""
    user = _user(request)
    if not user.is_coach:
        return Status(403, Problem(detail="Coaches only."))
    rows = access.twv_rows(user, access.twv_for(user), timezone.localdate())
    return Status(
        200,
        [
            TwvOut(
                ref=r.ref,
                candidate=r.candidate,
                participant=r.participant_public_id,
                employer=r.employer_name,
                vacancy=r.vacancy_title,
                status=r.status,
                prepared_on=r.prepared_on,
                submitted_on=r.submitted_on,
                decided_on=r.decided_on,
                expected_legal=r.expected.legal if r.expected else None,
                expected_practical=r.expected.practical if r.expected else None,
                overdue=r.overdue,
                bsn_status=r.bsn_status,
            )
            for r in rows
        ],
    )


class RespondIn(Schema):
    decision: Literal["invite", "decline"]
    reason_code: Literal["good_fit", "experience", "language", "availability", "filled", "other"]
    reason: str = ""


class RespondOut(Schema):
    id: int
    decision: str
    reason_code: str


@router.post(
    "/vacancies/{vacancy_id}/candidates/{ref}/respond",
    response={201: RespondOut, 403: Problem, 422: Problem},
)
def respond(request: HttpRequest, vacancy_id: int, ref: str, payload: RespondIn) -> Status[object]:
    """An employer contact invites a shortlisted candidate for an interview or declines, with a
    reason (the candidate's ``ref`` as listed under candidates). Learning data for matching."""
    from .portal_views import _entry_by_ref

    user = _user(request)
    if not user.is_employer:
        return Status(403, Problem(detail="Only employer contacts answer here."))
    vacancy = access.get_or_404(access.vacancies_for(user), pk=vacancy_id)
    entry = _entry_by_ref(user, vacancy.pk, ref[:64])
    try:
        answer = actions.respond(
            user,
            entry,
            decision=payload.decision,
            reason_code=payload.reason_code,
            reason=payload.reason,
        )
    except PermissionDenied:
        return Status(403, Problem(detail="Not allowed."))
    except ValidationError as error:
        return Status(422, Problem(detail=" ".join(error.messages)))
    return Status(
        201, RespondOut(id=answer.pk, decision=answer.decision, reason_code=answer.reason_code)
    )
