"""Werkpad's own records as the startbaan report's input (:class:`core.stats.startbaan.Person`).

One Person per enrolment: the status history from ``participants.StatusChange`` (via
``pathway.history``), voortrajecten, placements with their employers, on-hold and ending changes
with their reasons. Participant fields are translated to the registry's codes where Werkpad keeps
the same thing; where it keeps less (the Tabel 7 size bands are finer than ``SizeBand``; education
uses another scale; vervoer, uitkering, inburgering route are not recorded) the value is "" and
counts as onbekend. No name or number leaves this module.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from werkpad.core.pathway import Status
from werkpad.core.stats.startbaan import Ending, Job, OnHold, Person, Pretrajectory
from werkpad.employers.models import Placement
from werkpad.participants.models import StatusChange
from werkpad.pathway.history import histories
from werkpad.pathway.models import Enrolment
from werkpad.pathway.models import Pretrajectory as PretrajectoryRow

GENDER = {"man": "man", "woman": "vrouw", "other": "overig"}
REASON = {
    "language_education": "taal_onderwijs",
    "pregnancy": "zwangerschap",
    "medical": "medisch",
    "partner_income": "partner_boven_bijstandsnorm",
    "inburgering_completed": "inburgering_afgerond",
    "family": "familie",
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
}
SIZE = {"lt5": "<5", "5_9": "5-9", "ge500": ">=500"}


def _yn(value: bool | None) -> str:
    return "" if value is None else ("ja" if value else "nee")


def persons(enrolments: Iterable[Enrolment]) -> list[Person]:
    """The report's input for these enrolments (give them with ``select_related('participant')``)."""
    rows = list(enrolments)
    ids = [e.pk for e in rows]
    hist = histories(ids)
    pres: dict[int, list[Pretrajectory]] = defaultdict(list)
    for p in PretrajectoryRow.objects.filter(enrolment_id__in=ids):
        pres[p.enrolment_id].append(
            Pretrajectory(p.start_date, p.end_date, p.completed, p.kind, p.type, p.weeks)
        )
    jobs: dict[int, list[Job]] = defaultdict(list)
    placements = (
        Placement.objects.filter(enrolment_id__in=ids)
        .select_related("employer")
        .order_by("enrolment_id", "start_date", "id")
    )
    for pl in placements:
        assert pl.enrolment_id is not None
        bucket = jobs[pl.enrolment_id]
        emp = pl.employer
        attrs: dict[str, str] = {
            "soort": KIND.get(pl.kind, ""),
            "hoe_gekregen": FOUND.get(pl.found_via, ""),
            "contractduur_maanden": "" if pl.contract_months is None else str(pl.contract_months),
            "uren_type": HOURS.get(pl.hours_kind, ""),
            "uren_per_week": str(pl.hours_per_week),
            "loonkostensubsidie": _yn(pl.lks),
            "werkcoach": _yn(pl.werkcoach),
            "jobcoach": _yn(pl.jobcoach),
            "harrie": _yn(pl.harrie),
            "werkgever_soort": EMPLOYER_KIND.get(emp.kind, ""),
            "sector": SECTOR.get(emp.sector, "anders" if emp.sector else ""),
            "omvang": SIZE.get(emp.size_band, ""),
            "ervaring_statushouders": _yn(emp.experience_with_status_holders),
        }
        bucket.append(Job(len(bucket) + 1, pl.start_date, pl.end_date, attrs))
    holds: dict[int, list[OnHold]] = defaultdict(list)
    ends: dict[int, list[Ending]] = defaultdict(list)
    final = (Status.ON_HOLD.value, Status.DROPOUT.value, Status.ENDED.value)
    for eid, status, on, reason in StatusChange.objects.filter(
        enrolment_id__in=ids, status__in=final
    ).values_list("enrolment_id", "status", "date", "reason_code"):
        code = REASON.get(reason, "anders" if reason else "")
        if status == Status.ON_HOLD.value:
            holds[eid].append(OnHold(on, None, code))
        else:
            kind = "uitval" if status == Status.DROPOUT.value else "einde"
            ends[eid].append(Ending(on, kind, code))
    out = []
    for e in rows:
        p: Any = e.participant
        attrs = {
            "deelname": e.participation,
            "geslacht": GENDER.get(p.gender, ""),
            "geboortedatum": p.birth_date.isoformat() if p.birth_date else "",
            "datum_verblijfsvergunning": (
                p.residence_permit_date.isoformat() if p.residence_permit_date else ""
            ),
            "taalniveau_instroom": p.dutch_spoken or "",
            "engels": _yn(p.speaks_english),
            "aantal_kinderen": "" if p.children_count is None else str(p.children_count),
        }
        h = hist[e.pk]
        out.append(
            Person(
                intake=e.intake_date,
                attrs=attrs,
                changes=h.changes,
                pretrajectories=tuple(pres[e.pk]),
                jobs=tuple(jobs[e.pk]),
                on_hold=tuple(holds[e.pk]),
                endings=tuple(ends[e.pk]),
            )
        )
    return out
