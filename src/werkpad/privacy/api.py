"""JSON API of data-subject requests, mounted at /api/privacy/. Same actions and access layer as
the pages: a newcomer reaches only their own data and requests; administrators decide; the
privacy officer reads the queue (without the newcomers' texts)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status

from werkpad.accounts.models import User
from werkpad.api.problems import Problem, field_errors
from werkpad.audit import log
from werkpad.audit.models import Action
from werkpad.participants import access
from werkpad.participants.models import Participant

from . import actions, export
from .models import DataRequest

router = Router(tags=["privacy"])


class RequestIn(Schema):
    kind: Literal["correction", "erasure"]
    text: str = ""


class RequestOut(Schema):
    id: UUID
    participant_number: str
    kind: str
    state: str
    created_at: datetime
    due_on: date
    decided_at: datetime | None
    ground: str
    text: str | None
    note: str | None


class DecisionIn(Schema):
    decision: Literal["grant", "refuse"]
    ground: str = ""
    note: str = ""


class Field(Schema):
    field: str
    label: str
    value: Any = None
    text: str


class Section(Schema):
    code: str
    title: str
    records: list[list[Field]]


class LogLine(Schema):
    at: str
    organisation: str
    role: str
    action: str
    action_text: str
    what: str


class MyData(Schema):
    format: str
    made_at: str
    participant_number: str
    sections: list[Section]
    access_log: list[LogLine]


def _user(request: HttpRequest) -> User:
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    return user


def _own(user: User, what: str, action: str = Action.VIEW) -> Participant:
    own = access.visible_participants(user).first()
    if own is None:
        raise Http404
    return access.get_participant(user, own.public_id, what=what, action=action)


def _out(r: DataRequest, *, with_text: bool) -> RequestOut:
    return RequestOut(
        id=r.public_id,
        participant_number=r.participant.number,
        kind=r.kind,
        state=r.state,
        created_at=r.created_at,
        due_on=r.due_on,
        decided_at=r.decided_at,
        ground=r.ground,
        text=r.text if with_text else None,
        note=r.note if with_text else None,
    )


@router.get("/my-data", response={200: MyData, 403: Problem})
def my_data(request: HttpRequest) -> Status[object]:
    """Everything Werkpad holds about me (newcomers only; AVG art. 15 and 20). Logged."""
    user = _user(request)
    if not user.is_participant:
        return Status(403, Problem(detail="Only a newcomer downloads their own data."))
    participant = _own(user, "my data (api)", Action.EXPORT)
    data = export.my_data(participant)
    actions.record_download(user, participant, "api")
    return Status(200, data)


@router.get("/requests", response={200: list[RequestOut], 403: Problem})
def list_requests(request: HttpRequest, state: str = "") -> Status[object]:
    """A newcomer: their own requests. Administrators and the privacy officer: the queue."""
    user = _user(request)
    if user.is_participant:
        participant = _own(user, "data requests (api)")
        rows = list(participant.data_requests.select_related("participant"))
        return Status(200, [_out(r, with_text=True) for r in rows])
    if not actions.may_read_queue(user):
        return Status(403, Problem(detail="Administrators and the privacy officer only."))
    qs = DataRequest.objects.select_related("participant")
    if state:
        qs = qs.filter(state=state)
    rows = list(qs[:500])
    log.record_many(user, [r.participant for r in rows], Action.LIST, "data requests (api)")
    with_text = actions.may_decide(user)
    return Status(200, [_out(r, with_text=with_text) for r in rows])


@router.post("/requests", response={201: RequestOut, 400: Problem, 403: Problem})
def create_request(request: HttpRequest, payload: RequestIn) -> Status[object]:
    """A newcomer asks for a correction or an erasure of their own data (due in one month)."""
    user = _user(request)
    if not user.is_participant:
        return Status(403, Problem(detail="Only a newcomer asks about their own data."))
    participant = _own(user, "data request (api)", Action.CREATE)
    try:
        made = actions.make_request(user, participant, payload.kind, payload.text)
    except ValidationError as exc:
        return Status(400, Problem(detail="The request is not valid.", errors=field_errors(exc)))
    return Status(201, _out(made, with_text=True))


@router.post(
    "/requests/{request_id}/decision", response={200: RequestOut, 400: Problem, 403: Problem}
)
def decide(request: HttpRequest, request_id: UUID, payload: DecisionIn) -> Status[object]:
    """An administrator decides; granting an erasure carries it out at once."""
    user = _user(request)
    if not actions.may_decide(user):
        return Status(403, Problem(detail="Administrators only."))
    found = DataRequest.objects.select_related("participant").filter(public_id=request_id).first()
    if found is None:
        raise Http404
    log.record(user, found.participant, Action.UPDATE, "data request (api)")
    try:
        decided = actions.decide(
            user, found, grant=payload.decision == "grant", ground=payload.ground, note=payload.note
        )
    except ValidationError as exc:
        return Status(400, Problem(detail="The decision is not valid.", errors=field_errors(exc)))
    except PermissionDenied:
        return Status(403, Problem(detail="Administrators only."))
    decided.participant.refresh_from_db()
    return Status(200, _out(decided, with_text=True))
