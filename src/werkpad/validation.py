"""Plausibility rules shared by every model: one place for ranges, date windows and text limits.

Each model states its own rules in ``validate(errors)`` (called from ``Model.clean``) using the
helpers here; forms (ModelForms, or ``validate_instance`` for plain forms), the JSON API and the
CSV/XLSX import all reach those rules through ``full_clean`` (the actions call it before saving),
so the three accept and refuse the same values, with the same field in error. Database
constraints stay as the last line; :func:`integrity_errors` turns one that still fires into a
field error instead of the database's own message.

The bounds (documented here, shown in the README "Plausible values"):

================================  =====================================================================
``EARLIEST_BIRTH_DATE``           1900-01-01: a birth date before it is a typing error.
``EARLIEST_PROCEDURE_DATE``       1990-01-01: arrival, asylum application, status decision, residence
                                  permit, BSN, inburgering start, W-document, TWV and certificate dates.
                                  The Dutch integration laws (WIN 1998, Wi 2007/2013/2021) and the
                                  people Werkpad serves are all later; 1900 or 1970 is a typo.
``PLANNED_YEARS_AHEAD``           1: a planned date (placement or vacancy start, inburgering start,
                                  placement end) lies at most a year after the day it is registered.
``PLACEMENT_YEARS_BACK``          3: a placement registered today started at most three years ago
                                  (registering older work afterwards is rare; 2001 is a typo).
``VACANCY_YEARS_BACK``            1: a vacancy's start date lies at most a year before it was created.
``DOCUMENT_YEARS_AHEAD``          10: a W-document or certificate is valid at most ten years ahead.
``WAGE_HOURLY``                   0 – 100 EUR gross per hour (startbanen pay around the minimum wage;
                                  a three-digit hourly wage is a misplaced decimal point).
``CONTRACT_MONTHS``               1 – 60 months (the chain rule allows 36 months of temporary
                                  contracts; collective agreements up to 48; a permanent contract has
                                  no length, leave it empty).
``PLACES``                        1 – 500 places per vacancy.
``FREE_TEXT_MAX``                 5,000 characters for notes and descriptions (short texts have the
                                  ``max_length`` of their field).
================================  =====================================================================

Dates "registered today" are measured from the record's creation date (for records created
before), so editing an old record does not fail on a date that was plausible when it was made.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

EARLIEST_BIRTH_DATE = date(1900, 1, 1)
EARLIEST_PROCEDURE_DATE = date(1990, 1, 1)
PLANNED_YEARS_AHEAD = 1
PLACEMENT_YEARS_BACK = 3
VACANCY_YEARS_BACK = 1
DOCUMENT_YEARS_AHEAD = 10
WAGE_HOURLY = (Decimal("0"), Decimal("100"))
CONTRACT_MONTHS = (1, 60)
PLACES = (1, 500)
FREE_TEXT_MAX = 5000

# Line breaks and tabs are allowed in multi-line text (TextField), nowhere else.
_MULTILINE_OK = frozenset("\n\r\t")


def years_from(day: date, years: int) -> date:
    """``day`` moved by whole years (29 February becomes 28 February in other years)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def registered_on(instance: models.Model) -> date:
    """The day a record counts as registered: its creation date, or today for a new record."""
    created = getattr(instance, "created_at", None)
    if created is not None:
        return timezone.localdate(created) if timezone.is_aware(created) else created.date()
    return timezone.localdate()


# Unicode category Cc is exactly U+0000-U+001F and U+007F-U+009F; Cs are the surrogates.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROL_MULTILINE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def control_characters(text: str, *, multiline: bool = False) -> bool:
    """Whether ``text`` holds a control character (NUL, escape, ...; line breaks and tabs only if
    not ``multiline``) or a lone surrogate."""
    return (_CONTROL_MULTILINE if multiline else _CONTROL).search(text) is not None


