"""The participant file: every field of REGISTRATION.md "Participant — person / situation".

Exact values are stored (birth date, dates, hours); bands are derived (see ``bands.py``).
Never query these models directly from a view: go through ``participants.access``.
"""

from __future__ import annotations

import uuid
from datetime import date

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werkpad import validation as v
from werkpad.core import schedule
from werkpad.core.text import fold

from .choices import (
    BsnStatus,
    CertificateKind,
    ConsentScope,
    Dagdeel,
    DiplomaValuation,
    Education,
    Gender,
    Household,
    InburgeringRoute,
    InburgeringStatus,
    JobAtIntake,
    LanguageLevel,
    ParticipantStatus,
    Phase,
    Residence,
    SelfDevelopment,
    StatusReason,
    Weekday,
)
from .codes import validate_country, validate_language, validate_nationality
from .purposes import Purpose

INTAKE_STEPS = ("person", "languages", "work", "situation", "availability", "consent")

POSTCODE = RegexValidator(
    r"^[1-9][0-9]{3}[A-Z]{2}$",
    _("A Dutch postcode has four digits and two letters, like 1234 AB."),
    code="postcode",
)


def search_key(first_name: str, last_name: str) -> str:
    """What the caseload search matches: see ``Participant.search_name``."""
    return fold(f"{first_name} {last_name}")


