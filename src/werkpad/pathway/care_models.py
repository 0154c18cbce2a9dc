"""The newcomer's contact moments, appointments, calendar feed and aftercare (issue 13).

Names, so that nobody confuses them: a :class:`NewcomerContact` is a contact moment *with the
newcomer* (part of their file); the employer desk's ``employers.ContactMoment`` is an *employer
contact* (a contact the account manager has with an employer on request). Aftercare after a
placement has one owner: :class:`AftercareSchedule` with its :class:`AftercareCheckIn` rows, one
track with the newcomer and one with the employer (the rhythm in ``pathway/data/aftercare.toml``).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werkpad import validation as v

from .care_choices import (
    AppointmentKind,
    CheckInPhase,
    CheckInTrack,
    ContactKind,
    HowItGoes,
)


class NewcomerContact(v.Validated):
    """A contact moment with the newcomer: date, kind, with whom, a short note, a follow-up."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    participant = models.ForeignKey(
        "participants.Participant", on_delete=models.CASCADE, related_name="newcomer_contacts"
    )
    on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=12, choices=ContactKind.choices)
    with_whom = models.CharField(_("with whom"), max_length=200, blank=True)
    note = models.CharField(_("short note"), max_length=500, blank=True)
    follow_up = models.CharField(_("follow-up"), max_length=300, blank=True)
    follow_up_on = models.DateField(_("follow-up by"), null=True, blank=True)
    follow_up_done = models.BooleanField(_("follow-up done"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-on", "-id"]
        verbose_name = _("contact moment with the newcomer")
        verbose_name_plural = _("contact moments with the newcomer")
        indexes = [models.Index(fields=["participant", "-on"])]

    def validate(self, errors: v.Errors) -> None:
        today = timezone.localdate()
        errors.window("on", v.EARLIEST_PROCEDURE_DATE, today)
        errors.window("follow_up_on", None, v.years_from(today, v.PLANNED_YEARS_AHEAD))
        if self.follow_up_on and not self.follow_up.strip():
            errors.add("follow_up", _("Say what the follow-up is."))


class Appointment(v.Validated):
    """A dated appointment of the newcomer (next to the weekly fixed slots of their file)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    participant = models.ForeignKey(
        "participants.Participant", on_delete=models.CASCADE, related_name="dated_appointments"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=AppointmentKind.choices)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("where"), max_length=200, blank=True)
    details = models.CharField(_("details"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        indexes = [models.Index(fields=["participant", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="appointment_ends_after_start"
            )
        ]

    def validate(self, errors: v.Errors) -> None:
        if errors.checks("ends_at") and self.starts_at and self.ends_at:
            if self.ends_at < self.starts_at:
                errors.add("ends_at", _("The appointment cannot end before it starts."))
            elif (self.ends_at - self.starts_at).days >= 1:
                errors.add("ends_at", _("An appointment lasts less than a day."))
        if errors.checks("starts_at") and self.starts_at:
            today = timezone.localdate()
            day = timezone.localtime(self.starts_at).date()
            if not (v.years_from(today, -v.PLACEMENT_YEARS_BACK) <= day):
                errors.add("starts_at", _("This date lies too far in the past."))
            elif day > v.years_from(today, v.PLANNED_YEARS_AHEAD):
                errors.add("starts_at", _("This date lies too far ahead."))


class CalendarFeed(models.Model):
    """The newcomer's private calendar link. Only a hash of its token is stored."""

    participant = models.ForeignKey(
        "participants.Participant", on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    show_details = models.BooleanField(
        _("show what each appointment is"),
        default=False,
        help_text=_("Off: every appointment is called 'Appointment' in the calendar."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar link")
        verbose_name_plural = _("calendar links")
        constraints = [
            models.UniqueConstraint(
                fields=["participant"],
                condition=Q(revoked_at__isnull=True),
                name="one_active_calendar_feed",
            )
        ]


class AftercareSchedule(models.Model):
    """Aftercare after one placement: the rhythm it was planned with, and its check-ins."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    placement = models.OneToOneField(
        "employers.Placement", on_delete=models.CASCADE, related_name="aftercare"
    )
    participant = models.ForeignKey(
        "participants.Participant", on_delete=models.CASCADE, related_name="aftercare_schedules"
    )
    start_date = models.DateField(_("start date"))
    weekly_weeks = models.PositiveSmallIntegerField(_("weekly for (weeks)"))
    monthly_until_months = models.PositiveSmallIntegerField(_("monthly until month"))
    source = models.CharField(_("rhythm from"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("aftercare schedule")
        verbose_name_plural = _("aftercare schedules")


class AftercareCheckIn(v.Validated):
    """One aftercare check-in, with the newcomer or with the employer: due, then recorded."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    schedule = models.ForeignKey(
        AftercareSchedule, on_delete=models.CASCADE, related_name="check_ins"
    )
    track = models.CharField(_("with"), max_length=8, choices=CheckInTrack.choices)
    phase = models.CharField(_("rhythm"), max_length=8, choices=CheckInPhase.choices)
    due_on = models.DateField(_("due on"))
    # Who holds the check-in: the regiehouder (newcomer track), the account manager (employer).
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("held by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="aftercare_check_ins",
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    how = models.CharField(_("how it goes"), max_length=8, choices=HowItGoes.choices, blank=True)
    issues = models.JSONField(_("issues"), default=list, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    follow_up = models.CharField(_("follow-up"), max_length=300, blank=True)
    follow_up_on = models.DateField(_("follow-up by"), null=True, blank=True)
    follow_up_done = models.BooleanField(_("follow-up done"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested = models.BooleanField(_("asked for"), default=False)

    class Meta:
        ordering = ["due_on", "track", "id"]
        verbose_name = _("aftercare check-in")
        verbose_name_plural = _("aftercare check-ins")
        indexes = [
            models.Index(fields=["owner", "done_on", "due_on"]),
            models.Index(fields=["track", "done_on", "due_on"]),
        ]

    @property
    def open(self) -> bool:
        return self.done_on is None

    def validate(self, errors: v.Errors) -> None:
        from .care_choices import CheckInIssue

        if errors.checks("done_on") and self.done_on:
            errors.window("done_on", v.EARLIEST_PROCEDURE_DATE, timezone.localdate())
        issues = self.issues
        if errors.checks("issues") and (
            not isinstance(issues, list) or not set(issues) <= set(CheckInIssue.values)
        ):
            errors.add("issues", _("Choose issues from the list."))
        if self.follow_up_on and not self.follow_up.strip():
            errors.add("follow_up", _("Say what the follow-up is."))


class DigestSubscription(models.Model):
    """A staff member who asked for the daily e-mail digest (counts and links only)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_subscription"
    )
    since = models.DateTimeField(_("since"), auto_now_add=True)
    last_sent_on = models.DateField(_("last sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("daily digest subscription")
        verbose_name_plural = _("daily digest subscriptions")
