"""The attention sources of the pathway (see ``werkpad.attention``): steps due or overdue,
herijking due, W-documents and certificates expiring, BSN overdue, TWV past its term, handovers
waiting, aftercare check-ins due and follow-ups due; and a COA location's own list.

Every source reads the coach's own caseload (``participants.access.caseload``: files they are
regiehouder of or linked to) as a subquery of its own query (the caseload's SQL is built once per
list, :func:`cases`), asks the database only for rows near ``today`` and only for the columns it
needs, and gives light items: the participant's id, not the participant (``attention.page`` reads
the participants of the page it shows, through the access layer). One or two queries per source,
however large the caseload (tests/bench/bench_attention.py). Terms come from the rules engine's
parameters; the horizon from ``WERKPAD_ATTENTION_DAYS``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext as _

from werkpad.attention import AttentionItem, Severity, collecting, link, memo
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


def cases(user: User) -> RawSQL:
    """The ids of the user's caseload as a subquery for ``participant_id__in=cases(user)``.

    The access layer's ``caseload`` decides whose files these are; it is read once per
    attention list and handed to each source's query as one array parameter, unpacked by the
    database (``json_each`` on SQLite, ``unnest`` on PostgreSQL). Evaluating the caseload's
    UNION in every source's query cost 3-4 ms a query at a caseload of 1,000 (SQLite); a list of
    1,000 query parameters costs Django as much to build. Other databases get the caseload's
    query itself as the subquery."""
    from django.db import connection

    if connection.vendor not in ("sqlite", "postgresql"):
        sql, params = memo(
            ("caseload-sql", user.pk),
            lambda: caseload(user).order_by().values("pk").query.sql_with_params(),
        )
        return RawSQL(sql, params)  # noqa: S611 (SQL compiled by the ORM, values as parameters)
    ids = caseload_ids(user)
    if connection.vendor == "sqlite":
        return RawSQL("SELECT value FROM json_each(%s)", [json.dumps(ids)])
    return RawSQL("SELECT unnest(%s::bigint[])", [ids])


def caseload_ids(user: User) -> list[int]:
    """The ids of the user's caseload (``participants.access.caseload``), read once per list."""
    result: list[int] = memo(
        ("caseload", user.pk),
        lambda: list(caseload(user).order_by().values_list("pk", flat=True)),
    )
    return result


def _named(user: User, among: set[int]) -> set[int]:
    """Of ``among``, the participants whose file the user may open: the caseload, and others
    as the access layer decides (one query, only for ids outside the caseload)."""
    mine = among.intersection(caseload_ids(user))
    rest = among - mine
    if rest:
        mine |= set(visible_participants(user).filter(pk__in=rest).values_list("pk", flat=True))
    return mine


def _file_link(section: str = "") -> object:
    to_file = link("participants:detail")
    return (lambda public_id: f"{to_file(public_id)}#{section}") if section else to_file


def steps_due(user: User, today: date) -> Iterator[AttentionItem]:
    from .choices import StepStatus
    from .models import PlanStep

    label = _("Steps due")
    overdue, due = _("Step overdue: %(step)s"), _("Step due: %(step)s")
    to_plan = link("pathway:plan")
    rows = (
        PlanStep.objects.filter(
            plan__participant_id__in=cases(user),
            status=StepStatus.OPEN,
            due_date__lte=today + timedelta(days=SOON_DAYS),
        )
        .order_by("due_date", "pk")
        .values_list("due_date", "title", "plan__participant_id", "plan__participant__public_id")
    )
    for on, title, pid, public_id in rows:
        yield AttentionItem(
            kind="step",
            title=(overdue if on < today else due) % {"step": title},
            url=to_plan(public_id),
            due=on,
            participant_id=pid,
            severity=_severity(on, today),
            kind_label=label,
        )