class Participant(v.Validated):
    # Identity. ``public_id`` is what URLs carry: it reveals nothing about the person.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    number = models.CharField(_("participant number"), max_length=20, unique=True, editable=False)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    # "first last" folded (lower case, no accents), kept up to date on save: the caseload search
    # compares against this, so "Hernandez" finds "Hernández" on every database.
    search_name = models.CharField(max_length=201, blank=True, default="", editable=False)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    gender = models.CharField(_("gender"), max_length=8, choices=Gender.choices, blank=True)
    # Codes (ISO 3166-1 alpha-2, ISO 639): see codes.py. Old free text that could not be
    # matched stays until a coach chooses a code (the validators refuse it on the next edit).
    country_of_origin = models.CharField(
        _("country of origin"), max_length=60, blank=True, validators=[validate_country]
    )
    nationality = models.CharField(
        _("nationality"), max_length=60, blank=True, validators=[validate_nationality]
    )
    mother_tongue = models.CharField(
        _("mother tongue"), max_length=40, blank=True, validators=[validate_language]
    )
    contact_language = models.CharField(
        _("preferred language for contact"),
        max_length=8,
        blank=True,
        validators=[validate_language],
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    # Dates of the procedure.
    arrival_date = models.DateField(_("arrival date in the Netherlands"), null=True, blank=True)
    asylum_application_date = models.DateField(_("asylum application date"), null=True, blank=True)
    status_decision_date = models.DateField(_("status decision date"), null=True, blank=True)
    residence_permit_date = models.DateField(
        _("residence permit date"),
        null=True,
        blank=True,
        help_text=_(
            "The date from which the permit is valid, as printed on it: usually the date of the "
            "asylum application, so it may lie before the decision."
        ),
    )
    phase = models.CharField(
        _("phase"), max_length=24, choices=Phase.choices, default=Phase.ASYLUM_SEEKER
    )

    # Languages and education.
    dutch_spoken = models.CharField(
        _("Dutch, spoken"), max_length=2, choices=LanguageLevel.choices, blank=True
    )
    dutch_written = models.CharField(
        _("Dutch, written"), max_length=2, choices=LanguageLevel.choices, blank=True
    )
    speaks_english = models.BooleanField(_("speaks English"), null=True, blank=True)
    english_level = models.CharField(
        _("English level"), max_length=2, choices=LanguageLevel.choices, blank=True
    )
    education = models.CharField(
        _("education in country of origin"), max_length=8, choices=Education.choices, blank=True
    )
    diploma_valuation = models.CharField(
        _("diploma valuation"), max_length=16, choices=DiplomaValuation.choices, blank=True
    )

    # Work and ambitions.
    job_at_intake = models.CharField(
        _("job at intake"), max_length=8, choices=JobAtIntake.choices, blank=True
    )
    desired_occupation = models.CharField(
        _("desired occupation (dream job)"), max_length=200, blank=True
    )
    desired_occupation_uri = models.CharField(
        _("desired occupation (ESCO)"), max_length=200, blank=True
    )
    desired_self_development = models.CharField(
        _("desired self-development now"), max_length=8, choices=SelfDevelopment.choices, blank=True
    )
    informal_work = models.TextField(
        _("unpaid and informal work"),
        blank=True,
        max_length=4000,
        help_text=_(
            "Ask explicitly: care for family or others, volunteer work, helping in a family "
            "business, work without a contract or in the informal economy, here or abroad. "
            "What did you do there? In your own words and language."
        ),
    )

    # Situation.
    household = models.CharField(
        _("household"), max_length=16, choices=Household.choices, blank=True
    )
    children_count = models.PositiveSmallIntegerField(
        _("number of children"), null=True, blank=True
    )
    childcare_need = models.BooleanField(_("needs childcare"), null=True, blank=True)
    residence = models.CharField(
        _("residence"), max_length=16, choices=Residence.choices, blank=True
    )
    coa_location = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("COA location"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="residents",
        limit_choices_to={"kind": "coa"},
    )
    municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participants",
    )
    postcode = models.CharField(_("postcode"), max_length=7, blank=True, validators=[POSTCODE])
    has_bicycle = models.BooleanField(_("bicycle"), default=False)
    has_car = models.BooleanField(_("car"), default=False)
    uses_public_transport = models.BooleanField(_("public transport"), default=False)
    driving_licence = models.CharField(_("driving licence categories"), max_length=20, blank=True)

    # Inburgering and benefit.
    inburgering_route = models.CharField(
        _("inburgering route"), max_length=12, choices=InburgeringRoute.choices, blank=True
    )
    inburgering_status = models.CharField(
        _("inburgering status"), max_length=12, choices=InburgeringStatus.choices, blank=True
    )
    inburgering_start_date = models.DateField(_("inburgering start date"), null=True, blank=True)
    lesson_mask = models.PositiveIntegerField(_("lesson times"), default=0)
    lesson_hours_per_week = models.DecimalField(
        _("lesson hours per week"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    has_benefit = models.BooleanField(_("receives a benefit (uitkering)"), null=True, blank=True)
    participatiewet_obligations = models.TextField(_("Participatiewet obligations"), blank=True)

    # Documents.
    w_document_expiry = models.DateField(_("W-document valid until"), null=True, blank=True)
    bsn_status = models.CharField(_("BSN"), max_length=12, choices=BsnStatus.choices, blank=True)
    bsn_requested_date = models.DateField(_("BSN requested on"), null=True, blank=True)
    bsn_received_date = models.DateField(_("BSN received on"), null=True, blank=True)

    # Availability: 21-bit mask (see werkpad.core.schedule).
    availability_mask = models.PositiveIntegerField(_("availability"), default=0)
    max_hours_per_week = models.PositiveSmallIntegerField(
        _("hours available per week"), null=True, blank=True
    )

    # Responsibility and status.
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="participants",
    )
    regiehouder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible coach (regiehouder)"),
        on_delete=models.PROTECT,
        related_name="regie_participants",
        null=True,
        blank=True,
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("portal account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participant",
    )
    # A cache of one rule: the status of the participant's most recent active enrolment (or, with
    # none active, of the most recently ended one). Written only by
    # ``pathway.actions.refresh_participant_status``; the enrolments' histories are the truth.
    status = models.CharField(
        _("status"),
        max_length=24,
        choices=ParticipantStatus.choices,
        default=ParticipantStatus.UNKNOWN,
        editable=False,
    )
    notes = models.TextField(_("notes"), blank=True)
    intake_step = models.CharField(_("intake step"), max_length=16, default=INTAKE_STEPS[0])
    intake_completed_at = models.DateTimeField(_("intake completed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        indexes = [
            models.Index(fields=["organisation", "last_name"]),
            models.Index(fields=["regiehouder", "last_name"]),
            models.Index(fields=["phase"]),
            models.Index(fields=["municipality"]),
            # The monitoring overview's counts (participants.aggregates.overview_counts): one
            # index-only pass instead of reading every participant row.
            models.Index(
                fields=["phase", "status", "dutch_spoken", "municipality"],
                name="participant_overview_counts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def save(self, *args: object, **kwargs: object) -> None:
        if not self.number:
            self.number = _next_number()
        self.search_name = search_key(self.first_name, self.last_name)
        fields = kwargs.get("update_fields")
        if fields is not None and {"first_name", "last_name"} & set(fields):  # type: ignore[call-overload]
            kwargs["update_fields"] = [*fields, "search_name"]  # type: ignore[misc]
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def validate(self, errors: v.Errors) -> None:
        """Plausible dates (see ``werkpad.validation``), their order, and counts."""
        today = timezone.localdate()
        errors.window("birth_date", v.EARLIEST_BIRTH_DATE, today)
        for name in PAST_PROCEDURE_DATES:
            errors.window(name, v.EARLIEST_PROCEDURE_DATE, today)
        errors.window(
            "inburgering_start_date",
            v.EARLIEST_PROCEDURE_DATE,
            v.years_from(today, v.PLANNED_YEARS_AHEAD),
        )
        errors.window(
            "w_document_expiry",
            v.EARLIEST_PROCEDURE_DATE,
            v.years_from(today, v.DOCUMENT_YEARS_AHEAD),
        )
        errors.order(
            "arrival_date",
            "asylum_application_date",
            _("The asylum application cannot be earlier than the arrival."),
        )
        errors.order(
            "asylum_application_date",
            "status_decision_date",
            _("The decision cannot be earlier than the application."),
        )
        errors.order(
            "arrival_date",
            "status_decision_date",
            _("The decision cannot be earlier than the arrival."),
        )
        errors.order(
            "asylum_application_date",
            "residence_permit_date",
            _("A residence permit takes effect on the asylum application date at the earliest."),
        )
        errors.order(
            "bsn_requested_date",
            "bsn_received_date",
            _("The BSN cannot be received before it was requested."),
        )
        errors.number("children_count", 0, 20, _("Enter a number of children between 0 and 20."))
        errors.number("lesson_hours_per_week", 0, 40, _("Enter between 0 and 40 hours."))
        errors.number("max_hours_per_week", 0, 60, _("Enter at most 60 hours a week."))
        if self.bsn_status == "received" and not self.bsn_received_date:
            errors.add("bsn_received_date", _("Enter the date the BSN was received."))
        if self.bsn_status == "requested" and not self.bsn_requested_date:
            errors.add("bsn_requested_date", _("Enter the date the BSN was requested."))

    def age_on(self, on: date) -> int | None:
        if self.birth_date is None:
            return None
        b = self.birth_date
        return on.year - b.year - ((on.month, on.day) < (b.month, b.day))

    @property
    def availability_slots(self) -> set[tuple[int, int]]:
        return set(schedule.slots_of(self.availability_mask))

    @property
    def lesson_slots(self) -> set[tuple[int, int]]:
        return set(schedule.slots_of(self.lesson_mask))


# Dates of things that happened: not in the future, not before EARLIEST_PROCEDURE_DATE.
PAST_PROCEDURE_DATES = (
    "arrival_date",
    "asylum_application_date",
    "status_decision_date",
    "residence_permit_date",
    "bsn_requested_date",
    "bsn_received_date",
)


def _next_number() -> str:
    """A readable, non-identifying participant number such as ``WP-7K3M9Q``."""
    alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    value = uuid.uuid4().int
    chars = []
    for _i in range(8):
        value, rem = divmod(value, len(alphabet))
        chars.append(alphabet[rem])
    return "WP-" + "".join(chars)


class CoachLink(models.Model):
    """A coach linked to a participant besides the regiehouder, possibly from another organisation."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="coach_links"
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coach_links"
    )
    role = models.CharField(_("role in the trajectory"), max_length=100, blank=True)
    since = models.DateField(_("since"), default=date.today)
    # The scope of the link, set by the regiehouder: for which purpose, and which sections of the
    # file (``purposes.SECTIONS``) the coach may read and edit. Enforced by ``access.scope_of``.
    purpose = models.CharField(
        _("purpose"), max_length=16, choices=Purpose.choices, default=Purpose.GUIDANCE
    )
    read_sections = models.JSONField(_("may read"), default=list, blank=True)
    edit_sections = models.JSONField(_("may edit"), default=list, blank=True)

    class Meta:
        verbose_name = _("linked coach")
        verbose_name_plural = _("linked coaches")
        constraints = [
            models.UniqueConstraint(fields=["participant", "coach"], name="unique_coach_link")
        ]


class OtherLanguage(v.Validated):
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="languages")
    language = models.CharField(_("language"), max_length=40, validators=[validate_language])
    level = models.CharField(_("level"), max_length=2, choices=LanguageLevel.choices, blank=True)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")


class Diploma(v.Validated):
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="diplomas")
    title = models.CharField(_("diploma"), max_length=200)
    level = models.CharField(_("level"), max_length=8, choices=Education.choices, blank=True)
    country = models.CharField(
        _("country"), max_length=60, blank=True, validators=[validate_country]
    )
    valuation = models.CharField(
        _("valuation"), max_length=16, choices=DiplomaValuation.choices, blank=True
    )

    class Meta:
        verbose_name = _("diploma")
        verbose_name_plural = _("diplomas")


class WorkExperience(v.Validated):
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="experiences"
    )
    occupation = models.CharField(_("occupation"), max_length=200)
    occupation_uri = models.CharField(_("occupation (ESCO)"), max_length=200, blank=True)
    years = models.DecimalField(_("years"), max_digits=4, decimal_places=1, null=True, blank=True)
    sector = models.CharField(_("sector"), max_length=60, blank=True)
    country = models.CharField(
        _("country"), max_length=60, blank=True, validators=[validate_country]
    )

    class Meta:
        verbose_name = _("work experience")
        verbose_name_plural = _("work experience")

    def validate(self, errors: v.Errors) -> None:
        errors.number("years", 0, 60, _("Enter between 0 and 60 years."))


class Certificate(v.Validated):
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="certificates"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CertificateKind.choices)
    detail = models.CharField(
        _("detail"), max_length=100, blank=True, help_text=_("E.g. licence category B.")
    )
    expires_on = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def validate(self, errors: v.Errors) -> None:
        errors.window(
            "expires_on",
            v.EARLIEST_PROCEDURE_DATE,
            v.years_from(timezone.localdate(), v.DOCUMENT_YEARS_AHEAD),
        )

    def valid_on(self, on: date) -> bool:
        return self.expires_on is None or self.expires_on >= on


class FixedAppointment(v.Validated):
    """A recurring appointment that blocks work (meldplicht, COA, IND, doctor)."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="appointments"
    )
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    dagdeel = models.PositiveSmallIntegerField(_("part of day"), choices=Dagdeel.choices)
    description = models.CharField(_("what"), max_length=100)

    class Meta:
        ordering = ["weekday", "dagdeel"]
        verbose_name = _("fixed appointment")
        verbose_name_plural = _("fixed appointments")


class Consent(models.Model):
    """AVG consent: what is shared with whom, for which purpose, given and withdrawn when."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="consents")
    scope = models.CharField(_("what"), max_length=24, choices=ConsentScope.choices)
    recipient = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("with whom"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="consents_received",
    )
    purpose = models.CharField(_("purpose"), max_length=200, blank=True)
    # The purpose in the one model of purposes (``purposes.Purpose``): what this consent grounds.
    purpose_code = models.CharField(
        _("for the purpose"), max_length=16, choices=Purpose.choices, default=Purpose.GUIDANCE
    )
    given_at = models.DateTimeField(_("given"))
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-given_at"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        indexes = [
            models.Index(fields=["participant", "scope"]),
            # "Everyone I may see": the files of the coach's organisation whose newcomer consents
            # to guidance by it (about nine in ten). Only the active organisation-wide guidance
            # consents, read from the index alone: 33 -> 15 ms at 100,000 participants.
            models.Index(
                fields=["participant"],
                name="consent_org_guidance",
                condition=models.Q(
                    purpose_code=Purpose.GUIDANCE,
                    scope=ConsentScope.ORGANISATION,
                    withdrawn_at__isnull=True,
                ),
            ),
        ]

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None


class StatusChange(models.Model):
    """One transition in an enrolment's status history: the one source of status.

    Written only by ``pathway.actions.change_status`` (and the actions built on it). ``participant``
    repeats ``enrolment.participant`` so that a file's history reads without a join.
    """

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="status_changes"
    )
    enrolment = models.ForeignKey(
        "pathway.Enrolment",
        verbose_name=_("enrolment"),
        on_delete=models.CASCADE,
        related_name="status_changes",
    )
    status = models.CharField(_("status"), max_length=24, choices=ParticipantStatus.choices)
    date = models.DateField(_("date"))
    reason_code = models.CharField(
        _("reason"), max_length=24, choices=StatusReason.choices, blank=True
    )
    reason = models.CharField(_("explanation"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "recorded_at", "id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")


class ChangeRecord(models.Model):
    """One field change in a participant file: who, when, old -> new."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="changes")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    section = models.CharField(max_length=32)
    field = models.CharField(max_length=64)
    label = models.CharField(max_length=200)
    old_value = models.TextField(blank=True)
    new_value = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("change")
        verbose_name_plural = _("changes")
