"""Actions on the newcomer's contact moments, appointments and calendar link; the schedule check.

Every change is one transaction, checked by the model's ``validate`` (``full_clean``), and logged on
the participant's file. Views and the API find the file through ``participants.access`` first.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from werkpad.audit import log
from werkpad.audit.models import Action
from werkpad.core import schedule as core

from .care_models import Appointment, CalendarFeed, NewcomerContact

if TYPE_CHECKING:
    from werkpad.accounts.models import User
    from werkpad.participants.models import Participant

CONTACT_FIELDS = ("on", "kind", "with_whom", "note", "follow_up", "follow_up_on", "follow_up_done")
APPOINTMENT_FIELDS = ("kind", "starts_at", "ends_at", "place", "details")


def _coach_or_own(user: User, participant: Participant) -> None:
    if not (user.is_coach or (user.is_participant and participant.user_id == user.pk)):
        raise PermissionDenied


# --- contact moments with the newcomer ------------------------------------------------------------


@transaction.atomic
def record_contact(user: User, participant: Participant, **fields: Any) -> NewcomerContact:
    if not user.is_coach:
        raise PermissionDenied
    contact = NewcomerContact(participant=participant, recorded_by=user)
    for name in CONTACT_FIELDS:
        if name in fields:
            setattr(contact, name, fields[name])
    contact.full_clean()
    contact.save()
    log.record(user, participant, Action.CREATE, "contact moment")
    return contact


@transaction.atomic
def update_contact(user: User, contact: NewcomerContact, **fields: Any) -> NewcomerContact:
    if not user.is_coach:
        raise PermissionDenied
    for name in CONTACT_FIELDS:
        if name in fields:
            setattr(contact, name, fields[name])
    contact.full_clean()
    contact.save()
    log.record(user, contact.participant, Action.UPDATE, "contact moment")
    return contact


# --- appointments ---------------------------------------------------------------------------------


@transaction.atomic
def add_appointment(user: User, participant: Participant, **fields: Any) -> Appointment:
    _coach_or_own(user, participant)
    appointment = Appointment(participant=participant, created_by=user)
    for name in APPOINTMENT_FIELDS:
        if name in fields:
            setattr(appointment, name, fields[name])
    appointment.full_clean()
    appointment.save()
    log.record(user, participant, Action.CREATE, "appointment")
    return appointment


@transaction.atomic
def update_appointment(user: User, appointment: Appointment, **fields: Any) -> Appointment:
    _coach_or_own(user, appointment.participant)
    for name in APPOINTMENT_FIELDS:
        if name in fields:
            setattr(appointment, name, fields[name])
    appointment.full_clean()
    appointment.save()
    log.record(user, appointment.participant, Action.UPDATE, "appointment")
    return appointment


@transaction.atomic
def delete_appointment(user: User, appointment: Appointment) -> None:
    _coach_or_own(user, appointment.participant)
    participant = appointment.participant
    appointment.delete()
    log.record(user, participant, Action.UPDATE, "appointment")


# --- the calendar link ----------------------------------------------------------------------------


def hash_token(token: str) -> str:
    """The stored form of a calendar token (SHA-256; the token itself is 256 random bits)."""
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


@transaction.atomic
def create_feed(user: User, participant: Participant, *, show_details: bool = False) -> str:
    """A new private calendar link for the newcomer; any earlier link stops working.

    Returns the token, shown once: only its hash is stored.
    """
    _coach_or_own(user, participant)
    now = timezone.now()
    CalendarFeed.objects.filter(participant=participant, revoked_at__isnull=True).update(
        revoked_at=now
    )
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.create(
        participant=participant, token_hash=hash_token(token), show_details=show_details
    )
    log.record(user, participant, Action.CREATE, "calendar link")
    return token


@transaction.atomic
def revoke_feed(user: User, participant: Participant) -> int:
    _coach_or_own(user, participant)
    n = CalendarFeed.objects.filter(participant=participant, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    log.record(user, participant, Action.UPDATE, "calendar link")
    return n


@transaction.atomic
def set_feed_details(user: User, participant: Participant, *, show_details: bool) -> int:
    _coach_or_own(user, participant)
    n = CalendarFeed.objects.filter(participant=participant, revoked_at__isnull=True).update(
        show_details=show_details
    )
    log.record(user, participant, Action.UPDATE, "calendar link")
    return n


def active_feed(participant: Participant) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(participant=participant, revoked_at__isnull=True).first()


def feed_for_token(token: str) -> CalendarFeed | None:
    """The active feed of ``token`` (``None`` when unknown or revoked). The read is logged by
    the caller through :func:`log_feed_read`."""
    if not token or len(token) > 100:
        return None
    return (
        CalendarFeed.objects.select_related("participant")
        .filter(token_hash=hash_token(token), revoked_at__isnull=True)
        .first()
    )


def log_feed_read(feed: CalendarFeed) -> None:
    log.record(None, feed.participant, Action.VIEW, "calendar feed")


# --- the schedule check ---------------------------------------------------------------------------


def dagdelen_of(appointment: Appointment) -> frozenset[int]:
    start = timezone.localtime(appointment.starts_at)
    end = timezone.localtime(appointment.ends_at)
    end_hour = 24.0 if end.date() > start.date() else end.hour + end.minute / 60
    return core.parts_between(start.hour + start.minute / 60, end_hour)


@dataclass(frozen=True)
class Thresholds:
    minimum: Decimal | None
    exit: Decimal | None


def thresholds_on(on: date) -> Thresholds:
    """The two hours thresholds from the rules engine's parameters in force on ``on``."""
    from werkpad.employers.terms import rule_parameters

    params = rule_parameters().resolve(on)
    return Thresholds(
        params.number("schedule.combination_min_hours_per_week"),
        params.number("bijstand.exit_min_hours_per_week"),
    )


@dataclass(frozen=True)
class WeekView:
    monday: date
    check: core.WeekCheck
    appointments: list[Appointment]
    roster: int
    thresholds: Thresholds


def check_participant_week(participant: Participant, week_of: date) -> WeekView:
    """The schedule check of one week of ``participant``: availability, lessons, fixed weekly
    appointments, the dated appointments of the week and the roster of the active placement."""
    from werkpad.employers.models import Placement

    monday = core.week_start(week_of)
    tz = timezone.get_current_timezone()
    start = datetime.combine(monday, datetime.min.time(), tzinfo=tz)
    appointments = list(
        Appointment.objects.filter(
            participant=participant,
            starts_at__gte=start,
            starts_at__lt=start + timedelta(days=7),
        )
    )
    fixed = core.mask_of((a.weekday, a.dagdeel) for a in participant.appointments.all())
    placement = (
        Placement.objects.filter(participant=participant, start_date__lte=monday + timedelta(6))
        .exclude(end_date__lt=monday)
        .select_related("vacancy")
        .order_by("-start_date")
        .first()
    )
    roster = placement.vacancy.roster_mask if placement and placement.vacancy else 0
    hours = Decimal(placement.hours_per_week) if placement else None
    thresholds = thresholds_on(monday)
    check = core.check_week(
        monday,
        availability=participant.availability_mask,
        lessons=participant.lesson_mask,
        roster=roster,
        fixed=fixed,
        appointments=[
            core.DatedAppointment(
                timezone.localtime(a.starts_at).date(), dagdelen_of(a), str(a.public_id)
            )
            for a in appointments
        ],
        work_hours=hours,
        minimum_hours=thresholds.minimum,
        exit_hours=thresholds.exit,
    )
    return WeekView(monday, check, appointments, roster, thresholds)
