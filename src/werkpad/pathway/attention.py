"""The attention sources of the pathway (see ``werkpad.attention``): steps due or overdue,
herijking due, W-documents and certificates expiring, BSN overdue, TWV past its term, handovers
waiting, aftercare check-ins due and follow-ups due; and a COA location's own list.

Every source reads the coach's own caseload (``participants.access.caseload``: files they are
regiehouder of or linked to) and asks the database only for rows near ``today``, so that the list
stays fast for a large caseload (tests/bench/bench_attention.py). Terms come from the rules
engine's parameters; the horizon from ``WERKPAD_ATTENTION_DAYS``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from werkpad.attention import AttentionItem, Severity, memo
from werkpad.participants.access import caseload, visible_participants

if TYPE_CHECKING:
    from werkpad.accounts.models import User
    from werkpad.participants.models import Participant

# Steps, check-ins and follow-ups show from this many days before their date.
SOON_DAYS = 7


def _days() -> int:
    return int(getattr(settings, "WERKPAD_ATTENTION_DAYS", 30))


def _severity(due: date | None, today: date) -> str:
    if due is None:
        return Severity.INFO
    return Severity.OVERDUE if due < today else Severity.DUE


def _ids(user: User) -> list[int]:
    """The ids of the user's caseload, read once per attention list."""
    return memo(("caseload", user.pk), lambda: list(caseload(user).values_list("pk", flat=True)))


def _plan_ids(user: User) -> list[int]:
    from .models import Plan

    return memo(
        ("plans", user.pk),
        lambda: list(
            Plan.objects.filter(participant_id__in=_ids(user)).values_list("pk", flat=True)
        ),
    )


def _people(user: User) -> QuerySet[Participant]:
    from werkpad.participants.models import Participant

    return Participant.objects.filter(pk__in=_ids(user))


def _visible_ids(user: User, among: set[int]) -> set[int]:
    if not among:
        return set()
    return set(visible_participants(user).filter(pk__in=among).values_list("pk", flat=True))


def _file(p: Participant, section: str = "") -> str:
    url = reverse("participants:detail", args=[p.public_id])
    return f"{url}#{section}" if section else url


def steps_due(user: User, today: date) -> Iterator[AttentionItem]:
    from .choices import StepStatus
    from .models import PlanStep

    label = _("Steps due")
    rows = (
        PlanStep.objects.filter(
            plan_id__in=_plan_ids(user),
            status=StepStatus.OPEN,
            due_date__lte=today + timedelta(days=SOON_DAYS),
        )
        .select_related("plan__participant")
        .order_by("due_date")
    )
    for step in rows:
        p = step.plan.participant
        yield AttentionItem(
            kind="step",
            title=(
                _("Step overdue: %(step)s") if step.due_date < today else _("Step due: %(step)s")
            )
            % {"step": step.title},
            url=reverse("pathway:plan", args=[p.public_id]),
            due=step.due_date,
            participant=p,
            severity=_severity(step.due_date, today),
            kind_label=label,
        )


def herijking_due(user: User, today: date) -> Iterator[AttentionItem]:
    """Agreed plans whose herijking is due within the horizon (the interval and the events of
    ``core.pathway.plan``), computed for the whole caseload in a few queries."""
    from werkpad.core import pathway as core
    from werkpad.employers.models import Placement

    from .choices import ConfirmingParty
    from .models import PlanConfirmation, PlanVersion

    label = _("Herijking due")
    latest: dict[int, PlanVersion] = {}
    for version in (
        PlanVersion.objects.filter(plan_id__in=_plan_ids(user))
        .select_related("plan__participant")
        .only("id", "number", "plan__id", "plan__participant")
        .order_by("plan_id", "number")
    ):
        latest[version.plan_id] = version
    if not latest:
        return
    confirmed: dict[int, dict[str, date]] = {}
    for version_id, party, at in PlanConfirmation.objects.filter(
        version_id__in=[v.pk for v in latest.values()]
    ).values_list("version_id", "party", "confirmed_at"):
        confirmed.setdefault(version_id, {})[party] = at.date()
    agreed: dict[int, tuple[PlanVersion, date]] = {}
    for version in latest.values():
        parties = confirmed.get(version.pk, {})
        if {ConfirmingParty.COACH, ConfirmingParty.NEWCOMER} <= set(parties):
            agreed[version.plan.participant_id] = (version, max(parties.values()))
    if not agreed:
        return
    events: dict[int, list[core.Event]] = {}
    for pid, end in Placement.objects.filter(
        participant_id__in=list(agreed), end_date__isnull=False
    ).values_list("participant_id", "end_date"):
        events.setdefault(pid, []).append(core.Event(core.Trigger.PLACEMENT_ENDED, end))
    horizon = today + timedelta(days=SOON_DAYS)
    for pid, (version, agreed_on) in agreed.items():
        due = core.next_due(agreed_on, events.get(pid, ()))
        if due is None or due.on > horizon:
            continue
        p = version.plan.participant
        yield AttentionItem(
            kind="herijking",
            title=_("Herijking of the step plan due"),
            url=reverse("pathway:plan", args=[p.public_id]),
            due=due.on,
            participant=p,
            severity=_severity(due.on, today),
            kind_label=label,
        )


