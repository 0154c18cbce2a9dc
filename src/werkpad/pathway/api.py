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
from werkpad.api.problems import Problem, field_errors
from werkpad.audit.models import Action
from werkpad.employers.access import vacancies_for
from werkpad.participants.access import can_edit, get_participant, refuse

from . import access, actions, plan_words
from .models import (
    EmploymentSpell,
    Enrolment,
    Plan,
    PlanStep,
    PlanVersion,
    Pretrajectory,
    Programme,
)
from .timeline import timeline

router = Router(tags=["pathway"])


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
        return Status(400, Problem(detail="The programme is not valid.", errors=field_errors(exc)))
    return Status(201, _programme_out(programme))


@router.get("/participants/{public_id}/enrolments", response=list[EnrolmentOut])
def list_enrolments(request: HttpRequest, public_id: UUID) -> list[EnrolmentOut]:
    participant = get_participant(_user(request), public_id, what="enrolments", section="pathway")
    return [_enrolment_out(e) for e in participant.enrolments.select_related("programme")]


@router.post(
    "/participants/{public_id}/enrolments",
    response={201: EnrolmentOut, 400: Problem, 403: Problem},
)
def create_enrolment(request: HttpRequest, public_id: UUID, payload: EnrolmentIn) -> Status[object]:
    user = _user(request)
    participant = get_participant(
        user, public_id, what="enrolments", action=Action.UPDATE, section="pathway"
    )
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
        return Status(400, Problem(detail="The enrolment is not valid.", errors=field_errors(exc)))
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
        return Status(
            400, Problem(detail="The status change is not valid.", errors=field_errors(exc))
        )
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
        return Status(
            400, Problem(detail="The voortraject is not valid.", errors=field_errors(exc))
        )
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
            400, Problem(detail="The work after outflow is not valid.", errors=field_errors(exc))
        )
    return Status(201, _spell_io(spell))


@router.get("/participants/{public_id}/timeline", response=list[LaneOut])
def get_timeline(request: HttpRequest, public_id: UUID) -> list[LaneOut]:
    participant = get_participant(_user(request), public_id, what="timeline", section="pathway")
    return [
        LaneOut(
            enrolment=lane.enrolment.public_id,
            programme_name=lane.enrolment.programme.name,
            items=[ItemOut(**vars(i)) for i in lane.items],
        )
        for lane in timeline(participant)
    ]


# --- the step plan (issue 11) ---------------------------------------------------------------------


class PlanStepIO(Schema):
    id: UUID | None = None
    type: str
    title: str
    owner: str = "newcomer"
    due_date: date | None = None
    status: str = "open"
    drop_reason: str = ""
    course: str = ""
    vacancy: int | None = None
    pretrajectory: UUID | None = None
    suggestion_before: str = ""
    suggestion_after: str = ""


class ConfirmationOut(Schema):
    party: str
    channel: str
    language: str
    interpreter: str
    confirmed_at: str


class PlanVersionOut(Schema):
    id: UUID
    number: int
    trigger: str
    note: str
    created_at: str
    agreed: bool
    confirmations: list[ConfirmationOut]
    snapshot: dict[str, object]
    changes: list[str]


class HerijkingDueOut(Schema):
    trigger: str
    date: date


class PlanOut(Schema):
    id: UUID
    droombaan: str
    droombaan_uri: str
    category_now: str
    category_next: str
    offers: str
    not_offers: str
    contact: str
    steps: list[PlanStepIO]
    versions: list[PlanVersionOut]
    herijking_due: list[HerijkingDueOut]


class PlanStartIn(Schema):
    programme: UUID | None = None


class PlanGoalsIn(Schema):
    droombaan: str | None = None
    droombaan_uri: str | None = None
    category_now: str | None = None
    category_next: str | None = None
    offers: str | None = None
    not_offers: str | None = None
    contact: str | None = None


class PlanVersionIn(Schema):
    trigger: str = ""
    note: str = ""


class ConfirmationIn(Schema):
    party: str
    language: str = ""
    interpreter: str = ""


