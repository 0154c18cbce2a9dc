"""JSON API of contact moments, appointments, the schedule check, aftercare check-ins and the
coach's attention list, mounted at /api/care/.

The same actions (``care_actions``, ``aftercare``) and the same scoped layer
(``participants.access.get_case_file``, ``aftercare.get_check_in``) as the pages: reads of a file
are logged, refusals are a 404 logged as ``denied``.
"""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status

from werkpad import attention
from werkpad.accounts.models import User
from werkpad.api.problems import Problem, field_errors
from werkpad.audit.models import Action
from werkpad.participants.access import get_case_file
from werkpad.participants.actions import log_list

from . import aftercare, care_actions
from .care_choices import AppointmentKind, CheckInIssue, ContactKind, HowItGoes
from .care_models import AftercareCheckIn, Appointment, NewcomerContact
from .care_views import APPOINTMENT_SECTION, CONTACT_SECTION

router = Router(tags=["care"])


class ContactOut(Schema):
    id: UUID
    on: date
    kind: str
    with_whom: str
    note: str
    follow_up: str
    follow_up_on: date | None
    follow_up_done: bool


class ContactIn(Schema):
    on: date
    kind: ContactKind
    with_whom: str = ""
    note: str = ""
    follow_up: str = ""
    follow_up_on: date | None = None


class AppointmentOut(Schema):
    id: UUID
    kind: str
    starts_at: datetime
    ends_at: datetime
    place: str
    details: str


class AppointmentIn(Schema):
    kind: AppointmentKind
    starts_at: datetime
    ends_at: datetime
    place: str = ""
    details: str = ""


class ClashOut(Schema):
    kind: str
    weekday: int
    dagdeel: int
    date: date | None
    appointment: UUID | None


class ScheduleCheckOut(Schema):
    week_of: date
    clashes: list[ClashOut]
    warnings: list[str]
    work_hours: float | None
    minimum_hours: float | None
    exit_hours: float | None


class CheckInOut(Schema):
    id: UUID
    track: str
    phase: str
    due_on: date
    done_on: date | None
    how: str
    issues: list[str]
    note: str
    follow_up: str
    follow_up_on: date | None
    placement: UUID
    employer: str
    occupation: str
    participant: UUID | None


class CheckInIn(Schema):
    done_on: date
    how: HowItGoes
    issues: list[CheckInIssue] = []
    note: str = ""
    follow_up: str = ""
    follow_up_on: date | None = None


class AttentionOut(Schema):
    kind: str
    kind_label: str
    title: str
    url: str
    due: date | None
    severity: str
    participant: UUID | None


class AttentionCountOut(Schema):
    kind: str
    kind_label: str
    count: int


class AttentionPageOut(Schema):
    """One page of the attention list: ``items`` from ``offset``; ``total`` items of the kind
    asked for (all kinds when none); ``counts`` and ``overdue`` over the whole list."""

    total: int
    overdue: int
    limit: int
    offset: int
    counts: list[AttentionCountOut]
    items: list[AttentionOut]


ATTENTION_LIMIT = 50
ATTENTION_MAX_LIMIT = 200


def _user(request: HttpRequest) -> User:
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    return user


def _aware(value: datetime) -> datetime:
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def _contact_out(c: NewcomerContact) -> ContactOut:
    return ContactOut(
        id=c.public_id,
        on=c.on,
        kind=c.kind,
        with_whom=c.with_whom,
        note=c.note,
        follow_up=c.follow_up,
        follow_up_on=c.follow_up_on,
        follow_up_done=c.follow_up_done,
    )


def _appointment_out(a: Appointment) -> AppointmentOut:
    return AppointmentOut(
        id=a.public_id,
        kind=a.kind,
        starts_at=a.starts_at,
        ends_at=a.ends_at,
        place=a.place,
        details=a.details,
    )


def _coach(request: HttpRequest) -> User:
    user = _user(request)
    if not user.is_coach:
        raise PermissionDenied
    return user


