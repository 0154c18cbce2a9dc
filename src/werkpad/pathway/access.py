"""Enrolments and their records through the participants' scoped layer.

An enrolment, its status history and its records are part of the participant's file: whoever may
open the file (``participants.access.visible_participants``) may see them, nobody else. Single
enrolments are fetched through :func:`get_enrolment`, which logs the read, the change or the refusal
(``denied``) on the participant, exactly as ``participants.access.get_participant`` does.
Programmes hold no personal data: every staff member may list them; managing them is for
administrators and coordinators (``actions.may_manage_programmes``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404

from werkpad.audit.models import Action
from werkpad.participants.access import get_participant, refuse, scope_of, visible_participants

from .models import Enrolment, Programme

if TYPE_CHECKING:
    from werkpad.accounts.models import User


def visible_enrolments(user: User) -> QuerySet[Enrolment]:
    """Enrolments of the files whose path (``RECORD_SECTIONS["pathway"]``) ``user`` may read."""
    return Enrolment.objects.filter(participant__in=visible_participants(user, section="pathway"))


def visible_programmes(user: User) -> QuerySet[Programme]:
    if not user.is_authenticated or not user.is_active:
        return Programme.objects.none()
    if user.is_coach or user.is_administrator or user.is_analyst:
        return Programme.objects.all()
    return Programme.objects.none()


def get_enrolment(
    user: User, public_id: object, *, what: str, action: str = Action.VIEW
) -> Enrolment:
    """One enrolment for ``user``; 404 (and ``denied`` in the log) when its file is not theirs."""
    try:
        enrolment = (
            Enrolment.objects.select_related("participant", "programme")
            .filter(public_id=public_id)
            .first()
        )
    except (ValueError, TypeError, ValidationError):
        enrolment = None
    if enrolment is None:
        raise Http404
    participant = get_participant(
        user, enrolment.participant.public_id, what=what, action=action, section="pathway"
    )
    if action != Action.VIEW and user.is_coach and not scope_of(user, participant).manage:
        # Changing the path manages the file: not for a scoped link of another organisation.
        refuse(user, participant, what)
    return enrolment
