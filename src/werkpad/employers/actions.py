"""Workflows of the employer desk. Each is one transaction, audit-logged, and the only way in.

Views parse input and call exactly one of these. Anything touching a participant writes the access
log through ``werkpad.audit.log`` (and the participant's history through ``participants.actions``).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.translation import gettext as _

from werkpad import validation
from werkpad.accounts.models import Organisation, OrganisationKind
from werkpad.audit import log
from werkpad.audit.models import Action
from werkpad.participants import actions as participant_actions
from werkpad.participants.access import visible_participants
from werkpad.participants.choices import ConsentScope, ParticipantStatus
from werkpad.pathway import actions as pathway_actions

from . import imports
from .choices import ShortlistStatus, TwvStatus, VacancyStatus
from .models import (
    ContactMoment,
    Employer,
    EmployerLocation,
    Placement,
    Shortlist,
    TwvApplication,
    Vacancy,
    employer_name_error,
)

if TYPE_CHECKING:
    from werkpad.accounts.models import User
    from werkpad.participants.models import Consent, Participant
    from werkpad.pathway.models import Enrolment


def _require_coach(user: User) -> None:
    if not user.is_coach:
        raise PermissionDenied


def _may_edit_employer(user: User, employer: Employer) -> bool:
    return bool(user.is_coach) or (
        bool(user.is_employer) and user.organisation_id == employer.organisation_id
    )


# --- employers and vacancies ----------------------------------------------------------------------


@transaction.atomic
def create_employer(user: User, *, name: str, **fields: Any) -> Employer:
    """A new employer and its organisation (kind *employer*), so its contacts can log in."""
    _require_coach(user)
    _check_name(name)
    organisation, _created = Organisation.objects.get_or_create(
        name=name.strip(), kind=OrganisationKind.EMPLOYER
    )
    if Employer.objects.filter(organisation=organisation).exists():
        raise ValidationError({"name": _("An employer with this name already exists.")})
    employer = Employer(organisation=organisation, **fields)
    employer.full_clean()
    employer.save()
    return employer


def _check_name(name: str) -> None:
    problem = employer_name_error(name)
    if problem:
        raise ValidationError({"name": problem})


@transaction.atomic
def update_employer(user: User, employer: Employer, changes: Mapping[str, Any]) -> Employer:
    _require_coach(user)
    name = changes.get("name")
    if name is not None:
        _check_name(name)
    for key, value in changes.items():
        if key != "name":
            setattr(employer, key, value)
    if name and name.strip() != employer.organisation.name:
        clash = (
            Organisation.objects.filter(name=name.strip(), kind=OrganisationKind.EMPLOYER)
            .exclude(pk=employer.organisation_id)
            .exists()
        )
        if clash:
            raise ValidationError({"name": _("An employer with this name already exists.")})
        employer.organisation.name = name.strip()
        employer.organisation.save(update_fields=["name"])
    employer.full_clean()
    employer.save()
    return employer


@transaction.atomic
def save_location(
    user: User, employer: Employer, location: EmployerLocation | None, fields: Mapping[str, Any]
) -> EmployerLocation:
    if not _may_edit_employer(user, employer):
        raise PermissionDenied
    location = location or EmployerLocation(employer=employer)
    if location.employer_id != employer.pk:
        raise PermissionDenied
    for key, value in fields.items():
        setattr(location, key, value)
    location.full_clean()
    location.save()
    return location


@transaction.atomic
def save_vacancy(
    user: User,
    employer: Employer,
    vacancy: Vacancy | None,
    fields: Mapping[str, Any],
) -> Vacancy:
    """Create or edit a vacancy. An employer contact may only touch their own employer's."""
    if not _may_edit_employer(user, employer):
        raise PermissionDenied
    if vacancy is None:
        vacancy = Vacancy(employer=employer, created_by=user)
    elif vacancy.employer_id != employer.pk:
        raise PermissionDenied
    # Employers submit (draft -> open) and may close; "filled" follows from placements.
    employer_statuses = (VacancyStatus.DRAFT, VacancyStatus.OPEN, VacancyStatus.CLOSED)
    if user.is_employer and "status" in fields and fields["status"] not in employer_statuses:
        raise ValidationError({"status": _("Choose draft, open or closed.")})
    for key, value in fields.items():
        setattr(vacancy, key, value)
    if not vacancy.sector:
        vacancy.sector = employer.sector
    vacancy.full_clean()
    _save(vacancy)
    return vacancy


