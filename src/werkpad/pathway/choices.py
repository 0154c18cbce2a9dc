"""Choices of the path: programme design (seed [003] Bijlage 2), records (Tabel 3), outflow ([002])."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProgrammeKind(models.TextChoices):
    STANDARD = "standard", _("Standard guidance of the organisation")
    STARTBAAN = "startbaan", _("Startbaan trial")
    JOBHUNTING = "jobhunting", _("Jobhunting pilot at a reception centre")
    PROJECT = "project", _("Civil-society project")
    OTHER = "other", _("Other")


class Participation(models.TextChoices):
    MANDATORY = "verplicht", _("Mandatory")
    VOLUNTARY = "vrijwillig", _("Voluntary")


class ProgrammeParticipation(models.TextChoices):
    MANDATORY = "verplicht", _("Mandatory")
    VOLUNTARY = "vrijwillig", _("Voluntary")
    MIXED = "gemengd", _("Mandatory for some, voluntary for others")


class WorkPriority(models.TextChoices):
    """Work before lessons or not (seed [003] Bijlage 2: Amsterdam offers all four)."""

    WORK_FIRST = "work_first", _("Work first")
    LESSONS_FIRST = "lessons_first", _("Lessons first")
    DUAL = "dual", _("Work and lessons at the same time (dual)")
    PHASED = "phased", _("Phased: one, then the other")
    CHOICE = "choice", _("The newcomer chooses")


class PretrajectoryKind(models.TextChoices):
    STANDARD = "standaard", _("Standard")
    CUSTOM = "maatwerk", _("Tailored (maatwerk)")
    COMBINED = "combinatie", _("Combination")


class PretrajectoryType(models.TextChoices):
    VOLUNTEERING = "vrijwilligerswerk", _("Volunteering")
    UNPAID_INTERNSHIP = "onbetaalde_werkstage", _("Unpaid work placement")
    OTHER = "anders", _("Other")


class OutflowDestination(models.TextChoices):
    """Exactly one destination per outflow: the DRS of seed [002], Fig 6.30."""

    PAID_WORK = "betaald_werk", _("Paid work")
    EDUCATION = "reguliere_opleiding", _("Regular education")
    LEARN_WORK = "leer_werktraject", _("Learning-working trajectory")
    WORK_EXPERIENCE = "werkervaringsplaats", _("Work-experience placement")
    NOT_COMPLETED = "niet_afgerond", _("Not completed")
    OTHER = "overige_uitstroom", _("Other outflow")
    UNKNOWN = "onbekend", _("Unknown")


class ContractKind(models.TextChoices):
    PERMANENT = "vast", _("Permanent contract")
    FIXED_TERM = "tijdelijk", _("Fixed-term contract")
    ZERO_HOURS = "oproep", _("On-call or zero-hours contract")
    AGENCY = "uitzend", _("Temporary agency work")
    SELF_EMPLOYED = "zzp", _("Self-employed")
    OTHER = "anders", _("Other")


class SpellSource(models.TextChoices):
    FOLLOW_UP = "follow_up", _("Follow-up contact")
    IMPORT = "import", _("Import")


# --- the step plan (issue 11) ---------------------------------------------------------------------


class DevelopmentCategory(models.TextChoices):
    """Self-development chances (seed [001]), told apart by the length of the voortraject."""

    MINIMAL = "minimal", _("Minimal development chances (long voortraject)")
    SOME = "some", _("Some development chances (medium voortraject)")
    STRONG = "strong", _("Strong development chances (short or no voortraject)")


class StepType(models.TextChoices):
    LANGUAGE = "taalcursus", _("Language course")
    DIPLOMA = "diplomawaardering", _("Diploma evaluation")
    CERTIFICATE = "certificaat", _("VCA, BHV or driving licence")
    INTERNSHIP = "werkstage", _("Work placement")
    VOLUNTEERING = "vrijwilligerswerk", _("Volunteering")
    TRIAL = "proefplaatsing", _("Trial placement")
    APPLICATION = "sollicitatie", _("Job application")
    COMPANY_VISIT = "bedrijfsbezoek", _("Company visit")
    MENTOR = "mentor", _("Mentor or buddy")
    NETWORK = "netwerk", _("Networking meeting")
    CV = "cv", _("LinkedIn or CV")
    OTHER = "anders", _("Other")


class StepOwner(models.TextChoices):
    NEWCOMER = "newcomer", _("Newcomer")
    COACH = "coach", _("Coach")
    PARTNER = "partner", _("Partner organisation")


class StepStatus(models.TextChoices):
    OPEN = "open", _("Open")
    BUSY = "busy", _("Busy")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class ConfirmingParty(models.TextChoices):
    COACH = "coach", _("Coach")
    NEWCOMER = "newcomer", _("Newcomer")


class ConfirmationChannel(models.TextChoices):
    PORTAL = "portal", _("In the portal")
    IN_PERSON = "in_person", _("In person, recorded by the coach")
    COACH = "coach", _("By the coach")


class HerijkingTrigger(models.TextChoices):
    FIRST = "first", _("First version")
    INTERVAL = "interval", _("Periodic herijking")
    PHASE_CHANGE = "phase_change", _("Phase change")
    ROUTE_CHANGE = "route_change", _("Route change")
    MOVE = "move", _("Move to another municipality")
    PLACEMENT_ENDED = "placement_ended", _("A placement ended")
    ENROLMENT_ENDED = "enrolment_ended", _("An enrolment ended")
    OTHER = "other", _("Other reason")