@router.get("/participants/{public_id}/contacts", response={200: list[ContactOut], 403: Problem})
def list_contacts(request: HttpRequest, public_id: UUID) -> Status[object]:
    user = _user(request)
    p = get_case_file(user, public_id, what="contact moments", section=CONTACT_SECTION)
    return Status(200, [_contact_out(c) for c in p.newcomer_contacts.all()[:500]])


@router.post(
    "/participants/{public_id}/contacts",
    response={201: ContactOut, 400: Problem, 403: Problem},
)
def create_contact(request: HttpRequest, public_id: UUID, payload: ContactIn) -> Status[object]:
    user = _user(request)
    p = get_case_file(
        user,
        public_id,
        what="contact moments",
        action=Action.CREATE,
        section=CONTACT_SECTION,
        edit=True,
    )
    try:
        contact = care_actions.record_contact(user, p, **payload.dict())
    except PermissionDenied:
        return Status(403, Problem(detail="Not allowed."))
    except ValidationError as exc:
        return Status(
            400, Problem(detail="The contact moment is not valid.", errors=field_errors(exc))
        )
    return Status(201, _contact_out(contact))


@router.get(
    "/participants/{public_id}/appointments", response={200: list[AppointmentOut], 403: Problem}
)
def list_appointments(request: HttpRequest, public_id: UUID) -> Status[object]:
    user = _user(request)
    p = get_case_file(user, public_id, what="appointments", section=APPOINTMENT_SECTION)
    return Status(200, [_appointment_out(a) for a in p.dated_appointments.all()[:500]])


@router.post(
    "/participants/{public_id}/appointments",
    response={201: AppointmentOut, 400: Problem, 403: Problem},
)
def create_appointment(
    request: HttpRequest, public_id: UUID, payload: AppointmentIn
) -> Status[object]:
    user = _user(request)
    p = get_case_file(
        user,
        public_id,
        what="appointments",
        action=Action.CREATE,
        section=APPOINTMENT_SECTION,
        edit=True,
    )
    data = payload.dict()
    data["starts_at"] = _aware(data["starts_at"])
    data["ends_at"] = _aware(data["ends_at"])
    try:
        appointment = care_actions.add_appointment(user, p, **data)
    except PermissionDenied:
        return Status(403, Problem(detail="Not allowed."))
    except ValidationError as exc:
        return Status(
            400, Problem(detail="The appointment is not valid.", errors=field_errors(exc))
        )
    return Status(201, _appointment_out(appointment))


@router.get("/participants/{public_id}/schedule-check", response=ScheduleCheckOut)
def schedule_check(
    request: HttpRequest, public_id: UUID, week_of: date | None = None
) -> ScheduleCheckOut:
    user = _user(request)
    p = get_case_file(user, public_id, what="schedule check", section=APPOINTMENT_SECTION)
    day = week_of or timezone.localdate()
    if not date(1990, 1, 1) <= day <= date(2100, 1, 1):
        day = timezone.localdate()
    view = care_actions.check_participant_week(p, day)
    return ScheduleCheckOut(
        week_of=view.monday,
        clashes=[
            ClashOut(
                kind=c.kind.value,
                weekday=c.day,
                dagdeel=c.part,
                date=c.on,
                appointment=UUID(c.ref) if c.ref else None,
            )
            for c in view.check.clashes
        ],
        warnings=[w.value for w in view.check.warnings],
        work_hours=float(view.check.work_hours) if view.check.work_hours is not None else None,
        minimum_hours=float(view.thresholds.minimum)
        if view.thresholds.minimum is not None
        else None,
        exit_hours=float(view.thresholds.exit) if view.thresholds.exit is not None else None,
    )


