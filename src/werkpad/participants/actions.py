"""Workflows on participant files. Each is transactional and audit-logged; views call these."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from werkpad.audit import log
from werkpad.audit.models import Action

from .choices import ConsentScope
from .models import INTAKE_STEPS, ChangeRecord, CoachLink, Consent, Participant, StatusChange
from .purposes import PURPOSE_OF_SCOPE, PURPOSES, SECTIONS, Purpose
from .rows import ROW_KINDS

if TYPE_CHECKING:
    from werkpad.accounts.models import Organisation, User


def display_value(instance: models.Model, field_name: str, value: Any) -> str:
    """The value as a person reads it in the history (choice labels, dates, names)."""
    if value is None or value == "":
        return ""
    if field_name.endswith("_mask"):
        from .sections import describe_mask

        return describe_mask(int(value))
    from .sections import CODED_FIELDS

    if isinstance(instance, Participant) and field_name in CODED_FIELDS:
        from .codes import show_code

        return show_code(str(value), CODED_FIELDS[field_name])
    field = instance._meta.get_field(field_name)
    if getattr(field, "choices", None):
        return force_str(dict(field.flatchoices).get(value, value))  # type: ignore[attr-defined]
    if isinstance(value, bool):
        return force_str(_("yes") if value else _("no"))
    if isinstance(value, models.Model):
        full_name = getattr(value, "get_full_name", None)
        if callable(full_name):
            return str(full_name() or value)
        return str(value)
    return force_str(value)


@transaction.atomic
def create_participant(user: User, organisation: Organisation, **fields: Any) -> Participant:
    participant = Participant(organisation=organisation, **fields)
    if participant.regiehouder_id is None and user.is_coach:
        participant.regiehouder = user
    participant.save()
    log.record(user, participant, Action.CREATE, "participant")
    # Every file starts with an enrolment in the organisation's standard guidance, whose history
    # holds the status from now on (pathway.actions).
    from werkpad.pathway import actions as pathway_actions

    pathway_actions.enrol(
        user,
        participant,
        pathway_actions.default_programme(organisation),
        intake_date=timezone.localdate(),
    )
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
        # The model's rules (werkpad.validation) for the changed fields: the last check before
        # the database, whoever calls this action.
        changed = {record.field for record in records}
        participant.full_clean(
            exclude=[f.name for f in Participant._meta.fields if f.name not in changed],
            validate_unique=False,
        )
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


def set_status(
    user: User | None,
    participant: Participant,
    status: str,
    *,
    on: date | None = None,
    reason: str = "",
    reason_code: str = "",
) -> StatusChange:
    """A status change of the participant's current enrolment (see ``pathway.actions``).

    Status belongs to an enrolment: this picks the most recent active enrolment that had begun by
    ``on`` (or enrols the participant in the organisation's standard guidance when none is active)
    and calls ``pathway.actions.change_status``. ``ValidationError`` when the pipeline refuses.
    """
    from werkpad.pathway import actions as pathway_actions

    on = on or timezone.localdate()
    with transaction.atomic():
        change = pathway_actions.change_participant_status(
            user, participant, status, on=on, reason=reason, reason_code=reason_code
        )
    participant.refresh_from_db(fields=["status", "updated_at"])
    return change


@transaction.atomic
def give_consent(
    user: User,
    participant: Participant,
    scope: str,
    *,
    recipient: Organisation | None = None,
    purpose: str = "",
    purpose_code: str = "",
) -> Consent:
    """Record consent for ``scope`` (with ``recipient``) for the purpose ``purpose_code`` (by
    default the purpose the scope has always served, ``purposes.PURPOSE_OF_SCOPE``)."""
    code = purpose_code or PURPOSE_OF_SCOPE.get(scope, Purpose.GUIDANCE)
    existing = participant.consents.filter(
        scope=scope, recipient=recipient, purpose_code=code, withdrawn_at__isnull=True
    ).first()
    if existing is not None:
        return existing
    consent = Consent.objects.create(
        participant=participant,
        scope=scope,
        purpose_code=purpose_code or PURPOSE_OF_SCOPE.get(scope, Purpose.GUIDANCE),
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


def _coach_text(coach: User, role: str = "") -> str:
    text = coach.get_full_name() or coach.get_username()
    if coach.organisation_id:
        text = f"{text} ({coach.organisation})"
    if role:
        text = f"{text} — {role}"
    return text


@transaction.atomic
def link_coach(
    user: User,
    participant: Participant,
    coach: User,
    role: str = "",
    *,
    purpose: str = Purpose.GUIDANCE,
) -> CoachLink:
    """Link ``coach`` for ``purpose`` with the default scope (``default_link_scope``); the
    regiehouder may widen or narrow it afterwards (``handovers.actions.set_link_scope``)."""
    if not coach.is_coach:
        raise ValueError("only coaches can be linked to a participant")
    read, edit = default_link_scope(coach, participant, purpose)
    link, created = CoachLink.objects.get_or_create(
        participant=participant,
        coach=coach,
        defaults={"role": role, "purpose": purpose, "read_sections": read, "edit_sections": edit},
    )
    if created:
        record_related_change(
            user,
            participant,
            section="coaches",
            label=capfirst(force_str(CoachLink._meta.verbose_name)),
            old="",
            new=_coach_text(coach, role),
        )
    return link


def default_link_scope(
    coach: User, participant: Participant, purpose: str
) -> tuple[list[str], list[str]]:
    """(read, edit) of a new link: the sections the purpose needs; a colleague of the file's own
    organisation may edit them (when the purpose allows editing), another organisation reads only."""
    sections = [s for s in SECTIONS if s in PURPOSES[purpose].sections]
    same = (
        coach.organisation_id is not None and coach.organisation_id == participant.organisation_id
    )
    return sections, (sections if same and PURPOSES[purpose].may_edit else [])


@transaction.atomic
def unlink_coach(user: User, participant: Participant, link: CoachLink) -> None:
    if link.participant_id != participant.pk:
        raise ValueError("this coach link belongs to another participant")
    text = _coach_text(link.coach, link.role)
    link.delete()
    record_related_change(
        user,
        participant,
        section="coaches",
        label=capfirst(force_str(CoachLink._meta.verbose_name)),
        old=text,
        new="",
    )


@transaction.atomic
def set_regiehouder(
    user: User, participant: Participant, coach: User, *, keep_previous_linked: bool = False
) -> None:
    """Make ``coach`` the one responsible coach; optionally keep the previous one linked."""
    if not coach.is_coach:
        raise ValueError("only a coach can be regiehouder")
    previous = participant.regiehouder
    update_participant(user, participant, {"regiehouder": coach}, section="coaches")
    # The new regiehouder's old coach link is now redundant; left in place it would keep their
    # access after a later handover that does not keep them linked.
    for link in participant.coach_links.filter(coach=coach).select_related("coach"):
        unlink_coach(user, participant, link)
    if keep_previous_linked and previous is not None and previous.pk != coach.pk:
        link_coach(user, participant, previous, role=force_str(_("previous regiehouder")))


# Related rows (languages, diplomas, work experience, certificates, fixed appointments).


@transaction.atomic
def add_row(
    user: User, participant: Participant, kind: str, values: Mapping[str, Any]
) -> models.Model:
    spec = ROW_KINDS[kind]
    row = spec.model(participant=participant, **_row_values(kind, values))
    row.full_clean()
    row.save()
    record_related_change(
        user, participant, section=kind, label=spec.label, old="", new=spec.describe(row)
    )
    return row


@transaction.atomic
def update_row(
    user: User, participant: Participant, kind: str, row_id: int, values: Mapping[str, Any]
) -> models.Model:
    spec = ROW_KINDS[kind]
    row = spec.model._default_manager.select_for_update().get(pk=row_id, participant=participant)
    old = spec.describe(row)
    for name, value in _row_values(kind, values).items():
        setattr(row, name, value)
    row.full_clean()
    row.save()
    new = spec.describe(row)
    if new != old:
        record_related_change(user, participant, section=kind, label=spec.label, old=old, new=new)
    return row


def _row_values(kind: str, values: Mapping[str, Any]) -> dict[str, Any]:
    allowed = ROW_KINDS[kind].fields
    unknown = set(values) - set(allowed)
    if unknown:
        raise ValueError(f"{kind} rows have no field(s) {sorted(unknown)}")
    return dict(values)


@transaction.atomic
def remove_row(user: User, participant: Participant, kind: str, row_id: int) -> None:
    spec = ROW_KINDS[kind]
    row = spec.model._default_manager.get(pk=row_id, participant=participant)
    old = spec.describe(row)
    row.delete()
    record_related_change(user, participant, section=kind, label=spec.label, old=old, new="")


# Intake.

NAME_FIELDS = ("first_name", "last_name")


@transaction.atomic
def start_intake(
    user: User,
    organisation: Organisation,
    sections: Mapping[str, Mapping[str, Any]],
    *,
    step: str = INTAKE_STEPS[0],
) -> Participant:
    """Create a participant from the first intake step; the coach becomes regiehouder.

    Every value typed at the intake lands in the history (section by section), so the file
    shows who recorded what, from the first step on.
    """
    names = {k: v for s in sections.values() for k, v in s.items() if k in NAME_FIELDS}
    participant = create_participant(user, organisation, **names)
    record_related_change(
        user,
        participant,
        section="intake",
        label=force_str(_("Intake")),
        old="",
        new=force_str(_("started")),
    )
    for section, changes in sections.items():
        rest = {k: v for k, v in changes.items() if k not in NAME_FIELDS}
        if rest:
            update_participant(user, participant, rest, section=section)
    set_intake_step(user, participant, step)
    return participant


@transaction.atomic
def set_intake_step(user: User, participant: Participant, step: str) -> None:
    """Remember where the intake stands, so it can be resumed there."""
    if step not in INTAKE_STEPS:
        raise ValueError(f"unknown intake step {step!r}")
    if participant.intake_step != step:
        participant.intake_step = step
        participant.save(update_fields=["intake_step", "updated_at"])
        log.record(user, participant, Action.UPDATE, "intake")


@transaction.atomic
def complete_intake(user: User, participant: Participant) -> None:
    if participant.intake_completed_at is not None:
        return
    participant.intake_step = INTAKE_STEPS[-1]
    participant.intake_completed_at = timezone.now()
    participant.save(update_fields=["intake_step", "intake_completed_at", "updated_at"])
    record_related_change(
        user,
        participant,
        section="intake",
        label=force_str(_("Intake")),
        old=force_str(_("started")),
        new=force_str(_("completed")),
    )


def log_list(user: User, participants: Iterable[Participant], what: str) -> None:
    """Log that a list showed these participants (caseload pages, exports)."""
    log.record_many(user, participants, Action.LIST, what)
