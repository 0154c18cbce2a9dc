"""Werkpad's own records as the startbaan report's input (:class:`core.stats.startbaan.Person`).

One Person per enrolment: the status history from ``participants.StatusChange``, voortrajecten,
placements with their employers, on-hold periods and ending changes with their reasons. Participant
fields are translated to the registry's codes where Werkpad keeps the same thing; an imported
registry's profile at instroom (``Enrolment.intake_profile``) gives the registry's own codes where
the participant file keeps another scale or nothing (education on the report's scale, vervoer,
uitkering "overig", inburgering route "overig", "never had a voortraject"). Fields a source left
unknown (``Placement.unknown_fields``) count as onbekend. No name or number leaves this module.

Everything is read as compact value tuples (``values_list``), a handful of queries whatever the
number of enrolments, so the report for 100,000 enrolments is built in SQL round trips of seconds.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

from django.db.models import QuerySet

from werkpad.core.pathway import Change, Status
from werkpad.core.stats.startbaan import Ending, Job, OnHold, Person, Pretrajectory
from werkpad.employers.models import Placement
from werkpad.participants.codes import region_of
from werkpad.participants.models import StatusChange
from werkpad.pathway.models import Enrolment, OnHoldPeriod
from werkpad.pathway.models import Pretrajectory as PretrajectoryRow

# The note of the status change an import makes at the registry's peildatum: a snapshot of the
# status on that date, not an event (it is not an on-hold start nor an ending of its own).
SNAPSHOT_NOTE = "status at the registry's peildatum"

GENDER = {"man": "man", "woman": "vrouw", "other": "overig"}
REASON = {
    "language_education": "taal_onderwijs",
    "pregnancy": "zwangerschap",
    "medical": "medisch",
    "partner_income": "partner_boven_bijstandsnorm",
    "inburgering_completed": "inburgering_afgerond",
    "family": "familie",
    "other": "anders",
}
KIND = {"paid": "betaald", "paid_internship": "betaalde_werkstage", "other": "anders"}
FOUND = {"service": "bemiddeling", "self": "zelf_gevonden"}
HOURS = {"fixed": "vast", "flexible": "flexibel"}
EMPLOYER_KIND = {
    "regulier": "regulier",
    "werkleerbedrijf": "werkleerbedrijf",
    "uitzendbureau": "uitzendbureau",
    "detachering": "gedetacheerd_vanuit_werkleerbedrijf",
    "anders": "anders",
}
SECTOR = {
    "logistiek": "logistiek",
    "distributie": "logistiek",
    "horeca": "horeca_catering",
    "bouw_techniek": "bouw_techniek",
    "productie": "productie_industrie",
    "detailhandel": "detailhandel",
    "schoonmaak": "schoonmaak_facilitair",
    "zorg": "zorg_welzijn",
    "anders": "anders",
}
SIZE = {"lt5": "<5", "5_9": "5-9", "ge500": ">=500"}
JOB_AT_INTAKE = {"none": "nee", "prospect": "vooruitzicht", "had_job": "had_baan"}
HOUSEHOLD = {
    "alone": "alleen",
    "single_parent": "alleen_met_kinderen",
    "partner": "partner_zonder_kinderen",
    "partner_children": "partner_met_kinderen",
    "parents": "anders",
    "supported": "anders",
    "azc": "anders",
    "other": "anders",
}
RESIDENCE = {"home": "woning", "tussenopvang": "tussenopvang", "azc": "azc"}
ROUTE = {"b1": "B1", "z": "Z", "education": "onderwijs"}
INBURGERING = {
    "not_started": "niet_gestart",
    "started": "gestart",
    "on_hold": "on_hold",
    "completed": "afgerond",
}
EDUCATION = {"none": "geen"}


def _yn(value: bool | None) -> str:
    return "" if value is None else ("ja" if value else "nee")


def _iso(value: date | str | None) -> str:
    if not value:
        return ""
    return value if isinstance(value, str) else value.isoformat()


def _known(unknown: set[str], name: str, value: str) -> str:
    return "" if name in unknown else value


def _vervoer(bike: bool, car: bool, ov: bool) -> str:
    return "fiets" if bike else "auto" if car else "ov" if ov else ""


def _code(mapping: dict[str, str]) -> Callable[[str | None], str]:
    def code(value: str | None) -> str:
        return mapping.get(value or "", "")

    return code


# Each person variable of the report: the participant fields it is made of, and how.
PERSON_SOURCES: dict[str, tuple[tuple[str, ...], Callable[..., str]]] = {
    "geslacht": (("gender",), _code(GENDER)),
    "geboortedatum": (("birth_date",), _iso),
    "opleiding": (("education",), _code(EDUCATION)),
    "datum_verblijfsvergunning": (("residence_permit_date",), _iso),
    "baan_bij_instroom": (("job_at_intake",), _code(JOB_AT_INTAKE)),
    "taalniveau_instroom": (("dutch_spoken",), lambda v: v or ""),
    "engels": (("speaks_english",), _yn),
    "gezinssituatie": (("household",), _code(HOUSEHOLD)),
    "aantal_kinderen": (("children_count",), lambda v: "" if v is None else str(v)),
    "verblijf": (("residence",), _code(RESIDENCE)),
    "vervoer": (("has_bicycle", "has_car", "uses_public_transport"), _vervoer),
    "inburgeringsroute": (("inburgering_route",), _code(ROUTE)),
    "inburgering_status": (("inburgering_status",), _code(INBURGERING)),
    "inburgering_startdatum": (("inburgering_start_date",), _iso),
    "uitkering": (("has_benefit",), _yn),
    "regio_herkomst": (("country_of_origin",), lambda v: "" if not v else region_of(v)),
}

# Participant fields read for the report, in this order.
_FIELDS = tuple(dict.fromkeys(f for cols, _fn in PERSON_SOURCES.values() for f in cols))
_PERSON_FIELDS = tuple(f"participant__{f}" for f in _FIELDS)
_POSITIONS = {
    variable: (tuple(_FIELDS.index(f) for f in cols), fn)
    for variable, (cols, fn) in PERSON_SOURCES.items()
}


def _attrs(participation: str, row: tuple[Any, ...], profile: dict[str, str]) -> dict[str, str]:
    attrs = {"deelname": participation}
    for variable, (positions, fn) in _POSITIONS.items():
        attrs[variable] = fn(*(row[i] for i in positions))
    if profile:
        attrs.update((k, v) for k, v in profile.items() if k != "digest")
    return attrs


# Placement fields read for Tabel 6 and 7, in the order :func:`job_attrs` takes them.
JOB_FIELDS = (
    "kind",
    "found_via",
    "contract_months",
    "hours_kind",
    "hours_per_week",
    "lks",
    "werkcoach",
    "jobcoach",
    "harrie",
    "unknown_fields",
    "employer__kind",
    "employer__sector",
    "employer__size_band",
    "employer__report_size",
    "employer__experience_with_status_holders",
)


def job_attrs(row: Sequence[Any]) -> dict[str, str]:
    """A startbaan's registry columns from the values of :data:`JOB_FIELDS`."""
    (kind, found, months, hkind, hours, lks, wc, jc, harrie, unknown) = row[:10]
    ekind, sector, size, rsize, experience = row[10:]
    if isinstance(unknown, str):  # JSON as text (SQLite, raw cursors)
        unknown = json.loads(unknown)
    unknown = set(unknown or ())
    return {
        "soort": _known(unknown, "kind", KIND.get(kind, "")),
        "hoe_gekregen": _known(unknown, "found_via", FOUND.get(found, "")),
        "contractduur_maanden": "" if months is None else str(months),
        "uren_type": _known(unknown, "hours_kind", HOURS.get(hkind, "")),
        "uren_per_week": _known(unknown, "hours_per_week", "" if hours is None else str(hours)),
        "loonkostensubsidie": _known(unknown, "lks", _yn(lks)),
        "werkcoach": _known(unknown, "werkcoach", _yn(wc)),
        "jobcoach": _known(unknown, "jobcoach", _yn(jc)),
        "harrie": _known(unknown, "harrie", _yn(harrie)),
        "werkgever_soort": EMPLOYER_KIND.get(ekind, ""),
        "sector": SECTOR.get(sector, ""),
        "omvang": rsize or SIZE.get(size, ""),
        "ervaring_statushouders": _yn(experience),
    }


