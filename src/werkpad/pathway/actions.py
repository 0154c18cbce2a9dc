"""Workflows of the path. Each is transactional and audit-logged; views and the API call these.

``change_status`` is the one way an enrolment's status changes: it checks the transition against the
pipeline (``core.pathway.check_transition``), appends the change to the enrolment's history,
updates the enrolment's cached status and the participant's cached status, and writes the file's
history and the access log. Enrolling, ending, placements (``employers.actions``) and the status
page all go through it.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from werkpad.audit import log
from werkpad.audit.models import Action
from werkpad.core import pathway as core
from werkpad.participants.choices import (
    REASON_REQUIRED,
    REASONS_BY_STATUS,
    ParticipantStatus,
    StatusReason,
)
from werkpad.participants.models import ChangeRecord, Participant, StatusChange

from .choices import OutflowDestination, ProgrammeKind
from .models import EmploymentSpell, Enrolment, Pretrajectory, Programme, StepTemplate

if TYPE_CHECKING:
    from werkpad.accounts.models import Organisation, User


# --- who manages programmes -----------------------------------------------------------------------

MANAGE_PERMISSION = "pathway.manage_programmes"


def may_manage_programmes(user: User) -> bool:
    """Administrators, and coordinators: coaches holding the ``manage_programmes`` permission.

    A coordinator is not a separate role: it is a coach (with a caseload and the file access of a
    coach) who is also allowed to set up the programmes of their own organisation. The permission
    is given in ``/admin/`` directly or through a group (the demo's group "Coordinators").
    """
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_administrator:
        return True
    return bool(user.is_coach and user.organisation_id and user.has_perm(MANAGE_PERMISSION))


def may_manage(user: User, programme: Programme) -> bool:
    if not may_manage_programmes(user):
        return False
    if user.is_administrator:
        return True
    return programme.organisations.filter(pk=user.organisation_id).exists()


# --- programmes -----------------------------------------------------------------------------------


@transaction.atomic
def save_programme(
    user: User,
    programme: Programme,
    *,
    organisations: list[Organisation],
    steps: list[tuple[int | None, str]] | None = None,
) -> Programme:
    """Create or change a programme (with its organisations and own step templates)."""
    if not may_manage_programmes(user):
        raise PermissionDenied
    if not user.is_administrator:
        if programme.pk is not None and not may_manage(user, programme):
            raise PermissionDenied
        if user.organisation_id not in {o.pk for o in organisations}:
            raise ValidationError(
                {"organisations": _("Include your own organisation: you manage its programmes.")}
            )
    if not organisations:
        raise ValidationError({"organisations": _("Choose at least one organisation.")})
    programme.full_clean()
    programme.save()
    programme.organisations.set(organisations)
    if steps is not None:
        programme.step_templates.all().delete()
        StepTemplate.objects.bulk_create(
            StepTemplate(programme=programme, position=i, due_after_days=days, title=title)
            for i, (days, title) in enumerate(steps)
        )
    return programme


def default_programme(organisation: Organisation) -> Programme:
    """The organisation's standard guidance: where enrolments go when no programme is chosen."""
    programme = Programme.objects.filter(default_for=organisation).first()
    if programme is None:
        programme = Programme.objects.create(
            name=_("%(organisation)s — standard guidance") % {"organisation": organisation.name},
            kind=ProgrammeKind.STANDARD,
            default_for=organisation,
            start_date=date(2000, 1, 1),
        )
        programme.organisations.add(organisation)
    return programme


# --- enrolments and status ------------------------------------------------------------------------


def _label(status: str) -> str:
    return force_str(ParticipantStatus(status).label)


@transaction.atomic
def enrol(
    user: User | None,
    participant: Participant,
    programme: Programme,
    *,
    intake_date: date,
    status: str = ParticipantStatus.UNKNOWN,
    participation: str = "",
) -> Enrolment:
    """Enrol ``participant`` in ``programme`` from ``intake_date``; the first status change too."""
    if status in core.FINAL:
        raise ValidationError({"status": _("An enrolment cannot start as ended.")})
    if (
        Enrolment.objects.filter(participant=participant, programme=programme)
        .exclude(status__in=[s.value for s in core.FINAL])
        .exists()
    ):
        raise ValidationError(
            {
                "programme": _(
                    "This participant is already enrolled in this programme. End that enrolment "
                    "first, or change its status."
                )
            }
        )
    enrolment = Enrolment(
        participant=participant,
        programme=programme,
        intake_date=intake_date,
        participation=participation,
        status=status,
        created_by=user if user is not None and user.is_authenticated else None,
    )
    enrolment.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            enrolment.save()
    except IntegrityError:
        raise ValidationError(
            {"programme": _("This participant is already enrolled in this programme.")}
        ) from None
    StatusChange.objects.create(
        participant=participant,
        enrolment=enrolment,
        status=status,
        date=intake_date,
        recorded_by=user,
    )
    ChangeRecord.objects.create(
        participant=participant,
        user=user,
        section="enrolment",
        field="enrolment",
        label=force_str(_("Enrolment")),
        old_value="",
        new_value=f"{programme.name} ({date_format(intake_date, 'j F Y')})",
    )
    refresh_participant_status(participant)
    log.record(user, participant, Action.CREATE, "enrolment")
    return enrolment


def active_enrolment(participant: Participant, *, on: date | None = None) -> Enrolment | None:
    """The participant's most recent active enrolment (the one status pages change by default)."""
    qs = participant.enrolments.exclude(status__in=[s.value for s in core.FINAL])
    if on is not None:
        qs = qs.filter(intake_date__lte=on)
    return qs.select_related("programme").order_by("-intake_date", "-id").first()


def enrolment_for(user: User | None, participant: Participant, on: date) -> Enrolment:
    """The enrolment a status change without a chosen enrolment belongs to.

    The most recent active enrolment that had begun by ``on``; with none, a new enrolment in the
    default programme of the participant's organisation, from ``on``.
    """
    enrolment = active_enrolment(participant, on=on) or active_enrolment(participant)
    if enrolment is None:
        enrolment = enrol(
            user, participant, default_programme(participant.organisation), intake_date=on
        )
    return enrolment


@transaction.atomic
def change_participant_status(
    user: User | None,
    participant: Participant,
    status: str,
    *,
    on: date,
    reason_code: str = "",
    reason: str = "",
    enrolment: Enrolment | None = None,
) -> StatusChange:
    """A status change where the caller names the person, not the enrolment.

    ``enrolment`` defaults to the most recent active enrolment that had begun by ``on``. With no
    active enrolment, the participant is enrolled in the organisation's standard guidance from
    ``on`` — directly in ``status`` when that is an active status.
    """
    if enrolment is None:
        enrolment = active_enrolment(participant, on=on) or active_enrolment(participant)
    if enrolment is None:
        start = status if status not in core.FINAL else ParticipantStatus.UNKNOWN
        if status in REASON_REQUIRED and not reason_code:
            check_change_fields = {"reason_code": [_("Choose a reason: this status needs one.")]}
            raise ValidationError(check_change_fields)
        enrolment = enrol(
            user,
            participant,
            default_programme(participant.organisation),
            intake_date=on,
            status=start,
        )
        if start == status:
            first: StatusChange = enrolment.status_changes.get()
            if reason_code or reason:
                first.reason_code, first.reason = reason_code, reason
                first.save(update_fields=["reason_code", "reason"])
            return first
    return change_status(user, enrolment, status, on=on, reason_code=reason_code, reason=reason)


def check_change(enrolment: Enrolment, status: str, on: date, reason_code: str = "") -> None:
    """Every reason why ``status`` on ``on`` may not be added to the history, at once."""
    errors: dict[str, list[str]] = {}
    last = (
        enrolment.status_changes.order_by("-date", "-recorded_at", "-id")
        .values_list("date", flat=True)
        .first()
    )
    if status not in ParticipantStatus.values:
        errors.setdefault("status", []).append(_("Unknown status."))
    else:
        try:
            core.check_transition(
                core.Status(enrolment.status), core.Status(status), last_on=last, on=on
            )
        except core.HistoryError as exc:
            if exc.code == "order":
                errors.setdefault("date", []).append(
                    _("The date cannot be before the last status change (%(date)s).")
                    % {"date": date_format(last, "j F Y")}
                )
            elif exc.code == "same":
                errors.setdefault("status", []).append(_("This is already the current status."))
            else:
                errors.setdefault("status", []).append(
                    _("This enrolment has ended; enrol the participant again instead.")
                )
    if on < enrolment.intake_date:
        errors.setdefault("date", []).append(
            _("The date lies before the instroom date (%(date)s).")
            % {"date": date_format(enrolment.intake_date, "j F Y")}
        )
    allowed = REASONS_BY_STATUS.get(status, ())
    if status in REASON_REQUIRED and not reason_code:
        errors.setdefault("reason_code", []).append(
            _("Choose a reason: this status needs one for the evaluation.")
        )
    elif reason_code and reason_code not in allowed:
        errors.setdefault("reason_code", []).append(
            _("This reason does not apply to the chosen status.")
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def change_status(
    user: User | None,
    enrolment: Enrolment,
    status: str,
    *,
    on: date | None = None,
    reason_code: str = "",
    reason: str = "",
) -> StatusChange:
    """Append a status change to ``enrolment``'s history (the one place status changes)."""
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    on = on or timezone.localdate()
    check_change(enrolment, status, on, reason_code)
    old = enrolment.status
    change = StatusChange.objects.create(
        participant_id=enrolment.participant_id,
        enrolment=enrolment,
        status=status,
        date=on,
        reason_code=reason_code,
        reason=reason,
        recorded_by=user,
    )
    enrolment.status = status
    if status in core.FINAL:
        enrolment.outflow_date = on
    enrolment.save(update_fields=["status", "outflow_date"])
    participant = enrolment.participant
    new_text = _label(status)
    if reason_code:
        new_text = f"{new_text} ({force_str(StatusReason(reason_code).label)})"
    ChangeRecord.objects.create(
        participant=participant,
        user=user,
        section="status",
        field="status",
        label=f"{force_str(_('Status'))} — {enrolment.programme.name}",
        old_value=_label(old),
        new_value=new_text,
    )
    refresh_participant_status(participant)
    log.record(user, participant, Action.UPDATE, "status")
    return change


@transaction.atomic
def end_enrolment(
    user: User | None,
    enrolment: Enrolment,
    *,
    status: str,
    on: date,
    reason_code: str = "",
    reason: str = "",
    destination: str = "",
    note: str = "",
) -> StatusChange:
    """Uitval or einde: the final status change, the uitstroom date and the DRS destination."""
    errors: dict[str, list[str]] = {}
    if status not in core.FINAL:
        errors["status"] = [_("Choose drop-out or end.")]
    if destination and destination not in OutflowDestination.values:
        errors["destination"] = [_("Unknown outflow destination.")]
    if errors:
        raise ValidationError(errors)
    if status == ParticipantStatus.DROPOUT and not destination:
        destination = OutflowDestination.NOT_COMPLETED
    change = change_status(user, enrolment, status, on=on, reason_code=reason_code, reason=reason)
    Enrolment.objects.filter(pk=enrolment.pk).update(
        outflow_destination=destination or OutflowDestination.UNKNOWN, outflow_note=note
    )
    enrolment.refresh_from_db()
    return change


def refresh_participant_status(participant: Participant) -> None:
    """Write ``Participant.status``: the cache of one rule over the enrolments.

    The status of the most recent active enrolment (latest instroom); with none active, of the
    most recently ended enrolment; with no enrolment at all, "unknown".
    """
    rows = list(
        Enrolment.objects.filter(participant_id=participant.pk)
        .order_by("-intake_date", "-id")
        .values_list("status", "outflow_date")
    )
    active = [s for s, _end in rows if s not in core.FINAL]
    if active:
        status = active[0]
    elif rows:
        status = max(rows, key=lambda r: r[1] or date.min)[0]
    else:
        status = ParticipantStatus.UNKNOWN
    if participant.status != status:
        participant.status = status
        Participant.objects.filter(pk=participant.pk).update(
            status=status, updated_at=timezone.now()
        )


# --- trajectory records ---------------------------------------------------------------------------


@transaction.atomic
def save_pretrajectory(
    user: User, enrolment: Enrolment, record: Pretrajectory | None = None, **fields: Any
) -> Pretrajectory:
    """Add or change a voortraject record of ``enrolment``."""
    created = record is None
    record = record or Pretrajectory(enrolment=enrolment)
    for name, value in fields.items():
        setattr(record, name, value)
    errors: dict[str, list[str]] = {}
    if record.start_date and record.start_date < enrolment.intake_date:
        errors["start_date"] = [
            _("The voortraject cannot start before the instroom date (%(date)s).")
            % {"date": date_format(enrolment.intake_date, "j F Y")}
        ]
    if record.end_date and record.start_date and record.end_date < record.start_date:
        errors["end_date"] = [_("The end date lies before the start date.")]
    if record.completed and record.end_date is None:
        errors["completed"] = [_("A completed voortraject needs an end date.")]
    if errors:
        raise ValidationError(errors)
    record.full_clean()
    record.save()
    _record_history(
        user,
        enrolment,
        _("Voortraject"),
        f"{record.get_type_display()} ({date_format(record.start_date, 'j F Y')})",
        created=created,
    )
    return record


@transaction.atomic
def save_employment_spell(
    user: User | None, enrolment: Enrolment, spell: EmploymentSpell | None = None, **fields: Any
) -> EmploymentSpell:
    """Record work after outflow (a follow-up contact or an import)."""
    created = spell is None
    spell = spell or EmploymentSpell(enrolment=enrolment, recorded_by=user)
    for name, value in fields.items():
        setattr(spell, name, value)
    errors: dict[str, list[str]] = {}
    if enrolment.outflow_date is None:
        errors["start_date"] = [
            _("Work after outflow is recorded once the enrolment has ended (uitstroom).")
        ]
    elif spell.end_date is not None and spell.end_date < enrolment.outflow_date:
        errors["end_date"] = [
            _("This work ended before the uitstroom date (%(date)s).")
            % {"date": date_format(enrolment.outflow_date, "j F Y")}
        ]
    if spell.end_date and spell.start_date and spell.end_date < spell.start_date:
        errors.setdefault("end_date", []).append(_("The end date lies before the start date."))
    if spell.employer_id is None and not spell.employer_name.strip() and not spell.sector:
        errors["employer_name"] = [_("Give the employer or at least the sector.")]
    if errors:
        raise ValidationError(errors)
    spell.full_clean()
    spell.save()
    _record_history(
        user,
        enrolment,
        _("Work after outflow"),
        f"{spell.employer.name if spell.employer else spell.employer_name or spell.get_sector_display()}"
        f" ({date_format(spell.start_date, 'j F Y')})",
        created=created,
    )
    return spell


def _record_history(
    user: User | None, enrolment: Enrolment, label: str, text: str, *, created: bool
) -> None:
    participant = enrolment.participant
    ChangeRecord.objects.create(
        participant=participant,
        user=user,
        section="pathway",
        field="pathway",
        label=force_str(label),
        old_value="",
        new_value=text,
    )
    Participant.objects.filter(pk=participant.pk).update(updated_at=timezone.now())
    log.record(user, participant, Action.CREATE if created else Action.UPDATE, "pathway records")
