"""The employer desk: employers, vacancies, shortlists, TWV applications, placements, contacts.

Rules about a single record live here (durations, bands, expected TWV decision); flows that touch
several records (register a placement, decide a TWV, import a file) live in ``actions.py``.
Employer contacts reach these records only through ``access.py``.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werkpad import validation as v
from werkpad.core import schedule
from werkpad.participants.choices import CertificateKind

from . import terms
from .choices import (
    TWV_DECIDED,
    ContractKind,
    EmployerKind,
    FoundVia,
    HoursKind,
    PlacementEndReason,
    PlacementKind,
    ReportSizeBand,
    RequiredDutch,
    Sector,
    SelfDevelopmentCategory,
    ShortlistStatus,
    SizeBand,
    TwvStatus,
    VacancyStatus,
)

EMPLOYER_NAME_MAX = 200
CERTIFICATE_DETAIL_MAX = 100


def employer_name_error(name: str) -> str | None:
    """The problem with an employer's name (kept on its organisation), or ``None``."""
    return v.text_error(name, max_length=EMPLOYER_NAME_MAX, required=True)


class Employer(v.Validated):
    """An employer, tied to an organisation of kind *employer* whose users are its contacts."""

    # The stable key of exports and imports (the ``reference`` column): a re-imported row updates
    # the record it came from.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.OneToOneField(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="employer",
        limit_choices_to={"kind": "employer"},
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EmployerKind.choices)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    size_band = models.CharField(
        _("size"), max_length=8, choices=SizeBand.choices, blank=True, default=""
    )
    experience_with_status_holders = models.BooleanField(
        _("experience with status holders"), null=True, blank=True
    )
    # Size in the bands of seed [003] Tabel 7 (finer than ``size_band``), as a registry gives it.
    report_size = models.CharField(
        _("size (evaluation bands)"),
        max_length=8,
        choices=ReportSizeBand.choices,
        blank=True,
        default="",
    )
    # The key of an imported evaluation registry ("registry/werkgever_id"): a re-import finds it.
    registry_key = models.CharField(max_length=100, blank=True, default="", editable=False)
    contact_name = models.CharField(_("contact person at the employer"), max_length=200)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    account_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account manager (our side)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="managed_employers",
        limit_choices_to={"role": "coach"},
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("employer")
        verbose_name_plural = _("employers")
        constraints = [
            models.UniqueConstraint(
                fields=["registry_key"],
                condition=~models.Q(registry_key=""),
                name="one_employer_per_registry_key",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.organisation.name


class EmployerLocation(v.Validated):
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="locations")
    name = models.CharField(_("name"), max_length=100, blank=True)
    address = models.CharField(_("address"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="employer_locations",
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)

    class Meta:
        ordering = ["employer", "city", "address"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def __str__(self) -> str:
        parts = [self.name, self.address, " ".join(p for p in (self.postcode, self.city) if p)]
        return ", ".join(p for p in parts if p)

    def validate(self, errors: v.Errors) -> None:
        if (self.latitude is None) != (self.longitude is None):
            errors.add(NON_FIELD_ERRORS, _("Enter both latitude and longitude, or neither."))
        errors.number("latitude", -90, 90, _("Latitude lies between -90 and 90."))
        errors.number("longitude", -180, 180, _("Longitude lies between -180 and 180."))


def certificate_label(item: dict[str, Any]) -> str:
    """``{"kind": "driving_licence", "detail": "B"}`` as a person reads it."""
    from django.utils.encoding import force_str

    try:
        label = force_str(CertificateKind(item.get("kind", "")).label)
    except ValueError:
        label = str(item.get("kind", ""))
    detail = str(item.get("detail", "")).strip()
    return f"{label} ({detail})" if detail else label


def certificate_errors(items: Any) -> list[str]:
    """Problems with a list of ``{"kind": ..., "detail": ...}`` (required certificates)."""
    if not isinstance(items, list):
        return [str(_("Give the certificates as a list."))]
    kinds = {c.value for c in CertificateKind}
    problems = []
    for item in items:
        if not isinstance(item, dict) or item.get("kind") not in kinds:
            problems.append(
                _("Unknown certificate kind: %(kind)s")
                % {"kind": item.get("kind") if isinstance(item, dict) else item}
            )
            continue
        detail = item.get("detail", "")
        problem = (
            v.text_error(detail, max_length=CERTIFICATE_DETAIL_MAX)
            if isinstance(detail, str)
            else str(_("Write the detail as text."))
        )
        if problem:
            problems.append(problem)
    return problems


class Vacancy(v.Validated):
    # The stable key of exports and imports (the ``reference`` column), as for employers.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="vacancies")
    title = models.CharField(_("title"), max_length=200)
    occupation = models.CharField(_("occupation"), max_length=200)
    occupation_uri = models.CharField(_("occupation (ESCO)"), max_length=200, blank=True)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    location = models.ForeignKey(
        EmployerLocation,
        verbose_name=_("workplace"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="vacancies",
    )
    description = models.TextField(_("description"), blank=True)
    hours_per_week = models.DecimalField(_("hours per week"), max_digits=4, decimal_places=1)
    roster_mask = models.PositiveIntegerField(_("roster (dagdelen)"), default=0)
    roster_flexible = models.BooleanField(
        _("flexible roster"),
        default=False,
        help_text=_("The dagdelen are agreed per week instead of fixed."),
    )
    contract_kind = models.CharField(
        _("contract kind"), max_length=20, choices=ContractKind.choices
    )
    contract_months = models.PositiveSmallIntegerField(
        _("contract length (months)"), null=True, blank=True
    )
    wage_hourly = models.DecimalField(
        _("gross hourly wage (EUR)"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    dutch_level = models.CharField(
        _("required Dutch level"),
        max_length=2,
        choices=RequiredDutch.choices,
        default=RequiredDutch.A0,
    )
    required_certificates = models.JSONField(
        _("required certificates"),
        default=list,
        blank=True,
        help_text=_('A list of {"kind": certificate kind, "detail": text}.'),
    )
    language_rich = models.BooleanField(_("language-rich workplace"), default=False)
    twv_willing = models.BooleanField(_("willing to apply for a work permit (TWV)"), default=False)
    self_development = models.CharField(
        _("self-development category"), max_length=8, choices=SelfDevelopmentCategory.choices
    )
    places = models.PositiveSmallIntegerField(_("number of places"), default=1)
    group_possible = models.BooleanField(_("group placement possible"), default=False)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=VacancyStatus.choices, default=VacancyStatus.DRAFT
    )
    # Empty for imported records and once the creating account is deleted: never required.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        indexes = [models.Index(fields=["status", "sector"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(places__gte=1), name="vacancy_places_at_least_one"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} — {self.employer}"

    def validate(self, errors: v.Errors) -> None:
        errors.number("hours_per_week", 1, 60, _("Enter between 1 and 60 hours a week."))
        errors.number("wage_hourly", *v.WAGE_HOURLY)
        errors.number("contract_months", *v.CONTRACT_MONTHS)
        errors.number("places", *v.PLACES)
        registered = v.registered_on(self)
        errors.window(
            "start_date",
            v.years_from(registered, -v.VACANCY_YEARS_BACK),
            v.years_from(registered, v.PLANNED_YEARS_AHEAD),
        )
        if self.location_id and self.employer_id and self.location.employer_id != self.employer_id:
            errors.add("location", _("Choose a location of this employer."))
        if self.roster_mask & ~schedule.FULL_WEEK:
            errors.add("roster_mask", _("The roster holds an unknown dagdeel."))
        if errors.checks("required_certificates"):
            for message in certificate_errors(self.required_certificates):
                errors.add("required_certificates", message)

    @property
    def certificate_labels(self) -> list[str]:
        return [certificate_label(item) for item in self.required_certificates or []]

    @property
    def roster_slots(self) -> list[tuple[int, int]]:
        return list(schedule.slots_of(self.roster_mask))


class Shortlist(v.Validated):
    """A participant proposed by a coach for a vacancy."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="shortlist")
    participant = models.ForeignKey(
        "participants.Participant", on_delete=models.CASCADE, related_name="shortlists"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ShortlistStatus.choices, default="proposed"
    )
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("shortlisted candidate")
        verbose_name_plural = _("shortlist")
        constraints = [
            models.UniqueConstraint(
                fields=["vacancy", "participant"], name="unique_shortlist_entry"
            )
        ]

    @property
    def pseudonym_code(self) -> str:
        """Stable per shortlist entry, unrelated to the participant's number or name."""
        alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
        digest = int.from_bytes(hashlib.sha256(self.public_id.bytes).digest()[:8], "big")
        chars = []
        for _i in range(4):
            digest, rem = divmod(digest, len(alphabet))
            chars.append(alphabet[rem])
        return "K-" + "".join(chars)


class TwvApplication(v.Validated):
    """A work permit (tewerkstellingsvergunning): the employer applies at the UWV, per job."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    participant = models.ForeignKey(
        "participants.Participant", on_delete=models.CASCADE, related_name="twv_applications"
    )
    employer = models.ForeignKey(
        Employer, on_delete=models.CASCADE, related_name="twv_applications"
    )
    vacancy = models.ForeignKey(
        Vacancy,
        verbose_name=_("vacancy"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="twv_applications",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=TwvStatus.choices, default=TwvStatus.PREPARED
    )
    prepared_on = models.DateField(_("prepared on"))
    submitted_on = models.DateField(_("submitted to the UWV on"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    uwv_reference = models.CharField(_("UWV reference"), max_length=40, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    # Empty for imported records and once the creating account is deleted: never required.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-prepared_on", "-id"]
        verbose_name = _("TWV application")
        verbose_name_plural = _("TWV applications")

    def validate(self, errors: v.Errors) -> None:
        today = timezone.localdate()
        for name in ("prepared_on", "submitted_on", "decided_on"):
            errors.window(name, v.EARLIEST_PROCEDURE_DATE, today)
        errors.order(
            "prepared_on",
            "submitted_on",
            _("The submission cannot be before the preparation."),
        )
        errors.order(
            "submitted_on", "decided_on", _("The decision cannot be before the submission.")
        )
        errors.order(
            "prepared_on", "decided_on", _("The decision cannot be before the preparation.")
        )

    @property
    def is_decided(self) -> bool:
        return self.status in TWV_DECIDED

    @property
    def expected(self) -> terms.TwvTerms | None:
        """The legal and practical decision dates, from the dated parameters on the submit date."""
        if self.submitted_on is None:
            return None
        return terms.expected_twv_decision(self.submitted_on)

    def overdue_level(self, today: date) -> str:
        """``""`` (on time), ``"legal"`` (past the legal term) or ``"practical"`` (past both)."""
        expected = self.expected
        if self.status != TwvStatus.SUBMITTED or expected is None:
            return ""
        if expected.practical is not None and today > expected.practical:
            return "practical"
        if expected.legal is not None and today > expected.legal:
            return "legal"
        return ""


class Placement(v.Validated):
    """A startbaan: every field of REGISTRATION.md "Placement / startbaan" ([003] Tabel 6)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    participant = models.ForeignKey(
        "participants.Participant", on_delete=models.CASCADE, related_name="placements"
    )
    employer = models.ForeignKey(
        Employer, verbose_name=_("employer"), on_delete=models.PROTECT, related_name="placements"
    )
    vacancy = models.ForeignKey(
        Vacancy,
        verbose_name=_("vacancy"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="placements",
    )
    # The enrolment whose status the placement moves (pathway.actions); empty only for placements
    # recorded before enrolments existed and not matched to one.
    enrolment = models.ForeignKey(
        "pathway.Enrolment",
        verbose_name=_("enrolment"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="placements",
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=PlacementKind.choices, default=PlacementKind.PAID
    )
    found_via = models.CharField(_("found"), max_length=8, choices=FoundVia.choices)
    start_date = models.DateField(_("start date"))
    contract_months = models.PositiveSmallIntegerField(
        _("contract length (months)"), null=True, blank=True, help_text=_("Empty when unknown.")
    )
    hours_kind = models.CharField(_("hours"), max_length=8, choices=HoursKind.choices)
    hours_per_week = models.DecimalField(_("hours per week"), max_digits=4, decimal_places=1)
    occupation = models.CharField(_("occupation"), max_length=200)
    occupation_uri = models.CharField(_("occupation (ESCO)"), max_length=200, blank=True)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    wage_hourly = models.DecimalField(
        _("gross hourly wage (EUR)"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    zero_hours = models.BooleanField(_("zero-hours contract"), default=False)
    lks = models.BooleanField(_("wage-cost subsidy (loonkostensubsidie)"), default=False)
    werkcoach = models.BooleanField(_("work coach"), default=False)
    jobcoach = models.BooleanField(_("job coach"), default=False)
    harrie = models.BooleanField(_("HARRIE (co-worker training)"), default=False)
    proefplaatsing = models.BooleanField(_("trial placement (proefplaatsing)"), default=False)
    detachering = models.BooleanField(_("secondment (detachering)"), default=False)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    end_reason = models.CharField(
        _("end reason"), max_length=16, choices=PlacementEndReason.choices, blank=True
    )
    end_note = models.CharField(_("about the end"), max_length=200, blank=True)
    # Fields the source left unknown (an imported registry): their stored value is a placeholder
    # and the evaluation counts them as "onbekend" (e.g. "hours_per_week", "lks", "found_via").
    unknown_fields = models.JSONField(default=list, blank=True, editable=False)
    # Empty for imported records and once the creating account is deleted: never required.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = _("placement")
        verbose_name_plural = _("placements")

    def validate(self, errors: v.Errors) -> None:
        errors.number("hours_per_week", 0, 60, _("Enter between 0 and 60 hours a week."))
        errors.number("wage_hourly", *v.WAGE_HOURLY)
        errors.number("contract_months", *v.CONTRACT_MONTHS)
        registered = v.registered_on(self)
        ahead = v.years_from(registered, v.PLANNED_YEARS_AHEAD)
        errors.window("start_date", v.years_from(registered, -v.PLACEMENT_YEARS_BACK), ahead)
        errors.window("end_date", None, v.years_from(timezone.localdate(), v.PLANNED_YEARS_AHEAD))
        errors.order("start_date", "end_date", _("The end date cannot be before the start date."))
        if self.end_date and not self.end_reason:
            errors.add("end_reason", _("Give the reason the placement ended."))

    @property
    def active(self) -> bool:
        return self.end_date is None

    @property
    def instruments(self) -> list[str]:
        from .choices import INSTRUMENTS

        return [str(label) for code, label in INSTRUMENTS if getattr(self, code)]

    @property
    def contract_band(self) -> str:
        """[003] Tabel 6 bands, derived from the exact months."""
        m = self.contract_months
        if m is None:
            return "unknown"
        if m <= 6:
            return "1-6"
        if m <= 12:
            return "7-12"
        if m <= 24:
            return "13-24"
        return ">=25"

    @property
    def hours_band(self) -> str:
        h = self.hours_per_week
        if h <= 16:
            return "0-16"
        if h <= 24:
            return "17-24"
        if h <= 32:
            return "25-32"
        return "33-40"


class ContactMoment(v.Validated):
    """An *employer contact*: a contact the account manager owes an employer that asked for one.

    Not to be confused with a contact moment with the newcomer (``pathway.NewcomerContact``).
    Aftercare after a placement (the planned rhythm, with the employer and with the newcomer) lives
    in ``pathway`` (``AftercareSchedule`` / ``AftercareCheckIn``); rows planned here before that
    were moved there by ``pathway`` migration 0005.
    """

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="contact_moments")
    placement = models.ForeignKey(
        Placement,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contact_moments",
    )
    account_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account manager"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contact_moments",
    )
    phase = models.CharField(_("rhythm"), max_length=12, blank=True)
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    requested_by_employer = models.BooleanField(_("asked for by the employer"), default=False)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("employer contact")
        verbose_name_plural = _("employer contacts")
        indexes = [models.Index(fields=["account_manager", "done_on", "due_on"])]

    @property
    def open(self) -> bool:
        return self.done_on is None


__all__ = [
    "ContactMoment",
    "Employer",
    "EmployerLocation",
    "FoundVia",
    "HoursKind",
    "Placement",
    "Shortlist",
    "TwvApplication",
    "Vacancy",
]