def persons(enrolments: QuerySet[Enrolment] | Iterable[Enrolment]) -> list[Person]:
    """The report's input for these enrolments (a queryset: filtered in SQL, read as tuples)."""
    if isinstance(enrolments, QuerySet):
        qs = enrolments
    else:
        qs = Enrolment.objects.filter(pk__in=[e.pk for e in enrolments])
    rows = list(
        qs.order_by().values_list(
            "pk", "intake_date", "participation", "intake_profile", *_PERSON_FIELDS
        )
    )
    ids = [r[0] for r in rows]
    if not ids:
        return []
    # Sub-queries by enrolment: one id list, chunked where databases limit parameters.
    ids_q = qs.order_by().values("pk")

    changes: dict[int, list[Change]] = defaultdict(list)
    holds: dict[int, list[OnHold]] = defaultdict(list)
    ends: dict[int, list[Ending]] = defaultdict(list)
    for eid, status, on, reason, note in (
        StatusChange.objects.filter(enrolment_id__in=ids_q)
        .order_by("enrolment_id", "date", "recorded_at", "id")
        .values_list("enrolment_id", "status", "date", "reason_code", "reason")
    ):
        bucket = changes[eid]
        bucket.append(Change(on, Status(status), len(bucket)))
        if note == SNAPSHOT_NOTE:
            continue
        code = REASON.get(reason, "anders" if reason else "")
        if status == Status.ON_HOLD.value:
            holds[eid].append(OnHold(on, None, code))
        elif status in (Status.DROPOUT.value, Status.ENDED.value):
            ends[eid].append(
                Ending(on, "uitval" if status == Status.DROPOUT.value else "einde", code)
            )
    for eid, start, end, reason in OnHoldPeriod.objects.filter(enrolment_id__in=ids_q).values_list(
        "enrolment_id", "start_date", "end_date", "reason_code"
    ):
        holds[eid].append(OnHold(start, end, REASON.get(reason, "anders" if reason else "")))

    pres: dict[int, list[Pretrajectory]] = defaultdict(list)
    for eid, start, end, done, kind, type_, weeks in (
        PretrajectoryRow.objects.filter(enrolment_id__in=ids_q)
        .order_by("enrolment_id", "start_date", "id")
        .values_list("enrolment_id", "start_date", "end_date", "completed", "kind", "type", "weeks")
    ):
        pres[eid].append(Pretrajectory(start, end, done, kind, type_, weeks))

    jobs: dict[int, list[Job]] = defaultdict(list)
    for row in (
        Placement.objects.filter(enrolment_id__in=ids_q)
        .order_by("enrolment_id", "start_date", "id")
        .values_list("enrolment_id", "start_date", "end_date", *JOB_FIELDS)
    ):
        eid, start, end = row[:3]
        placed = jobs[eid]
        attrs = job_attrs(row[3:])
        placed.append(Job(len(placed) + 1, start, end, attrs))

    out = []
    for r in rows:
        eid, intake, participation, profile = r[:4]
        out.append(
            Person(
                intake=intake,
                attrs=_attrs(participation, r[4:], profile or {}),
                changes=tuple(changes[eid]),
                pretrajectories=tuple(pres[eid]),
                jobs=tuple(jobs[eid]),
                on_hold=tuple(holds[eid]),
                endings=tuple(sorted(ends[eid], key=lambda e: e.on)),
            )
        )
    return out