def documents_expiring(user: User, today: date) -> Iterator[AttentionItem]:
    yield from _documents(_people(user), today)


def _documents(people: QuerySet[Participant], today: date) -> Iterator[AttentionItem]:
    from werkpad.participants.models import Certificate

    horizon = today + timedelta(days=_days())
    back = today - timedelta(days=_days())
    w_label = _("W-documents expiring")
    for p in people.filter(w_document_expiry__range=(back, horizon)).order_by("w_document_expiry"):
        assert p.w_document_expiry is not None
        yield AttentionItem(
            kind="w_document",
            title=(
                _("W-document expired") if p.w_document_expiry < today else _("W-document expires")
            ),
            url=_file(p, "documents"),
            due=p.w_document_expiry,
            participant=p,
            severity=_severity(p.w_document_expiry, today),
            kind_label=w_label,
        )
    c_label = _("Certificates expiring")
    for cert in (
        Certificate.objects.filter(participant__in=people, expires_on__range=(today, horizon))
        .select_related("participant")
        .order_by("expires_on")
    ):
        yield AttentionItem(
            kind="certificate",
            title=_("Certificate expires: %(kind)s") % {"kind": cert.get_kind_display()},
            url=_file(cert.participant, "work"),
            due=cert.expires_on,
            participant=cert.participant,
            severity=Severity.DUE,
            kind_label=c_label,
        )


def bsn_overdue(user: User, today: date) -> Iterator[AttentionItem]:
    """A BSN requested longer ago than ``asylum.bsn_wait_weeks`` and not yet received."""
    from werkpad.core.rules.dates import add_weeks
    from werkpad.employers.terms import rule_parameters

    weeks = rule_parameters().resolve(today).integer("asylum.bsn_wait_weeks")
    if weeks is None:
        return
    label = _("BSN overdue")
    for p in _people(user).filter(
        bsn_status="requested", bsn_requested_date__lt=today - timedelta(weeks=weeks)
    ):
        assert p.bsn_requested_date is not None
        yield AttentionItem(
            kind="bsn",
            title=_("BSN not received by its expected date"),
            url=_file(p, "documents"),
            due=add_weeks(p.bsn_requested_date, weeks),
            participant=p,
            severity=Severity.OVERDUE,
            kind_label=label,
        )


def twv_overdue(user: User, today: date) -> Iterator[AttentionItem]:
    """A TWV submitted longer ago than the legal term (``asylum.twv_legal_weeks``)."""
    from werkpad.employers.choices import TwvStatus
    from werkpad.employers.models import TwvApplication
    from werkpad.employers.terms import TWV_LEGAL_KEY, TWV_PRACTICAL_KEY, rule_parameters

    params = rule_parameters().resolve(today)
    legal = params.integer(TWV_LEGAL_KEY)
    practical = params.integer(TWV_PRACTICAL_KEY)
    terms = [w for w in (legal, practical) if w is not None]
    if not terms:
        return
    label = _("TWV past its term")
    rows = TwvApplication.objects.filter(
        participant_id__in=_ids(user),
        status=TwvStatus.SUBMITTED,
        submitted_on__lt=today - timedelta(weeks=min(terms)),
    ).select_related("participant", "employer__organisation")
    for twv in rows:
        level = twv.overdue_level(today)
        if not level:
            continue
        expected = twv.expected
        due = (expected.practical if level == "practical" else expected.legal) if expected else None
        yield AttentionItem(
            kind="twv",
            title=(
                _("TWV past the practical term")
                if level == "practical"
                else _("TWV past the legal term")
            ),
            url=reverse("employers:twv_detail", args=[twv.public_id]),
            due=due,
            participant=twv.participant,
            severity=Severity.OVERDUE,
            kind_label=label,
        )


def handovers_waiting(user: User, today: date) -> Iterator[AttentionItem]:
    from werkpad.handovers.models import Handover, HandoverState

    label = _("Handovers waiting")
    rows = Handover.objects.filter(
        Q(to_coach=user, state=HandoverState.PROPOSED)
        | Q(from_coach=user, state=HandoverState.ACCEPTED)
    ).select_related("participant")
    for h in rows:
        # The receiver sees a proposed handover before its file opens to them: no participant
        # name unless the file is already theirs.
        mine = h.participant.regiehouder_id == user.pk or h.from_coach_id == user.pk
        yield AttentionItem(
            kind="handover",
            title=(
                _("Handover proposed to you")
                if h.state == HandoverState.PROPOSED
                else _("Handover accepted: confirm it is complete")
            ),
            url=reverse("handovers:detail", args=[h.public_id]),
            due=h.meeting_date,
            participant=h.participant if mine else None,
            severity=Severity.DUE,
            kind_label=label,
        )