def _check_in_out(c: AftercareCheckIn, named: set[int]) -> CheckInOut:
    placement = c.schedule.placement
    return CheckInOut(
        id=c.public_id,
        track=c.track,
        phase=c.phase,
        due_on=c.due_on,
        done_on=c.done_on,
        how=c.how,
        issues=list(c.issues),
        note=c.note,
        follow_up=c.follow_up,
        follow_up_on=c.follow_up_on,
        placement=placement.public_id,
        employer=placement.employer.name,
        occupation=placement.occupation,
        participant=c.schedule.participant.public_id
        if c.schedule.participant_id in named
        else None,
    )


@router.get("/check-ins", response={200: list[CheckInOut], 403: Problem})
def list_check_ins(request: HttpRequest, open_only: bool = True) -> Status[object]:
    """Check-ins the user holds or may see, due first (at most 500)."""
    user = _user(request)
    if not user.is_coach:
        return Status(403, Problem(detail="Not allowed."))
    qs = aftercare.check_ins_for(user).select_related(
        "schedule__participant", "schedule__placement__employer"
    )
    if open_only:
        qs = qs.filter(done_on__isnull=True)
    rows = list(qs.order_by("due_on", "id")[:500])
    named = aftercare.named_ids(user, {c.schedule.participant_id for c in rows})
    rows = [c for c in rows if c.track == "employer" or c.schedule.participant_id in named]
    if named:
        log_list(
            user,
            {
                c.schedule.participant_id: c.schedule.participant
                for c in rows
                if c.schedule.participant_id in named
            }.values(),
            "aftercare list",
        )
    return Status(200, [_check_in_out(c, named) for c in rows])


@router.post("/check-ins/{check_in_id}", response={200: CheckInOut, 400: Problem, 403: Problem})
def record_check_in(request: HttpRequest, check_in_id: UUID, payload: CheckInIn) -> Status[object]:
    user = _user(request)
    if not user.is_coach:
        return Status(403, Problem(detail="Not allowed."))
    c = aftercare.get_check_in(user, check_in_id, action=Action.UPDATE)
    named = aftercare.named_ids(user, {c.schedule.participant_id})
    if c.track == "newcomer" and not named:
        return Status(403, Problem(detail="Not allowed."))
    data = payload.dict()
    data["issues"] = [str(i) for i in data["issues"]]
    data["how"] = str(data["how"])
    try:
        aftercare.record_check_in(user, c, **data)
    except PermissionDenied:
        return Status(403, Problem(detail="Not allowed."))
    except ValidationError as exc:
        return Status(400, Problem(detail="The check-in is not valid.", errors=field_errors(exc)))
    return Status(200, _check_in_out(c, named))


@router.get("/attention", response={200: AttentionPageOut, 403: Problem})
def attention_list(
    request: HttpRequest, kind: str = "", limit: int = ATTENTION_LIMIT, offset: int = 0
) -> Status[object]:
    """The coach's attention list (their day), overdue first, in pages: ``limit`` items (1 to
    200) from ``offset``, of one ``kind`` if given. ``total`` counts the items of that kind (all
    kinds when none is given), ``counts`` the whole list per kind."""
    user = _user(request)
    if not user.is_coach:
        return Status(403, Problem(detail="Not allowed."))
    limit = max(1, min(limit, ATTENTION_MAX_LIMIT))
    offset = max(0, offset)
    items, counts, overdue = attention.select(attention.collect(user, timezone.localdate()), kind)
    shown = attention.with_participants(user, items[offset : offset + limit])
    people = attention.shown(shown)
    if people:
        log_list(user, people, "attention list")
    return Status(
        200,
        AttentionPageOut(
            total=len(items),
            overdue=overdue,
            limit=limit,
            offset=offset,
            counts=[AttentionCountOut(kind=k, kind_label=label, count=n) for k, label, n in counts],
            items=[
                AttentionOut(
                    kind=i.kind,
                    kind_label=i.kind_label,
                    title=i.title,
                    url=i.url,
                    due=i.due,
                    severity=str(i.severity),
                    participant=i.participant.public_id if i.participant is not None else None,
                )
                for i in shown
            ],
        ),
    )
