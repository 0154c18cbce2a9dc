"""What a newcomer does in the portal, and what a coach does with it: one place, transactional,
audited. Views and the API call these with a participant read through ``participants.access``.

Every write records an access-log entry for the file (``audit.log.record``) and, where the file's
history should show it, a change record.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.translation import gettext as _

from werkpad.audit import log
from werkpad.audit.models import Action
from werkpad.participants import access
from werkpad.participants import actions as participant_actions

from .models import Invitation, Message, MessageKind, Mood, Preference

if TYPE_CHECKING:
    from werkpad.accounts.models import User
    from werkpad.participants.models import Consent, Participant
    from werkpad.pathway.models import PlanStep

MAX_MESSAGE = 2000
INVITATION_DAYS = 14


def own_file(user: User, *, what: str, action: str = Action.VIEW) -> Participant:
    """The newcomer's own file, read (and logged) through the access layer; 404 for anyone else."""
    from django.http import Http404

    if not user.is_authenticated or not user.is_participant:
        raise PermissionDenied
    own = access.visible_participants(user).first()
    if own is None:
        raise Http404
    return access.get_participant(user, own.public_id, what=what, action=action)


def _mine(user: User, participant: Participant) -> None:
    if not user.is_participant or participant.user_id != user.pk:
        raise PermissionDenied


# --- the plan ------------------------------------------------------------------------------------


@transaction.atomic
def add_own_step(
    user: User, participant: Participant, *, title: str, due_date: date | None
) -> PlanStep:
    """The newcomer adds a step of their own to the working copy of the plan (owner: newcomer).

    The coach sees it in the plan's working copy and takes it into the next version."""
    from werkpad.pathway.actions import _plan_change, check_step
    from werkpad.pathway.choices import StepOwner, StepType
    from werkpad.pathway.models import Plan, PlanStep

    _mine(user, participant)
    plan = Plan.objects.filter(participant=participant).first()
    if plan is None:
        raise ValidationError(
            {"title": _("There is no plan yet. You make it together with your coach.")}
        )
    title = title.strip()
    if not title:
        raise ValidationError({"title": _("Write what you want to do.")})
    step = PlanStep(
        plan=plan,
        position=plan.steps.count(),
        type=StepType.OTHER,
        title=title[:200],
        owner=StepOwner.NEWCOMER,
        due_date=due_date,
    )
    check_step(step)
    step.save()
    _plan_change(user, plan, "step", "", f"{step.title}: {step.get_status_display()}")
    log.record(user, participant, Action.CREATE, "portal plan step")
    return step


@transaction.atomic
def mark_step_done(user: User, participant: Participant, step_key: str) -> PlanStep:
    """The newcomer marks one of their own steps done (in the working copy of the plan)."""
    from werkpad.pathway.actions import _plan_change
    from werkpad.pathway.choices import StepOwner, StepStatus
    from werkpad.pathway.models import PlanStep

    _mine(user, participant)
    step = (
        PlanStep.objects.filter(plan__participant=participant, public_id=step_key)
        .select_related("plan")
        .first()
        if access._is_uuid(step_key)
        else None
    )
    if step is None:
        access.refuse(user, participant, "portal plan step")
    if step.owner != StepOwner.NEWCOMER:
        raise ValidationError({"step": _("Only your own steps can be marked done here.")})
    if step.status != StepStatus.DONE:
        old = f"{step.title}: {step.get_status_display()}"
        step.status = StepStatus.DONE
        step.drop_reason = ""
        step.save(update_fields=["status", "drop_reason"])
        _plan_change(user, step.plan, "step", old, f"{step.title}: {step.get_status_display()}")
    log.record(user, participant, Action.UPDATE, "portal plan step")
    return step


# --- messages ------------------------------------------------------------------------------------


def _body(body: str, *, required: bool = True) -> str:
    body = body.strip()
    errors = {}
    if required and not body:
        errors["body"] = _("Write a message.")
    elif len(body) > MAX_MESSAGE:
        errors["body"] = _("Write at most %(n)s characters.") % {"n": MAX_MESSAGE}
    if errors:
        raise ValidationError(errors)
    return body


@transaction.atomic
def send_message(
    user: User,
    participant: Participant,
    body: str,
    *,
    kind: str = MessageKind.MESSAGE,
    mood: str = "",
    plan_version: int | None = None,
) -> Message:
    """A message in the thread: from the newcomer (their own file) or from a coach who manages
    the file. A check-in has a mood and may have no text. The other side is told by e-mail when
    an address is known (the e-mail says only that there is a message: no content)."""
    if kind not in MessageKind.values:
        raise ValidationError({"kind": _("Unknown kind of message.")})
    if user.is_participant:
        _mine(user, participant)
        from_newcomer = True
    elif user.is_coach and access.can_edit(user, participant):
        from_newcomer = False
        kind = MessageKind.MESSAGE
    else:
        raise PermissionDenied
    if kind == MessageKind.CHECKIN:
        if mood not in Mood.values:
            raise ValidationError({"mood": _("Choose how it is going.")})
        body = _body(body, required=False)
    else:
        mood = ""
        body = _body(body)
    message = Message.objects.create(
        participant=participant,
        author=user,
        from_newcomer=from_newcomer,
        kind=kind,
        mood=mood,
        body=body,
        plan_version=plan_version,
    )
    log.record(user, participant, Action.CREATE, "portal message")
    transaction.on_commit(lambda: _notify(message))
    return message