def herijking_due(user: User, today: date) -> Iterator[AttentionItem]:
    """Agreed plans whose herijking is due within the horizon (the interval and the events of
    ``core.pathway.plan``), computed for the whole caseload in three queries."""
    from werkpad.core import pathway as core
    from werkpad.employers.models import Placement

    from .choices import ConfirmingParty
    from .models import PlanConfirmation, PlanVersion

    label = _("Herijking due")
    ids = cases(user)
    # The latest version of each plan of the caseload.
    latest: dict[int, tuple[int, int, object]] = {}
    for version_id, plan_id, pid, public_id in (
        PlanVersion.objects.filter(plan__participant_id__in=ids)
        .order_by("plan_id", "number")
        .values_list("pk", "plan_id", "plan__participant_id", "plan__participant__public_id")
    ):
        latest[plan_id] = (version_id, pid, public_id)
    if not latest:
        return
    confirmed: dict[int, dict[str, date]] = {}
    for version_id, party, at in PlanConfirmation.objects.filter(
        version__plan__participant_id__in=ids
    ).values_list("version_id", "party", "confirmed_at"):
        confirmed.setdefault(version_id, {})[party] = at.date()
    agreed: dict[int, tuple[object, date]] = {}
    for version_id, pid, public_id in latest.values():
        parties = confirmed.get(version_id, {})
        if {ConfirmingParty.COACH, ConfirmingParty.NEWCOMER} <= set(parties):
            agreed[pid] = (public_id, max(parties.values()))
    if not agreed:
        return
    events: dict[int, list[core.Event]] = {}
    for pid, end in Placement.objects.filter(
        participant_id__in=ids, end_date__isnull=False
    ).values_list("participant_id", "end_date"):
        events.setdefault(pid, []).append(core.Event(core.Trigger.PLACEMENT_ENDED, end))
    horizon = today + timedelta(days=SOON_DAYS)
    title = _("Herijking of the step plan due")
    to_plan = link("pathway:plan")
    for pid, (public_id, agreed_on) in agreed.items():
        due = core.next_due(agreed_on, events.get(pid, ()))
        if due is None or due.on > horizon:
            continue
        yield AttentionItem(
            kind="herijking",
            title=title,
            url=to_plan(public_id),
            due=due.on,
            participant_id=pid,
            severity=_severity(due.on, today),
            kind_label=label,
        )


def documents_expiring(user: User, today: date) -> Iterator[AttentionItem]:
    yield from _documents(cases(user), today)


def _documents(
    people: object, today: date, *, certificates: bool = True
) -> Iterator[AttentionItem]:
    """W-documents (and certificates) of ``people`` (a subquery of participant ids)."""
    from werkpad.participants.models import Certificate, Participant

    horizon = today + timedelta(days=_days())
    back = today - timedelta(days=_days())
    w_label = _("W-documents expiring")
    expired, expires = _("W-document expired"), _("W-document expires")
    to_documents = _file_link("documents")
    for pid, public_id, on in (
        Participant.objects.filter(pk__in=people, w_document_expiry__range=(back, horizon))
        .order_by("w_document_expiry", "pk")
        .values_list("pk", "public_id", "w_document_expiry")
    ):
        yield AttentionItem(
            kind="w_document",
            title=expired if on < today else expires,
            url=to_documents(public_id),  # type: ignore[operator]
            due=on,
            participant_id=pid,
            severity=_severity(on, today),
            kind_label=w_label,
        )
    if not certificates:
        return
    c_label = _("Certificates expiring")
    kinds = {k: str(v) for k, v in Certificate._meta.get_field("kind").flatchoices}
    expires_kind = _("Certificate expires: %(kind)s")
    to_work = _file_link("work")
    for pid, public_id, kind, on in (
        Certificate.objects.filter(participant_id__in=people, expires_on__range=(today, horizon))
        .order_by("expires_on", "pk")
        .values_list("participant_id", "participant__public_id", "kind", "expires_on")
    ):
        yield AttentionItem(
            kind="certificate",
            title=expires_kind % {"kind": kinds.get(kind, kind)},
            url=to_work(public_id),  # type: ignore[operator]
            due=on,
            participant_id=pid,
            severity=Severity.DUE,
            kind_label=c_label,
        )


