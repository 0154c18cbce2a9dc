"""Handover workflows, link scopes and caseload reassignment. Transactional and audited.

States: proposed -> accepted | rejected; accepted -> completed (sender, receiver and newcomer
confirmed, a ground holds); proposed | accepted -> revoked. A handover needs a ground for its
purpose (``ground_for``): the newcomer's consent for that purpose, or a documented legal task of
the receiving organisation; without one, only a coach with ``handovers.override_consent`` may go
ahead, with a reason, and that override is logged and kept in the handover's history.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.translation import gettext as _

from werkpad.audit import log
from werkpad.audit.models import Action
from werkpad.participants import actions as participant_actions
from werkpad.participants.models import CoachLink, Consent, Participant
from werkpad.participants.purposes import (
    PURPOSES,
    SECTIONS,
    Ground,
    Purpose,
    legal_ground_applies,
)

from .models import Handover, HandoverEvent, HandoverState, Notice

if TYPE_CHECKING:
    from werkpad.accounts.models import Organisation, User
    from werkpad.pathway.models import Programme

OVERRIDE_PERMISSION = "handovers.override_consent"
REASSIGN_PERMISSION = "handovers.reassign_caseload"


# --- grounds ---------------------------------------------------------------------------------------


def consent_for(
    participant: Participant, purpose: str, receiver: Organisation | None
) -> Consent | None:
    """The newcomer's active consent for ``purpose`` (with ``receiver``, or with anyone)."""
    qs = participant.consents.filter(purpose_code=purpose, withdrawn_at__isnull=True)
    if receiver is not None:
        qs = qs.filter(recipient__isnull=True) | qs.filter(recipient=receiver)
    return qs.order_by("-given_at").first()


def ground_for(
    participant: Participant, purpose: str, receiver: Organisation | None
) -> tuple[str, Consent | None]:
    """(ground, consent): consent when given, else the legal ground when it applies, else ""."""
    consent = consent_for(participant, purpose, receiver)
    if consent is not None:
        return Ground.CONSENT, consent
    if legal_ground_applies(purpose, receiver.kind if receiver is not None else None):
        return Ground.LEGAL, None
    return "", None


def _refresh_ground(handover: Handover) -> bool:
    """Re-read the ground (consent may have been given or withdrawn since); True when one holds."""
    if handover.override_reason:
        return True
    ground, consent = ground_for(handover.participant, handover.purpose, handover.to_organisation)
    handover.ground, handover.consent = ground, consent
    handover.save(update_fields=["ground", "consent"])
    return bool(ground)


# --- history and notices ---------------------------------------------------------------------------


def _event(user: User | None, handover: Handover, event: str, detail: str = "") -> None:
    HandoverEvent.objects.create(handover=handover, user=user, event=event, detail=detail[:300])
    participant_actions.record_related_change(
        user,  # type: ignore[arg-type]
        handover.participant,
        section="handover",
        label=force_str(_("Handover")),
        old="",
        new=f"{event}: {_coach(handover.from_coach)} → {_coach(handover.to_coach)}",
    )


def _coach(coach: User) -> str:
    name = coach.get_full_name() or coach.get_username()
    return f"{name} ({coach.organisation})" if coach.organisation_id else name


def notify(user: User, text: str, link: str = "") -> Notice:
    return Notice.objects.create(user=user, text=text[:300], link=link)


def _link(handover: Handover) -> str:
    from django.urls import reverse

    return reverse("handovers:detail", args=[handover.public_id])


# --- the handover ----------------------------------------------------------------------------------


