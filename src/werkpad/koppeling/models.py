"""Kansrijke koppeling: quotas, households awaiting a link, their criteria and evidence, runs,
proposals and the decisions on them.

A household is personal data: it is read only through ``koppeling.access`` (which logs every
read, write and refusal against the main applicant's participant file) and written only by
``koppeling.actions``. A run proposes; a person decides (``Proposal.decided_by``).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.translation import gettext_lazy as _

HALF_YEAR_MAX = 7  # "2026-H1"


def private_storage() -> FileSystemStorage:
    """Evidence lives outside static and media serving; no URL is ever derived from it."""
    return FileSystemStorage(location=settings.WERKPAD_PRIVATE_FILES)


class QuotaSource(models.TextChoices):
    IMPORTED = "imported", _("Imported")
    DERIVED = "derived", _("Derived from the national total in proportion to population")


class Taakstelling(models.Model):
    """The number of status holders (persons) a municipality is to house in a half-year."""

    municipality = models.ForeignKey(
        "places.Municipality", on_delete=models.CASCADE, related_name="quotas"
    )
    half_year = models.CharField(_("half-year"), max_length=HALF_YEAR_MAX)
    persons = models.PositiveIntegerField(_("persons"))
    source = models.CharField(_("source"), max_length=12, choices=QuotaSource.choices)
    source_detail = models.CharField(_("source detail"), max_length=200, blank=True)

    class Meta:
        ordering = ["half_year", "municipality__name"]
        verbose_name = _("quota (taakstelling)")
        verbose_name_plural = _("quotas (taakstelling)")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "half_year"], name="unique_quota_per_half_year"
            )
        ]


class HouseholdState(models.TextChoices):
    AWAITING = "awaiting", _("Awaiting a link")
    PROPOSED = "proposed", _("Proposal made")
    DECIDED = "decided", _("Linked")


class Household(models.Model):
    """Status holders awaiting a link: the main applicant's file and the household's size."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    participant = models.OneToOneField(
        "participants.Participant",
        verbose_name=_("main applicant"),
        on_delete=models.CASCADE,
        related_name="koppeling_household",
    )
    coa_location = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("COA location"),
        on_delete=models.PROTECT,
        related_name="households_to_link",
    )
    half_year = models.CharField(_("half-year"), max_length=HALF_YEAR_MAX)
    adults = models.PositiveSmallIntegerField(_("adults"), default=1)
    children = models.PositiveSmallIntegerField(_("children"), default=0)
    seniors = models.PositiveSmallIntegerField(_("adults aged 65 or over"), default=0)
    screened = models.BooleanField(_("screening conversation held"), default=False)
    # Soft criteria: they count in the weighing, they do not bind.
    network_municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("network (family, friends, community) near"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    work_experience = models.CharField(_("work experience"), max_length=200, blank=True)
    ambitions = models.CharField(_("ambitions"), max_length=200, blank=True)
    state = models.CharField(
        _("state"), max_length=12, choices=HouseholdState.choices, default=HouseholdState.AWAITING
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("household to link")
        verbose_name_plural = _("households to link")
        permissions = [
            ("link_households", "COA regievoerder: may run, explain and decide koppelingen"),
        ]

    @property
    def persons(self) -> int:
        return self.adults + self.children + self.seniors


class CriterionKind(models.TextChoices):
    WORK = "work", _("Work (at least 8 hours a week)")
    RELATIVE = "relative", _("First-degree relatives")
    STUDY = "study", _("Study")
    MEDICAL = "medical", _("Medical treatment")


class HardCriterion(models.Model):
    """A place the household may be tied to. For work the rules engine decides whether it
    counts (hours, signed contract, latest payslip); the others count once ``established``."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="criteria")
    kind = models.CharField(_("kind"), max_length=12, choices=CriterionKind.choices)
    municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("where (municipality)"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    hours_per_week = models.DecimalField(
        _("hours per week"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    contract_signed = models.BooleanField(_("contract signed"), null=True, blank=True)
    payslip_shown = models.BooleanField(_("latest payslip shown"), null=True, blank=True)
    established = models.BooleanField(_("evidence seen"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    @property
    def point(self) -> tuple[float, float] | None:
        if self.latitude is not None and self.longitude is not None:
            return (self.latitude, self.longitude)
        m = self.municipality
        if m.latitude is None or m.longitude is None:
            return None
        return (m.latitude, m.longitude)


class EvidenceKind(models.TextChoices):
    CONTRACT = "contract", _("Employment contract")
    PAYSLIP = "payslip", _("Payslip")
    OTHER = "other", _("Other evidence")


class Evidence(models.Model):
    """A document on the household's file: private storage, checked type and size."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="evidence")
    criterion = models.ForeignKey(
        HardCriterion, on_delete=models.SET_NULL, null=True, blank=True, related_name="evidence"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=EvidenceKind.choices)
    file = models.FileField(storage=private_storage, upload_to="evidence/%Y/%m/")
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]


class Run(models.Model):
    """One optimisation run over the households awaiting a link in a half-year."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    half_year = models.CharField(_("half-year"), max_length=HALF_YEAR_MAX)
    coa_location = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The core's RunReport.as_dict(): objective, bound, gap, placed, quota use, violations,
    # seconds, settings, greedy/random ratios.
    report = models.JSONField(default=dict)
    # The prediction: model or prior, validation figures, features (model card summary).
    model = models.JSONField(default=dict)
    # The fairness report (already suppressed when it was made).
    fairness = models.JSONField(default=dict)

    class Meta:
        ordering = ["-created_at", "-id"]


class Response(models.TextChoices):
    NONE = "", _("No answer yet")
    AGREE = "agree", _("Agrees")
    OBJECT = "object", _("Objects")


class Decision(models.TextChoices):
    OPEN = "", _("Not decided")
    CONFIRMED = "confirmed", _("Confirmed as proposed")
    OVERRIDDEN = "overridden", _("Overridden")


class Proposal(models.Model):
    """What a run proposes for one household, and what the household and the regievoerder said."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    run = models.ForeignKey(Run, on_delete=models.CASCADE, related_name="proposals")
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="proposals")
    municipality = models.ForeignKey(
        "places.Municipality", on_delete=models.PROTECT, null=True, related_name="+"
    )
    chance = models.FloatField(null=True)
    # [{"code", "name", "region", "chance"}] — the best three other municipalities allowed.
    alternatives = models.JSONField(default=list)
    # [{"kind", "status", "binds", "radius_km"}] and quota notes: what bound the choice.
    binding = models.JSONField(default=list)
    status_quo = models.ForeignKey(
        "places.Municipality", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    response = models.CharField(max_length=8, choices=Response.choices, blank=True)
    response_reason = models.TextField(_("reason"), blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    decision = models.CharField(max_length=12, choices=Decision.choices, blank=True)
    decided_municipality = models.ForeignKey(
        "places.Municipality", on_delete=models.PROTECT, null=True, related_name="+"
    )
    decision_reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    handover = models.ForeignKey(
        "handovers.Handover", on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["run", "household"], name="one_proposal_per_run")
        ]


class ProposalEvent(models.Model):
    """The history of a proposal: explanation shown, response, decision — with the scores shown
    at that moment."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    event = models.CharField(max_length=24)
    detail = models.TextField(blank=True)
    scores = models.JSONField(default=dict)

    class Meta:
        ordering = ["at", "id"]
