"""The access log page for administrators: search and filter who did what to which file."""

from __future__ import annotations

from datetime import datetime, time

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werkpad.accounts.models import User

from .models import AccessLogEntry, Action


class LogFilter(forms.Form):
    user = forms.CharField(label=_("User name"), required=False, max_length=150)
    participant = forms.CharField(label=_("Participant number"), required=False, max_length=20)
    action = forms.ChoiceField(
        label=_("Action"), required=False, choices=[("", _("All")), *Action.choices]
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


@login_required
def access_log(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not isinstance(user, User) or not user.is_administrator:
        raise PermissionDenied
    form = LogFilter(request.GET or None)
    entries = AccessLogEntry.objects.select_related("user")
    if form.is_valid():
        data = form.cleaned_data
        if data["user"]:
            entries = entries.filter(user__username__icontains=data["user"])
        if data["participant"]:
            entries = entries.filter(participant_number__iexact=data["participant"].strip())
        if data["action"]:
            entries = entries.filter(action=data["action"])
        tz = timezone.get_current_timezone()
        if data["date_from"]:
            entries = entries.filter(
                at__gte=datetime.combine(data["date_from"], time.min, tzinfo=tz)
            )
        if data["date_to"]:
            entries = entries.filter(at__lte=datetime.combine(data["date_to"], time.max, tzinfo=tz))
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request, "audit/log.html", {"form": form, "page": page, "querystring": params.urlencode()}
    )
