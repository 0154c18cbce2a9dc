"""JSON API of the path, mounted at /api/pathway/: programmes, enrolments, records, timeline.

Same actions (``pathway.actions``) and scoped layer (``pathway.access`` over
``participants.access``) as the pages: reads of a file's enrolments are logged, refusals are a 404
logged as ``denied``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from ninja import Router, Schema, Status

from werkpad.accounts.models import Organisation, User
from werkpad.audit.models import Action
from werkpad.participants.access import can_edit, get_participant, refuse

from . import access, actions
from .models import EmploymentSpell, Enrolment, Pretrajectory, Programme
from .timeline import timeline

router = Router(tags=["pathway"])


class Problem(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


class ProgrammeOut(Schema):
    id: UUID
    name: str
    kind: str
    organisations: list[str]
    start_date: date
    end_date: date | None
    target_group: str
    participation: str
    partners: str
    language_provider: str
    work_priority: str
    aftercare_weekly_weeks: int | None
    aftercare_monthly_until_months: int | None
    steps: list[str]


class ProgrammeIn(Schema):
    name: str
    kind: str = "other"
    organisations: list[int]
    start_date: date
    end_date: date | None = None
    target_group: str = ""
    participation: str = "vrijwillig"
    partners: str = ""
    language_provider: str = ""
    work_priority: str = "choice"
    aftercare_weekly_weeks: int | None = None
    aftercare_monthly_until_months: int | None = None


class StatusChangeOut(Schema):
    status: str
    date: date
    reason_code: str
    reason: str


class EnrolmentOut(Schema):
    id: UUID
    programme: UUID
    programme_name: str
    intake_date: date
    participation: str
    status: str
    outflow_date: date | None
    outflow_destination: str
    history: list[StatusChangeOut]


class EnrolmentIn(Schema):
    programme: UUID
    intake_date: date
    status: str = "unknown"
    participation: str = ""


class StatusIn(Schema):
    status: str
    date: date
    reason_code: str = ""
    reason: str = ""
    outflow_destination: str = ""


class PretrajectoryIO(Schema):
    start_date: date
    end_date: date | None = None
    completed: bool | None = None
    kind: str = ""
    type: str
    weeks: int | None = None
    goal: str = ""


class SpellIO(Schema):
    employer_name: str = ""
    sector: str = ""
    start_date: date
    end_date: date | None = None
    hours_per_week: Decimal | None = None
    contract_kind: str = ""
    source: str = "follow_up"


class RecordsOut(Schema):
    pretrajectories: list[PretrajectoryIO]
    employment_spells: list[SpellIO]


class ItemOut(Schema):
    kind: str
    label: str
    start: date
    end: date | None
    code: str
    note: str


class LaneOut(Schema):
    enrolment: UUID
    programme_name: str
    items: list[ItemOut]


def _user(request: HttpRequest) -> User:
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    return user


def _errors(exc: ValidationError) -> dict[str, list[str]]:
    return exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}


def _programme_out(p: Programme) -> ProgrammeOut:
    return ProgrammeOut(
        id=p.public_id,
        name=p.name,
        kind=p.kind,
        organisations=[o.name for o in p.organisations.all()],
        start_date=p.start_date,
        end_date=p.end_date,
        target_group=p.target_group,
        participation=p.participation,
        partners=p.partners,
        language_provider=p.language_provider,
        work_priority=p.work_priority,
        aftercare_weekly_weeks=p.aftercare_weekly_weeks,
        aftercare_monthly_until_months=p.aftercare_monthly_until_months,
        steps=[s.title for s in p.step_templates.all()],
    )


def _enrolment_out(e: Enrolment) -> EnrolmentOut:
    return EnrolmentOut(
        id=e.public_id,
        programme=e.programme.public_id,
        programme_name=e.programme.name,
        intake_date=e.intake_date,
        participation=e.participation,
        status=e.status,
        outflow_date=e.outflow_date,
        outflow_destination=e.outflow_destination,
        history=[
            StatusChangeOut(
                status=c.status, date=c.date, reason_code=c.reason_code, reason=c.reason
            )
            for c in e.status_changes.order_by("date", "recorded_at", "id")
        ],
    )


@router.get("/programmes", response=list[ProgrammeOut])
def list_programmes(request: HttpRequest) -> list[ProgrammeOut]:
    qs = access.visible_programmes(_user(request)).prefetch_related(
        "organisations", "step_templates"
    )
    return [_programme_out(p) for p in qs]


@router.post("/programmes", response={201: ProgrammeOut, 400: Problem, 403: Problem})
def create_programme(request: HttpRequest, payload: ProgrammeIn) -> Status[object]:
    user = _user(request)
    data = payload.dict()
    organisations = list(Organisation.objects.filter(pk__in=data.pop("organisations")))
    try:
        programme = actions.save_programme(user, Programme(**data), organisations=organisations)
    except PermissionDenied:
        return Status(403, Problem(detail="Not allowed."))
    except ValidationError as exc:
        return Status(400, Problem(detail="The programme is not valid.", errors=_errors(exc)))
    return Status(201, _programme_out(programme))


@router.get("/participants/{public_id}/enrolments", response=list[EnrolmentOut])
def list_enrolments(request: HttpRequest, public_id: UUID) -> list[EnrolmentOut]:
    participant = get_participant(_user(request), public_id, what="enrolments")
    return [_enrolment_out(e) for e in participant.enrolments.select_related("programme")]


@router.post(
    "/participants/{public_id}/enrolments",
    response={201: EnrolmentOut, 400: Problem, 403: Problem},
)
def create_enrolment(request: HttpRequest, public_id: UUID, payload: EnrolmentIn) -> Status[object]:
    user = _user(request)
    participant = get_participant(user, public_id, what="enrolments", action=Action.UPDATE)
    if not user.is_coach:
        return Status(403, Problem(detail="Not allowed."))
    if not can_edit(user, participant):
        refuse(user, participant, "enrolments")
    programme = access.visible_programmes(user).filter(public_id=payload.programme).first()
    if programme is None:
        return Status(400, Problem(detail="Unknown programme.", errors={"programme": ["Unknown."]}))
    try:
        enrolment = actions.enrol(
            user,
            participant,
            programme,
            intake_date=payload.intake_date,
            status=payload.status,
            participation=payload.participation,
        )
    except ValidationError as exc:
        return Status(400, Problem(detail="The enrolment is not valid.", errors=_errors(exc)))
    return Status(201, _enrolment_out(enrolment))


@router.get("/enrolments/{enrolment_id}", response=EnrolmentOut)
def get_enrolment(request: HttpRequest, enrolment_id: UUID) -> EnrolmentOut:
    return _enrolment_out(access.get_enrolment(_user(request), enrolment_id, what="enrolments"))


@router.post(
    "/enrolments/{enrolment_id}/status", response={201: EnrolmentOut, 400: Problem, 403: Problem}
)
def change_status(request: HttpRequest, enrolment_id: UUID, payload: StatusIn) -> Status[object]:
    user = _user(request)
    enrolment = access.get_enrolment(user, enrolment_id, what="status", action=Action.UPDATE)
    if not user.is_coach:
        return Status(403, Problem(detail="Not allowed."))
    try:
        if payload.status in ("dropout", "ended"):
            actions.end_enrolment(
                user,
                enrolment,
                status=payload.status,
                on=payload.date,
                reason_code=payload.reason_code,
                reason=payload.reason,
                destination=payload.outflow_destination,
            )
        else:
            actions.change_status(
                user,
                enrolment,
                payload.status,
                on=payload.date,
                reason_code=payload.reason_code,
                reason=payload.reason,
            )
    except ValidationError as exc:
        return Status(400, Problem(detail="The status change is not valid.", errors=_errors(exc)))
    enrolment.refresh_from_db()
    return Status(201, _enrolment_out(enrolment))


def _pretrajectory_io(r: Pretrajectory) -> PretrajectoryIO:
    return PretrajectoryIO(
        start_date=r.start_date,
        end_date=r.end_date,
        completed=r.completed,
        kind=r.kind,
        type=r.type,
        weeks=r.weeks,
        goal=r.goal,
    )


def _spell_io(s: EmploymentSpell) -> SpellIO:
    return SpellIO(
        employer_name=s.employer.name if s.employer else s.employer_name,
        sector=s.sector,
        start_date=s.start_date,
        end_date=s.end_date,
        hours_per_week=s.hours_per_week,
        contract_kind=s.contract_kind,
        source=s.source,
    )


@router.get("/enrolments/{enrolment_id}/records", response=RecordsOut)
def list_records(request: HttpRequest, enrolment_id: UUID) -> RecordsOut:
    e = access.get_enrolment(_user(request), enrolment_id, what="pathway records")
    return RecordsOut(
        pretrajectories=[_pretrajectory_io(r) for r in e.pretrajectories.all()],
        employment_spells=[_spell_io(s) for s in e.employment_spells.select_related("employer")],
    )


@router.post(
    "/enrolments/{enrolment_id}/pretrajectories",
    response={201: PretrajectoryIO, 400: Problem, 403: Problem},
)
def add_pretrajectory(
    request: HttpRequest, enrolment_id: UUID, payload: PretrajectoryIO
) -> Status[object]:
    user = _user(request)
    e = access.get_enrolment(user, enrolment_id, what="pathway records", action=Action.UPDATE)
    if not user.is_coach:
        return Status(403, Problem(detail="Not allowed."))
    try:
        record = actions.save_pretrajectory(user, e, **payload.dict())
    except ValidationError as exc:
        return Status(400, Problem(detail="The voortraject is not valid.", errors=_errors(exc)))
    return Status(201, _pretrajectory_io(record))


@router.post(
    "/enrolments/{enrolment_id}/employment-spells",
    response={201: SpellIO, 400: Problem, 403: Problem},
)
def add_spell(request: HttpRequest, enrolment_id: UUID, payload: SpellIO) -> Status[object]:
    user = _user(request)
    e = access.get_enrolment(user, enrolment_id, what="pathway records", action=Action.UPDATE)
    if not user.is_coach:
        return Status(403, Problem(detail="Not allowed."))
    try:
        spell = actions.save_employment_spell(user, e, **payload.dict())
    except ValidationError as exc:
        return Status(
            400, Problem(detail="The work after outflow is not valid.", errors=_errors(exc))
        )
    return Status(201, _spell_io(spell))


@router.get("/participants/{public_id}/timeline", response=list[LaneOut])
def get_timeline(request: HttpRequest, public_id: UUID) -> list[LaneOut]:
    participant = get_participant(_user(request), public_id, what="timeline")
    return [
        LaneOut(
            enrolment=lane.enrolment.public_id,
            programme_name=lane.enrolment.programme.name,
            items=[ItemOut(**vars(i)) for i in lane.items],
        )
        for lane in timeline(participant)
    ]