@transaction.atomic
def propose(
    user: User,
    participant: Participant,
    to_coach: User,
    *,
    purpose: str = Purpose.HANDOVER,
    shared_sections: Iterable[str] | None = None,
    meeting_date: date | None = None,
    change_enrolment_to: Programme | None = None,
    note: str = "",
    override_reason: str = "",
) -> Handover:
    """Propose handing ``participant`` over to ``to_coach`` (the caller manages the file)."""
    errors: dict[str, list[str]] = {}
    if not to_coach.is_coach or not to_coach.is_active or to_coach.organisation_id is None:
        errors["to_coach"] = [_("Choose an active coach of an organisation.")]
    elif to_coach.pk == participant.regiehouder_id or to_coach.pk == user.pk:
        errors["to_coach"] = [_("This coach already holds the file.")]
    if purpose not in PURPOSES:
        errors["purpose"] = [_("Choose a purpose.")]
    sections = (
        list(shared_sections)
        if shared_sections is not None
        else list(PURPOSES.get(purpose, PURPOSES[Purpose.HANDOVER]).sections)
    )
    if not sections or set(sections) - set(SECTIONS):
        errors["shared_sections"] = [_("Choose the sections of the file to share.")]
    override_reason = override_reason.strip()
    if override_reason and not user.has_perm(OVERRIDE_PERMISSION):
        errors["override_reason"] = [
            _("You may not hand over a file without the newcomer's consent.")
        ]
    if (
        Handover.objects.filter(participant=participant, to_coach=to_coach)
        .filter(state__in=[HandoverState.PROPOSED, HandoverState.ACCEPTED])
        .exists()
    ):
        errors.setdefault("to_coach", []).append(
            _("A handover of this file to this coach is already open.")
        )
    if errors:
        raise ValidationError(errors)
    ground, consent = ground_for(participant, purpose, to_coach.organisation)
    handover = Handover.objects.create(
        participant=participant,
        from_coach=participant.regiehouder or user,
        from_organisation=participant.organisation,
        to_coach=to_coach,
        to_organisation=to_coach.organisation,
        purpose=purpose,
        ground=ground,
        consent=consent,
        override_reason=override_reason if not ground else "",
        shared_sections=[s for s in SECTIONS if s in sections],
        meeting_date=meeting_date,
        change_enrolment_to=change_enrolment_to,
        note=note,
    )
    _event(user, handover, "proposed")
    if handover.override_reason:
        # Its own entry in the access log: a file handed over without consent.
        log.record(user, participant, Action.UPDATE, "handover without consent (override)")
        _event(user, handover, "consent overridden", handover.override_reason)
    log.record(user, participant, Action.UPDATE, "handover")
    notify(to_coach, _("A handover has been proposed to you."), _link(handover))
    return handover


def _require(handover: Handover, *states: str) -> None:
    if handover.state not in states:
        raise ValidationError(
            {"state": [_("This handover is %(state)s.") % {"state": handover.get_state_display()}]}
        )


@transaction.atomic
def accept(user: User, handover: Handover) -> Handover:
    """The receiver accepts: from now until completion they read the shared sections only."""
    if user.pk != handover.to_coach_id:
        raise PermissionError
    _require(handover, HandoverState.PROPOSED)
    if not _refresh_ground(handover):
        raise ValidationError(
            {
                "ground": [
                    _(
                        "There is no ground for this handover yet: the newcomer has not "
                        "consented to it."
                    )
                ]
            }
        )
    handover.state = HandoverState.ACCEPTED
    handover.save(update_fields=["state"])
    _event(user, handover, "accepted")
    log.record(user, handover.participant, Action.UPDATE, "handover")
    notify(handover.from_coach, _("Your handover was accepted."), _link(handover))
    return handover


@transaction.atomic
def reject(user: User, handover: Handover, reason: str = "") -> Handover:
    if user.pk != handover.to_coach_id:
        raise PermissionError
    _require(handover, HandoverState.PROPOSED)
    handover.state = HandoverState.REJECTED
    handover.closed_at = timezone.now()
    handover.save(update_fields=["state", "closed_at"])
    _event(user, handover, "rejected", reason)
    log.record(user, handover.participant, Action.UPDATE, "handover")
    notify(handover.from_coach, _("Your handover was rejected."), _link(handover))
    return handover


@transaction.atomic
def revoke(user: User, handover: Handover, reason: str = "") -> Handover:
    """Stop the handover: the receiver's access to the shared sections ends at once."""
    _require(handover, HandoverState.PROPOSED, HandoverState.ACCEPTED)
    handover.state = HandoverState.REVOKED
    handover.closed_at = timezone.now()
    handover.save(update_fields=["state", "closed_at"])
    _event(user, handover, "revoked", reason)
    log.record(user, handover.participant, Action.UPDATE, "handover")
    for coach in (handover.to_coach, handover.from_coach):
        if coach.pk != user.pk:
            notify(coach, _("A handover was revoked."), _link(handover))
    return handover


