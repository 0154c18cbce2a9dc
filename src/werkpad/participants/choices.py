"""Value lists of the participant file (REGISTRATION.md), as Django choices."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    MAN = "man", _("Man")
    WOMAN = "woman", _("Woman")
    OTHER = "other", _("Other")


class Phase(models.TextChoices):
    ASYLUM_SEEKER = "asylum_seeker", _("Asylum seeker in azc")
    TEMPORARY_PROTECTION = "temporary_protection", _("Temporary protection (Ukraine)")
    STATUS_HOLDER_AZC = "status_holder_azc", _("Status holder in azc awaiting housing")
    INBURGERING = "inburgering", _("In inburgering")
    AFTER_INBURGERING = "after_inburgering", _("After inburgering")


class LanguageLevel(models.TextChoices):
    UNKNOWN = "", _("Unknown")
    A0 = "A0", _("A0 (no functional Dutch)")
    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"
    C1 = "C1", "C1"
    C2 = "C2", "C2"


LEVEL_ORDER = {"A0": 0, "A1": 1, "A2": 2, "B1": 3, "B2": 4, "C1": 5, "C2": 6}


class Education(models.TextChoices):
    UNKNOWN = "", _("Unknown")
    NONE = "none", _("None / no basic qualification")
    PRIMARY = "primary", _("Primary education")
    LOW = "low", _("Lower secondary")
    MIDDLE = "middle", _("Upper secondary / vocational")
    HIGH = "high", _("Higher education")


class DiplomaValuation(models.TextChoices):
    NONE = "", _("Not requested")
    REQUESTED = "requested", _("Requested")
    VALUED = "valued", _("Valued")
    NOT_POSSIBLE = "not_possible", _("Not possible")


class JobAtIntake(models.TextChoices):
    UNKNOWN = "", _("Unknown")
    NONE = "none", _("No job")
    PROSPECT = "prospect", _("Job in prospect")
    HAD_JOB = "had_job", _("Has or had a job")


class SelfDevelopment(models.TextChoices):
    UNKNOWN = "", _("Not chosen yet")
    MINIMAL = "minimal", _("Minimal self-development (quick start)")
    SOME = "some", _("Some self-development")
    STRONG = "strong", _("Strong self-development (own field)")


class Household(models.TextChoices):
    UNKNOWN = "", _("Unknown")
    ALONE = "alone", _("Alone")
    PARTNER = "partner", _("With partner, no children")
    PARTNER_CHILDREN = "partner_children", _("With partner and children")
    SINGLE_PARENT = "single_parent", _("Alone with children")
    PARENTS = "parents", _("With parents")
    SUPPORTED = "supported", _("Supported living")
    AZC = "azc", _("In azc")
    OTHER = "other", _("Other")


class Residence(models.TextChoices):
    UNKNOWN = "", _("Unknown")
    HOME = "home", _("Own home")
    TUSSENOPVANG = "tussenopvang", _("Temporary housing (tussenopvang)")
    AZC = "azc", _("Azc")


class InburgeringRoute(models.TextChoices):
    UNKNOWN = "", _("Unknown / not applicable")
    B1 = "b1", _("B1 route")
    Z = "z", _("Z route (self-reliance)")
    EDUCATION = "education", _("Education route")


class InburgeringStatus(models.TextChoices):
    UNKNOWN = "", _("Unknown")
    NOT_STARTED = "not_started", _("Not started")
    STARTED = "started", _("In progress")
    ON_HOLD = "on_hold", _("On hold")
    COMPLETED = "completed", _("Completed")
    EXEMPT = "exempt", _("Exempt")


class BsnStatus(models.TextChoices):
    NONE = "", _("Not requested")
    REQUESTED = "requested", _("Requested")
    RECEIVED = "received", _("Received")


class ParticipantStatus(models.TextChoices):
    """Status pipeline of seed [003]; history is kept in :class:`StatusChange`."""

    UNKNOWN = "unknown", _("Unknown")
    NEEDS_PRETRAJECTORY = "needs_pretrajectory", _("Needs a pre-work trajectory")
    IN_PRETRAJECTORY = "in_pretrajectory", _("In pre-work trajectory")
    MEDIATION = "mediation", _("In job mediation")
    STARTBAAN = "startbaan", _("Has a startbaan")
    ON_HOLD = "on_hold", _("On hold")
    DROPOUT = "dropout", _("Dropped out")
    ENDED = "ended", _("Ended")


class CertificateKind(models.TextChoices):
    VCA = "vca", _("VCA (safety)")
    BHV = "bhv", _("BHV (first aid)")
    DRIVING_LICENCE = "driving_licence", _("Driving licence")
    DIPLOMA = "diploma", _("Diploma")
    BIG = "big", _("BIG registration")
    FORKLIFT = "forklift", _("Forklift certificate")
    HYGIENE = "hygiene", _("Food hygiene (HACCP)")
    OTHER = "other", _("Other")


class ConsentScope(models.TextChoices):
    ORGANISATION = "organisation", _("Coaches of the organisation may see my file")
    ORGANISATION_OTHER = "other_organisation", _("Share my file with another organisation")
    EMPLOYER_PROFILE = "employer_profile", _("Share my profile with an employer")
    RESEARCH = "research", _("Use my data anonymously for evaluation")


class Dagdeel(models.IntegerChoices):
    MORNING = 0, _("Morning")
    AFTERNOON = 1, _("Afternoon")
    EVENING = 2, _("Evening")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class StatusReason(models.TextChoices):
    """Reasons for on hold and drop-out (REGISTRATION.md, seed [003] Tabel 8 and 9)."""

    FAMILY = "family", _("Family")
    MEDICAL = "medical", _("Medical")
    PREGNANCY = "pregnancy", _("Pregnancy")
    LANGUAGE_EDUCATION = "language_education", _("Language or education")
    PARTNER_INCOME = "partner_income", _("Partner earns above the norm")
    INBURGERING_COMPLETED = "inburgering_completed", _("Inburgering completed")
    WORK_FOUND = "work_found", _("Found work")
    OTHER = "other", _("Other")


# Which reasons a status change may give; these statuses need a reason.
REASONS_BY_STATUS: dict[str, tuple[str, ...]] = {
    ParticipantStatus.ON_HOLD: (
        StatusReason.FAMILY,
        StatusReason.MEDICAL,
        StatusReason.PREGNANCY,
        StatusReason.OTHER,
    ),
    ParticipantStatus.DROPOUT: (
        StatusReason.LANGUAGE_EDUCATION,
        StatusReason.PREGNANCY,
        StatusReason.MEDICAL,
        StatusReason.PARTNER_INCOME,
        StatusReason.OTHER,
    ),
    # Einde may give a reason (seed [003] Tabel 9 counts "inburgering completed" apart); optional.
    ParticipantStatus.ENDED: (
        StatusReason.INBURGERING_COMPLETED,
        StatusReason.WORK_FOUND,
        StatusReason.LANGUAGE_EDUCATION,
        StatusReason.PREGNANCY,
        StatusReason.MEDICAL,
        StatusReason.PARTNER_INCOME,
        StatusReason.OTHER,
    ),
}

# The statuses whose reason is required (the evaluation counts them by reason).
REASON_REQUIRED: frozenset[str] = frozenset({ParticipantStatus.ON_HOLD, ParticipantStatus.DROPOUT})