def bsn_overdue(user: User, today: date) -> Iterator[AttentionItem]:
    """A BSN requested longer ago than ``asylum.bsn_wait_weeks`` and not yet received."""
    from werkpad.core.rules.dates import add_weeks
    from werkpad.employers.terms import rule_parameters
    from werkpad.participants.models import Participant

    weeks = rule_parameters().resolve(today).integer("asylum.bsn_wait_weeks")
    if weeks is None:
        return
    label = _("BSN overdue")
    title = _("BSN not received by its expected date")
    to_documents = _file_link("documents")
    for pid, public_id, requested in Participant.objects.filter(
        pk__in=cases(user),
        bsn_status="requested",
        bsn_requested_date__lt=today - timedelta(weeks=weeks),
    ).values_list("pk", "public_id", "bsn_requested_date"):
        yield AttentionItem(
            kind="bsn",
            title=title,
            url=to_documents(public_id),  # type: ignore[operator]
            due=add_weeks(requested, weeks),
            participant_id=pid,
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
    to_twv = link("employers:twv_detail")
    past_practical, past_legal = _("TWV past the practical term"), _("TWV past the legal term")
    rows = TwvApplication.objects.filter(
        participant_id__in=cases(user),
        status=TwvStatus.SUBMITTED,
        submitted_on__lt=today - timedelta(weeks=min(terms)),
    ).only("public_id", "participant_id", "status", "submitted_on")
    for twv in rows:
        level = twv.overdue_level(today)
        if not level:
            continue
        expected = twv.expected
        due = (expected.practical if level == "practical" else expected.legal) if expected else None
        yield AttentionItem(
            kind="twv",
            title=past_practical if level == "practical" else past_legal,
            url=to_twv(twv.public_id),
            due=due,
            participant_id=twv.participant_id,
            severity=Severity.OVERDUE,
            kind_label=label,
        )


def handovers_waiting(user: User, today: date) -> Iterator[AttentionItem]:
    from werkpad.handovers.models import Handover, HandoverState

    label = _("Handovers waiting")
    to_handover = link("handovers:detail")
    rows = Handover.objects.filter(
        Q(to_coach=user, state=HandoverState.PROPOSED)
        | Q(from_coach=user, state=HandoverState.ACCEPTED)
    ).values_list(
        "public_id",
        "state",
        "meeting_date",
        "participant_id",
        "participant__regiehouder_id",
        "from_coach_id",
    )
    for public_id, state, meeting, pid, regiehouder_id, from_coach_id in rows:
        # The receiver sees a proposed handover before its file opens to them: no participant
        # name unless the file is already theirs.
        mine = regiehouder_id == user.pk or from_coach_id == user.pk
        yield AttentionItem(
            kind="handover",
            title=(
                _("Handover proposed to you")
                if state == HandoverState.PROPOSED
                else _("Handover accepted: confirm it is complete")
            ),
            url=to_handover(public_id),
            due=meeting,
            participant_id=pid if mine else None,
            severity=Severity.DUE,
            kind_label=label,
        )


def aftercare_due(user: User, today: date) -> Iterator[AttentionItem]:
    """Open aftercare check-ins held by the user, due within a week or overdue; and recorded
    check-ins that raised an issue whose follow-up is not done (e.g. a roster clash). The
    participant is named only if the user may open the file (:func:`_named`).
    """
    from .care_choices import CheckInIssue, CheckInTrack
    from .care_models import AftercareCheckIn, AftercareSchedule

    label = _("Aftercare check-ins due")
    issue_label = _("Aftercare issues to follow up")
    to_check_in = link("pathway:check_in")
    window = {
        "done_on__isnull": True,
        "due_on__lte": today + timedelta(days=SOON_DAYS),
        "due_on__gte": today - timedelta(days=_days()),
    }
    # An OR of two indexed columns of the same table (no join in the filter): the check-ins the
    # user holds, and those of the schedules of their caseload.
    schedules = AftercareSchedule.objects.filter(participant_id__in=cases(user)).values("pk")
    mine = Q(owner=user) | Q(schedule_id__in=schedules)
    newcomer_title = _("Aftercare check-in with the newcomer")
    employer_title = _("Aftercare check-in with the employer %(employer)s")
    raised_title = _("Check-in raised: %(issues)s")
    due_rows = list(
        AftercareCheckIn.objects.filter(mine, **window)
        .exclude(~Q(owner=user) & Q(track=CheckInTrack.EMPLOYER))
        .order_by("due_on", "pk")
        .values_list(
            "public_id",
            "track",
            "due_on",
            "schedule__participant_id",
            "schedule__placement__employer__organisation__name",
        )
    )
    raised_rows = list(
        AftercareCheckIn.objects.filter(mine, done_on__isnull=False, follow_up_done=False)
        .exclude(issues=[])
        .order_by("done_on", "pk")
        .values_list("public_id", "issues", "done_on", "follow_up_on", "schedule__participant_id")
    )
    # A check-in the user holds may be about a file outside their caseload: named only if the
    # access layer lets them open it.
    named = _named(user, {r[3] for r in due_rows} | {r[4] for r in raised_rows})
    for public_id, track, due_on, pid, employer in due_rows:
        yield AttentionItem(
            kind="aftercare",
            title=(
                employer_title % {"employer": employer}
                if track == CheckInTrack.EMPLOYER
                else newcomer_title
            ),
            url=to_check_in(public_id),
            due=due_on,
            participant_id=pid if pid in named else None,
            severity=_severity(due_on, today),
            kind_label=label,
        )
    issues = {code: str(text) for code, text in CheckInIssue.choices}
    for public_id, raised, done_on, follow_up_on, pid in raised_rows:
        yield AttentionItem(
            kind="aftercare_issue",
            title=raised_title % {"issues": ", ".join(issues.get(i, i) for i in raised)},
            url=to_check_in(public_id),
            due=follow_up_on or done_on,
            participant_id=pid if pid in named else None,
            severity=Severity.OVERDUE if follow_up_on and follow_up_on < today else Severity.DUE,
            kind_label=issue_label,
        )


def follow_ups_due(user: User, today: date) -> Iterator[AttentionItem]:
    from .care_models import NewcomerContact

    label = _("Follow-ups due")
    to_contacts = link("pathway:contacts")
    follow_up = _("Follow-up: %(what)s")
    for pid, public_id, what, on in (
        NewcomerContact.objects.filter(
            participant_id__in=cases(user),
            follow_up_done=False,
            follow_up_on__lte=today + timedelta(days=SOON_DAYS),
        )
        .order_by("follow_up_on", "pk")
        .values_list("participant_id", "participant__public_id", "follow_up", "follow_up_on")
    ):
        yield AttentionItem(
            kind="follow_up",
            title=follow_up % {"what": what},
            url=to_contacts(public_id),
            due=on,
            participant_id=pid,
            severity=_severity(on, today),
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
    duty (meldplicht) and other COA/IND appointments of the coming week. Light items, as the
    sources give them (``attention.paginate`` reads the participants of the page it shows)."""
    from werkpad.attention import sort_key

    from .care_choices import AppointmentKind
    from .care_models import Appointment

    people = location_people(user).order_by().values("pk")
    with collecting():
        items = list(_documents(people, today, certificates=False))
        label = _("Reporting duty and COA/IND appointments")
        kinds = [AppointmentKind.MELDPLICHT, AppointmentKind.COA, AppointmentKind.IND]
        titles = {k: str(AppointmentKind(k).label) for k in kinds}
        to_appointments = link("pathway:appointments")
        # The coming week in local days, as a range of the indexed column (participant,
        # starts_at) rather than a function of it.
        tz = timezone.get_current_timezone()
        start = datetime.combine(today, time.min, tzinfo=tz)
        for pid, public_id, kind, starts_at in (
            Appointment.objects.filter(
                participant_id__in=people,
                kind__in=kinds,
                starts_at__gte=start,
                starts_at__lt=datetime.combine(
                    today + timedelta(days=SOON_DAYS), time.min, tzinfo=tz
                ),
            )
            .order_by("starts_at", "pk")
            .values_list("participant_id", "participant__public_id", "kind", "starts_at")
        ):
            items.append(
                AttentionItem(
                    kind="meldplicht",
                    title=titles[kind],
                    url=to_appointments(public_id),
                    due=timezone.localtime(starts_at).date(),
                    participant_id=pid,
                    severity=Severity.DUE,
                    kind_label=label,
                )
            )
    return sorted(items, key=sort_key)