def _save(instance: Any) -> None:
    """Save after validation; a database constraint that still fires becomes a field error."""
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as exc:
        raise validation.integrity_errors(exc) from None


# --- shortlist and consent ------------------------------------------------------------------------


@transaction.atomic
def shortlist(
    user: User, vacancy: Vacancy, participant: Participant, reason: str = ""
) -> Shortlist:
    """Propose ``participant`` for ``vacancy``. The caller got ``participant`` from the access layer."""
    _require_coach(user)
    if vacancy.status != VacancyStatus.OPEN:
        raise ValidationError(_("Only open vacancies take candidates."))
    entry, created = Shortlist.objects.get_or_create(
        vacancy=vacancy,
        participant=participant,
        defaults={"added_by": user, "reason": reason},
    )
    if not created:
        raise ValidationError(_("This participant is already on the shortlist of this vacancy."))
    participant_actions.record_related_change(
        user,
        participant,
        section="shortlist",
        label=force_str(_("Shortlisted")),
        old="",
        new=f"{vacancy.title} — {vacancy.employer.name}",
    )
    return entry


@transaction.atomic
def set_shortlist_status(user: User, entry: Shortlist, status: str, reason: str = "") -> Shortlist:
    _require_coach(user)
    if status not in ShortlistStatus.values:
        raise ValidationError(_("Unknown status."))
    old = entry.status
    entry.status = status
    if reason:
        entry.reason = reason
    entry.save(update_fields=["status", "reason", "updated_at"])
    if old != status:
        participant_actions.record_related_change(
            user,
            entry.participant,
            section="shortlist",
            label=f"{entry.vacancy.title} — {entry.vacancy.employer.name}",
            old=force_str(ShortlistStatus(old).label),
            new=force_str(ShortlistStatus(status).label),
        )
    return entry


def employers_that_shortlisted(participant: Participant) -> list[Employer]:
    ids = Shortlist.objects.filter(participant=participant).values("vacancy__employer_id")
    return list(Employer.objects.filter(pk__in=ids).select_related("organisation"))


@transaction.atomic
def share_profile(user: User, participant: Participant, employer: Employer) -> Consent:
    """The newcomer lets ``employer`` see their name on the candidate profile."""
    if employer not in employers_that_shortlisted(participant):
        raise PermissionDenied
    return participant_actions.give_consent(
        user,
        participant,
        ConsentScope.EMPLOYER_PROFILE,
        recipient=employer.organisation,
        purpose=force_str(_("Application for a vacancy")),
    )


@transaction.atomic
def stop_sharing_profile(user: User, participant: Participant, employer: Employer) -> int:
    consents = list(
        participant.consents.filter(
            scope=ConsentScope.EMPLOYER_PROFILE,
            recipient=employer.organisation,
            withdrawn_at__isnull=True,
        )
    )
    for consent in consents:
        participant_actions.withdraw_consent(user, participant, consent)
    return len(consents)


# --- TWV ------------------------------------------------------------------------------------------


def _twv_history(user: User, twv: TwvApplication, old: str) -> None:
    participant_actions.record_related_change(
        user,
        twv.participant,
        section="twv",
        label=force_str(_("Work permit (TWV) at %(employer)s") % {"employer": twv.employer.name}),
        old=force_str(TwvStatus(old).label) if old else "",
        new=force_str(TwvStatus(twv.status).label),
    )


@transaction.atomic
def prepare_twv(
    user: User,
    participant: Participant,
    employer: Employer,
    *,
    vacancy: Vacancy | None = None,
    prepared_on: date | None = None,
    notes: str = "",
) -> TwvApplication:
    _require_coach(user)
    if vacancy is not None and vacancy.employer_id != employer.pk:
        raise ValidationError({"vacancy": _("Choose a vacancy of this employer.")})
    open_twv = TwvApplication.objects.filter(
        participant=participant,
        employer=employer,
        vacancy=vacancy,
        status__in=(TwvStatus.PREPARED, TwvStatus.SUBMITTED),
    )
    if open_twv.exists():
        raise ValidationError(_("A TWV for this job is already being prepared or decided."))
    twv = TwvApplication(
        participant=participant,
        employer=employer,
        vacancy=vacancy,
        prepared_on=prepared_on or timezone.localdate(),
        notes=notes,
        created_by=user,
    )
    twv.full_clean()
    twv.save()
    _twv_history(user, twv, "")
    return twv