@transaction.atomic
def record_meeting(user: User, handover: Handover, on: date) -> Handover:
    _require(handover, HandoverState.PROPOSED, HandoverState.ACCEPTED)
    handover.meeting_date = on
    handover.save(update_fields=["meeting_date"])
    _event(user, handover, "meeting", on.isoformat())
    return handover


def role_in(user: User, handover: Handover) -> str:
    """'sender', 'receiver', 'newcomer' or ''."""
    if user.pk == handover.from_coach_id:
        return "sender"
    if user.pk == handover.to_coach_id:
        return "receiver"
    if handover.participant.user_id == user.pk:
        return "newcomer"
    return ""


@transaction.atomic
def confirm(user: User, handover: Handover) -> Handover:
    """One party confirms the handover after the meeting; the last confirmation completes it."""
    role = role_in(user, handover)
    if not role:
        raise PermissionError
    _require(handover, HandoverState.ACCEPTED)
    if handover.meeting_date is None:
        raise ValidationError({"meeting_date": [_("Record the meeting with the newcomer first.")]})
    field = f"{role}_confirmed_at"
    if getattr(handover, field) is None:
        setattr(handover, field, timezone.now())
        handover.save(update_fields=[field])
        _event(user, handover, f"confirmed by {role}")
    if (
        handover.sender_confirmed_at
        and handover.receiver_confirmed_at
        and handover.newcomer_confirmed_at
    ):
        complete(user, handover)
    return handover


@transaction.atomic
def complete(user: User, handover: Handover) -> Handover:
    """The receiver becomes regiehouder (and the enrolment changes when the handover says so)."""
    _require(handover, HandoverState.ACCEPTED)
    missing = [
        name
        for name in ("sender_confirmed_at", "receiver_confirmed_at", "newcomer_confirmed_at")
        if getattr(handover, name) is None
    ]
    if missing:
        raise ValidationError(
            {"state": [_("Both coaches and the newcomer must confirm the handover first.")]}
        )
    if not _refresh_ground(handover):
        raise ValidationError({"ground": [_("There is no ground for this handover.")]})
    participant = Participant.objects.select_for_update().get(pk=handover.participant_id)
    participant_actions.set_regiehouder(user, participant, handover.to_coach)
    if handover.change_enrolment_to is not None:
        from werkpad.pathway import actions as pathway_actions

        pathway_actions.enrol(
            user, participant, handover.change_enrolment_to, intake_date=timezone.localdate()
        )
    handover.state = HandoverState.COMPLETED
    handover.closed_at = timezone.now()
    handover.save(update_fields=["state", "closed_at"])
    _event(user, handover, "completed")
    for coach in (handover.from_coach, handover.to_coach):
        notify(coach, _("A handover was completed."), _link(handover))
    return handover


# --- link scopes -----------------------------------------------------------------------------------


@transaction.atomic
def set_link_scope(
    user: User,
    participant: Participant,
    link: CoachLink,
    *,
    purpose: str,
    read: Iterable[str],
    edit: Iterable[str],
) -> CoachLink:
    """The regiehouder sets a link's purpose and sections (edit implies read), with history."""
    if link.participant_id != participant.pk:
        raise ValueError("this coach link belongs to another participant")
    edit_list = [s for s in SECTIONS if s in set(edit)]
    read_list = [s for s in SECTIONS if s in set(read) | set(edit_list)]
    old = _scope_text(link)
    link.purpose, link.read_sections, link.edit_sections = purpose, read_list, edit_list
    link.save(update_fields=["purpose", "read_sections", "edit_sections"])
    new = _scope_text(link)
    if new != old:
        participant_actions.record_related_change(
            user,
            participant,
            section="coaches",
            label=force_str(_("Scope of linked coach")),
            old=f"{_coach(link.coach)}: {old}",
            new=f"{_coach(link.coach)}: {new}",
        )
    return link


def _scope_text(link: CoachLink) -> str:
    return f"{Purpose(link.purpose).label}; " + _("reads %(read)s; edits %(edit)s") % {
        "read": ", ".join(link.read_sections) or "—",
        "edit": ", ".join(link.edit_sections) or "—",
    }


# --- bulk reassignment -----------------------------------------------------------------------------


