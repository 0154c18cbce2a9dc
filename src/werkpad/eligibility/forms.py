"""The what-if form: a job as a coach imagines it (no personal data), turned into a ``rules.Job``.

The same form validates the query parameters of the JSON API, so that the HTML page and the API
refuse the same input with the same (translated) messages.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werkpad.core import rules

MAX_HOURS = Decimal(60)
MAX_WAGE = Decimal(1000)
MAX_CONTRACT_MONTHS = 120
EARLIEST_DAY = date(2000, 1, 1)
LATEST_DAY = date(2100, 12, 31)

TWV_CHOICES = [
    ("", _("Unknown")),
    (rules.TwvStatus.NONE.value, _("Not applied for yet")),
    (rules.TwvStatus.APPLIED.value, _("Applied for at the UWV")),
    (rules.TwvStatus.GRANTED.value, _("Granted")),
    (rules.TwvStatus.REFUSED.value, _("Refused")),
]


def _date_field(label: Any, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a valid date, for example 2026-05-01.")},
    )


def _decimal_field(
    label: Any, maximum: Decimal, places: int, message: Any, help_text: Any = ""
) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        help_text=help_text,
        min_value=Decimal(0),
        max_value=maximum,
        max_digits=7,
        decimal_places=places,
        widget=forms.NumberInput(attrs={"step": "any", "min": "0", "max": str(maximum)}),
        error_messages={
            "invalid": message,
            "min_value": message,
            "max_value": message,
            "max_digits": message,
            "max_decimal_places": message,
            "max_whole_digits": message,
        },
    )


class WhatIfForm(forms.Form):
    on = _date_field(_("Evaluation date"), _("Judge with the rules in force on this date."))
    start_date = _date_field(_("Planned start date"))
    hours_per_week = _decimal_field(
        _("Hours per week"),
        MAX_HOURS,
        1,
        _("Enter the hours per week as a number from 0 to 60, e.g. 24 or 7.5."),
    )
    hourly_wage_gross = _decimal_field(
        _("Hourly wage, gross (EUR)"),
        MAX_WAGE,
        2,
        _("Enter the gross hourly wage in euros, e.g. 14.40 (at most 1000)."),
    )
    hourly_wage_net = _decimal_field(
        _("Hourly wage, net (EUR)"),
        MAX_WAGE,
        2,
        _("Enter the net hourly wage in euros, e.g. 12.10 (at most 1000)."),
        _("If known: needed for the REBA examples when no net share of gross is set."),
    )
    contract_months = forms.IntegerField(
        label=_("Contract length (months)"),
        required=False,
        min_value=1,
        max_value=MAX_CONTRACT_MONTHS,
        widget=forms.NumberInput(attrs={"min": "1", "max": str(MAX_CONTRACT_MONTHS)}),
        error_messages={
            "invalid": _("Enter the contract length as a whole number of months from 1 to 120."),
            "min_value": _("Enter the contract length as a whole number of months from 1 to 120."),
            "max_value": _("Enter the contract length as a whole number of months from 1 to 120."),
        },
    )
    twv = forms.ChoiceField(
        label=_("TWV (work permit)"),
        required=False,
        choices=TWV_CHOICES,
        error_messages={"invalid_choice": _("Choose one of the TWV states in the list.")},
    )
    twv_date = _date_field(
        _("TWV applied for / granted on"), _("The date the TWV was applied for or granted.")
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("on", "start_date", "twv_date"):
            day = data.get(name)
            if day is not None and not EARLIEST_DAY <= day <= LATEST_DAY:
                self.add_error(name, _("Enter a date between 2000 and 2100."))
        twv = data.get("twv") or ""
        twv_date = data.get("twv_date")
        if twv == rules.TwvStatus.APPLIED and twv_date is None and "twv_date" not in self.errors:
            self.add_error("twv_date", _("Enter the date the TWV was applied for."))
        if twv_date is not None and twv not in (
            rules.TwvStatus.APPLIED,
            rules.TwvStatus.GRANTED,
        ):
            self.add_error(
                "twv_date", _("A TWV date only goes with a TWV that was applied for or granted.")
            )
        return data

    # -- results ------------------------------------------------------------------------------------

    def evaluation_date(self) -> date:
        return self.cleaned_data.get("on") or timezone.localdate()

    def job(self) -> rules.Job:
        """The job the form describes (call after ``is_valid()``); empty fields are unknown."""
        d = self.cleaned_data
        twv = d.get("twv") or None
        return rules.Job(
            hours_per_week=d.get("hours_per_week"),
            hourly_wage_gross=d.get("hourly_wage_gross"),
            hourly_wage_net=d.get("hourly_wage_net"),
            start_date=d.get("start_date"),
            contract_months=d.get("contract_months"),
            twv=rules.TwvStatus(twv) if twv else None,
            twv_date=d.get("twv_date"),
        )


def initial_from_job(job: rules.Job, on: date) -> dict[str, Any]:
    """Form values for ``job`` (a vacancy's job, or the default "a job starting today")."""
    return {
        "on": on,
        "start_date": job.start_date,
        "hours_per_week": job.hours_per_week,
        "hourly_wage_gross": job.hourly_wage_gross,
        "hourly_wage_net": job.hourly_wage_net,
        "contract_months": job.contract_months,
        "twv": job.twv.value if job.twv is not None else "",
        "twv_date": job.twv_date,
    }


def errors_of(form: forms.Form) -> dict[str, list[str]]:
    """The form's errors as plain translated texts, by field (``__all__`` for the form)."""
    return {field: [str(e) for e in errors] for field, errors in form.errors.items()}