def aftercare_due(user: User, today: date) -> Iterator[AttentionItem]:
    """Open aftercare check-ins held by the user, due within a week or overdue; and recorded
    check-ins that raised an issue whose follow-up is not done (e.g. a roster clash)."""
    from .care_choices import CheckInIssue, CheckInTrack
    from .care_models import AftercareCheckIn, AftercareSchedule

    label = _("Aftercare check-ins due")
    issue_label = _("Aftercare issues to follow up")
    ids = _ids(user)
    schedules = list(
        AftercareSchedule.objects.filter(participant_id__in=ids).values_list("pk", flat=True)
    )
    window = {
        "done_on__isnull": True,
        "due_on__lte": today + timedelta(days=SOON_DAYS),
        "due_on__gte": today - timedelta(days=_days()),
    }
    related = ("schedule__participant", "schedule__placement__employer")
    # One query each, an OR of two indexed columns of the same table (no join in the filter).
    mine = Q(owner=user) | Q(schedule_id__in=schedules)
    due = {
        c.pk: c
        for c in AftercareCheckIn.objects.filter(mine, **window)
        .exclude(~Q(owner=user) & Q(track=CheckInTrack.EMPLOYER))
        .select_related(*related)
    }
    raised = {
        c.pk: c
        for c in AftercareCheckIn.objects.filter(mine, done_on__isnull=False, follow_up_done=False)
        .exclude(issues=[])
        .select_related("schedule__participant")
    }
    named = _visible_ids(
        user,
        {c.schedule.participant_id for c in due.values()}
        | {c.schedule.participant_id for c in raised.values()},
    )
    for c in sorted(due.values(), key=lambda c: (c.due_on, c.pk)):
        p = c.schedule.participant
        yield AttentionItem(
            kind="aftercare",
            title=(
                _("Aftercare check-in with the employer %(employer)s")
                % {"employer": c.schedule.placement.employer.name}
                if c.track == CheckInTrack.EMPLOYER
                else _("Aftercare check-in with the newcomer")
            ),
            url=reverse("pathway:check_in", args=[c.public_id]),
            due=c.due_on,
            participant=p if p.pk in named else None,
            severity=_severity(c.due_on, today),
            kind_label=label,
        )
    issues = dict(CheckInIssue.choices)
    for c in sorted(raised.values(), key=lambda c: (c.done_on or today, c.pk)):
        p = c.schedule.participant
        yield AttentionItem(
            kind="aftercare_issue",
            title=_("Check-in raised: %(issues)s")
            % {"issues": ", ".join(str(issues.get(i, i)) for i in c.issues)},
            url=reverse("pathway:check_in", args=[c.public_id]),
            due=c.follow_up_on or c.done_on,
            participant=p if p.pk in named else None,
            severity=Severity.OVERDUE
            if c.follow_up_on and c.follow_up_on < today
            else Severity.DUE,
            kind_label=issue_label,
        )


def follow_ups_due(user: User, today: date) -> Iterator[AttentionItem]:
    from .care_models import NewcomerContact

    label = _("Follow-ups due")
    for contact in (
        NewcomerContact.objects.filter(
            participant_id__in=_ids(user),
            follow_up_done=False,
            follow_up_on__lte=today + timedelta(days=SOON_DAYS),
        )
        .select_related("participant")
        .order_by("follow_up_on")
    ):
        p = contact.participant
        yield AttentionItem(
            kind="follow_up",
            title=_("Follow-up: %(what)s") % {"what": contact.follow_up},
            url=reverse("pathway:contacts", args=[p.public_id]),
            due=contact.follow_up_on,
            participant=p,
            severity=_severity(contact.follow_up_on, today),
            kind_label=label,
        )


# --- a COA location ---------------------------------------------------------------------------------


def location_people(user: User) -> QuerySet[Participant]:
    """Residents of the user's COA location whose files the user may open."""
    if not user.is_coach or user.organisation_id is None:
        return visible_participants(user).none()
    return visible_participants(user).filter(coa_location_id=user.organisation_id)


def location_items(user: User, today: date) -> list[AttentionItem]:
    """A COA case manager's list for their location: expiring W-documents and the reporting
    duty (meldplicht) and other COA/IND appointments of the coming week."""
    from werkpad.attention import sort_key

    from .care_choices import AppointmentKind
    from .care_models import Appointment

    people = location_people(user)
    items = [i for i in _documents(people, today) if i.kind == "w_document"]
    label = _("Reporting duty and COA/IND appointments")
    kinds = [AppointmentKind.MELDPLICHT, AppointmentKind.COA, AppointmentKind.IND]
    start = today
    for a in (
        Appointment.objects.filter(
            participant__in=people,
            kind__in=kinds,
            starts_at__date__gte=start,
            starts_at__date__lt=start + timedelta(days=SOON_DAYS),
        )
        .select_related("participant")
        .order_by("starts_at")
    ):
        items.append(
            AttentionItem(
                kind="meldplicht",
                title=str(AppointmentKind(a.kind).label),
                url=reverse("pathway:appointments", args=[a.participant.public_id]),
                due=a.starts_at.date(),
                participant=a.participant,
                severity=Severity.DUE,
                kind_label=label,
            )
        )
    return sorted(items, key=sort_key)