def _clean_or_restore(instance: Any) -> None:
    """Validate a changed record; if invalid, put back what is stored and re-raise."""
    try:
        instance.full_clean()
    except ValidationError:
        instance.refresh_from_db()
        raise


@transaction.atomic
def submit_twv(
    user: User, twv: TwvApplication, submitted_on: date, uwv_reference: str = ""
) -> TwvApplication:
    _require_coach(user)
    if twv.status != TwvStatus.PREPARED:
        raise ValidationError(_("Only a prepared application can be submitted."))
    old = twv.status
    twv.status = TwvStatus.SUBMITTED
    twv.submitted_on = submitted_on
    twv.uwv_reference = uwv_reference or twv.uwv_reference
    _clean_or_restore(twv)
    twv.save()
    _twv_history(user, twv, old)
    return twv


@transaction.atomic
def decide_twv(user: User, twv: TwvApplication, outcome: str, decided_on: date) -> TwvApplication:
    """Granted or refused (after submission), or withdrawn (any time before a decision)."""
    _require_coach(user)
    if outcome not in (TwvStatus.GRANTED, TwvStatus.REFUSED, TwvStatus.WITHDRAWN):
        raise ValidationError({"outcome": _("Choose granted, refused or withdrawn.")})
    if twv.is_decided:
        raise ValidationError(_("This application has already been decided."))
    if outcome != TwvStatus.WITHDRAWN and twv.status != TwvStatus.SUBMITTED:
        raise ValidationError(_("The UWV decides only on a submitted application."))
    old = twv.status
    twv.status = outcome
    twv.decided_on = decided_on
    _clean_or_restore(twv)
    twv.save()
    _twv_history(user, twv, old)
    return twv


# --- placements and aftercare ---------------------------------------------------------------------


@transaction.atomic
def register_placement(
    user: User,
    participant: Participant,
    *,
    employer: Employer,
    vacancy: Vacancy | None = None,
    enrolment: Enrolment | None = None,
    **fields: Any,
) -> Placement:
    """Register a startbaan: the placement, its enrolment's status, the aftercare rhythm.

    One transaction: the placement row linked to ``enrolment`` (default: the participant's most
    recent active enrolment that had begun by the start date), that enrolment moved to "startbaan"
    from the start date through ``pathway.actions.change_status`` (the person's status is only the
    cache of their enrolments), the shortlist entry (if any) marked hired, the vacancy marked filled
    when all places are taken, and the aftercare check-ins with the newcomer and the employer
    (``pathway.aftercare.plan_for_placement``, the one source of the rhythm).
    """
    _require_coach(user)
    if enrolment is not None and (
        enrolment.participant_id != participant.pk or not enrolment.active
    ):
        raise ValidationError({"enrolment": _("Choose an active enrolment of this participant.")})
    if vacancy is not None and vacancy.employer_id != employer.pk:
        raise ValidationError({"vacancy": _("Choose a vacancy of this employer.")})
    if vacancy is not None:
        fields.setdefault("occupation", vacancy.occupation)
        fields.setdefault("occupation_uri", vacancy.occupation_uri)
        fields.setdefault("sector", vacancy.sector)
    fields.setdefault("sector", employer.sector)
    placement = Placement(
        participant=participant, employer=employer, vacancy=vacancy, created_by=user, **fields
    )
    placement.full_clean()
    if enrolment is None:
        enrolment = pathway_actions.enrolment_for(user, participant, placement.start_date)
    placement.enrolment = enrolment
    placement.save()
    if enrolment.status != ParticipantStatus.STARTBAAN:
        try:
            pathway_actions.change_status(
                user,
                enrolment,
                ParticipantStatus.STARTBAAN,
                on=placement.start_date,
                reason=force_str(_("Placement at %(employer)s") % {"employer": employer.name}),
            )
        except ValidationError as exc:
            raise ValidationError({"start_date": exc.messages}) from None
    if vacancy is not None:
        Shortlist.objects.filter(vacancy=vacancy, participant=participant).update(
            status=ShortlistStatus.HIRED, updated_at=timezone.now()
        )
        taken = vacancy.placements.filter(end_date__isnull=True).count()
        if taken >= vacancy.places and vacancy.status == VacancyStatus.OPEN:
            vacancy.status = VacancyStatus.FILLED
            vacancy.save(update_fields=["status", "updated_at"])
    # Aftercare has one owner (pathway): both tracks, the newcomer's and the employer's.
    from werkpad.pathway import aftercare

    aftercare.plan_for_placement(placement, account_manager=employer.account_manager or user)
    participant_actions.record_related_change(
        user,
        participant,
        section="placement",
        label=force_str(_("Placement")),
        old="",
        new=f"{placement.occupation} — {employer.name} ({placement.start_date.isoformat()})",
    )
    log.record(user, participant, Action.CREATE, "placement")
    return placement