def text_error(
    value: str, *, max_length: int | None, multiline: bool = False, required: bool = False
) -> str | None:
    """The problem with a text value, or ``None``."""
    if control_characters(value, multiline=multiline):
        if multiline:
            return _("Remove the control characters: only letters, digits, signs and line breaks.")
        return _("Remove the control characters (such as tabs or line breaks): write one line.")
    if max_length is not None and len(value) > max_length:
        return _("Write at most %(max)d characters (this text has %(n)d).") % {
            "max": max_length,
            "n": len(value),
        }
    if required and not value.strip():
        return _("This field cannot be blank.")
    return None


class Errors:
    """Collects errors per field for one ``clean``; fields the caller excluded (not on this form)
    are never reported, so a section form only shows errors about its own fields."""

    def __init__(self, instance: models.Model, exclude: Iterable[str] = ()) -> None:
        self.instance = instance
        self.exclude = set(exclude)
        self.errors: dict[str, list[str]] = {}

    def checks(self, name: str) -> bool:
        return name not in self.exclude and name not in self.errors

    def add(self, name: str, message: str) -> None:
        if name == NON_FIELD_ERRORS or name not in self.exclude:
            self.errors.setdefault(name, []).append(message)

    def value(self, name: str) -> Any:
        return getattr(self.instance, name)

    def number(
        self,
        name: str,
        low: Decimal | int | None,
        high: Decimal | int | None,
        message: str | None = None,
    ) -> None:
        """``low <= value <= high`` (a bound of ``None`` is open); empty values pass."""
        value = self.value(name)
        if value is None or not self.checks(name):
            return
        if (low is not None and value < low) or (high is not None and value > high):
            if message is not None:
                pass
            elif low is not None and high is not None:
                message = _("Enter a value from %(low)s to %(high)s.")
            elif low is not None:
                message = _("Enter a value of at least %(low)s.")
            else:
                message = _("Enter a value of at most %(high)s.")
            self.add(name, message % {"low": low, "high": high})

    def window(self, name: str, low: date | None, high: date | None) -> None:
        """A date inside ``[low, high]`` (open where ``None``); empty dates pass."""
        value = self.value(name)
        if value is None or not self.checks(name):
            return
        if high is not None and value > high:
            if high == timezone.localdate():
                self.add(name, _("This date lies in the future."))
            else:
                self.add(
                    name,
                    _("Enter a date on or before %(date)s.") % {"date": date_format(high, "j F Y")},
                )
        elif low is not None and value < low:
            self.add(
                name,
                _("Enter a date on or after %(date)s.") % {"date": date_format(low, "j F Y")},
            )

    def order(self, earlier: str, later: str, message: str) -> None:
        """``earlier <= later`` when both are given. The error goes to the later field, or to the
        earlier one when only that one is being edited."""
        first, second = self.value(earlier), self.value(later)
        if first is None or second is None or second >= first:
            return
        if later not in self.exclude and later not in self.errors:
            self.add(later, message)
        elif earlier not in self.exclude and earlier not in self.errors:
            self.add(earlier, message)

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


class Validated(models.Model):
    """Base of Werkpad's models: text checks on every text field, and ``validate(errors)`` hooks.

    ``clean_fields`` refuses control characters in every text field, free text longer than
    ``FREE_TEXT_MAX`` (or the field's own ``max_length``) and blanks of whitespace only.
    ``clean`` calls ``self.validate(errors)``, where a model states its ranges, windows and
    cross-field order with the :class:`Errors` helpers; fields excluded from this validation
    (not on the form at hand) get no errors.
    """

    class Meta:
        abstract = True

    def validate(self, errors: Errors) -> None:
        """Per-model rules; override."""

    def full_clean(
        self,
        exclude: Iterable[str] | None = None,
        validate_unique: bool = True,
        validate_constraints: bool = True,
    ) -> None:
        self._validation_exclude = set(exclude or ())
        try:
            super().full_clean(
                exclude=exclude,
                validate_unique=validate_unique,
                validate_constraints=validate_constraints,
            )
        finally:
            del self._validation_exclude

    def clean_fields(self, exclude: Iterable[str] | None = None) -> None:
        excluded = set(exclude or ())
        errors: dict[str, list[str]] = {}
        try:
            super().clean_fields(exclude=excluded)
        except ValidationError as exc:
            errors = exc.message_dict
        for field in self._meta.concrete_fields:
            if field.name in excluded or field.name in errors:
                continue
            if not isinstance(field, models.CharField | models.TextField) or field.choices:
                continue
            value = getattr(self, field.attname)
            if not isinstance(value, str) or not value:
                continue
            multiline = isinstance(field, models.TextField)
            limit = field.max_length or (FREE_TEXT_MAX if multiline else None)
            problem = text_error(
                value, max_length=limit, multiline=multiline, required=not field.blank
            )
            if problem:
                errors[field.name] = [problem]
        if errors:
            raise ValidationError(errors)

    def clean(self) -> None:
        errors = Errors(self, getattr(self, "_validation_exclude", ()))
        self.validate(errors)
        errors.raise_if_any()


