"""Pages of a coach's day, contact moments, appointments, aftercare check-ins and the calendar feed.

Thin: each view finds the file through ``participants.access`` (which logs the read, the change or
the refusal), calls one action and renders.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any
from urllib.parse import urlencode
from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from werkpad import attention
from werkpad.accounts.models import OrganisationKind, User
from werkpad.audit.models import Action
from werkpad.core import schedule as core
from werkpad.participants.access import get_case_file
from werkpad.participants.actions import log_list
from werkpad.participants.choices import Dagdeel, Weekday
from werkpad.participants.models import Participant

from . import aftercare, care_actions
from . import attention as sources
from .care_choices import CheckInIssue, CheckInTrack
from .care_forms import AppointmentForm, CheckInForm, NewcomerContactForm
from .care_models import Appointment, DigestSubscription
from .forms import apply_errors

ATTENTION_PAGE_SIZE = 50


def _coach(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not user.is_coach:
        raise PermissionDenied
    return user


def _attention_page(
    request: HttpRequest,
    user: User,
    items: list[attention.AttentionItem],
    what: str,
    template: str,
    context: dict[str, Any],
) -> HttpResponse:
    """One page of an attention list (filtered on ``?kind=``, paged by ``?page=``) with the
    counts per kind of the whole list; the participants shown are read through the access layer
    and logged once for the page view."""
    kind = request.GET.get("kind", "")
    result = attention.paginate(
        user, items, kind=kind, number=request.GET.get("page"), size=ATTENTION_PAGE_SIZE
    )
    people = attention.shown(result.items)
    if people:
        log_list(user, people, what)
    return render(
        request,
        template,
        {
            "page": result.page,
            "counts": result.counts,
            "total": result.total,
            "kind": kind,
            "querystring": urlencode({"kind": kind}) if kind else "",
            "today": timezone.localdate(),
            **context,
        },
    )


# --- a coach's day --------------------------------------------------------------------------------


@login_required
def day(request: HttpRequest) -> HttpResponse:
    """The coach's home: what needs attention, each item linking to where it is dealt with."""
    user = _coach(request)
    if request.method == "POST":
        if request.POST.get("digest") == "on":
            DigestSubscription.objects.get_or_create(user=user)
            messages.success(request, _("You will get the daily digest by e-mail."))
        else:
            DigestSubscription.objects.filter(user=user).delete()
            messages.success(request, _("You will no longer get the daily digest."))
        return redirect("pathway:day")
    organisation = user.organisation
    return _attention_page(
        request,
        user,
        attention.collect(user, timezone.localdate()),
        "attention list",
        "pathway/care/day.html",
        {
            "digest": DigestSubscription.objects.filter(user=user).exists(),
            "coa": organisation is not None and organisation.kind == OrganisationKind.COA,
        },
    )


@login_required
def location(request: HttpRequest) -> HttpResponse:
    """A COA case manager's list for their location: expiring W-documents and meldplicht."""
    user = _coach(request)
    organisation = user.organisation
    if organisation is None or organisation.kind != OrganisationKind.COA:
        raise Http404
    return _attention_page(
        request,
        user,
        sources.location_items(user, timezone.localdate()),
        "location list",
        "pathway/care/location.html",
        {"location": organisation},
    )


# --- contact moments with the newcomer ------------------------------------------------------------

CONTACT_SECTION = "situation"


@login_required
def contacts(request: HttpRequest, public_id: UUID) -> HttpResponse:
    user = _coach(request)
    posting = request.method == "POST"
    p = get_case_file(
        user,
        public_id,
        what="contact moments",
        action=Action.CREATE if posting else Action.VIEW,
        section=CONTACT_SECTION,
        edit=posting,
    )
    form = NewcomerContactForm(request.POST or None)
    if posting:
        done = request.POST.get("follow_up_done")
        if done:
            contact = p.newcomer_contacts.filter(public_id=done if _uuid(done) else None).first()
            if contact is None:
                raise Http404
            care_actions.update_contact(user, contact, follow_up_done=True)
            messages.success(request, _("Follow-up marked done."))
            return redirect("pathway:contacts", public_id=p.public_id)
        if form.is_valid():
            try:
                care_actions.record_contact(user, p, **form.cleaned_data)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Contact moment recorded."))
                return redirect("pathway:contacts", public_id=p.public_id)
    rows = Paginator(p.newcomer_contacts.select_related("recorded_by"), 25).get_page(
        request.GET.get("page")
    )
    schedules = p.aftercare_schedules.select_related("placement__employer").prefetch_related(
        "check_ins"
    )
    return render(
        request,
        "pathway/care/contacts.html",
        {"p": p, "form": form, "page": rows, "schedules": schedules, "today": timezone.localdate()},
    )


