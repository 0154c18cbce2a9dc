"""The DRS layout (Deelnemer Registratie Systeem, seed [002] chapter 6): export.

One row per enrolment with the DRS intake fields and outflow fields, in the DRS's own value lists.
Where Werkpad keeps a finer or different scale the value is translated (Dutch levels A0-C2 to
slecht / matig / goed: A0-A1 slecht, A2 matig, B1 and up goed); what Werkpad does not record
(tranche, house number, the education after outflow) is left empty, which the DRS reads as
unknown. Exports go through ``pathway.exports`` (visible enrolments only, logged).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from werkpad.employers.models import Placement
from werkpad.participants.models import Consent, StatusChange

from .models import Enrolment

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
