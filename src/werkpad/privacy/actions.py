"""Workflows of data-subject requests: made by the newcomer, decided by an administrator.

Each is transactional and written to the access log (``werkpad.audit.log``), never by a view.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from werkpad.audit import log
from werkpad.audit.models import Action
from werkpad.core.anonymity import add_months

from .models import AnonymisationReason, DataRequest, RefusalGround, RequestKind, RequestState

if TYPE_CHECKING:
    from werkpad.accounts.models import User
    from werkpad.participants.models import Participant

# AVG art. 12(3): an answer within one month of receipt.
DUE_MONTHS = 1
ERASURE_GROUNDS = (
    RefusalGround.LEGAL_OBLIGATION,
    RefusalGround.PUBLIC_HEALTH,
    RefusalGround.ARCHIVING,
    RefusalGround.LEGAL_CLAIMS,
)
MAX_TEXT = 2000


@transaction.atomic
def make_request(user: User, participant: Participant, kind: str, text: str = "") -> DataRequest:
    """A newcomer's request about their own file, due in one month."""
    if not user.is_participant or participant.user_id != user.pk:
        raise PermissionDenied
    text = (text or "").strip()
    errors: dict[str, list[str]] = {}
    if kind not in (RequestKind.CORRECTION, RequestKind.ERASURE):
        errors.setdefault("kind", []).append(_("Choose what you ask for."))
    if kind == RequestKind.CORRECTION and not text:
        errors.setdefault("text", []).append(_("Write what is wrong and what it should be."))
    if len(text) > MAX_TEXT:
        errors.setdefault("text", []).append(_("Write at most %(n)d characters.") % {"n": MAX_TEXT})
    if (
        kind == RequestKind.ERASURE
        and DataRequest.objects.filter(
            participant=participant, kind=RequestKind.ERASURE, state=RequestState.OPEN
        ).exists()
    ):
        errors.setdefault("kind", []).append(
            _("You already asked for erasure; an administrator will decide soon.")
        )
    if errors:
        raise ValidationError(errors)
    request = DataRequest.objects.create(
        participant=participant,
        kind=kind,
        text=text,
        due_on=add_months(timezone.localdate(), DUE_MONTHS),
    )
    log.record(user, participant, Action.CREATE, f"data request ({kind})")
    return request


def record_download(user: User, participant: Participant, fmt: str) -> DataRequest:
    """A download of one's own data (AVG art. 15 and 20): answered at once, kept in the queue
    as done so that the privacy officer sees it, and logged as an export."""
    now = timezone.now()
    request = DataRequest.objects.create(
        participant=participant,
        kind=RequestKind.ACCESS,
        text="",
        state=RequestState.DONE,
        due_on=add_months(timezone.localdate(), DUE_MONTHS),
        decided_at=now,
        note=f"downloaded ({fmt})",
    )
    log.record(user, participant, Action.EXPORT, f"my data ({fmt})")
    return request


def may_decide(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_administrator)


def may_read_queue(user: User) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_administrator or user.is_privacy_officer)
    )


@transaction.atomic
def decide(
    user: User, request: DataRequest, *, grant: bool, ground: str = "", note: str = ""
) -> DataRequest:
    """An administrator's decision. Granting an erasure carries it out at once: the participant
    is anonymised (``werkpad.privacy.anonymise``). Refusing an erasure needs a ground of
    AVG art. 17(3); refusing a correction needs an explanation."""
    from werkpad.participants.models import Participant

    from .anonymise import anonymise_participant, suppress_small_groups_in_anonymised

    if not may_decide(user):
        raise PermissionDenied
    request = DataRequest.objects.select_for_update().get(pk=request.pk)
    note = (note or "").strip()
    errors: dict[str, list[str]] = {}
    if request.state != RequestState.OPEN:
        errors.setdefault("decision", []).append(_("This request was already decided."))
    if not grant and request.kind == RequestKind.ERASURE and ground not in ERASURE_GROUNDS:
        errors.setdefault("ground", []).append(
            _("Name the ground of AVG art. 17(3) on which the erasure is refused.")
        )
    if not grant and not note:
        errors.setdefault("note", []).append(_("Explain the refusal to the newcomer."))
    if len(note) > MAX_TEXT:
        errors.setdefault("note", []).append(_("Write at most %(n)d characters.") % {"n": MAX_TEXT})
    if errors:
        raise ValidationError(errors)
    request.state = RequestState.DONE if grant else RequestState.REFUSED
    request.ground = "" if grant else ground
    request.note = note
    request.decided_by = user
    request.decided_at = timezone.now()
    request.save()
    if grant and request.kind == RequestKind.ERASURE:
        anonymise_participant(
            request.participant, AnonymisationReason.ERASURE, timezone.localdate(), "art. 17"
        )
        suppress_small_groups_in_anonymised()
        # Logged after the anonymisation, under the new pseudonymous number only.
        log.record(
            user, Participant.objects.get(pk=request.participant_id), Action.DELETE, "erasure"
        )
    else:
        log.record(user, request.participant, Action.UPDATE, f"data request ({request.kind})")
    return request