def _notify(message: Message) -> None:
    """E-mail the other side that a message is waiting (never its content: no personal data)."""
    from django.core.mail import send_mail

    participant = message.participant
    to = participant.regiehouder if message.from_newcomer else participant.user
    address = getattr(to, "email", "") if to is not None else ""
    if not address:
        return
    send_mail(
        force_str(_("Werkpad: a new message")),
        force_str(_("There is a new message for you in Werkpad. Log in to read it.")),
        None,
        [address],
        fail_silently=True,
    )


def thread(user: User, participant: Participant) -> list[Message]:
    """The thread, oldest first; reading it marks the other side's messages read."""
    reader_is_newcomer = user.is_participant
    if reader_is_newcomer:
        _mine(user, participant)
    messages = list(Message.objects.filter(participant=participant).select_related("author"))
    unread = [m.pk for m in messages if m.from_newcomer != reader_is_newcomer and m.read_at is None]
    if unread and (reader_is_newcomer or access.can_edit(user, participant)):
        Message.objects.filter(pk__in=unread).update(read_at=timezone.now())
        log.record(user, participant, Action.UPDATE, "portal messages read")
    return messages


def unread_from_newcomers(coach: User) -> list[Message]:
    """Messages from newcomers the coach manages that nobody has read yet (the attention list)."""
    if not coach.is_coach:
        return []
    return list(
        Message.objects.filter(
            participant__in=access.caseload(coach), from_newcomer=True, read_at__isnull=True
        )
        .select_related("participant")
        .order_by("created_at")
    )


# --- preferences ---------------------------------------------------------------------------------


@transaction.atomic
def set_preference(user: User, participant: Participant, **values: bool) -> Preference:
    _mine(user, participant)
    pref, _created = Preference.objects.get_or_create(participant=participant)
    for name, value in values.items():
        if name not in {"show_dutch", "wants_suggestions"}:
            raise ValueError(name)
        setattr(pref, name, bool(value))
    pref.save()
    log.record(user, participant, Action.UPDATE, "portal preferences")
    return pref


def preference(participant: Participant) -> Preference:
    return Preference.objects.filter(participant=participant).first() or Preference(
        participant=participant
    )


# --- consent -------------------------------------------------------------------------------------


@transaction.atomic
def withdraw_own_consent(user: User, participant: Participant, consent_id: int) -> Consent:
    """The newcomer withdraws one of their consents (any purpose, any recipient)."""
    _mine(user, participant)
    consent = participant.consents.filter(pk=consent_id, withdrawn_at__isnull=True).first()
    if consent is None:
        access.refuse(user, participant, "portal consent")
    participant_actions.withdraw_consent(user, participant, consent)
    log.record(user, participant, Action.UPDATE, "portal consent")
    return consent


@transaction.atomic
def give_own_consent(user: User, participant: Participant, purpose: str) -> Consent:
    """The newcomer gives consent for a purpose that needs no recipient chosen by the coach:
    anonymous evaluation and research (handovers and employers are asked about one by one)."""
    from werkpad.participants.choices import ConsentScope
    from werkpad.participants.purposes import Purpose

    _mine(user, participant)
    scopes = {Purpose.EVALUATION: ConsentScope.RESEARCH, Purpose.RESEARCH: ConsentScope.RESEARCH}
    if purpose not in scopes:
        raise ValidationError({"purpose": _("This consent is asked for when it is needed.")})
    consent = participant_actions.give_consent(
        user, participant, scopes[purpose], purpose_code=purpose
    )
    log.record(user, participant, Action.UPDATE, "portal consent")
    return consent


# --- invitations ---------------------------------------------------------------------------------


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def invite(coach: User, participant: Participant) -> tuple[Invitation, str]:
    """A one-time link for the newcomer (an account is made when there is none). Earlier unused
    invitations stop working. Returns the invitation and its token (shown once, never stored)."""
    from werkpad.accounts.models import Role, User

    if not coach.is_coach or not access.can_edit(coach, participant):
        raise PermissionDenied
    if participant.user is None:
        base = f"nieuwkomer-{participant.number}".lower()[:140]
        account = User(username=base, role=Role.PARTICIPANT, first_name=participant.first_name)
        account.set_unusable_password()
        account.save()
        participant.user = account
        participant.save(update_fields=["user"])
        participant_actions.record_related_change(
            coach,
            participant,
            section="portal",
            label=force_str(_("Portal account")),
            old="",
            new=account.username,
        )
    now = timezone.now()
    Invitation.objects.filter(
        user=participant.user, used_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=now)
    token = secrets.token_urlsafe(24)
    invitation = Invitation.objects.create(
        user=participant.user,
        token_hash=_hash(token),
        created_by=coach,
        expires_at=now + timedelta(days=INVITATION_DAYS),
    )
    log.record(coach, participant, Action.CREATE, "portal invitation")
    return invitation, token


def invitation_for(token: str) -> Invitation | None:
    """The unused, unexpired invitation with this token, or None."""
    return (
        Invitation.objects.filter(
            token_hash=_hash(token),
            used_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .select_related("user")
        .first()
    )


@transaction.atomic
def redeem(invitation: Invitation, password: str) -> User:
    """Set the newcomer's password and use up the invitation (it works once)."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.used_at is not None or invitation.revoked_at is not None:
        raise ValidationError(
            _("This invitation link was already used. Ask your coach for a new one.")
        )
    user = invitation.user
    user.set_password(password)
    user.is_active = True
    user.save(update_fields=["password", "is_active"])
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_at"])
    participant = getattr(user, "participant", None)
    log.record(user, participant, Action.UPDATE, "portal invitation used")
    return user
