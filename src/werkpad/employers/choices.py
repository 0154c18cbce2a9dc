"""Value lists of the employer desk (REGISTRATION.md "Employer" and "Placement / startbaan")."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class EmployerKind(models.TextChoices):
    """Tabel 7 of [003]: the kind of employer behind a job."""

    REGULIER = "regulier", _("Regular employer")
    WERKLEERBEDRIJF = "werkleerbedrijf", _("Work-learning company (werkleerbedrijf)")
    UITZENDBUREAU = "uitzendbureau", _("Temporary employment agency")
    DETACHERING = "detachering", _("Secondment via a work-development company")
    ANDERS = "anders", _("Other")


class Sector(models.TextChoices):
    """The sectors of Tabel 7 of [003]."""

    LOGISTIEK = "logistiek", _("Logistics")
    # Not in Tabel 7, but the rules need it apart from logistics: distribution work does not count
    # for omkoppeling ([004] Kader 6), other logistics does.
    DISTRIBUTIE = "distributie", _("Distribution (distribution centre)")
    HORECA = "horeca", _("Hospitality")
    BOUW_TECHNIEK = "bouw_techniek", _("Construction and engineering")
    PRODUCTIE = "productie", _("Production")
    DETAILHANDEL = "detailhandel", _("Retail")
    SCHOONMAAK = "schoonmaak", _("Cleaning")
    ZORG = "zorg", _("Care")
    ANDERS = "anders", _("Other")


class SizeBand(models.TextChoices):
    UNKNOWN = "", _("Unknown")
    LT5 = "lt5", _("Fewer than 5 employees")
    S5_9 = "5_9", _("5–9 employees")
    S10_49 = "10_49", _("10–49 employees")
    S50_99 = "50_99", _("50–99 employees")
    S100_499 = "100_499", _("100–499 employees")
    GE500 = "ge500", _("500 employees or more")


class ReportSizeBand(models.TextChoices):
    """Employer size in the bands of seed [003] Tabel 7."""

    UNKNOWN = "", _("Unknown")
    LT5 = "<5", _("Fewer than 5 employees")
    S5_9 = "5-9", _("5–9 employees")
    S10_19 = "10-19", _("10–19 employees")
    S20_49 = "20-49", _("20–49 employees")
    S50_99 = "50-99", _("50–99 employees")
    S100_199 = "100-199", _("100–199 employees")
    S200_499 = "200-499", _("200–499 employees")
    GE500 = ">=500", _("500 employees or more")


class VacancyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    FILLED = "filled", _("Filled")
    CLOSED = "closed", _("Closed")


class ContractKind(models.TextChoices):
    PERMANENT = "permanent", _("Permanent contract")
    FIXED_TERM = "fixed_term", _("Fixed-term contract")
    TEMP_AGENCY = "temp_agency", _("Temporary agency contract")
    ON_CALL = "on_call", _("On-call / zero-hours contract")
    PAID_INTERNSHIP = "paid_internship", _("Paid work placement")
    OTHER = "other", _("Other")


class RequiredDutch(models.TextChoices):
    A0 = "A0", _("A0 (no Dutch needed)")
    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"


class SelfDevelopmentCategory(models.TextChoices):
    """The three job categories of [001] (RULES.md §5)."""

    MINIMAL = "minimal", _("Minimal self-development (quick start)")
    SOME = "some", _("Some self-development")
    STRONG = "strong", _("Strong self-development (own field)")


class ShortlistStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    INTRODUCED = "introduced", _("Introduced to the employer")
    REJECTED = "rejected", _("Not selected")
    HIRED = "hired", _("Hired")


class TwvStatus(models.TextChoices):
    PREPARED = "prepared", _("Prepared")
    SUBMITTED = "submitted", _("Submitted to the UWV")
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")


TWV_DECIDED = (TwvStatus.GRANTED, TwvStatus.REFUSED, TwvStatus.WITHDRAWN)


class PlacementKind(models.TextChoices):
    PAID = "paid", _("Paid job")
    PAID_INTERNSHIP = "paid_internship", _("Paid work placement (betaalde werkstage)")
    OTHER = "other", _("Other")


class FoundVia(models.TextChoices):
    SERVICE = "service", _("Found via the service (bemiddeling)")
    SELF = "self", _("Found by the participant")


class HoursKind(models.TextChoices):
    FIXED = "fixed", _("Fixed hours")
    FLEXIBLE = "flexible", _("Flexible hours")


class PlacementEndReason(models.TextChoices):
    CONTRACT_ENDED = "contract_ended", _("Contract ended")
    BETTER_JOB = "better_job", _("Moved to a better job")
    DISMISSED = "dismissed", _("Dismissed by the employer")
    RESIGNED = "resigned", _("Resigned")
    MEDICAL = "medical", _("Medical reasons")
    MOVED = "moved", _("Moved away")
    OTHER = "other", _("Other")


INSTRUMENTS = (
    ("lks", _("Wage-cost subsidy (loonkostensubsidie)")),
    ("werkcoach", _("Work coach")),
    ("jobcoach", _("Job coach")),
    ("harrie", _("HARRIE (co-worker training)")),
    ("proefplaatsing", _("Trial placement (proefplaatsing)")),
    ("detachering", _("Secondment (detachering)")),
)