def _uuid(value: str) -> bool:
    try:
        UUID(value)
    except ValueError:
        return False
    return True


# --- appointments and the schedule check ----------------------------------------------------------

APPOINTMENT_SECTION = "availability"


def clash_words(clash: core.Clash, appointments: dict[str, Appointment]) -> str:
    when = f"{Weekday(clash.day).label} {str(Dagdeel(clash.part).label).lower()}"
    what = ""
    if clash.ref and clash.ref in appointments:
        what = str(appointments[clash.ref].get_kind_display())
    texts = {
        core.ClashKind.WORK_LESSON: _("%(when)s: work and lessons at the same time"),
        core.ClashKind.WORK_FIXED: _("%(when)s: work and a weekly appointment at the same time"),
        core.ClashKind.WORK_APPOINTMENT: _("%(when)s: work and an appointment (%(what)s)"),
        core.ClashKind.LESSON_APPOINTMENT: _("%(when)s: lessons and an appointment (%(what)s)"),
        core.ClashKind.WORK_UNAVAILABLE: _("%(when)s: work outside the times available"),
    }
    return texts[clash.kind] % {"when": when, "what": what}


def warning_words(warning: core.HoursWarning, view: care_actions.WeekView) -> str:
    hours = view.check.work_hours
    if warning is core.HoursWarning.BELOW_MINIMUM:
        return _(
            "%(hours)s hours of work a week: below the %(min)s hours the trials aim at, which "
            "combine well with the lessons."
        ) % {"hours": f"{hours:g}", "min": f"{view.thresholds.minimum:g}"}
    if warning is core.HoursWarning.BELOW_EXIT:
        return _(
            "%(hours)s hours of work a week: below %(exit)s hours the benefit (bijstand) does not "
            "end; the income is set off against it."
        ) % {"hours": f"{hours:g}", "exit": f"{view.thresholds.exit:g}"}
    return _("An hours threshold is not known; the operator has not set it.")


def week_context(p: Participant, week_of: date) -> dict[str, Any]:
    view = care_actions.check_participant_week(p, week_of)
    by_ref = {str(a.public_id): a for a in view.appointments}
    return {
        "monday": view.monday,
        "clashes": [clash_words(c, by_ref) for c in view.check.clashes],
        "warnings": [warning_words(w, view) for w in view.check.warnings],
        "week_appointments": view.appointments,
        "prev_week": view.monday - timedelta(days=7),
        "next_week": view.monday + timedelta(days=7),
    }


@login_required
def appointments(request: HttpRequest, public_id: UUID) -> HttpResponse:
    user = _coach(request)
    posting = request.method == "POST"
    p = get_case_file(
        user,
        public_id,
        what="appointments",
        action=Action.CREATE if posting else Action.VIEW,
        section=APPOINTMENT_SECTION,
        edit=posting,
    )
    form = AppointmentForm(request.POST or None)
    if posting:
        remove = request.POST.get("remove", "")
        if remove:
            appointment = p.dated_appointments.filter(
                public_id=remove if _uuid(remove) else None
            ).first()
            if appointment is None:
                raise Http404
            care_actions.delete_appointment(user, appointment)
            messages.success(request, _("Appointment removed."))
            return redirect("pathway:appointments", public_id=p.public_id)
        if form.is_valid():
            try:
                care_actions.add_appointment(user, p, **form.fields_for_action())
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Appointment added."))
                return redirect("pathway:appointments", public_id=p.public_id)
    week_of = parse_date(request.GET.get("week", "") or "") or timezone.localdate()
    upcoming = p.dated_appointments.filter(
        ends_at__gte=timezone.now() - timedelta(days=1)
    ).order_by("starts_at")[:100]
    return render(
        request,
        "pathway/care/appointments.html",
        {
            "p": p,
            "form": form,
            "upcoming": upcoming,
            "fixed": p.appointments.all(),
            "lessons": [
                f"{Weekday(d).label} {str(Dagdeel(part).label).lower()}"
                for d, part in core.slots_of(p.lesson_mask)
            ],
            **week_context(p, week_of),
        },
    )


