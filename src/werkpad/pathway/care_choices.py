"""Choices of the newcomer's contact moments, appointments and aftercare check-ins."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ContactKind(models.TextChoices):
    INTAKE = "intake", _("Intake")
    CONVERSATION = "gesprek", _("Conversation")
    GROUP = "groep", _("Group meeting")
    PHONE = "telefoon", _("Phone call")
    HOME_VISIT = "huisbezoek", _("Home visit")
    AFTERCARE = "nazorg", _("Aftercare")


class AppointmentKind(models.TextChoices):
    MELDPLICHT = "meldplicht", _("COA reporting duty (meldplicht)")
    COA = "coa", _("COA appointment")
    IND = "ind", _("IND appointment")
    VWN = "vwn", _("VluchtelingenWerk appointment")
    LESSON = "lesson", _("Lesson")
    JOB_INTERVIEW = "job_interview", _("Job interview")
    MEDICAL = "medical", _("Medical appointment")
    OTHER = "other", pgettext_lazy("appointment kind", "Other")


class CheckInTrack(models.TextChoices):
    NEWCOMER = "newcomer", _("With the newcomer")
    EMPLOYER = "employer", _("With the employer")


class CheckInPhase(models.TextChoices):
    WEEKLY = "weekly", _("weekly")
    MONTHLY = "monthly", _("monthly")
    REQUEST = "request", _("on request")


class HowItGoes(models.TextChoices):
    GOOD = "good", _("Going well")
    MIXED = "mixed", _("Some concerns")
    WORRIED = "worried", _("Worried")


class CheckInIssue(models.TextChoices):
    ROSTER_CLASH = "roster_clash", _("Appointments clash with the roster")
    CONTRACT = "contract", _("Contract questions")
    PAY = "pay", _("Pay questions")
    DISCRIMINATION = "discrimination", _("Discrimination")
    LANGUAGE = "language", _("Language on the work floor")
    OTHER = "other", pgettext_lazy("check-in issue", "Other")
