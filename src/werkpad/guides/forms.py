"""The questions of the public guides. Validation only; the answer comes from the rules engine
(through ``eligibility.api.situation``, the same mapping as ``POST /api/eligibility/evaluate``).
Nothing typed here is stored or logged."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werkpad.core import rules
from werkpad.eligibility.api import EvaluateIn
from werkpad.eligibility.forms import EARLIEST_DAY

EARLIEST_BIRTH = date(1900, 1, 1)
_YES_NO = [("", _("I don't know")), ("yes", _("Yes")), ("no", _("No"))]


def _date(label: Any, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a valid date, for example 2026-05-01.")},
    )


def _choice(label: Any, choices: list[tuple[str, Any]], help_text: Any = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        required=False,
        help_text=help_text,
        error_messages={"invalid_choice": _("Choose one of the options.")},
    )


def _yes_no(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


class SituationForm(forms.Form):
    """Shared by both guides; the labels differ by reader (the newcomer, or an employer about a
    candidate): see :class:`NewcomerForm` and :class:`EmployerForm`."""

    PAST_DATES = ("birth_date", "asylum_application_date", "bsn_requested_on")
    PHASES: list[tuple[str, Any]] = []

    phase = forms.ChoiceField(
        label="",
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the situation that fits."),
            "invalid_choice": _("Choose the situation that fits."),
        },
    )
    birth_date = _date("")
    asylum_application_date = _date("")
    lives_in_coa = _choice("", _YES_NO)
    has_w_document = _choice("", _YES_NO)
    w_document_expiry = _date("")
    bsn = _choice("", [])
    bsn_requested_on = _date("")
    twv = _choice("", [])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["phase"].choices = self.PHASES
        for name, (label, help_text) in self.labels().items():
            self.fields[name].label = label
            self.fields[name].help_text = help_text
        self.fields["bsn"].choices = [
            ("", _("I don't know")),
            (rules.BsnStatus.NONE.value, _("Not requested")),
            (rules.BsnStatus.REQUESTED.value, _("Requested, not received yet")),
            (rules.BsnStatus.RECEIVED.value, _("Received")),
        ]
        self.fields["twv"].choices = [
            ("", _("I don't know")),
            (rules.TwvStatus.NONE.value, _("Not applied for yet")),
            (rules.TwvStatus.APPLIED.value, _("Applied for at the UWV")),
            (rules.TwvStatus.GRANTED.value, _("Granted")),
        ]

    def labels(self) -> dict[str, tuple[Any, Any]]:
        raise NotImplementedError

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        today = timezone.localdate()
        for name in self.PAST_DATES:
            value = data.get(name)
            earliest = EARLIEST_BIRTH if name == "birth_date" else EARLIEST_DAY
            if value is None:
                continue
            if value > today:
                self.add_error(name, _("Enter a date that is not in the future."))
            elif value < earliest:
                self.add_error(name, _("This date is too far in the past: check it."))
        return data

    def payload(self, on: date) -> EvaluateIn:
        """The answers as the anonymous evaluation's input (unknown stays unknown)."""
        d = self.cleaned_data
        w_document = _yes_no(d["has_w_document"])
        if d.get("w_document_expiry") and w_document is None:
            w_document = True
        bsn = d["bsn"] or None
        return EvaluateIn(
            phase=d["phase"],
            on=on,
            birth_date=d.get("birth_date"),
            asylum_application_date=d.get("asylum_application_date"),
            lives_in_coa=_yes_no(d["lives_in_coa"]),
            has_w_document=w_document,
            w_document_expiry=d.get("w_document_expiry"),
            bsn=bsn,
            bsn_requested_on=d.get("bsn_requested_on") if bsn == "requested" else None,
            twv=d["twv"] or None,
        )


class NewcomerForm(SituationForm):
    PHASES = [
        (rules.Phase.ASYLUM_SEEKER.value, _("I have applied for asylum and am waiting")),
        (
            rules.Phase.TEMPORARY_PROTECTION.value,
            _("I have temporary protection (from Ukraine)"),
        ),
        (
            rules.Phase.STATUS_HOLDER_AZC.value,
            _("I have a residence permit (status holder) and still live in an azc"),
        ),
        (
            rules.Phase.INBURGERING.value,
            _("I have a residence permit and live in a municipality"),
        ),
    ]

    def labels(self) -> dict[str, tuple[Any, Any]]:
        return {
            "phase": (_("Your situation"), ""),
            "birth_date": (_("Your date of birth"), _("To check that you are 18 or older.")),
            "asylum_application_date": (
                _("Since when is your asylum application pending?"),
                _("The date you applied for asylum at the IND."),
            ),
            "lives_in_coa": (_("Do you live in a COA reception centre?"), ""),
            "has_w_document": (_("Do you have a valid W-document?"), ""),
            "w_document_expiry": (_("Your W-document is valid until"), ""),
            "bsn": (_("Your BSN (citizen service number)"), ""),
            "bsn_requested_on": (_("BSN requested on"), ""),
            "twv": (_("Has an employer applied for a TWV (work permit) for you?"), ""),
        }


class EmployerForm(SituationForm):
    PHASES = [
        (rules.Phase.ASYLUM_SEEKER.value, _("An asylum seeker (application still pending)")),
        (rules.Phase.TEMPORARY_PROTECTION.value, _("A Ukrainian with temporary protection")),
        (
            rules.Phase.STATUS_HOLDER_AZC.value,
            _("A status holder (residence permit) still living in an azc"),
        ),
        (
            rules.Phase.INBURGERING.value,
            _("A status holder living in a municipality"),
        ),
    ]

    def labels(self) -> dict[str, tuple[Any, Any]]:
        return {
            "phase": (_("Whom do you want to hire?"), ""),
            "birth_date": (_("The candidate's date of birth"), _("To check 18 or older.")),
            "asylum_application_date": (
                _("Since when is the asylum application pending?"),
                _("Ask the candidate: the date of the application at the IND."),
            ),
            "lives_in_coa": (_("Does the candidate live in a COA reception centre?"), ""),
            "has_w_document": (_("Does the candidate have a valid W-document?"), ""),
            "w_document_expiry": (_("W-document valid until"), ""),
            "bsn": (_("The candidate's BSN"), ""),
            "bsn_requested_on": (_("BSN requested on"), ""),
            "twv": (_("Your TWV application at the UWV"), ""),
        }
