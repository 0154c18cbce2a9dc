"""Who may see a handover record: its two coaches, coaches who manage the file, the newcomer.

Anyone else gets a 404, logged as ``denied`` on the participant (as the file layer does).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.http import Http404

from werkpad.audit import log
from werkpad.audit.models import Action
from werkpad.participants import access

from .models import Handover

if TYPE_CHECKING:
    from werkpad.accounts.models import User


def handovers_for(user: User) -> QuerySet[Handover]:
    if not user.is_authenticated or not user.is_active:
        return Handover.objects.none()
    if user.is_participant:
        return Handover.objects.filter(participant__user=user)
    if not user.is_coach:
        return Handover.objects.none()
    return Handover.objects.filter(
        Q(from_coach=user) | Q(to_coach=user) | Q(participant__regiehouder=user)
    )


def get_handover(user: User, handover_id: object, *, what: str = "handover") -> Handover:
    try:
        handover = (
            handovers_for(user)
            .select_related("participant", "from_coach", "to_coach", "to_organisation")
            .get(public_id=handover_id)
        )
    except (Handover.DoesNotExist, ValueError, TypeError):
        existing = (
            Handover.objects.filter(public_id=handover_id).first() if _uuid(handover_id) else None
        )
        if existing is not None:
            log.record(user, existing.participant, Action.DENIED, what)
        raise Http404 from None
    log.record(user, handover.participant, Action.VIEW, what)
    return handover


def manages(user: User, handover: Handover) -> bool:
    return access.scope_of(user, handover.participant).manage


def _uuid(value: object) -> bool:
    import uuid

    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True
