""" "Mijn afspraken": the newcomer's dated appointments, weekly lessons and reporting duty, the
clashes of this week and the next, and their private calendar link (create, choose details, revoke).
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from werkpad.core import schedule as core
from werkpad.participants.choices import Dagdeel, Weekday
from werkpad.pathway import care_actions
from werkpad.pathway.care_forms import FeedForm
from werkpad.pathway.care_views import week_context

from .views import PORTAL_LANGUAGES, _own_file


@login_required
def appointments(request: HttpRequest) -> HttpResponse:
    posting = request.method == "POST"
    user, p = _own_file(request, what="portal appointments", action="update" if posting else "view")
    feed_url = ""
    if posting:
        do = request.POST.get("do", "")
        form = FeedForm(request.POST)
        show = bool(form.is_valid() and form.cleaned_data["show_details"])
        if do == "create":
            token = care_actions.create_feed(user, p, show_details=show)
            feed_url = request.build_absolute_uri(reverse("pathway:feed", args=[token]))
            messages.success(
                request,
                _("Your new calendar link is below. Copy it now: it is shown only once."),
            )
        elif do == "details":
            care_actions.set_feed_details(user, p, show_details=show)
            messages.success(request, _("Saved."))
            return redirect("portal:appointments")
        elif do == "revoke":
            care_actions.revoke_feed(user, p)
            messages.success(request, _("The calendar link no longer works."))
            return redirect("portal:appointments")
    feed = care_actions.active_feed(p)
    today = timezone.localdate()
    this_week = week_context(p, today)
    next_week = week_context(p, today + timedelta(days=7))
    return render(
        request,
        "portal/appointments.html",
        {
            "p": p,
            "upcoming": p.dated_appointments.filter(
                ends_at__gte=timezone.now() - timedelta(hours=12)
            ).order_by("starts_at")[:50],
            "fixed": p.appointments.all(),
            "lessons": [
                f"{Weekday(d).label} {str(Dagdeel(part).label).lower()}"
                for d, part in core.slots_of(p.lesson_mask)
            ],
            "clashes": this_week["clashes"] + next_week["clashes"],
            "warnings": this_week["warnings"],
            "feed": feed,
            "feed_url": feed_url,
            "form": FeedForm(initial={"show_details": feed.show_details if feed else False}),
            "lang_choices": PORTAL_LANGUAGES,
        },
    )