def may_reassign(user: User) -> bool:
    from werkpad.pathway.actions import MANAGE_PERMISSION

    return bool(
        user.is_authenticated
        and user.is_coach
        and user.organisation_id
        and (user.has_perm(REASSIGN_PERMISSION) or user.has_perm(MANAGE_PERMISSION))
    )


def may_receive(coach: User, participant: Participant) -> bool:
    """A file goes only to an active coach of the file's own organisation: someone who, as its
    regiehouder, holds the file for the organisation that already holds it. Never to another
    organisation (that is a handover, with a ground and the newcomer's meeting)."""
    return bool(
        coach.is_active
        and coach.is_coach
        and coach.organisation_id is not None
        and coach.organisation_id == participant.organisation_id
    )


def check_receivers(user: User, leaving: User, receivers: Iterable[User]) -> list[User]:
    """The receiving coaches a coordinator named: active coaches of the coordinator's own
    organisation, not the leaving coach, at least one. All errors at once."""
    chosen = list(dict.fromkeys(receivers))
    problems = []
    if not chosen:
        problems.append(_("Choose at least one coach to receive the files."))
    if any(c.pk == leaving.pk for c in chosen):
        problems.append(_("Choose another coach than the one who leaves."))
    if any(
        not (c.is_active and c.is_coach and c.organisation_id == user.organisation_id)
        for c in chosen
    ):
        problems.append(_("Choose active coaches of your own organisation."))
    if problems:
        raise ValidationError({"receivers": problems})
    return chosen


def propose_distribution(
    user: User, leaving: User, receivers: Iterable[User]
) -> list[tuple[Participant, User | None]]:
    """The preview: every file of which ``leaving`` is regiehouder, with the receiver it would go
    to, balanced (``core.caseload.balanced``) over the receivers who may hold it (their current
    caseloads counted); ``None`` where no receiver may (another organisation's file: that needs a
    handover). Nothing is changed; the preview's list of files is logged."""
    from werkpad.core.caseload import balanced

    if not may_reassign(user) or leaving.organisation_id != user.organisation_id:
        raise PermissionError
    chosen = check_receivers(user, leaving, receivers)
    files = list(Participant.objects.filter(regiehouder=leaving).order_by("number", "pk"))
    loads = {
        c: Participant.objects.filter(regiehouder=c).count() for c in chosen
    }  # the receivers' caseloads now
    plan: dict[int, User] = {}
    for organisation_id in dict.fromkeys(p.organisation_id for p in files):
        group = [p.pk for p in files if p.organisation_id == organisation_id]
        eligible = {c: n for c, n in loads.items() if c.organisation_id == organisation_id}
        for pk, coach in balanced(group, eligible).items():
            plan[pk] = coach
            loads[coach] += 1
    log.record_many(user, files, Action.LIST, "reassign preview")
    return [(p, plan.get(p.pk)) for p in files]


@transaction.atomic
def reassign_caseload(
    user: User, leaving: User, assignments: Mapping[int, User]
) -> tuple[list[Participant], list[Participant]]:
    """Move the files of which ``leaving`` is regiehouder: ``assignments`` maps participant pk to
    the new regiehouder. Returns (moved, refused): a file whose chosen coach may not receive it
    stays where it is. History per file, a notice to each coach involved."""
    if not may_reassign(user) or leaving.organisation_id != user.organisation_id:
        raise PermissionError
    moved: list[Participant] = []
    refused: list[Participant] = []
    for participant in Participant.objects.select_for_update().filter(
        regiehouder=leaving, pk__in=list(assignments)
    ):
        target = assignments[participant.pk]
        if target.pk == leaving.pk or not may_receive(target, participant):
            refused.append(participant)
            continue
        participant_actions.set_regiehouder(user, participant, target)
        moved.append(participant)
    counts: dict[int, int] = {}
    for participant in moved:
        counts[participant.regiehouder_id] = counts.get(participant.regiehouder_id, 0) + 1  # type: ignore[index]
    from werkpad.accounts.models import User as UserModel

    for coach in UserModel.objects.filter(pk__in=list(counts)):
        notify(
            coach,
            _("%(count)d file(s) were moved to your caseload.") % {"count": counts[coach.pk]},
        )
    if moved:
        notify(leaving, _("%(count)d file(s) of your caseload were moved.") % {"count": len(moved)})
    return moved, refused
