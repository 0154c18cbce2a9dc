"""Aftercare after a placement: the one source of its rhythm, and the actions on its check-ins.

The rhythm is this service's own dated parameter (not a rule of law), in
``pathway/data/aftercare.toml``, in the layout of the rules engine's parameters and read with its
parser. A programme may set its own figures (``Programme.aftercare_*``). The employer desk plans and
lists its employer track from here; nothing else holds the rhythm.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from werkpad.audit import log
from werkpad.audit.models import Action
from werkpad.core.pathway import aftercare as core

from .care_choices import CheckInIssue, CheckInPhase, CheckInTrack, HowItGoes
from .care_models import AftercareCheckIn, AftercareSchedule

if TYPE_CHECKING:
    from werkpad.accounts.models import User
    from werkpad.core.rules.parameters import ParameterSet
    from werkpad.employers.models import Placement

WEEKLY_KEY = "aftercare.weekly_weeks"
MONTHLY_KEY = "aftercare.monthly_until_months"


@lru_cache(maxsize=1)
def parameters() -> ParameterSet:
    from werkpad.core.rules.parameters import ParameterSet, parse_parameters

    text = resources.files("werkpad.pathway").joinpath("data/aftercare.toml").read_text("utf-8")
    definitions, versions = parse_parameters(text, origin="pathway/data/aftercare.toml")
    return ParameterSet(definitions, versions)


def rhythm_on(
    start: date, *, weekly_weeks: int | None = None, monthly_until_months: int | None = None
) -> tuple[int, int, str]:
    """The figures for a placement starting on ``start`` (a programme's own, else the file's)."""
    params = parameters().resolve(start)
    weeks = weekly_weeks if weekly_weeks is not None else params.integer(WEEKLY_KEY) or 0
    months = (
        monthly_until_months
        if monthly_until_months is not None
        else params.integer(MONTHLY_KEY) or 0
    )
    own = weekly_weeks is not None or monthly_until_months is not None
    source = "programme" if own else params[WEEKLY_KEY].source
    return weeks, months, source


def planned_dates(
    start: date, *, weekly_weeks: int | None = None, monthly_until_months: int | None = None
) -> list[tuple[str, date]]:
    """(phase, due) of every planned moment of one track (the same for both tracks)."""
    weeks, months, _source = rhythm_on(
        start, weekly_weeks=weekly_weeks, monthly_until_months=monthly_until_months
    )
    return [
        (p.value, d) for p, d in core.rhythm(start, weekly_weeks=weeks, monthly_until_months=months)
    ]


def plan_for_placement(placement: Placement, *, account_manager: User | None) -> AftercareSchedule:
    """Plan both tracks for a new placement (called inside ``employers.actions.register_placement``)."""
    programme = placement.enrolment.programme if placement.enrolment_id else None
    weeks, months, source = rhythm_on(
        placement.start_date,
        weekly_weeks=programme.aftercare_weekly_weeks if programme else None,
        monthly_until_months=programme.aftercare_monthly_until_months if programme else None,
    )
    schedule = AftercareSchedule.objects.create(
        placement=placement,
        participant=placement.participant,
        start_date=placement.start_date,
        weekly_weeks=weeks,
        monthly_until_months=months,
        source=source[:300],
    )
    owners = {
        core.Track.NEWCOMER: placement.participant.regiehouder,
        core.Track.EMPLOYER: account_manager,
    }
    AftercareCheckIn.objects.bulk_create(
        AftercareCheckIn(
            schedule=schedule,
            track=planned.track.value,
            phase=planned.phase.value,
            due_on=planned.due_on,
            owner=owners[planned.track],
        )
        for planned in core.schedule(
            placement.start_date, weekly_weeks=weeks, monthly_until_months=months
        )
    )
    return schedule


def cancel_after(placement: Placement, end_date: date) -> int:
    """A placement ended: open check-ins after its end are cancelled (deleted)."""
    deleted, _rows = AftercareCheckIn.objects.filter(
        schedule__placement=placement, done_on__isnull=True, due_on__gt=end_date
    ).delete()
    return deleted


# --- who sees which check-ins --------------------------------------------------------------------


def check_ins_for(user: User) -> QuerySet[AftercareCheckIn]:
    """Check-ins ``user`` may see: the newcomer track of files they may open; the employer track
    of those files and of placements at employers they manage (named only as far as they may see
    the file: :func:`named_ids`)."""
    from werkpad.participants.access import visible_participants

    if not user.is_authenticated or not user.is_active or not user.is_coach:
        return AftercareCheckIn.objects.none()
    visible = visible_participants(user)
    return AftercareCheckIn.objects.filter(
        Q(schedule__participant__in=visible)
        | Q(
            track=CheckInTrack.EMPLOYER,
            schedule__placement__employer__account_manager=user,
        )
        | Q(track=CheckInTrack.EMPLOYER, owner=user)
    )


def named_ids(user: User, participant_ids: set[int]) -> set[int]:
    """Of ``participant_ids``, those whose file ``user`` may open (shown by name)."""
    from werkpad.participants.access import visible_participants

    if not participant_ids:
        return set()
    return set(
        visible_participants(user).filter(pk__in=participant_ids).values_list("pk", flat=True)
    )


def get_check_in(user: User, public_id: object, *, action: str = Action.VIEW) -> AftercareCheckIn:
    """One check-in for ``user``; 404 (``denied`` logged on the file) when it is not theirs."""
    from django.http import Http404

    from werkpad.participants.access import refuse

    try:
        check_in = (
            AftercareCheckIn.objects.select_related(
                "schedule__participant", "schedule__placement__employer"
            )
            .filter(public_id=public_id)
            .first()
        )
    except (ValueError, TypeError, ValidationError):
        check_in = None
    if check_in is None:
        raise Http404
    participant = check_in.schedule.participant
    if not check_ins_for(user).filter(pk=check_in.pk).exists():
        refuse(user, participant, "aftercare check-in")
    if named_ids(user, {participant.pk}):
        log.record(user, participant, action, "aftercare check-in")
    return check_in


# --- recording ------------------------------------------------------------------------------------


@transaction.atomic
def record_check_in(
    user: User,
    check_in: AftercareCheckIn,
    *,
    done_on: date,
    how: str,
    issues: list[str],
    note: str = "",
    follow_up: str = "",
    follow_up_on: date | None = None,
) -> AftercareCheckIn:
    """Record how a check-in went: how it goes, the issues raised, a follow-up. Coaches only."""
    if not user.is_coach or not check_ins_for(user).filter(pk=check_in.pk).exists():
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    if how not in HowItGoes.values:
        errors["how"] = [_("Choose how it goes.")]
    if done_on > timezone.localdate():
        errors["done_on"] = [_("This date lies in the future.")]
    if set(issues) - set(CheckInIssue.values):
        errors["issues"] = [_("Choose issues from the list.")]
    if errors:
        raise ValidationError(errors)
    check_in.done_on = done_on
    check_in.how = how
    check_in.issues = sorted(set(issues))
    check_in.note = note.strip()
    check_in.follow_up = follow_up.strip()
    check_in.follow_up_on = follow_up_on
    check_in.recorded_by = user
    check_in.full_clean()
    check_in.save()
    log.record(user, check_in.schedule.participant, Action.UPDATE, "aftercare check-in")
    return check_in


@transaction.atomic
def request_check_in(
    user: User, schedule: AftercareSchedule, *, track: str, note: str = ""
) -> AftercareCheckIn:
    """After the planned rhythm, aftercare is on request: a check-in due today."""
    if track not in CheckInTrack.values:
        raise ValidationError({"track": _("Choose a track.")})
    placement = schedule.placement
    owner = (
        schedule.participant.regiehouder
        if track == CheckInTrack.NEWCOMER
        else placement.employer.account_manager
    )
    check_in = AftercareCheckIn(
        schedule=schedule,
        track=track,
        phase=CheckInPhase.REQUEST,
        due_on=timezone.localdate(),
        owner=owner,
        note=note.strip()[:500],
        requested=True,
    )
    check_in.full_clean()
    check_in.save()
    log.record(user, schedule.participant, Action.CREATE, "aftercare check-in")
    return check_in
