"""JSON API of handovers, mounted at /api/handovers/. Same actions and access layer as the pages:
a handover or file outside the user's reach is a 404 logged as ``denied``."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router, Schema, Status

from werkpad.accounts.models import Role, User
from werkpad.api.problems import Problem, field_errors
from werkpad.audit.models import Action
from werkpad.participants import access as file_access
from werkpad.participants.models import Participant
from werkpad.participants.purposes import Purpose

from . import actions
from .access import get_handover, handovers_for, manages
from .models import Handover

router = Router(tags=["handovers"])


class HandoverOut(Schema):
    id: UUID
    participant: UUID
    from_coach: str
    to_coach: str
    to_organisation: str
    purpose: str
    ground: str
    state: str
    shared_sections: list[str]
    meeting_date: date | None
    sender_confirmed_at: datetime | None
    receiver_confirmed_at: datetime | None
    newcomer_confirmed_at: datetime | None


class HandoverIn(Schema):
    participant: UUID
    to_coach: str
    purpose: Purpose = Purpose.HANDOVER
    shared_sections: list[str] | None = None
    meeting_date: date | None = None
    note: str = ""
    override_reason: str = ""


class StepIn(Schema):
    meeting_date: date | None = None
    reason: str = ""


def _user(request: HttpRequest) -> User:
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    return user


def _out(h: Handover) -> HandoverOut:
    return HandoverOut(
        id=h.public_id,
        participant=h.participant.public_id,
        from_coach=h.from_coach.username,
        to_coach=h.to_coach.username,
        to_organisation=str(h.to_organisation),
        purpose=h.purpose,
        ground=h.ground,
        state=h.state,
        shared_sections=list(h.shared_sections),
        meeting_date=h.meeting_date,
        sender_confirmed_at=h.sender_confirmed_at,
        receiver_confirmed_at=h.receiver_confirmed_at,
        newcomer_confirmed_at=h.newcomer_confirmed_at,
    )


@router.get("/", response=list[HandoverOut])
def list_handovers(request: HttpRequest) -> list[HandoverOut]:
    qs = handovers_for(_user(request)).select_related(
        "participant", "from_coach", "to_coach", "to_organisation"
    )
    return [_out(h) for h in qs]


@router.post("/", response={201: HandoverOut, 400: Problem, 404: Problem})
def propose(request: HttpRequest, payload: HandoverIn) -> Status[object]:
    user = _user(request)
    participant = file_access.get_case_file(
        user, payload.participant, what="handover (api)", action=Action.UPDATE, manage=True
    )
    to_coach = User.objects.filter(username=payload.to_coach, role=Role.COACH).first()
    if to_coach is None:
        return Status(400, Problem(detail="Unknown coach.", errors={"to_coach": ["Unknown."]}))
    try:
        handover = actions.propose(
            user,
            participant,
            to_coach,
            purpose=payload.purpose,
            shared_sections=payload.shared_sections,
            meeting_date=payload.meeting_date,
            note=payload.note,
            override_reason=payload.override_reason,
        )
    except ValidationError as exc:
        return Status(400, Problem(detail="The handover is not valid.", errors=field_errors(exc)))
    return Status(201, _out(handover))


# --- bulk reassignment: a leaving coach's caseload over one or several colleagues -------------------


class ReassignPreviewIn(Schema):
    leaving: str
    receivers: list[str]


class AssignmentIn(Schema):
    participant: UUID
    coach: str


class AssignmentOut(Schema):
    participant: UUID
    number: str
    coach: str | None


class ReassignIn(Schema):
    leaving: str
    assignments: list[AssignmentIn]


class ReassignOut(Schema):
    moved: list[UUID]
    stayed: list[UUID]


def _reassign_parties(
    user: User, leaving: str, receivers: list[str]
) -> tuple[User, dict[str, User]] | Status[object]:
    if not actions.may_reassign(user):
        return Status(403, Problem(detail="Only a coordinator moves caseloads."))
    colleagues = User.objects.filter(role=Role.COACH, organisation_id=user.organisation_id)
    found = colleagues.filter(username=leaving).first()
    named = {u.username: u for u in User.objects.filter(username__in=receivers)}
    unknown = [r for r in receivers if r not in named]
    if found is None or unknown:
        errors = {"leaving": ["Unknown."]} if found is None else {}
        if unknown:
            errors["receivers"] = ["Unknown: " + ", ".join(sorted(unknown))]
        return Status(400, Problem(detail="Unknown coach.", errors=errors))
    return found, named


@router.post("/reassign/preview", response={200: list[AssignmentOut], 400: Problem, 403: Problem})
def reassign_preview(request: HttpRequest, payload: ReassignPreviewIn) -> Status[object]:
    """The proposed distribution (balanced over the receivers); nothing moves."""
    user = _user(request)
    parties = _reassign_parties(user, payload.leaving, payload.receivers)
    if isinstance(parties, Status):
        return parties
    leaving, named = parties
    try:
        proposal = actions.propose_distribution(user, leaving, list(named.values()))
    except ValidationError as exc:
        return Status(400, Problem(detail="Not possible.", errors=field_errors(exc)))
    return Status(
        200,
        [
            AssignmentOut(participant=p.public_id, number=p.number, coach=c.username if c else None)
            for p, c in proposal
        ],
    )


@router.post("/reassign", response={200: ReassignOut, 400: Problem, 403: Problem})
def reassign(request: HttpRequest, payload: ReassignIn) -> Status[object]:
    """Move the named files of the leaving coach, each to its coach; a file whose coach may not
    hold it (another organisation, inactive, not a coach) stays. History and notices."""
    user = _user(request)
    coaches = [a.coach for a in payload.assignments]
    parties = _reassign_parties(user, payload.leaving, coaches)
    if isinstance(parties, Status):
        return parties
    leaving, named = parties
    files = {
        p.public_id: p
        for p in Participant.objects.filter(
            regiehouder=leaving, public_id__in=[a.participant for a in payload.assignments]
        )
    }
    assignments = {
        files[a.participant].pk: named[a.coach]
        for a in payload.assignments
        if a.participant in files
    }
    moved, _refused = actions.reassign_caseload(user, leaving, assignments)
    moved_ids = {p.public_id for p in moved}
    stayed = [a.participant for a in payload.assignments if a.participant not in moved_ids]
    return Status(200, ReassignOut(moved=sorted(moved_ids, key=str), stayed=stayed))


@router.get("/{handover_id}", response=HandoverOut)
def get(request: HttpRequest, handover_id: UUID) -> HandoverOut:
    return _out(get_handover(_user(request), handover_id, what="handover (api)"))


@router.post("/{handover_id}/{step}", response={200: HandoverOut, 400: Problem, 404: Problem})
def step(request: HttpRequest, handover_id: UUID, step: str, payload: StepIn) -> Status[object]:
    user = _user(request)
    handover = get_handover(user, handover_id, what="handover (api)")
    role = actions.role_in(user, handover)
    try:
        if step == "accept":
            actions.accept(user, handover)
        elif step == "reject":
            actions.reject(user, handover, payload.reason)
        elif step == "revoke":
            if role not in ("sender", "newcomer") and not manages(user, handover):
                raise PermissionError
            actions.revoke(user, handover, payload.reason)
        elif step == "meeting":
            if role not in ("sender", "receiver"):
                raise PermissionError
            if payload.meeting_date is None:
                raise ValidationError({"meeting_date": ["Enter the date of the meeting."]})
            actions.record_meeting(user, handover, payload.meeting_date)
        elif step == "confirm":
            actions.confirm(user, handover)
        else:
            return Status(404, Problem(detail="Not found."))
    except PermissionError:
        file_access.refuse(user, handover.participant, "handover (api)")
    except ValidationError as exc:
        return Status(400, Problem(detail="Not possible.", errors=field_errors(exc)))
    handover.refresh_from_db()
    return Status(200, _out(handover))
