"""The DRS layout (Deelnemer Registratie Systeem, seed [002] chapter 6): export and import.

One row per enrolment with the DRS intake fields and outflow fields, in the DRS's own value lists.
Where Werkpad keeps a finer or different scale the value is translated (Dutch levels A0-C2 to
slecht / matig / goed: A0-A1 slecht, A2 matig, B1 and up goed); what Werkpad does not record
(tranche, house number, the education after outflow) is left empty, which the DRS reads as
unknown. Exports go through ``pathway.exports`` (visible enrolments only, logged). The import
(``werkpad import-drs FILE --organisation NAME``) reads the same layout back: the DRS has no
participant number, so a row is recognised again by its intake fields (project, tranche, gender,
birth year, postcode, house number, country, arrival and instroom date); the birth year becomes
1 July of that year, a Dutch level slecht / matig / goed becomes A1 / A2 / B1, work after outflow
an employment spell with the occupation as its employer text.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction

from werkpad.accounts.models import Organisation
from werkpad.employers.models import Placement
from werkpad.participants.models import Consent, Participant, StatusChange

from .models import EmploymentSpell, Enrolment, Programme

INTAKE = (
    "project",
    "tranche",
    "toestemming",
    "geslacht",
    "geboortejaar",
    "postcode",
    "huisnummer",
    "land_herkomst",
    "opleiding_herkomst",
    "aankomstdatum",
    "datum_status",
    "woonsituatie",
    "nederlands_mondeling",
    "nederlands_schriftelijk",
    "inburgering",
    "taal_vragenlijst",
    "instroomdatum",
)
OUTFLOW = (
    "uitstroomdatum",
    "uitstroom_bestemming",
    "beroep",
    "contract_maanden",
    "uren_per_week",
    "opleiding_niveau",
    "opleiding_richting",
    "reden_uitval",
)
COLUMNS = INTAKE + OUTFLOW

GENDER = {"man": "man", "woman": "vrouw", "other": "anders"}
EDUCATION = {
    "none": "geen",
    "primary": "basisonderwijs",
    "low": "laag",
    "middle": "middelbaar",
    "high": "hoog",
}
HOUSEHOLD = {
    "alone": "alleen",
    "partner": "met partner zonder kinderen",
    "partner_children": "met partner en kinderen",
    "single_parent": "alleen met kinderen",
    "parents": "bij ouders",
    "supported": "begeleid wonen",
    "azc": "azc",
    "other": "anders",
}
DUTCH = {"A0": "slecht", "A1": "slecht", "A2": "matig", "B1": "goed", "B2": "goed", "C1": "goed"}
DUTCH["C2"] = "goed"
INBURGERING = {
    "completed": "gehaald",
    "started": "bezig",
    "on_hold": "bezig",
    "exempt": "vrijgesteld",
    "not_started": "nog niet begonnen",
}
REASON = {
    "language_education": "taal of opleiding",
    "pregnancy": "zwangerschap",
    "medical": "medisch",
    "partner_income": "inkomen partner",
    "family": "familie",
    "other": "anders",
}


def _d(value: object) -> str:
    return value.isoformat() if value is not None else ""  # type: ignore[attr-defined]


def rows(enrolments: Iterable[Enrolment]) -> Iterator[list[str]]:
    """DRS rows of these enrolments (give them with ``select_related('participant', 'programme')``)."""
    listed = list(enrolments)
    ids = [e.pk for e in listed]
    people = [e.participant_id for e in listed]
    consenting = set(
        Consent.objects.filter(
            participant_id__in=people,
            purpose_code__in=("research", "evaluation"),
            withdrawn_at__isnull=True,
        ).values_list("participant_id", flat=True)
    )
    last_job: dict[int, Placement] = {}
    for pl in Placement.objects.filter(enrolment_id__in=ids).order_by("start_date", "id"):
        if pl.enrolment_id is not None:
            last_job[pl.enrolment_id] = pl
    dropout: dict[int, str] = {}
    for eid, reason in (
        StatusChange.objects.filter(enrolment_id__in=ids, status="dropout")
        .order_by("date", "id")
        .values_list("enrolment_id", "reason_code")
    ):
        dropout[eid] = REASON.get(reason, "anders" if reason else "")
    for e in listed:
        p = e.participant
        job = last_job.get(e.pk) if e.outflow_destination == "betaald_werk" else None
        unknown = set(job.unknown_fields) if job else set()
        yield [
            e.programme.name,
            "",
            "ja" if p.pk in consenting else "nee",
            GENDER.get(p.gender, ""),
            str(p.birth_date.year) if p.birth_date else "",
            p.postcode,
            "",
            p.country_of_origin,
            EDUCATION.get(p.education, "onbekend"),
            _d(p.arrival_date),
            _d(p.status_decision_date),
            HOUSEHOLD.get(p.household, ""),
            DUTCH.get(p.dutch_spoken, "onbekend"),
            DUTCH.get(p.dutch_written, "onbekend"),
            INBURGERING.get(p.inburgering_status, "onbekend"),
            p.contact_language,
            _d(e.intake_date),
            _d(e.outflow_date),
            e.outflow_destination,
            job.occupation if job else "",
            "" if job is None or job.contract_months is None else str(job.contract_months),
            ""
            if job is None or "hours_per_week" in unknown
            else f"{job.hours_per_week.normalize():f}",
            "",
            "",
            dropout.get(e.pk, "")
            if e.outflow_destination == "niet_afgerond" or e.pk in dropout
            else "",
        ]


# --- import ----------------------------------------------------------------------------------------

DESTINATIONS = (
    "betaald_werk",
    "reguliere_opleiding",
    "leer_werktraject",
    "werkervaringsplaats",
    "niet_afgerond",
    "overige_uitstroom",
    "onbekend",
)


def _inverse(table: dict[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for k, v in table.items():
        out.setdefault(v, k)
    return out


@dataclass
class DrsReport:
    created: int = 0
    unchanged: int = 0
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # row, column, message


def _key(row: dict[str, str]) -> str:
    """Who a DRS row is about, as far as the DRS says (it has no participant number)."""
    ident = "|".join(
        row.get(c, "")
        for c in (
            "project",
            "tranche",
            "geslacht",
            "geboortejaar",
            "postcode",
            "huisnummer",
            "land_herkomst",
            "aankomstdatum",
            "instroomdatum",
        )
    )
    return "drs:" + hashlib.sha256(ident.encode()).hexdigest()[:40]


def _digest(row: dict[str, str]) -> str:
    return hashlib.sha256("|".join(row.get(c, "") for c in COLUMNS).encode()).hexdigest()


def import_rows(text: str, organisation: Organisation) -> DrsReport:
    """Import a DRS file (CSV in the export's layout): a participant and an enrolment per row in
    the programme named in ``project``; outflow as an ending status change and the destination;
    work after outflow as an employment spell. All or nothing; a second run changes nothing; a
    row whose fields changed since is refused, never overwritten."""
    rep = DrsReport()
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [c for c in ("project", "instroomdatum") if c not in (reader.fieldnames or [])]
    if missing:
        rep.errors.append((1, ",".join(missing), "missing columns"))
        return rep
    gender, education = _inverse(GENDER), _inverse(EDUCATION)
    household, inburgering = _inverse(HOUSEHOLD), _inverse(INBURGERING)
    reason = _inverse(REASON)
    parsed: list[tuple[int, dict[str, str], dict[str, Any]]] = []
    for i, raw in enumerate(reader, start=2):
        row = {k: (v or "").strip() for k, v in raw.items() if k}
        err = rep.errors.append
        values: dict[str, Any] = {}
        for col in ("instroomdatum", "aankomstdatum", "datum_status", "uitstroomdatum"):
            try:
                values[col] = date.fromisoformat(row[col]) if row.get(col) else None
            except ValueError:
                err((i, col, "not a date (YYYY-MM-DD)"))
        if values.get("instroomdatum") is None and row.get("instroomdatum", "") == "":
            err((i, "instroomdatum", "required"))
        if not row.get("project"):
            err((i, "project", "required"))
        checks = (
            ("geslacht", gender),
            ("opleiding_herkomst", {**education, "onbekend": ""}),
            ("woonsituatie", household),
            ("inburgering", {**inburgering, "onbekend": ""}),
            ("uitstroom_bestemming", {d: d for d in DESTINATIONS}),
            ("reden_uitval", reason),
        )
        for col, allowed in checks:
            if row.get(col) and row[col] not in allowed:
                err((i, col, "not a value of the DRS list"))
        for col in ("nederlands_mondeling", "nederlands_schriftelijk"):
            if row.get(col) and row[col] not in ("slecht", "matig", "goed", "onbekend"):
                err((i, col, "slecht, matig, goed or onbekend"))
        for col in ("geboortejaar", "contract_maanden"):
            if row.get(col) and not row[col].isdigit():
                err((i, col, "not a whole number"))
        if row.get("uren_per_week"):
            try:
                values["uren"] = Decimal(row["uren_per_week"].replace(",", "."))
            except InvalidOperation:
                err((i, "uren_per_week", "not a number"))
        if row.get("uitstroom_bestemming") and values.get("uitstroomdatum") is None:
            err((i, "uitstroomdatum", "required with a destination"))
        parsed.append((i, row, values))
    if rep.errors:
        return rep
    keys = [_key(r) for _i, r, _v in parsed]
    existing = dict(
        Enrolment.objects.filter(registry_key__in=keys).values_list(
            "registry_key", "intake_profile__digest"
        )
    )
    for (i, row, _v), key in zip(parsed, keys, strict=True):
        if key in existing and existing[key] != _digest(row):
            rep.errors.append((i, "", "changed since the last import; not overwritten"))
    if rep.errors:
        return rep
    level = {"slecht": "A1", "matig": "A2", "goed": "B1"}
    with transaction.atomic():
        for (_i, row, v), key in zip(parsed, keys, strict=True):
            if key in existing:
                rep.unchanged += 1
                continue
            existing[key] = _digest(row)
            prog = Programme.objects.filter(name=row["project"]).order_by("pk").first()
            if prog is None:
                prog = Programme.objects.create(
                    name=row["project"], kind="project", start_date=v["instroomdatum"]
                )
            prog.organisations.add(organisation)
            year = row.get("geboortejaar", "")
            p = Participant.objects.create(
                first_name="",
                last_name=f"DRS {row['project']}"[:100],
                gender=gender.get(row.get("geslacht", ""), ""),
                birth_date=date(int(year), 7, 1) if year else None,
                postcode=row.get("postcode", ""),
                country_of_origin=row.get("land_herkomst", ""),
                education=education.get(row.get("opleiding_herkomst", ""), ""),
                arrival_date=v.get("aankomstdatum"),
                status_decision_date=v.get("datum_status"),
                household=household.get(row.get("woonsituatie", ""), ""),
                dutch_spoken=level.get(row.get("nederlands_mondeling", ""), ""),
                dutch_written=level.get(row.get("nederlands_schriftelijk", ""), ""),
                inburgering_status=inburgering.get(row.get("inburgering", ""), ""),
                contact_language=row.get("taal_vragenlijst", ""),
                organisation=organisation,
            )
            dest = row.get("uitstroom_bestemming", "")
            out = v.get("uitstroomdatum")
            final = "dropout" if dest == "niet_afgerond" else "ended"
            e = Enrolment.objects.create(
                participant=p,
                programme=prog,
                intake_date=v["instroomdatum"],
                status=final if dest else "unknown",
                outflow_date=out if dest else None,
                outflow_destination=dest,
                registry_key=key,
                intake_profile={"digest": _digest(row), "drs_tranche": row.get("tranche", "")},
            )
            StatusChange.objects.create(
                participant=p, enrolment=e, status="unknown", date=v["instroomdatum"]
            )
            if dest:
                StatusChange.objects.create(
                    participant=p,
                    enrolment=e,
                    status=final,
                    date=out,
                    reason_code=reason.get(row.get("reden_uitval", ""), ""),
                )
            if dest == "betaald_werk":
                EmploymentSpell.objects.create(
                    enrolment=e,
                    employer_name=row.get("beroep", "")[:200],
                    start_date=out,
                    hours_per_week=v.get("uren"),
                    source="import",
                )
            p.status = e.status
            p.save(update_fields=["status"])
            rep.created += 1
    return rep
