"""Workflows on participant files. Each is transactional and audit-logged; views call these."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _

from werkpad.audit import log
from werkpad.audit.models import Action

from .choices import ConsentScope, ParticipantStatus
from .models import ChangeRecord, CoachLink, Consent, Participant, StatusChange

if TYPE_CHECKING:
    from werkpad.accounts.models import Organisation, User


def display_value(instance: models.Model, field_name: str, value: Any) -> str:
    """The value as a person reads it in the history (choice labels, dates, names)."""
    if value is None or value == "":
        return ""
    if field_name.endswith("_mask"):
        from .sections import describe_mask

        return describe_mask(int(value))
    field = instance._meta.get_field(field_name)
    if getattr(field, "choices", None):
        return force_str(dict(field.flatchoices).get(value, value))  # type: ignore[attr-defined]
    if isinstance(value, bool):
        return force_str(_("yes") if value else _("no"))
    if isinstance(value, models.Model):
        return str(value)
    return force_str(value)


@transaction.atomic
def create_participant(user: User, organisation: Organisation, **fields: Any) -> Participant:
    participant = Participant(organisation=organisation, **fields)
    if participant.regiehouder_id is None and user.is_coach:
        participant.regiehouder = user
    participant.save()
    StatusChange.objects.create(
        participant=participant,
        status=participant.status,
        date=timezone.localdate(),
        recorded_by=user,
    )
    log.record(user, participant, Action.CREATE, "participant")
    return participant


@transaction.atomic
def update_participant(
    user: User, participant: Participant, changes: Mapping[str, Any], *, section: str
) -> list[ChangeRecord]:
    """Apply ``changes`` to the file and keep a history row per changed field."""
    records: list[ChangeRecord] = []
    for name, new in changes.items():
        old = getattr(participant, name)
        if _same(old, new):
            continue
        field = participant._meta.get_field(name)
        records.append(
            ChangeRecord(
                participant=participant,
                user=user,
                section=section,
                field=name,
                label=force_str(getattr(field, "verbose_name", name)),
                old_value=display_value(participant, name, old),
                new_value=display_value(participant, name, new),
            )
        )
        setattr(participant, name, new)
    if records:
        participant.save()
        ChangeRecord.objects.bulk_create(records)
    log.record(user, participant, Action.UPDATE, section)
    return records


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, models.Model) or isinstance(new, models.Model):
        return getattr(old, "pk", None) == getattr(new, "pk", None)
    return bool(old == new)


@transaction.atomic
def record_related_change(
    user: User, participant: Participant, *, section: str, label: str, old: str, new: str
) -> None:
    """History for changes to related rows (languages, diplomas, certificates, ...)."""
    ChangeRecord.objects.create(
        participant=participant,
        user=user,
        section=section,
        field=section,
        label=label,
        old_value=old,
        new_value=new,
    )
    participant.save(update_fields=["updated_at"])
    log.record(user, participant, Action.UPDATE, section)


@transaction.atomic
def set_status(
    user: User | None,
    participant: Participant,
    status: str,
    *,
    on: date | None = None,
    reason: str = "",
) -> StatusChange:
    on = on or timezone.localdate()
    old = participant.status
    change = StatusChange.objects.create(
        participant=participant, status=status, date=on, reason=reason, recorded_by=user
    )
    if old != status:
        participant.status = status
        participant.save(update_fields=["status", "updated_at"])
        ChangeRecord.objects.create(
            participant=participant,
            user=user,
            section="status",
            field="status",
            label=force_str(Participant._meta.get_field("status").verbose_name),
            old_value=force_str(ParticipantStatus(old).label) if old else "",
            new_value=force_str(ParticipantStatus(status).label),
        )
    log.record(user, participant, Action.UPDATE, "status")
    return change


@transaction.atomic
def give_consent(
    user: User,
    participant: Participant,
    scope: str,
    *,
    recipient: Organisation | None = None,
    purpose: str = "",
) -> Consent:
    existing = participant.consents.filter(
        scope=scope, recipient=recipient, withdrawn_at__isnull=True
    ).first()
    if existing is not None:
        return existing
    consent = Consent.objects.create(
        participant=participant,
        scope=scope,
        recipient=recipient,
        purpose=purpose,
        given_at=timezone.now(),
        recorded_by=user,
    )
    record_related_change(
        user,
        participant,
        section="consent",
        label=force_str(ConsentScope(scope).label),
        old="",
        new=_consent_text(consent),
    )
    return consent


@transaction.atomic
def withdraw_consent(user: User, participant: Participant, consent: Consent) -> Consent:
    if consent.participant_id != participant.pk or consent.withdrawn_at is not None:
        return consent
    consent.withdrawn_at = timezone.now()
    consent.save(update_fields=["withdrawn_at"])
    record_related_change(
        user,
        participant,
        section="consent",
        label=force_str(ConsentScope(consent.scope).label),
        old=_consent_text(consent),
        new="",
    )
    return consent


def _consent_text(consent: Consent) -> str:
    parts = [force_str(ConsentScope(consent.scope).label)]
    if consent.recipient_id:
        parts.append(str(consent.recipient))
    if consent.purpose:
        parts.append(consent.purpose)
    return " — ".join(parts)


@transaction.atomic
def link_coach(user: User, participant: Participant, coach: User, role: str = "") -> CoachLink:
    link, created = CoachLink.objects.get_or_create(
        participant=participant, coach=coach, defaults={"role": role}
    )
    if created:
        record_related_change(
            user, participant, section="coaches", label="coach", old="", new=coach.get_full_name()
        )
    return link


@transaction.atomic
def set_regiehouder(user: User, participant: Participant, coach: User) -> None:
    update_participant(user, participant, {"regiehouder": coach}, section="coaches")


def log_list(user: User, participants: Iterable[Participant], what: str) -> None:
    """Log that a list showed these participants (caseload pages, exports)."""
    log.record_many(user, participants, Action.LIST, what)
