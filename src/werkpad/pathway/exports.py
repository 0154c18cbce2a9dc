"""Exports and imports of the path's records (CSV/XLSX), through the scoped layer.

Exports hold only enrolments the user may see (``access.visible_enrolments``) and write one
``export`` entry per participant in the access log. Employment spells after outflow can also be
imported (``werkpad import-employment-spells FILE``): all or nothing with a row report, and a second
run of the same file changes nothing.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from werkpad.audit import log
from werkpad.audit.models import Action
from werkpad.employers.choices import Sector

from . import actions, drs
from .choices import ContractKind, SpellSource
from .models import EmploymentSpell, Enrolment

if TYPE_CHECKING:
    from werkpad.accounts.models import User

ENROLMENT_COLUMNS = (
    "participant_number",
    "programme",
    "intake_date",
    "participation",
    "status",
    "outflow_date",
    "outflow_destination",
    "pretrajectories",
    "placements",
    "employment_spells",
)
SPELL_COLUMNS = (
    "participant_number",
    "programme",
    "intake_date",
    "employer",
    "sector",
    "start_date",
    "end_date",
    "hours_per_week",
    "contract_kind",
)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def enrolment_rows(user: User, enrolments: Iterable[Enrolment]) -> Iterator[list[str]]:
    listed = list(enrolments)
    log.record_many(
        user,
        list({e.participant_id: e.participant for e in listed}.values()),
        Action.EXPORT,
        "enrolments",
    )
    for e in listed:
        yield [
            e.participant.number,
            e.programme.name,
            _text(e.intake_date),
            e.participation,
            e.status,
            _text(e.outflow_date),
            e.outflow_destination,
            str(e.pretrajectories.count()),
            str(e.placements.count()),
            str(e.employment_spells.count()),
        ]


def spell_rows(user: User, enrolments: Iterable[Enrolment]) -> Iterator[list[str]]:
    listed = list(enrolments)
    spells = list(
        EmploymentSpell.objects.filter(enrolment__in=listed)
        .select_related("enrolment__participant", "enrolment__programme", "employer")
        .order_by("enrolment_id", "start_date", "id")
    )
    people = {s.enrolment.participant_id: s.enrolment.participant for s in spells}
    log.record_many(user, list(people.values()), Action.EXPORT, "work after outflow")
    for s in spells:
        yield [
            s.enrolment.participant.number,
            s.enrolment.programme.name,
            _text(s.enrolment.intake_date),
            s.employer.name if s.employer else s.employer_name,
            s.sector,
            _text(s.start_date),
            _text(s.end_date),
            _text(s.hours_per_week),
            s.contract_kind,
        ]


@dataclass
class ImportReport:
    created: int = 0
    unchanged: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)


def _date(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


def import_spells(text: str, *, user: User | None = None) -> ImportReport:
    """Import employment spells (the layout of the export). All or nothing; idempotent."""
    report = ImportReport()
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [
        c
        for c in ("participant_number", "programme", "start_date")
        if c not in (reader.fieldnames or [])
    ]
    if missing:
        report.errors.append((1, "missing columns: " + ", ".join(missing)))
        return report
    rows = list(reader)
    with transaction.atomic():
        for n, row in enumerate(rows, start=2):
            try:
                enrolment = _enrolment_for(row)
                fields = _spell_fields(row)
            except (ValueError, InvalidOperation) as exc:
                report.errors.append((n, str(exc)))
                continue
            exists = EmploymentSpell.objects.filter(
                enrolment=enrolment,
                start_date=fields["start_date"],
                employer_name=fields["employer_name"],
            ).first()
            if exists is not None:
                report.unchanged += 1
                continue
            try:
                actions.save_employment_spell(user, enrolment, source=SpellSource.IMPORT, **fields)
            except ValidationError as exc:
                report.errors.append((n, "; ".join(exc.messages)))
                continue
            report.created += 1
        if report.errors:
            transaction.set_rollback(True)
            report.created = 0
    return report


def _enrolment_for(row: dict[str, str]) -> Enrolment:
    qs = Enrolment.objects.filter(
        participant__number=row["participant_number"].strip(),
        programme__name=row["programme"].strip(),
    )
    if row.get("intake_date"):
        qs = qs.filter(intake_date=_date(row["intake_date"].strip()))
    found = list(qs[:2])
    if len(found) != 1:
        raise ValueError(
            "no enrolment with this participant number, programme and instroom date"
            if not found
            else "several enrolments match: give the intake_date"
        )
    return found[0]


def _spell_fields(row: dict[str, str]) -> dict[str, object]:
    sector = (row.get("sector") or "").strip()
    if sector and sector not in Sector.values:
        raise ValueError(f"unknown sector {sector!r}")
    contract = (row.get("contract_kind") or "").strip()
    if contract and contract not in ContractKind.values:
        raise ValueError(f"unknown contract kind {contract!r}")
    hours = (row.get("hours_per_week") or "").strip()
    start = _date(row["start_date"].strip())
    if start is None:
        raise ValueError("start_date is required")
    return {
        "employer_name": (row.get("employer") or "").strip()[:200],
        "sector": sector,
        "start_date": start,
        "end_date": _date((row.get("end_date") or "").strip()),
        "hours_per_week": Decimal(hours) if hours else None,
        "contract_kind": contract,
    }


def header(what: str) -> Sequence[str]:
    if what == "drs":
        return drs.COLUMNS
    return ENROLMENT_COLUMNS if what == "enrolments" else SPELL_COLUMNS


def drs_rows(user: User, enrolments: Iterable[Enrolment]) -> Iterator[list[str]]:
    """The DRS layout of seed [002] (:mod:`.drs`), logged as an export per participant."""
    listed = list(enrolments)
    log.record_many(
        user,
        list({e.participant_id: e.participant for e in listed}.values()),
        Action.EXPORT,
        "DRS layout",
    )
    yield from drs.rows(listed)
