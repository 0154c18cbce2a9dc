"""Workflows of the path. Each is transactional and audit-logged; views and the API call these.

``change_status`` is the one way an enrolment's status changes: it checks the transition against the
pipeline (``core.pathway.check_transition``), appends the change to the enrolment's history,
updates the enrolment's cached status and the participant's cached status, and writes the file's
history and the access log. Enrolling, ending, placements (``employers.actions``) and the status
page all go through it.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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

from .choices import (
    ConfirmationChannel,
    ConfirmingParty,
    HerijkingTrigger,
    OutflowDestination,
    ProgrammeKind,
    StepOwner,
    StepStatus,
    StepType,
)
from .models import (
    EmploymentSpell,
    Enrolment,
    Plan,
    PlanConfirmation,
    PlanStep,
    PlanVersion,
    Pretrajectory,
    Programme,
    StepTemplate,
)

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


# --- the step plan (issue 11) ---------------------------------------------------------------------
#
# The plan is the working copy; a version is a frozen snapshot of it. Saving a version ("vastleggen",
# and every herijking after that) makes the next number; confirmations belong to exactly one version
# and a version is agreed when both parties confirmed it (``PlanVersion.agreed``).


def _plan_change(user: User | None, plan: Plan, field: str, old: str, new: str) -> None:
    ChangeRecord.objects.create(
        participant=plan.participant,
        user=user if user is not None and user.is_authenticated else None,
        section="plan",
        field=field,
        label=force_str(_("Step plan")),
        old_value=old,
        new_value=new,
    )


def _may_edit_plan(user: User, participant: Participant) -> None:
    from werkpad.participants.access import can_edit

    if not user.is_coach or not can_edit(user, participant):
        raise PermissionDenied


DEFAULT_EXPECTATIONS = {
    "offers": gettext_lazy(
        "Guidance by a coach towards work that fits you: steps, contacts with employers, help with "
        "language and papers."
    ),
    "not_offers": gettext_lazy(
        "No job guarantee (geen baangarantie). We do not decide about your benefits, permit or "
        "housing."
    ),
}


@transaction.atomic
def start_plan(user: User, participant: Participant, *, programme: Programme | None = None) -> Plan:
    """The participant's plan (made if new), with the programme's step templates as first steps."""
    _may_edit_plan(user, participant)
    plan, created = Plan.objects.get_or_create(
        participant=participant,
        defaults={
            "created_by": user,
            "droombaan": participant.desired_occupation,
            "droombaan_uri": participant.desired_occupation_uri,
            "offers": force_str(DEFAULT_EXPECTATIONS["offers"]),
            "not_offers": force_str(DEFAULT_EXPECTATIONS["not_offers"]),
            "contact": user.get_full_name(),
        },
    )
    if programme is not None:
        start = participant.enrolments.filter(programme=programme).order_by("-intake_date").first()
        base = start.intake_date if start is not None else timezone.localdate()
        position = plan.steps.count()
        for i, template in enumerate(programme.step_templates.all()):
            PlanStep.objects.create(
                plan=plan,
                position=position + i,
                type=StepType.OTHER,
                title=template.title,
                owner=StepOwner.NEWCOMER,
                due_date=(
                    base + timedelta(days=template.due_after_days)
                    if template.due_after_days is not None
                    else None
                ),
            )
        _plan_change(user, plan, "steps", "", programme.name)
    if created:
        log.record(user, participant, Action.CREATE, "plan")
    else:
        log.record(user, participant, Action.UPDATE, "plan")
    return plan


@transaction.atomic
def save_plan_goals(user: User, plan: Plan, **fields: str) -> Plan:
    """Goals and expectations of the working copy (validated by the model, all errors at once)."""
    _may_edit_plan(user, plan.participant)
    allowed = {"droombaan", "droombaan_uri", "category_now", "category_next"}
    allowed |= {"offers", "not_offers", "contact"}
    for name, value in fields.items():
        if name not in allowed:
            raise ValueError(name)
        old = getattr(plan, name)
        if old != value:
            setattr(plan, name, value)
            _plan_change(user, plan, name, old, value)
    plan.full_clean()
    plan.save()
    log.record(user, plan.participant, Action.UPDATE, "plan")
    return plan


def check_step(step: PlanStep, user: User | None = None, before: PlanStep | None = None) -> None:
    """Every reason why a step cannot be saved, at once (the model's ``clean``: one truth), and
    with ``user``: a newly linked vacancy must be one ``user`` may see (the employer desk's rule,
    ``employers.access.vacancies_for``)."""
    errors: dict[str, Any] = {}
    try:
        step.full_clean(exclude=["plan"], validate_constraints=False)
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    newly_linked = step.vacancy_id is not None and (
        before is None or before.vacancy_id != step.vacancy_id
    )
    if user is not None and newly_linked:
        from werkpad.employers.access import vacancies_for

        if not vacancies_for(user).filter(pk=step.vacancy_id).exists():
            errors.setdefault("vacancy", []).append(
                ValidationError(_("Choose a vacancy you may see."))
            )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_step(user: User, step: PlanStep) -> PlanStep:
    """Add or change a step of the working copy; a step made done re-evaluates its vacancy.

    Linking by hand: a vacancy (one the coach may see), a voortraject of this participant, or a
    course (by name)."""
    _may_edit_plan(user, step.plan.participant)
    before = PlanStep.objects.filter(pk=step.pk).first() if step.pk else None
    if step.pk is None:
        step.position = step.plan.steps.count()
    if step.status != StepStatus.DROPPED:
        step.drop_reason = ""
    check_step(step, user, before)
    step.save()
    if before is not None and before.vacancy_id != step.vacancy_id:
        _plan_change(user, step.plan, "step vacancy", _vacancy_words(before), _vacancy_words(step))
    old = "" if before is None else f"{before.title}: {before.get_status_display()}"
    _plan_change(user, step.plan, "step", old, f"{step.title}: {step.get_status_display()}")
    if (
        step.vacancy_id is not None
        and step.status == StepStatus.DONE
        and (before is None or before.status != StepStatus.DONE)
    ):
        step.suggestion_after = reevaluate(step.plan.participant, step.vacancy_id)
        step.save(update_fields=["suggestion_after"])
    log.record(user, step.plan.participant, Action.UPDATE, "plan step")
    return step


def _vacancy_words(step: PlanStep) -> str:
    if step.vacancy_id is None or step.vacancy is None:
        return ""
    return f"{step.title}: {step.vacancy.title} — {step.vacancy.employer.name}"


def reevaluate(participant: Participant, vacancy_id: int) -> str:
    """The vacancy's suggestion for ``participant`` now, in words (stored on the step)."""
    from werkpad.employers.models import Vacancy
    from werkpad.matching import services

    vacancy = Vacancy.objects.filter(pk=vacancy_id).first()
    if vacancy is None:
        return force_str(_("The vacancy is gone."))
    result = services.participants_for_vacancy(
        vacancy, Participant.objects.filter(pk=participant.pk), k=1
    )
    for x in result.matches:
        return force_str(_("Now a match: fit %(n)s%%.") % {"n": x.percent})
    for x in result.near_misses:
        return force_str(_("Still a near miss: %(missing)s.") % {"missing": "; ".join(x.steps)})
    if vacancy.status != "open":
        return force_str(_("The vacancy is no longer open."))
    return force_str(_("No longer suggested for this vacancy."))


STEP_TYPE_BY_EXCLUSION = {
    "dutch_level": StepType.LANGUAGE,
    "certificate_missing": StepType.CERTIFICATE,
    "certificate_expired": StepType.CERTIFICATE,
}


@transaction.atomic
def add_near_miss_steps(user: User, participant: Participant, token: str) -> list[PlanStep]:
    """One click on a near-miss card: its missing requirements become steps, the vacancy linked."""
    from django.core import signing

    from werkpad.employers.models import Vacancy
    from werkpad.matching import services

    try:
        data = services.read_token(token)
    except signing.BadSignature:
        raise ValidationError(
            {"token": _("This suggestion is too old. Open the suggestions again.")}
        ) from None
    if data.get("participant") != str(participant.public_id):
        raise PermissionDenied
    vacancy = Vacancy.objects.filter(pk=data.get("vacancy")).first()
    shown = data.get("shown", {})
    if vacancy is None or not shown.get("steps"):
        raise ValidationError({"token": _("This suggestion has no missing step to plan.")})
    plan = Plan.objects.filter(participant=participant).first() or start_plan(user, participant)
    _may_edit_plan(user, participant)
    fixable = [e["code"] for e in shown.get("exclusions", []) if e.get("fixable")]
    before = force_str(
        _("Near miss, fit %(n)s%%: %(missing)s")
        % {"n": round(shown.get("score", 0) * 100), "missing": "; ".join(shown["steps"])}
    )[:300]
    made = []
    for i, title in enumerate(shown["steps"]):
        code = fixable[i] if i < len(fixable) else ""
        if plan.steps.filter(vacancy=vacancy, title=title[:200]).exists():
            continue
        step = PlanStep(
            plan=plan,
            type=STEP_TYPE_BY_EXCLUSION.get(code, StepType.OTHER),
            title=title[:200],
            owner=StepOwner.NEWCOMER,
            vacancy=vacancy,
            suggestion_before=before,
        )
        made.append(save_step(user, step))
    return made


def snapshot(plan: Plan) -> dict[str, Any]:
    """The plan as it stands, in the form a version keeps (and ``core.plan_diff`` compares)."""
    return {
        "droombaan": plan.droombaan,
        "droombaan_uri": plan.droombaan_uri,
        "category_now": plan.category_now,
        "category_next": plan.category_next,
        "offers": plan.offers,
        "not_offers": plan.not_offers,
        "contact": plan.contact,
        "steps": [
            {
                "key": str(s.public_id),
                "title": s.title,
                "type": s.type,
                "owner": s.owner,
                "due_date": s.due_date.isoformat() if s.due_date else "",
                "status": s.status,
                "drop_reason": s.drop_reason,
                "vacancy": (
                    f"{s.vacancy.title} — {s.vacancy.employer.name}" if s.vacancy_id else ""
                ),
                "pretrajectory": str(s.pretrajectory) if s.pretrajectory_id else "",
                "course": s.course,
            }
            for s in plan.steps.select_related("vacancy__employer", "pretrajectory")
        ],
    }


@transaction.atomic
def save_version(user: User, plan: Plan, *, trigger: str = "", note: str = "") -> PlanVersion:
    """Fix the working copy as the next version (the first, or a herijking)."""
    _may_edit_plan(user, plan.participant)
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    last = plan.versions.order_by("-number").first()
    if last is None:
        trigger = HerijkingTrigger.FIRST
    elif trigger in ("", HerijkingTrigger.FIRST):
        raise ValidationError({"trigger": _("Choose the reason for this herijking.")})
    version = PlanVersion(
        plan=plan,
        number=1 if last is None else last.number + 1,
        snapshot=snapshot(plan),
        trigger=trigger,
        note=note,
        created_by=user,
    )
    version.full_clean(exclude=["plan", "snapshot"], validate_constraints=False)
    version.save()
    _plan_change(
        user, plan, "version", "" if last is None else f"v{last.number}", f"v{version.number}"
    )
    log.record(user, plan.participant, Action.CREATE, "plan version")
    return version


@transaction.atomic
def confirm_version(
    user: User,
    version: PlanVersion,
    *,
    party: str,
    language: str = "",
    interpreter: str = "",
) -> PlanConfirmation:
    """Confirm exactly ``version`` for one party.

    The coach confirms for the coach; the newcomer confirms in the portal; the coach may record the
    newcomer's confirmation in person, with the language or interpreter used. Only the latest
    version can be confirmed: an earlier one was replaced by a herijking.
    """
    participant = version.plan.participant
    latest = version.plan.versions.order_by("-number").first()
    if latest is None or latest.pk != version.pk:
        raise ValidationError(
            {"version": _("This version was replaced by a newer one; confirm the newest.")}
        )
    if party == ConfirmingParty.NEWCOMER and user.is_participant:
        if participant.user_id != user.pk:
            raise PermissionDenied
        channel = ConfirmationChannel.PORTAL
    elif party == ConfirmingParty.NEWCOMER:
        _may_edit_plan(user, participant)
        channel = ConfirmationChannel.IN_PERSON
        if not language.strip():
            raise ValidationError(
                {"language": _("Name the language of the conversation, or the interpreter.")}
            )
    elif party == ConfirmingParty.COACH:
        _may_edit_plan(user, participant)
        channel = ConfirmationChannel.COACH
    else:
        raise ValidationError({"party": _("Choose who confirms.")})
    if version.confirmations.filter(party=party).exists():
        raise ValidationError({"party": _("This version is already confirmed for this party.")})
    confirmation = PlanConfirmation.objects.create(
        version=version,
        party=party,
        channel=channel,
        language=language.strip()[:60],
        interpreter=interpreter.strip()[:120],
        confirmed_by=user,
    )
    _plan_change(user, version.plan, "confirmation", "", f"v{version.number}: {party}")
    log.record(user, participant, Action.UPDATE, "plan confirmation")
    return confirmation


# --- herijking due -------------------------------------------------------------------------------


def plan_events(participant: Participant, since: date) -> list[core.Event]:
    """The events after ``since`` that make a herijking due, from the file's histories."""
    from werkpad.employers.models import Placement

    events: list[core.Event] = []
    for change in StatusChange.objects.filter(participant=participant, date__gt=since):
        if change.enrolment_id is not None and change.status in core.FINAL:
            continue  # counted as the enrolment's end below
        events.append(core.Event(core.Trigger.PHASE_CHANGE, change.date))
    for enrolment in participant.enrolments.filter(outflow_date__gt=since):
        assert enrolment.outflow_date is not None
        events.append(core.Event(core.Trigger.ENROLMENT_ENDED, enrolment.outflow_date))
    for placement in Placement.objects.filter(participant=participant, end_date__gt=since):
        assert placement.end_date is not None
        events.append(core.Event(core.Trigger.PLACEMENT_ENDED, placement.end_date))
    fields = {"municipality": core.Trigger.MOVE, "inburgering_route": core.Trigger.ROUTE_CHANGE}
    for record in ChangeRecord.objects.filter(
        participant=participant, field__in=list(fields), at__date__gt=since
    ):
        events.append(core.Event(fields[record.field], timezone.localtime(record.at).date()))
    return events


def herijking_due(plan: Plan) -> list[core.Due]:
    """When the plan's latest version needs a herijking (nothing while it awaits confirmation)."""
    version = plan.latest_version
    if version is None or version.agreed_on is None:
        return []
    return core.herijking_due(version.agreed_on, plan_events(plan.participant, version.agreed_on))
