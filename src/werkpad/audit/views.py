"""The access log page for administrators: search and filter who did what to which file, and
export the filtered log as CSV for the privacy officer."""

from __future__ import annotations

import csv
import io
from datetime import datetime, time
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkpad.accounts.models import User

from . import log
from .models import AccessLogEntry, Action
from .what import label


class LogFilter(forms.Form):
    user = forms.CharField(label=gettext_lazy("User name"), required=False, max_length=150)
    participant = forms.CharField(
        label=gettext_lazy("Participant number"),
        required=False,
        max_length=20,
        help_text=gettext_lazy("Part of the number is enough."),
    )
    action = forms.ChoiceField(
        label=gettext_lazy("Action"),
        required=False,
        choices=[("", gettext_lazy("All")), *Action.choices],
    )
    date_from = forms.DateField(
        label=gettext_lazy("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=gettext_lazy("Until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error(
                "date_to",
                _("The end date (%(end)s) lies before the start date (%(start)s).")
                % {"end": end.strftime("%d-%m-%Y"), "start": start.strftime("%d-%m-%Y")},
            )
        return data


def _administrator(request: HttpRequest) -> User:
    user = request.user
    # Administrators and the privacy officer read the log; the privacy officer sees no file.
    if not isinstance(user, User) or not (user.is_administrator or user.is_privacy_officer):
        raise PermissionDenied
    return user


def _filtered(form: LogFilter) -> QuerySet[AccessLogEntry] | None:
    """The entries the filter selects; ``None`` when the filter is invalid."""
    entries = AccessLogEntry.objects.select_related("user")
    if not form.is_bound:
        return entries
    if not form.is_valid():
        return None
    data = form.cleaned_data
    if data["user"]:
        entries = entries.filter(user__username__icontains=data["user"].strip())
    if data["participant"]:
        entries = entries.filter(participant_number__icontains=data["participant"].strip())
    if data["action"]:
        entries = entries.filter(action=data["action"])
    tz = timezone.get_current_timezone()
    if data["date_from"]:
        entries = entries.filter(at__gte=datetime.combine(data["date_from"], time.min, tzinfo=tz))
    if data["date_to"]:
        entries = entries.filter(at__lte=datetime.combine(data["date_to"], time.max, tzinfo=tz))
    return entries


@login_required
def access_log(request: HttpRequest) -> HttpResponse:
    _administrator(request)
    params = request.GET.copy()
    params.pop("page", None)
    form = LogFilter(params or None)
    entries = _filtered(form)
    page = Paginator(entries if entries is not None else AccessLogEntry.objects.none(), 50)
    return render(
        request,
        "audit/log.html",
        {
            "form": form,
            "page": page.get_page(request.GET.get("page")),
            "querystring": params.urlencode(),
            "invalid": entries is None,
        },
        status=400 if entries is None else 200,
    )


def _safe(value: str) -> str:
    """A cell that a spreadsheet will not run as a formula."""
    if value and value[0] in "=+-@\t\r":
        return "'" + value
    return value


@login_required
def export_log(request: HttpRequest) -> HttpResponse:
    """The filtered log as CSV: the columns of the page, nothing more. Logged itself."""
    user = _administrator(request)
    form = LogFilter(request.GET or None)
    entries = _filtered(form)
    if entries is None:
        return render(
            request,
            "audit/log.html",
            {
                "form": form,
                "page": Paginator(AccessLogEntry.objects.none(), 50).get_page(1),
                "querystring": "",
                "invalid": True,
            },
            status=400,
        )
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("Time"), _("User"), _("Participant number"), _("Action"), _("What")])
    tz = timezone.get_current_timezone()
    for entry in entries.iterator(chunk_size=2000):
        writer.writerow(
            [
                _safe(entry.at.astimezone(tz).isoformat(timespec="seconds")),
                _safe(entry.user.username if entry.user else ""),
                _safe(entry.participant_number),
                _safe(str(entry.get_action_display())),
                _safe(label(entry.what)),
            ]
        )
    log.record(user, None, Action.EXPORT, "access log export")
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="werkpad-access-log-{stamp}.csv"'
    response["Cache-Control"] = "no-store"
    return response
