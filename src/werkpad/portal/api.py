"""The newcomer's own JSON API, mounted at /api/portal/: the plan (read, confirm, own steps, done),
messages and check-ins, suggested and proposed vacancies with the newcomer's interest, and consents
(read, withdraw). Same actions and access layer as the portal pages: every read and write of the
file is logged there; anyone but the newcomer gets a 404 (logged as refused when a file exists)."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status

from werkpad.accounts.models import User
from werkpad.api.problems import Problem, field_errors
from werkpad.audit.models import Action
from werkpad.participants.models import Participant

from . import actions
from .models import MessageKind, Mood

router = Router(tags=["portal"])


class PortalStepOut(Schema):
    key: str
    title: str
    type: str
    owner: str
    status: str
    due_date: str


class PortalPlanOut(Schema):
    version: int | None
    version_id: UUID | None
    created_at: datetime | None
    droombaan: str
    steps: list[PortalStepOut]
    confirmed_by_me: bool
    confirmed_by_coach: bool
    earlier_versions: list[int]


class PortalConfirmIn(Schema):
    version_id: UUID


class PortalOwnStepIn(Schema):
    title: str
    due_date: date | None = None


class PortalMessageOut(Schema):
    id: UUID
    from_me: bool
    kind: str
    mood: str
    body: str
    created_at: datetime
    read: bool


class PortalMessageIn(Schema):
    body: str = ""
    kind: MessageKind = MessageKind.MESSAGE
    mood: Mood | None = None


class PortalVacancyOut(Schema):
    id: UUID
    title: str
    employer: str
    hours_per_week: str
    wage_hourly_gross: str | None
    place: str
    proposed_by_coach: bool
    my_answer: str


class PortalInterestIn(Schema):
    interested: bool
    reason: str = ""


class PortalConsentOut(Schema):
    id: int
    purpose: str
    recipient: str
    given_at: datetime
    withdrawn_at: datetime | None


def _newcomer(
    request: HttpRequest, *, what: str, action: str = Action.VIEW
) -> tuple[User, Participant]:
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    try:
        return user, actions.own_file(user, what=what, action=action)
    except PermissionDenied:
        raise Http404 from None


def _plan(participant: Participant) -> PortalPlanOut:
    from werkpad.pathway.choices import ConfirmingParty
    from werkpad.pathway.models import Plan

    own = Plan.objects.filter(participant=participant).first()
    version = own.latest_version if own else None
    steps = version.snapshot["steps"] if version else []
    return PortalPlanOut(
        version=version.number if version else None,
        version_id=version.public_id if version else None,
        created_at=version.created_at if version else None,
        droombaan=version.snapshot.get("droombaan", "") if version else "",
        steps=[
            PortalStepOut(
                key=s["key"],
                title=s["title"],
                type=s["type"],
                owner=s["owner"],
                status=s["status"],
                due_date=s.get("due_date", ""),
            )
            for s in steps
        ],
        confirmed_by_me=bool(version and version.confirmation(ConfirmingParty.NEWCOMER)),
        confirmed_by_coach=bool(version and version.confirmation(ConfirmingParty.COACH)),
        earlier_versions=(
            list(own.versions.exclude(pk=version.pk).values_list("number", flat=True))
            if own and version
            else []
        ),
    )


@router.get("/plan", response=PortalPlanOut)
def plan(request: HttpRequest) -> PortalPlanOut:
    """My plan: the newest version."""
    _user, participant = _newcomer(request, what="portal plan (api)")
    return _plan(participant)


@router.post("/plan/confirm", response={200: PortalPlanOut, 400: Problem})
def confirm(request: HttpRequest, payload: PortalConfirmIn) -> Status[object]:
    """Confirm exactly the newest version (400 when it was replaced or is already confirmed)."""
    from werkpad.pathway import actions as pathway_actions
    from werkpad.pathway.choices import ConfirmingParty
    from werkpad.pathway.models import PlanVersion

    user, participant = _newcomer(request, what="portal plan (api)", action=Action.UPDATE)
    version = PlanVersion.objects.filter(
        plan__participant=participant, public_id=payload.version_id
    ).first()
    if version is None:
        raise Http404
    try:
        pathway_actions.confirm_version(user, version, party=ConfirmingParty.NEWCOMER)
    except ValidationError as exc:
        return Status(400, Problem(detail="Not possible.", errors=field_errors(exc)))
    return Status(200, _plan(participant))


@router.post("/plan/steps", response={201: PortalStepOut, 400: Problem})
def add_step(request: HttpRequest, payload: PortalOwnStepIn) -> Status[object]:
    """Add a step of my own (the coach takes it into the next version)."""
    user, participant = _newcomer(request, what="portal plan step (api)", action=Action.CREATE)
    try:
        step = actions.add_own_step(
            user, participant, title=payload.title, due_date=payload.due_date
        )
    except ValidationError as exc:
        return Status(400, Problem(detail="Not possible.", errors=field_errors(exc)))
    return Status(
        201,
        PortalStepOut(
            key=str(step.public_id),
            title=step.title,
            type=step.type,
            owner=step.owner,
            status=step.status,
            due_date=step.due_date.isoformat() if step.due_date else "",
        ),
    )


@router.post("/plan/steps/{key}/done", response={200: PortalStepOut, 400: Problem})
def step_done(request: HttpRequest, key: UUID) -> Status[object]:
    """Mark one of my own steps done."""
    user, participant = _newcomer(request, what="portal plan step (api)", action=Action.UPDATE)
    try:
        step = actions.mark_step_done(user, participant, str(key))
    except ValidationError as exc:
        return Status(400, Problem(detail="Not possible.", errors=field_errors(exc)))
    return Status(
        200,
        PortalStepOut(
            key=str(step.public_id),
            title=step.title,
            type=step.type,
            owner=step.owner,
            status=step.status,
            due_date=step.due_date.isoformat() if step.due_date else "",
        ),
    )


def _message(m: object) -> PortalMessageOut:
    return PortalMessageOut(
        id=m.public_id,  # type: ignore[attr-defined]
        from_me=m.from_newcomer,  # type: ignore[attr-defined]
        kind=m.kind,  # type: ignore[attr-defined]
        mood=m.mood,  # type: ignore[attr-defined]
        body=m.body,  # type: ignore[attr-defined]
        created_at=m.created_at,  # type: ignore[attr-defined]
        read=m.read_at is not None,  # type: ignore[attr-defined]
    )


@router.get("/messages", response=list[PortalMessageOut])
def messages(request: HttpRequest) -> list[PortalMessageOut]:
    """The thread with my coach, oldest first (reading marks the coach's messages read)."""
    user, participant = _newcomer(request, what="portal messages (api)")
    return [_message(m) for m in actions.thread(user, participant)]


@router.post("/messages", response={201: PortalMessageOut, 400: Problem})
def send(request: HttpRequest, payload: PortalMessageIn) -> Status[object]:
    """A message, a comment on the plan, or a check-in ("how is it going?", with a mood)."""
    user, participant = _newcomer(request, what="portal messages (api)", action=Action.CREATE)
    try:
        m = actions.send_message(
            user, participant, payload.body, kind=payload.kind, mood=payload.mood or ""
        )
    except ValidationError as exc:
        return Status(400, Problem(detail="Not possible.", errors=field_errors(exc)))
    return Status(201, _message(m))


@router.get("/vacancies", response=list[PortalVacancyOut])
def vacancies(request: HttpRequest) -> list[PortalVacancyOut]:
    """Jobs my coach proposed me for, and (when I opted in) suggested vacancies."""
    from werkpad.employers.models import Shortlist
    from werkpad.matching import newcomer, services

    from .views import _open_vacancies

    _user, participant = _newcomer(request, what="portal vacancies (api)")
    answers = newcomer.latest_answers(participant)
    proposed = [
        s.vacancy
        for s in Shortlist.objects.filter(participant=participant).select_related(
            "vacancy__employer", "vacancy__location"
        )
    ]
    suggested = []
    if actions.preference(participant).wants_suggestions:
        result = services.vacancies_for_participant(participant, _open_vacancies())
        suggested = [s.vacancy for s in result.matches + result.near_misses]
    proposed_ids = {v.pk for v in proposed}
    out = []
    for v in proposed + [v for v in suggested if v.pk not in proposed_ids]:
        answer = answers.get(v.pk)
        out.append(
            PortalVacancyOut(
                id=v.public_id,
                title=v.title,
                employer=v.employer.name,
                hours_per_week=str(v.hours_per_week),
                wage_hourly_gross=str(v.wage_hourly) if v.wage_hourly is not None else None,
                place=str(v.location.city) if v.location is not None else "",
                proposed_by_coach=v.pk in proposed_ids,
                my_answer=answer.decision if answer else "",
            )
        )
    return out


@router.post("/vacancies/{vacancy_id}/interest", response={200: PortalVacancyOut, 400: Problem})
def interest(request: HttpRequest, vacancy_id: UUID, payload: PortalInterestIn) -> Status[object]:
    """Say "interested", or "not interested" with a reason: stored as a matching decision."""
    from werkpad.matching import newcomer

    from .views import _suggested_vacancy

    user, participant = _newcomer(
        request, what="portal vacancy interest (api)", action=Action.UPDATE
    )
    vacancy = _suggested_vacancy(participant, str(vacancy_id))
    try:
        d = newcomer.newcomer_interest(
            user, participant, vacancy, interested=payload.interested, reason=payload.reason
        )
    except ValidationError as exc:
        return Status(400, Problem(detail="Not possible.", errors=field_errors(exc)))
    return Status(
        200,
        PortalVacancyOut(
            id=vacancy.public_id,
            title=vacancy.title,
            employer=vacancy.employer.name,
            hours_per_week=str(vacancy.hours_per_week),
            wage_hourly_gross=str(vacancy.wage_hourly) if vacancy.wage_hourly is not None else None,
            place=str(vacancy.location.city) if vacancy.location is not None else "",
            proposed_by_coach=vacancy.shortlist.filter(participant=participant).exists(),
            my_answer=d.decision,
        ),
    )


def _consent(c: object) -> PortalConsentOut:
    return PortalConsentOut(
        id=c.pk,  # type: ignore[attr-defined]
        purpose=c.purpose_code,  # type: ignore[attr-defined]
        recipient=str(c.recipient) if c.recipient_id else "",  # type: ignore[attr-defined]
        given_at=c.given_at,  # type: ignore[attr-defined]
        withdrawn_at=c.withdrawn_at,  # type: ignore[attr-defined]
    )


@router.get("/consents", response=list[PortalConsentOut])
def consents(request: HttpRequest) -> list[PortalConsentOut]:
    """Every consent I gave, with when it was withdrawn (the history)."""
    _user, participant = _newcomer(request, what="portal consent (api)")
    return [_consent(c) for c in participant.consents.select_related("recipient")]


@router.post("/consents/{consent_id}/withdraw", response=PortalConsentOut)
def withdraw(request: HttpRequest, consent_id: int) -> PortalConsentOut:
    """Withdraw one of my consents (404 when it is not mine or already withdrawn)."""
    user, participant = _newcomer(request, what="portal consent (api)", action=Action.UPDATE)
    if not -(2**62) < consent_id < 2**62:
        raise Http404
    consent = actions.withdraw_own_consent(user, participant, consent_id)
    consent.refresh_from_db()
    return _consent(consent)