def validate_instance(
    instance: models.Model, fields: Iterable[str], *, rename: Mapping[str, str] | None = None
) -> dict[str, list[str]]:
    """Model validation of ``fields`` only (the others are excluded), as ``{name: messages}``
    with names renamed for the caller (a form field or an API key). For plain forms and actions."""
    names = set(fields)
    exclude = {f.name for f in instance._meta.get_fields() if f.name not in names}
    try:
        instance.full_clean(exclude=exclude, validate_unique=False)
    except ValidationError as exc:
        return rename_errors(exc, rename)
    return {}


def rename_errors(
    exc: ValidationError, rename: Mapping[str, str] | None = None
) -> dict[str, list[str]]:
    rename = rename or {}
    if not hasattr(exc, "error_dict"):
        return {NON_FIELD_ERRORS: list(exc.messages)}
    result: dict[str, list[str]] = {}
    for name, messages in exc.message_dict.items():
        result.setdefault(rename.get(name, name), []).extend(messages)
    return result


class ModelFormValidation:
    """For ModelForms: model errors about model fields that the form shows under another name
    (``model_error_fields = {"roster_mask": "roster"}``) land next to that form field; those model
    fields are validated although they are not form fields; any other stray error becomes a form
    error instead of a crash."""

    model_error_fields: Mapping[str, str] = {}

    def _get_validation_exclusions(self) -> set[str]:
        exclude: set[str] = super()._get_validation_exclusions()  # type: ignore[misc]
        errors = self.errors  # type: ignore[attr-defined]
        return {
            name
            for name in exclude
            if name not in self.model_error_fields or self.model_error_fields[name] in errors
        }

    def _update_errors(self, errors: ValidationError) -> None:
        fields = self.fields  # type: ignore[attr-defined]
        mapped: dict[str, list[Any]] = {}
        if hasattr(errors, "error_dict"):
            for name, messages in errors.error_dict.items():
                target = self.model_error_fields.get(name, name)
                if target != NON_FIELD_ERRORS and target not in fields:
                    target = NON_FIELD_ERRORS
                mapped.setdefault(target, []).extend(messages)
            errors = ValidationError(mapped)
        super()._update_errors(errors)  # type: ignore[misc]


# Database constraints by name -> (field, message). Model validation refuses these values first;
# if a constraint still fires (a race, a path that skipped validation), the user sees this.
CONSTRAINT_ERRORS: dict[str, tuple[str, Any]] = {
    "vacancy_places_at_least_one": ("places", gettext_lazy("Enter at least one place.")),
}


def integrity_errors(exc: IntegrityError) -> ValidationError:
    """A database integrity error as a field error (never the database's own text)."""
    text = str(exc)
    for name, (field, message) in CONSTRAINT_ERRORS.items():
        if name in text:
            return ValidationError({field: [str(message)]})
    return ValidationError(
        _("This could not be saved: it conflicts with data saved at the same time. Try again.")
    )


def one_line(value: str) -> None:
    """Field validator for plain forms: one line of text, no control characters."""
    problem = text_error(value, max_length=None)
    if problem:
        raise ValidationError(problem, code="control")


def multi_line(value: str) -> None:
    """Field validator for plain forms: free text (line breaks allowed), within FREE_TEXT_MAX."""
    problem = text_error(value, max_length=FREE_TEXT_MAX, multiline=True)
    if problem:
        raise ValidationError(problem, code="text")