@transaction.atomic
def end_placement(
    user: User,
    placement: Placement,
    *,
    end_date: date,
    reason: str,
    note: str = "",
    new_status: str = "",
) -> Placement:
    """End a placement; open aftercare check-ins after the end are cancelled (deleted)."""
    _require_coach(user)
    if new_status and not visible_participants(user).filter(pk=placement.participant_id).exists():
        # The account manager of the employer may end the placement, but only someone who may
        # open the participant's file changes the participant's status.
        raise PermissionDenied
    if placement.end_date is not None:
        raise ValidationError(_("This placement has already ended."))
    placement.end_date = end_date
    placement.end_reason = reason
    placement.end_note = note
    _clean_or_restore(placement)
    placement.save()
    from werkpad.pathway import aftercare

    aftercare.cancel_after(placement, end_date)
    participant = placement.participant
    if new_status:
        if new_status not in ParticipantStatus.values:
            raise ValidationError({"new_status": _("Unknown status.")})
        enrolment = placement.enrolment
        if enrolment is None or not enrolment.active:
            enrolment = pathway_actions.enrolment_for(user, participant, end_date)
        try:
            pathway_actions.change_status(
                user, enrolment, new_status, on=end_date, reason=placement.get_end_reason_display()
            )
        except ValidationError as exc:
            raise ValidationError({"new_status": exc.messages}) from None
    vacancy = placement.vacancy
    if vacancy is not None and vacancy.status == VacancyStatus.FILLED:
        vacancy.status = VacancyStatus.OPEN
        vacancy.save(update_fields=["status", "updated_at"])
    participant_actions.record_related_change(
        user,
        participant,
        section="placement",
        label=force_str(_("Placement ended")),
        old=f"{placement.occupation} — {placement.employer.name}",
        new=f"{end_date.isoformat()}: {placement.get_end_reason_display()}",
    )
    return placement


@transaction.atomic
def record_contact(user: User, moment: ContactMoment, done_on: date, notes: str) -> ContactMoment:
    _require_coach(user)
    if done_on > timezone.localdate():
        raise ValidationError({"done_on": _("This date lies in the future.")})
    moment.done_on = done_on
    moment.notes = notes
    moment.save(update_fields=["done_on", "notes"])
    return moment


@transaction.atomic
def request_contact(user: User, employer: Employer, notes: str) -> ContactMoment:
    """After the planned rhythm, contact is on request: the employer asks, a moment is due today."""
    if not (user.is_employer and user.organisation_id == employer.organisation_id):
        raise PermissionDenied
    return ContactMoment.objects.create(
        employer=employer,
        account_manager=employer.account_manager,
        phase="request",
        due_on=timezone.localdate(),
        notes=notes,
        requested_by_employer=True,
    )


# --- import ---------------------------------------------------------------------------------------


def import_table(user: User, plan: imports.Plan) -> imports.Result:
    """Publish a checked import file: all rows or none, in one short transaction (the checking
    before it only reads). Refuses a plan that has any error. See ``imports.publish``."""
    _require_coach(user)
    return imports.publish(user, plan)
