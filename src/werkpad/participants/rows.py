"""Related rows of a participant file: other languages, diplomas, work experience, certificates
and fixed appointments.

One registry (:data:`ROW_KINDS`) says, per kind, which model and fields it has, how a row reads in
the history and which form edits it. The intake wizard (as inline formsets) and the participant
page (one row at a time) both use it; every change goes through ``actions.add_row`` /
``update_row`` / ``remove_row``, which keep the history.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkpad import formats
from werkpad.matching.widgets import OccupationWidget

from . import codes
from .models import Certificate, Diploma, FixedAppointment, OtherLanguage, WorkExperience

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

# Certificates that expire within this many days get a warning on the participant page.
CERTIFICATE_WARNING_DAYS = 60


def describe_language(row: OtherLanguage) -> str:
    name = codes.show_code(row.language, "language")
    return f"{name} ({row.level})" if row.level else name


def describe_diploma(row: Diploma) -> str:
    parts = [row.title]
    if row.level:
        parts.append(force_str(row.get_level_display()))
    if row.country:
        parts.append(codes.show_code(row.country, "country"))
    if row.valuation:
        parts.append(force_str(row.get_valuation_display()))
    return ", ".join(parts)


def describe_experience(row: WorkExperience) -> str:
    parts = [row.occupation]
    if row.years is not None:
        parts.append(_("%(years)s years") % {"years": _number(row.years)})
    if row.sector:
        parts.append(row.sector)
    if row.country:
        parts.append(codes.show_code(row.country, "country"))
    return ", ".join(parts)


def describe_certificate(row: Certificate) -> str:
    text = f"{row.get_kind_display()} {row.detail}".strip()
    if row.expires_on:
        text = _("%(certificate)s, valid until %(date)s") % {
            "certificate": text,
            "date": formats.day(row.expires_on),
        }
    return text


def describe_appointment(row: FixedAppointment) -> str:
    return _("%(day)s %(part)s: %(what)s") % {
        "day": row.get_weekday_display(),
        "part": force_str(row.get_dagdeel_display()).lower(),
        "what": row.description,
    }


def _number(value: Decimal | float) -> str:
    return formats.number(value)


def certificate_warning(row: Certificate, today: date | None = None) -> str:
    """'' when fine; otherwise a short warning about (nearly) expiry."""
    today = today or timezone.localdate()
    if row.expires_on is None:
        return ""
    if row.expires_on < today:
        return _("expired")
    if row.expires_on <= today + timedelta(days=CERTIFICATE_WARNING_DAYS):
        return _("expires soon")
    return ""


class RowForm(forms.ModelForm):  # type: ignore[type-arg]
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.widget = DATE_WIDGET

    def values(self) -> dict[str, Any]:
        """The row's own values (never the link to the participant or the row id)."""
        return {
            name: self.cleaned_data.get(name)
            for name in self._meta.fields or ()
            if name not in ("id", "participant")
        }


class _CodedRowForm(RowForm):
    coded: dict[str, str] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, kind in self.coded.items():
            model_field = self._meta.model._meta.get_field(name)
            field = codes.code_field(
                kind,
                label=capfirst(force_str(model_field.verbose_name)),
                required=not model_field.blank,
            )
            codes.keep_unrecognised(field, getattr(self.instance, name, "") or "", kind)
            self.fields[name] = field


class OtherLanguageForm(_CodedRowForm):
    coded = {"language": "language"}

    class Meta:
        model = OtherLanguage
        fields = ["language", "level"]


class DiplomaForm(_CodedRowForm):
    coded = {"country": "country"}

    class Meta:
        model = Diploma
        fields = ["title", "level", "country", "valuation"]


class WorkExperienceForm(_CodedRowForm):
    coded = {"country": "country"}

    class Meta:
        model = WorkExperience
        fields = ["occupation", "occupation_uri", "years", "sector", "country"]
        widgets = {"occupation": OccupationWidget(), "occupation_uri": forms.HiddenInput}


class CertificateForm(RowForm):
    class Meta:
        model = Certificate
        fields = ["kind", "detail", "expires_on"]


class FixedAppointmentForm(RowForm):
    class Meta:
        model = FixedAppointment
        fields = ["weekday", "dagdeel", "description"]
        help_texts = {"description": gettext_lazy("E.g. meldplicht at the COA, IND, doctor.")}


@dataclass(frozen=True)
class RowKind:
    key: str  # also the related name on Participant and the formset prefix
    model: type[models.Model]
    form: type[RowForm]
    title: Promise
    add_label: Promise
    describe: Callable[[Any], str]

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(self.form._meta.fields or ())

    @property
    def label(self) -> str:
        """The name of one row, as the history shows it."""
        return capfirst(force_str(self.model._meta.verbose_name))


ROW_KINDS: dict[str, RowKind] = {
    kind.key: kind
    for kind in (
        RowKind(
            "languages",
            OtherLanguage,
            OtherLanguageForm,
            gettext_lazy("Other languages"),
            gettext_lazy("Add a language"),
            describe_language,
        ),
        RowKind(
            "diplomas",
            Diploma,
            DiplomaForm,
            gettext_lazy("Diplomas"),
            gettext_lazy("Add a diploma"),
            describe_diploma,
        ),
        RowKind(
            "experiences",
            WorkExperience,
            WorkExperienceForm,
            gettext_lazy("Work experience"),
            gettext_lazy("Add work experience"),
            describe_experience,
        ),
        RowKind(
            "certificates",
            Certificate,
            CertificateForm,
            gettext_lazy("Certificates"),
            gettext_lazy("Add a certificate"),
            describe_certificate,
        ),
        RowKind(
            "appointments",
            FixedAppointment,
            FixedAppointmentForm,
            gettext_lazy("Fixed appointments"),
            gettext_lazy("Add a fixed appointment"),
            describe_appointment,
        ),
    )
}