# --- aftercare check-ins --------------------------------------------------------------------------


@login_required
def check_in(request: HttpRequest, check_in_id: UUID) -> HttpResponse:
    user = _coach(request)
    posting = request.method == "POST"
    c = aftercare.get_check_in(user, check_in_id, action=Action.UPDATE if posting else Action.VIEW)
    named = bool(aftercare.named_ids(user, {c.schedule.participant_id}))
    if c.track == CheckInTrack.NEWCOMER and not named:
        raise Http404
    form = CheckInForm(request.POST or None)
    if posting:
        if request.POST.get("follow_up_done"):
            c.follow_up_done = True
            c.save(update_fields=["follow_up_done"])
            messages.success(request, _("Follow-up marked done."))
            return redirect("pathway:check_in", check_in_id=c.public_id)
        if form.is_valid():
            try:
                aftercare.record_check_in(user, c, **form.cleaned_data)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Check-in recorded."))
                return redirect("pathway:check_in", check_in_id=c.public_id)
    return render(
        request,
        "pathway/care/check_in.html",
        {
            "c": c,
            "form": form,
            "named": named,
            "placement": c.schedule.placement,
            "issues": [str(dict(CheckInIssue.choices).get(i, i)) for i in c.issues],
        },
    )


# --- the calendar feed ----------------------------------------------------------------------------

# When a weekly dagdeel is shown in a calendar (a display choice, not a rule).
PART_TIMES = {0: (time(9), time(12)), 1: (time(13), time(17)), 2: (time(18), time(21))}
FEED_DAYS_BACK = 30
FEED_DAYS_AHEAD = 366


@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The newcomer's calendar (iCalendar). No login: the private link is the key; only a hash of
    it is stored; every read is logged on the file. Neutral titles unless the newcomer chose."""
    from icalendar import Calendar, Event, vRecur

    found = care_actions.feed_for_token(token)
    if found is None:
        raise Http404
    p = found.participant
    care_actions.log_feed_read(found)
    language = (p.user.language if p.user_id and p.user else "") or settings.LANGUAGE_CODE
    tz = timezone.get_current_timezone()
    now = timezone.now()
    with translation.override(language):
        neutral = _("Appointment")
        cal = Calendar()
        cal.add("prodid", "-//Werkpad//calendar//NL")
        cal.add("version", "2.0")
        cal.add("x-wr-calname", _("My appointments"))
        for a in p.dated_appointments.filter(
            starts_at__gte=now - timedelta(days=FEED_DAYS_BACK),
            starts_at__lte=now + timedelta(days=FEED_DAYS_AHEAD),
        ):
            event = Event()
            event.add("uid", f"{a.public_id}@werkpad")
            event.add("dtstamp", now)
            event.add("dtstart", timezone.localtime(a.starts_at))
            event.add("dtend", timezone.localtime(a.ends_at))
            event.add("summary", str(a.get_kind_display()) if found.show_details else neutral)
            if found.show_details:
                if a.place:
                    event.add("location", a.place)
                if a.details:
                    event.add("description", a.details)
            cal.add_component(event)
        monday = core.week_start(timezone.localdate())
        weekly = [
            (d, part, "fixed", f.pk, f.description)
            for f in p.appointments.all()
            for d, part in [(f.weekday, f.dagdeel)]
        ]
        weekly += [
            (d, part, "lesson", d * 3 + part, "") for d, part in core.slots_of(p.lesson_mask)
        ]
        for day_index, part, what, key, text in weekly:
            start_t, end_t = PART_TIMES[part]
            first = monday + timedelta(days=day_index)
            event = Event()
            event.add("uid", f"{p.public_id}-{what}-{key}@werkpad")
            event.add("dtstamp", now)
            event.add("dtstart", datetime.combine(first, start_t, tzinfo=tz))
            event.add("dtend", datetime.combine(first, end_t, tzinfo=tz))
            event.add("rrule", vRecur(freq="weekly"))
            if found.show_details:
                event.add("summary", _("Lesson") if what == "lesson" else (text or neutral))
            else:
                event.add("summary", neutral)
            cal.add_component(event)
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="werkpad.ics"'
    response["Cache-Control"] = "no-store"
    return response
