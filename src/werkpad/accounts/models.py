"""Organisations, users and their roles."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    GEMEENTE = "gemeente", _("Municipality")
    COA = "coa", _("COA location")
    WSP = "wsp", _("Employer service point (WSP)")
    CIVIL_SOCIETY = "civil_society", _("Civil-society organisation")
    LANGUAGE_PROVIDER = "language_provider", _("Language provider")
    EMPLOYER = "employer", _("Employer")
    WERKONTWIKKELBEDRIJF = "werkontwikkelbedrijf", _("Work-development company")
    UWV = "uwv", _("UWV")
    RESEARCH = "research", _("Research or evaluation")
    OTHER = "other", _("Other")


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(fields=["name", "kind"], name="unique_organisation_name_kind")
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    COACH = "coach", _("Coach")
    PARTICIPANT = "participant", _("Newcomer")
    EMPLOYER = "employer", _("Employer contact")
    ANALYST = "analyst", _("Analyst")
    ADMIN = "admin", _("Administrator")
    PRIVACY = "privacy", _("Privacy officer")


class User(AbstractUser):
    """A person who logs in. The role decides what they may see; the organisation scopes it."""

    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.COACH)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    language = models.CharField(_("language"), max_length=8, blank=True, default="")
    job_title = models.CharField(_("job title"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def is_coach(self) -> bool:
        return self.role == Role.COACH

    @property
    def is_participant(self) -> bool:
        return self.role == Role.PARTICIPANT

    @property
    def is_employer(self) -> bool:
        return self.role == Role.EMPLOYER

    @property
    def is_analyst(self) -> bool:
        return self.role == Role.ANALYST

    @property
    def is_administrator(self) -> bool:
        return self.role == Role.ADMIN

    @property
    def is_privacy_officer(self) -> bool:
        """Reads the access log (and the request queues), never a participant file."""
        return self.role == Role.PRIVACY

    def save(self, *args: object, **kwargs: object) -> None:
        # Only administrators reach the Django admin; the admin flag follows the role.
        self.is_staff = self.role == Role.ADMIN
        if self.role != Role.ADMIN:
            self.is_superuser = False
        super().save(*args, **kwargs)  # type: ignore[arg-type]
