"""The one scoped layer through which personal data is read.

"What may this user see?" is decided here and only here. Views, exports and the API get
participant querysets from :func:`visible_participants` and single files from
:func:`get_participant`, which also writes the access log.

Rules:
- a coach sees participants they are linked to (regiehouder or linked coach), and participants of
  their own organisation who consented to organisation-wide access;
- a newcomer sees only their own file (through the portal);
- employer contacts and analysts see no participant file at all (analysts get aggregates only);
- administrators manage users and the audit log, not case files.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404

from werkpad.audit import log
from werkpad.audit.models import Action

from .choices import ConsentScope
from .models import CoachLink, Consent, Participant

if TYPE_CHECKING:
    from werkpad.accounts.models import User


def visible_participants(user: User) -> QuerySet[Participant]:
    """Every participant ``user`` may open. Empty for roles without case access."""
    if not user.is_authenticated or not user.is_active:
        return Participant.objects.none()
    if user.is_participant:
        return Participant.objects.filter(user=user)
    if not user.is_coach:
        return Participant.objects.none()
    linked = _linked(user)
    if user.organisation_id is None:
        return Participant.objects.filter(linked)
    # Uncorrelated ``pk IN (subquery)`` terms (not ``EXISTS`` per row): the database can then
    # answer each term from an index and union them, instead of scanning every participant.
    org_consent = Consent.objects.filter(
        participant__organisation_id=user.organisation_id,
        scope=ConsentScope.ORGANISATION,
        withdrawn_at__isnull=True,
    ).values("participant_id")
    other_org_consent = Consent.objects.filter(
        scope=ConsentScope.ORGANISATION_OTHER,
        recipient_id=user.organisation_id,
        withdrawn_at__isnull=True,
    ).values("participant_id")
    return Participant.objects.filter(linked | Q(pk__in=org_consent) | Q(pk__in=other_org_consent))


def caseload(user: User) -> QuerySet[Participant]:
    """The participants a coach is responsible for or linked to (their own caseload)."""
    if not user.is_coach:
        return Participant.objects.none()
    return Participant.objects.filter(_linked(user))


def _linked(user: User) -> Q:
    return Q(regiehouder=user) | Q(
        pk__in=CoachLink.objects.filter(coach=user).values("participant_id")
    )


def get_participant(
    user: User, public_id: object, *, what: str, action: str = Action.VIEW
) -> Participant:
    """One participant file for ``user``, logged; 404 when it does not exist *or* is not theirs.

    A refused attempt is logged too (as ``denied``) when the participant exists, so that
    administrators can see probing; the response is the same 404 either way.
    """
    try:
        participant = visible_participants(user).get(public_id=public_id)
    except (Participant.DoesNotExist, ValueError, TypeError, ValidationError):
        existing = (
            Participant.objects.filter(public_id=public_id).first() if _is_uuid(public_id) else None
        )
        if existing is not None:
            log.record(user, existing, Action.DENIED, what)
        raise Http404 from None
    log.record(user, participant, action, what)
    return participant


def can_edit(user: User, participant: Participant) -> bool:
    return bool(user.is_coach) and visible_participants(user).filter(pk=participant.pk).exists()


def _is_uuid(value: object) -> bool:
    import uuid

    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True
