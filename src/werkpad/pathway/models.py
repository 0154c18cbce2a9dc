"""Programmes, enrolments and the trajectory records of an enrolment.

Where status lives: an :class:`Enrolment`'s status history (``participants.StatusChange`` rows with
this enrolment) is the one source. ``Enrolment.status`` is the status after the last change,
written only by ``pathway.actions`` (the same transaction that adds the change);
``Participant.status`` is the status of the participant's most recent active enrolment (see
``pathway.actions.refresh_participant_status``). The status at any past date is computed by
``werkpad.core.pathway.status_on`` from the history, never stored.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werkpad.core import pathway as core
from werkpad.employers.choices import Sector
from werkpad.participants.choices import ParticipantStatus, StatusReason

from .choices import (
    ConfirmationChannel,
    ConfirmingParty,
    ContractKind,
    DevelopmentCategory,
    HerijkingTrigger,
    OutflowDestination,
    Participation,
    PretrajectoryKind,
    PretrajectoryType,
    ProgrammeKind,
    ProgrammeParticipation,
    SpellSource,
    StepOwner,
    StepStatus,
    StepType,
    WorkPriority,
)

FINAL_STATUSES = tuple(sorted(s.value for s in core.FINAL))


class Programme(models.Model):
    """A trial, pilot or project that participants are enrolled in, with its design up front."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=16, choices=ProgrammeKind.choices, default=ProgrammeKind.OTHER
    )
    organisations = models.ManyToManyField(
        "accounts.Organisation",
        verbose_name=_("organisations"),
        related_name="programmes",
        help_text=_("The organisations that carry out the programme; their coaches enrol people."),
    )
    # The programme every existing status history was moved into (one per organisation).
    default_for = models.OneToOneField(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        editable=False,
        related_name="default_programme",
    )
    start_date = models.DateField(_("start of the programme"))
    end_date = models.DateField(_("end of the programme"), null=True, blank=True)
    target_group = models.CharField(_("target group"), max_length=300, blank=True)
    participation = models.CharField(
        _("participation"),
        max_length=12,
        choices=ProgrammeParticipation.choices,
        default=ProgrammeParticipation.VOLUNTARY,
    )
    partners = models.CharField(
        _("partners"), max_length=500, blank=True, help_text=_("Partner organisations, in words.")
    )
    language_provider = models.CharField(_("language provider"), max_length=200, blank=True)
    work_priority = models.CharField(
        _("work or lessons first"),
        max_length=16,
        choices=WorkPriority.choices,
        default=WorkPriority.CHOICE,
    )
    aftercare_weekly_weeks = models.PositiveSmallIntegerField(
        _("aftercare: weekly contact for (weeks)"),
        null=True,
        blank=True,
        help_text=_("Empty: the default rhythm."),
    )
    aftercare_monthly_until_months = models.PositiveSmallIntegerField(
        _("aftercare: monthly contact until month"),
        null=True,
        blank=True,
        help_text=_("Empty: the default rhythm."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        permissions = [("manage_programmes", "Can manage the programmes of own organisation")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="programme_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class StepTemplate(models.Model):
    """A step a programme's plans start from (its own, where it differs from the defaults)."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="step_templates"
    )
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("step"), max_length=200)
    due_after_days = models.PositiveSmallIntegerField(
        _("due after (days from instroom)"), null=True, blank=True
    )

    class Meta:
        ordering = ["programme", "position", "id"]
        verbose_name = _("step template")
        verbose_name_plural = _("step templates")


class Enrolment(models.Model):
    """A participant in a programme, from instroom to uitstroom. Status belongs here."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    participant = models.ForeignKey(
        "participants.Participant", on_delete=models.CASCADE, related_name="enrolments"
    )
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    intake_date = models.DateField(_("instroom date"))
    participation = models.CharField(
        _("participation"), max_length=12, choices=Participation.choices, blank=True
    )
    # Cache: the status after the last change in the history (written by pathway.actions only).
    status = models.CharField(
        _("status"),
        max_length=24,
        choices=ParticipantStatus.choices,
        default=ParticipantStatus.UNKNOWN,
        editable=False,
    )
    # Set by pathway.actions.end_enrolment together with the final status change.
    outflow_date = models.DateField(_("uitstroom date"), null=True, blank=True, editable=False)
    outflow_destination = models.CharField(
        _("outflow destination"), max_length=24, choices=OutflowDestination.choices, blank=True
    )
    outflow_note = models.CharField(_("about the outflow"), max_length=200, blank=True)
    # An enrolment imported from an evaluation registry (``werkpad import-registry``): the
    # registry's participant key (unique within the programme: a re-import finds the row it made),
    # the date its ``status_peildatum`` holds on (the status change on that date is the registry's
    # snapshot, not an event), and the profile at instroom in the registry's own codes where
    # Werkpad's participant file keeps another scale or nothing (docs/registry-layout.md).
    registry_key = models.CharField(max_length=64, blank=True, default="", editable=False)
    registry_peildatum = models.DateField(null=True, blank=True, editable=False)
    intake_profile = models.JSONField(default=dict, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-intake_date", "-id"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "programme"],
                condition=~Q(status__in=FINAL_STATUSES),
                name="one_active_enrolment_per_programme",
            ),
            models.CheckConstraint(
                condition=Q(outflow_date__isnull=True)
                | Q(outflow_date__gte=models.F("intake_date")),
                name="enrolment_outflow_after_intake",
            ),
            models.UniqueConstraint(
                fields=["programme", "registry_key"],
                condition=~Q(registry_key=""),
                name="one_enrolment_per_registry_key",
            ),
        ]
        indexes = [models.Index(fields=["programme", "status"])]

    def __str__(self) -> str:
        return f"{self.programme} — {self.get_status_display()} ({self.intake_date.isoformat()})"

    @property
    def active(self) -> bool:
        return self.status not in FINAL_STATUSES


class Pretrajectory(models.Model):
    """A voortraject of an enrolment (seed [003] Tabel 3)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="pretrajectories"
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    completed = models.BooleanField(
        _("completed"), null=True, blank=True, help_text=_("Empty while running or unknown.")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=PretrajectoryKind.choices, blank=True)
    type = models.CharField(_("type"), max_length=24, choices=PretrajectoryType.choices)
    weeks = models.PositiveSmallIntegerField(
        _("weeks"), null=True, blank=True, help_text=_("Length in weeks, as agreed or as done.")
    )
    goal = models.CharField(_("goal"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["start_date", "id"]
        verbose_name = _("voortraject")
        verbose_name_plural = _("voortrajecten")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="pretrajectory_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_type_display()} ({self.start_date.isoformat()})"


class OnHoldPeriod(models.Model):
    """An on-hold period with its end (seed [003] Tabel 8), as an evaluation registry records it.

    Enrolments made in Werkpad keep on hold as status changes; an imported registry gives the
    periods themselves (the start, the end or none while still on hold, the reason).
    """

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="on_holds")
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    reason_code = models.CharField(
        _("reason"), max_length=24, choices=StatusReason.choices, blank=True
    )

    class Meta:
        ordering = ["start_date", "id"]
        verbose_name = _("on-hold period")
        verbose_name_plural = _("on-hold periods")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="on_hold_end_after_start",
            ),
        ]


class EmploymentSpell(models.Model):
    """Work after outflow, from a follow-up contact or an import: durability (seed [002] Tabel 6.3)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="employment_spells"
    )
    employer = models.ForeignKey(
        "employers.Employer",
        verbose_name=_("employer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    employer_name = models.CharField(
        _("employer (name)"), max_length=200, blank=True, help_text=_("When not in Werkpad.")
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    hours_per_week = models.DecimalField(
        _("hours per week"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    contract_kind = models.CharField(
        _("contract"), max_length=12, choices=ContractKind.choices, blank=True
    )
    source = models.CharField(
        _("source"), max_length=12, choices=SpellSource.choices, default=SpellSource.FOLLOW_UP
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["start_date", "id"]
        verbose_name = _("employment spell")
        verbose_name_plural = _("employment spells")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="spell_end_after_start",
            ),
        ]

    def covers(self, on: date) -> bool:
        return self.start_date <= on and (self.end_date is None or on <= self.end_date)


# --- the step plan (issue 11) ---------------------------------------------------------------------


class Plan(models.Model):
    """The step plan of a person, spanning enrolments: the work part of a PIP (Wi2021).

    The plan's fields and steps are the working copy the coach edits; what was agreed is a
    :class:`PlanVersion` (a frozen snapshot) confirmed by both coach and newcomer.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    participant = models.OneToOneField(
        "participants.Participant", on_delete=models.CASCADE, related_name="plan"
    )
    droombaan = models.CharField(_("dream job"), max_length=200, blank=True)
    droombaan_uri = models.CharField(_("dream job (ESCO)"), max_length=200, blank=True)
    category_now = models.CharField(
        _("development category now"),
        max_length=12,
        choices=DevelopmentCategory.choices,
        blank=True,
    )
    category_next = models.CharField(
        _("development category next"),
        max_length=12,
        choices=DevelopmentCategory.choices,
        blank=True,
    )
    offers = models.TextField(_("what the service offers"), blank=True)
    not_offers = models.TextField(_("what the service does not offer"), blank=True)
    contact = models.CharField(_("whom to call"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("step plan")
        verbose_name_plural = _("step plans")

    def __str__(self) -> str:
        return f"plan {self.public_id}"

    @property
    def latest_version(self) -> PlanVersion | None:
        return self.versions.order_by("-number").first()


class PlanStep(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(default=0)
    type = models.CharField(_("type"), max_length=20, choices=StepType.choices)
    title = models.CharField(_("step"), max_length=200)
    owner = models.CharField(
        _("who does it"), max_length=12, choices=StepOwner.choices, default=StepOwner.NEWCOMER
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=StepStatus.choices, default=StepStatus.OPEN
    )
    drop_reason = models.CharField(_("why dropped"), max_length=300, blank=True)
    vacancy = models.ForeignKey(
        "employers.Vacancy",
        verbose_name=_("vacancy"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    pretrajectory = models.ForeignKey(
        Pretrajectory,
        verbose_name=_("voortraject"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    course = models.CharField(_("course"), max_length=200, blank=True)
    # The suggestion's result when the step was made from a near miss, and after it was done.
    suggestion_before = models.CharField(max_length=300, blank=True, editable=False)
    suggestion_after = models.CharField(max_length=300, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["plan", "position", "id"]
        verbose_name = _("plan step")
        verbose_name_plural = _("plan steps")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="dropped") | ~Q(drop_reason=""),
                name="plan_step_dropped_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        """The one check of a step's fields together (forms, API and actions run it)."""
        errors: dict[str, Any] = {}
        if self.status == StepStatus.DROPPED and not self.drop_reason.strip():
            errors["drop_reason"] = _("Say why the step was dropped.")
        if (
            self.pretrajectory_id is not None
            and self.pretrajectory is not None
            and self.pretrajectory.enrolment.participant_id != self.plan.participant_id
        ):
            errors["pretrajectory"] = _("Choose a voortraject of this participant.")
        if errors:
            raise ValidationError(errors)


class PlanVersion(models.Model):
    """A frozen version of the plan: agreed when coach and newcomer both confirmed it."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    snapshot = models.JSONField(editable=False)
    trigger = models.CharField(
        _("reason for this version"),
        max_length=20,
        choices=HerijkingTrigger.choices,
        default=HerijkingTrigger.FIRST,
    )
    note = models.CharField(_("about this herijking"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["plan", "number"]
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="one_plan_version_number"),
        ]

    def __str__(self) -> str:
        return f"v{self.number}"

    def confirmation(self, party: str) -> PlanConfirmation | None:
        return next((c for c in self.confirmations.all() if c.party == party), None)

    @property
    def agreed(self) -> bool:
        """Both parties confirmed *this* version."""
        parties = {c.party for c in self.confirmations.all()}
        return parties >= {ConfirmingParty.COACH, ConfirmingParty.NEWCOMER}

    @property
    def agreed_on(self) -> date | None:
        if not self.agreed:
            return None
        return max(c.confirmed_at for c in self.confirmations.all()).date()


class PlanConfirmation(models.Model):
    """One party's confirmation of exactly one version."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="confirmations")
    party = models.CharField(_("who confirmed"), max_length=12, choices=ConfirmingParty.choices)
    channel = models.CharField(_("how"), max_length=12, choices=ConfirmationChannel.choices)
    language = models.CharField(_("language of the conversation"), max_length=60, blank=True)
    interpreter = models.CharField(_("interpreter"), max_length=120, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("confirmed"), default=timezone.now)

    class Meta:
        ordering = ["confirmed_at", "id"]
        verbose_name = _("plan confirmation")
        verbose_name_plural = _("plan confirmations")
        constraints = [
            models.UniqueConstraint(fields=["version", "party"], name="one_confirmation_per_party"),
            models.CheckConstraint(
                condition=~Q(channel="in_person") | ~Q(language=""),
                name="in_person_confirmation_has_language",
            ),
        ]


# Contact moments with the newcomer, appointments, the calendar feed and aftercare (issue 13).
from .care_models import (  # noqa: E402, F401
    AftercareCheckIn,
    AftercareSchedule,
    Appointment,
    CalendarFeed,
    DigestSubscription,
    NewcomerContact,
)
