"""The participant file as readable sections (label, value) for the detail page."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkpad import formats
from werkpad.core import schedule

from . import codes
from .bands import age_band
from .choices import Dagdeel, Weekday
from .fields import SECTION_FIELDS
from .models import Participant

# Coded fields of the file and their kind of code (codes.py).
CODED_FIELDS = {
    "country_of_origin": "country",
    "nationality": "nationality",
    "mother_tongue": "language",
    "contact_language": "language",
}


def describe_mask(mask: int) -> str:
    slots = list(schedule.slots_of(mask))
    if not slots:
        return force_str(gettext_lazy("none"))
    return ", ".join(f"{Weekday(d).label} {force_str(Dagdeel(p).label).lower()}" for d, p in slots)


@dataclass
class Row:
    label: str
    value: str
    warn: bool = False


@dataclass
class Section:
    key: str
    title: str
    rows: list[Row]
    editable: bool = True


def _val(p: Participant, name: str) -> str:
    value: Any = getattr(p, name)
    field = p._meta.get_field(name)
    if value is None or value == "":
        return "—"
    if name in CODED_FIELDS:
        return codes.show_code(value, CODED_FIELDS[name])
    if getattr(field, "choices", None):
        return force_str(getattr(p, f"get_{name}_display")())
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if hasattr(value, "isoformat"):
        return formats.day(value)
    if isinstance(value, Decimal | float):
        return formats.number(value)
    return force_str(value)


def _rows(p: Participant, names: list[str]) -> list[Row]:
    return [Row(capfirst(force_str(p._meta.get_field(n).verbose_name)), _val(p, n)) for n in names]


def build_sections(p: Participant, *, with_rows: bool = True) -> list[Section]:
    """The file as sections. ``with_rows=False`` leaves out the related rows (languages,
    diplomas, experience, certificates, appointments) for pages that show them as their own cards.
    """
    today = timezone.localdate()
    age = p.age_on(today)
    # The person section shows the participant number and the derived age band between the
    # editable fields: number first, age right after the birth date.
    editable = SECTION_FIELDS["person"]
    after_birth = editable.index("birth_date") + 1
    person = _rows(p, ["number", *editable[:after_birth]])
    person.append(Row(_("Age"), f"{age} ({age_band(age)})" if age is not None else "—"))
    person += _rows(p, editable[after_birth:])
    documents = _rows(p, SECTION_FIELDS["documents"])
    if p.w_document_expiry and p.w_document_expiry < today:
        documents[0].warn = True
        documents[0].value += " — " + _("expired")
    availability = [
        Row(_("Available for work"), describe_mask(p.availability_mask)),
        Row(_("Lesson times"), describe_mask(p.lesson_mask)),
        *_rows(p, ["max_hours_per_week"]),
    ]
    if with_rows:
        availability += [
            Row(
                _("Fixed appointment"),
                f"{a.get_weekday_display()} {a.get_dagdeel_display().lower()}: {a.description}",
            )
            for a in p.appointments.all()
        ]
    return [
        Section("person", _("Person"), person),
        Section(
            "procedure",
            _("Procedure and phase"),
            _rows(p, SECTION_FIELDS["procedure"]),
        ),
        Section(
            "languages",
            _("Languages and education"),
            _rows(p, SECTION_FIELDS["languages"])
            + [
                Row(
                    _("Other language"),
                    f"{codes.show_code(lang.language, 'language')} {lang.level}".strip(),
                )
                for lang in (p.languages.all() if with_rows else ())
            ]
            + [
                Row(
                    _("Diploma"),
                    f"{d.title} ({d.get_level_display()}, {codes.show_code(d.country, 'country')})",
                )
                for d in (p.diplomas.all() if with_rows else ())
            ],
        ),
        Section(
            "work",
            _("Work and ambitions"),
            _rows(
                p,
                [
                    "job_at_intake",
                    "desired_occupation",
                    "desired_self_development",
                    "informal_work",
                ],
            )
            + [
                Row(_("Experience"), _experience(e))
                for e in (p.experiences.all() if with_rows else ())
            ]
            + [
                Row(_("Certificate"), _certificate(c, today), warn=not c.valid_on(today))
                for c in (p.certificates.all() if with_rows else ())
            ],
        ),
        Section(
            "situation",
            _("Situation"),
            _rows(p, SECTION_FIELDS["situation"]),
        ),
        Section(
            "inburgering",
            _("Inburgering and benefit"),
            _rows(p, SECTION_FIELDS["inburgering"]),
        ),
        Section("documents", _("Documents"), documents),
        Section("availability", _("Availability"), availability),
    ]


def _experience(e: Any) -> str:
    parts = [e.occupation]
    if e.years is not None:
        parts.append(_("%(years)s years") % {"years": e.years})
    if e.sector:
        parts.append(e.sector)
    if e.country:
        parts.append(codes.show_code(e.country, "country"))
    return ", ".join(parts)


def _certificate(c: Any, today: Any) -> str:
    text = f"{c.get_kind_display()} {c.detail}".strip()
    if c.expires_on:
        text += " — " + (
            _("valid until %(date)s") if c.valid_on(today) else _("expired on %(date)s")
        ) % {"date": formats.day(c.expires_on)}
    return text


@dataclass
class RelatedRow:
    id: int
    text: str
    warning: str = ""


@dataclass
class RelatedCard:
    kind: str
    title: str
    add_label: str
    rows: list[RelatedRow]


def build_related(p: Participant) -> list[RelatedCard]:
    """The related rows of the file, one card per kind, with expiry warnings on certificates."""
    from .rows import ROW_KINDS, certificate_warning

    today = timezone.localdate()
    cards = []
    for kind, spec in ROW_KINDS.items():
        rows = []
        for row in getattr(p, kind).all():
            warning = certificate_warning(row, today) if kind == "certificates" else ""
            rows.append(RelatedRow(row.pk, spec.describe(row), warning))
        cards.append(RelatedCard(kind, force_str(spec.title), force_str(spec.add_label), rows))
    return cards