def _step_io(s: PlanStep) -> PlanStepIO:
    return PlanStepIO(
        id=s.public_id,
        type=s.type,
        title=s.title,
        owner=s.owner,
        due_date=s.due_date,
        status=s.status,
        drop_reason=s.drop_reason,
        course=s.course,
        vacancy=s.vacancy_id,
        pretrajectory=s.pretrajectory.public_id if s.pretrajectory is not None else None,
        suggestion_before=s.suggestion_before,
        suggestion_after=s.suggestion_after,
    )


def _version_out(v: PlanVersion, previous: PlanVersion | None) -> PlanVersionOut:
    return PlanVersionOut(
        id=v.public_id,
        number=v.number,
        trigger=v.trigger,
        note=v.note,
        created_at=v.created_at.isoformat(),
        agreed=v.agreed,
        confirmations=[
            ConfirmationOut(
                party=c.party,
                channel=c.channel,
                language=c.language,
                interpreter=c.interpreter,
                confirmed_at=c.confirmed_at.isoformat(),
            )
            for c in v.confirmations.all()
        ],
        snapshot=v.snapshot,
        changes=plan_words.diff_in_words(previous.snapshot, v.snapshot) if previous else [],
    )


def _plan_out(plan: Plan) -> PlanOut:
    versions = list(plan.versions.prefetch_related("confirmations").order_by("number"))
    return PlanOut(
        id=plan.public_id,
        droombaan=plan.droombaan,
        droombaan_uri=plan.droombaan_uri,
        category_now=plan.category_now,
        category_next=plan.category_next,
        offers=plan.offers,
        not_offers=plan.not_offers,
        contact=plan.contact,
        steps=[_step_io(s) for s in plan.steps.all()],
        versions=[_version_out(v, versions[i - 1] if i else None) for i, v in enumerate(versions)],
        herijking_due=[
            HerijkingDueOut(trigger=d.trigger.value, date=d.on) for d in actions.herijking_due(plan)
        ],
    )


def _plan(request: HttpRequest, public_id: UUID, write: bool) -> tuple[User, Plan | None]:
    user = _user(request)
    participant = get_participant(
        user,
        public_id,
        what="plan",
        action=Action.UPDATE if write else Action.VIEW,
        section="plan",
    )
    return user, Plan.objects.filter(participant=participant).first()


def _no_plan() -> Status[object]:
    return Status(404, Problem(detail="No plan yet."))


@router.get("/participants/{public_id}/plan", response={200: PlanOut, 404: Problem})
def get_plan(request: HttpRequest, public_id: UUID) -> Status[object]:
    _u, plan = _plan(request, public_id, write=False)
    return _no_plan() if plan is None else Status(200, _plan_out(plan))


@router.post("/participants/{public_id}/plan", response={201: PlanOut, 400: Problem, 403: Problem})
def start_plan(request: HttpRequest, public_id: UUID, payload: PlanStartIn) -> Status[object]:
    user = _user(request)
    participant = get_participant(
        user, public_id, what="plan", action=Action.UPDATE, section="plan"
    )
    programme = None
    if payload.programme is not None:
        programme = access.visible_programmes(user).filter(public_id=payload.programme).first()
        if programme is None:
            return Status(
                400, Problem(detail="Unknown programme.", errors={"programme": ["Unknown."]})
            )
    try:
        plan = actions.start_plan(user, participant, programme=programme)
    except PermissionDenied:
        return Status(403, Problem(detail="Not allowed."))
    return Status(201, _plan_out(plan))


@router.patch(
    "/participants/{public_id}/plan",
    response={200: PlanOut, 400: Problem, 403: Problem, 404: Problem},
)
def change_plan_goals(
    request: HttpRequest, public_id: UUID, payload: PlanGoalsIn
) -> Status[object]:
    user, plan = _plan(request, public_id, write=True)
    if plan is None:
        return _no_plan()
    fields = {k: v for k, v in payload.dict().items() if v is not None}
    try:
        actions.save_plan_goals(user, plan, **fields)
    except PermissionDenied:
        return Status(403, Problem(detail="Not allowed."))
    except ValidationError as exc:
        return Status(400, Problem(detail="The plan is not valid.", errors=field_errors(exc)))
    return Status(200, _plan_out(plan))


def _save_step(user: User, step: PlanStep, payload: PlanStepIO) -> Status[object]:
    for name in ("type", "title", "owner", "due_date", "status", "drop_reason", "course"):
        setattr(step, name, getattr(payload, name))
    step.vacancy = None
    if payload.vacancy is not None:
        # Only a vacancy the coach may see (the employer desk's rule); the action checks it too.
        step.vacancy = vacancies_for(user).filter(pk=payload.vacancy).first()
        if step.vacancy is None:
            return Status(400, Problem(detail="Unknown vacancy.", errors={"vacancy": ["Unknown."]}))
    step.pretrajectory = None
    if payload.pretrajectory is not None:
        # Looked up among all records; the model's clean refuses another participant's.
        step.pretrajectory = Pretrajectory.objects.filter(public_id=payload.pretrajectory).first()
        if step.pretrajectory is None:
            return Status(
                400, Problem(detail="Unknown voortraject.", errors={"pretrajectory": ["Unknown."]})
            )
    try:
        saved = actions.save_step(user, step)
    except PermissionDenied:
        return Status(403, Problem(detail="Not allowed."))
    except ValidationError as exc:
        return Status(400, Problem(detail="The step is not valid.", errors=field_errors(exc)))
    return Status(201 if payload.id is None else 200, _step_io(saved))


@router.post(
    "/participants/{public_id}/plan/steps",
    response={201: PlanStepIO, 400: Problem, 403: Problem, 404: Problem},
)
def add_plan_step(request: HttpRequest, public_id: UUID, payload: PlanStepIO) -> Status[object]:
    user, plan = _plan(request, public_id, write=True)
    if plan is None:
        return _no_plan()
    payload.id = None
    return _save_step(user, PlanStep(plan=plan), payload)


@router.put(
    "/participants/{public_id}/plan/steps/{step_id}",
    response={200: PlanStepIO, 400: Problem, 403: Problem, 404: Problem},
)
def change_plan_step(
    request: HttpRequest, public_id: UUID, step_id: UUID, payload: PlanStepIO
) -> Status[object]:
    user, plan = _plan(request, public_id, write=True)
    step = plan.steps.filter(public_id=step_id).first() if plan is not None else None
    if step is None:
        return Status(404, Problem(detail="No such step."))
    payload.id = step.public_id
    return _save_step(user, step, payload)


@router.post(
    "/participants/{public_id}/plan/versions",
    response={201: PlanVersionOut, 400: Problem, 403: Problem, 404: Problem},
)
def add_plan_version(
    request: HttpRequest, public_id: UUID, payload: PlanVersionIn
) -> Status[object]:
    user, plan = _plan(request, public_id, write=True)
    if plan is None:
        return _no_plan()
    try:
        version = actions.save_version(user, plan, trigger=payload.trigger, note=payload.note)
    except PermissionDenied:
        return Status(403, Problem(detail="Not allowed."))
    except ValidationError as exc:
        return Status(400, Problem(detail="The version is not valid.", errors=field_errors(exc)))
    return Status(
        201, _version_out(version, plan.versions.filter(number=version.number - 1).first())
    )


@router.post(
    "/participants/{public_id}/plan/versions/{number}/confirmations",
    response={201: PlanVersionOut, 400: Problem, 403: Problem, 404: Problem},
)
def confirm_plan_version(
    request: HttpRequest, public_id: UUID, number: int, payload: ConfirmationIn
) -> Status[object]:
    user, plan = _plan(request, public_id, write=True)
    version = plan.versions.filter(number=number).first() if plan is not None else None
    if version is None:
        return Status(404, Problem(detail="No such version."))
    try:
        actions.confirm_version(
            user,
            version,
            party=payload.party,
            language=payload.language,
            interpreter=payload.interpreter,
        )
    except PermissionDenied:
        return Status(403, Problem(detail="Not allowed."))
    except ValidationError as exc:
        return Status(
            400, Problem(detail="The confirmation is not valid.", errors=field_errors(exc))
        )
    return Status(201, _version_out(version, plan.versions.filter(number=number - 1).first()))  # type: ignore[union-attr]
