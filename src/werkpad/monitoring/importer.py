"""Import an evaluation registry (the startbaan layout, docs/registry-layout.md) into Werkpad.

Each registry participant becomes a participant (no name: the registry has none; the file carries
the registry key) with one enrolment in one programme; startbanen become placements with their
employers, voortrajecten stay voortrajecten, on-hold periods keep their end dates, uitval and einde
become status changes with their reasons, and ``status_peildatum`` becomes a status change dated at
the registry's peildatum (marked :data:`sources.SNAPSHOT_NOTE`), so that earlier dates show what the
dated records prove and "unknown" otherwise. Unknown cells stay unknown: profile codes in
``Enrolment.intake_profile``, placement fields listed in ``Placement.unknown_fields``.

All or nothing: the registry is read and checked whole first (every row error with file, row and
column); only a clean registry is written, in one transaction, chunk by chunk (:mod:`.fastinsert`:
``COPY`` on PostgreSQL, multi-row inserts elsewhere). Idempotent: each enrolment keeps
the registry key and a digest of its rows; a second run of the same registry changes nothing, and
a participant whose rows changed since the last run is refused (with the row report), never
silently overwritten.
"""

from __future__ import annotations

import csv
import hashlib
import json
import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

from django.conf import settings
from django.db import connection, transaction

from werkpad.accounts.models import Organisation
from werkpad.core.pathway import FINAL, Status
from werkpad.core.stats.startbaan import Person
from werkpad.employers.models import Employer, Placement
from werkpad.participants.models import Participant, StatusChange, _next_number, search_key
from werkpad.pathway.models import Enrolment, OnHoldPeriod, Programme
from werkpad.pathway.models import Pretrajectory as PretrajectoryRow

from . import sources
from .fastinsert import Inserter
from .registry import FILES, RowError, read_registry

log = logging.getLogger("werkpad.monitoring")

CHUNK = 2000

# The registry's codes -> Werkpad's values (the inverse of ``sources``).
GENDER = {v: k for k, v in sources.GENDER.items()}
REASON = {v: k for k, v in sources.REASON.items()}
KIND = {v: k for k, v in sources.KIND.items()}
FOUND = {v: k for k, v in sources.FOUND.items()}
HOURS = {v: k for k, v in sources.HOURS.items()}
EMPLOYER_KIND = {v: k for k, v in sources.EMPLOYER_KIND.items()}
SECTOR = {
    "logistiek": "logistiek",
    "horeca_catering": "horeca",
    "bouw_techniek": "bouw_techniek",
    "productie_industrie": "productie",
    "detailhandel": "detailhandel",
    "schoonmaak_facilitair": "schoonmaak",
    "zorg_welzijn": "zorg",
    "anders": "anders",
}
JOB_AT_INTAKE = {v: k for k, v in sources.JOB_AT_INTAKE.items()}
HOUSEHOLD = {
    "alleen": "alone",
    "alleen_met_kinderen": "single_parent",
    "partner_zonder_kinderen": "partner",
    "partner_met_kinderen": "partner_children",
    "anders": "other",
}
RESIDENCE = {v: k for k, v in sources.RESIDENCE.items()}
ROUTE = {v: k for k, v in sources.ROUTE.items()}
INBURGERING = {v: k for k, v in sources.INBURGERING.items()}
LEVELS = ("A0", "A1", "A2", "B1", "B2", "C1", "C2")

# deelnemers.csv columns kept as the profile at instroom, in the registry's own codes.
PROFILE_COLUMNS = (
    "opleiding",
    "baan_bij_instroom",
    "taalniveau_instroom",
    "engels",
    "gezinssituatie",
    "verblijf",
    "vervoer",
    "inburgeringsroute",
    "inburgering_status",
    "uitkering",
    "voortraject",
)


@dataclass
class ImportReport:
    programme: str = ""
    peildatum: date | None = None
    rows: dict[str, int] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    created: int = 0  # participants (with their enrolment and records)
    unchanged: int = 0
    employers: int = 0
    placements: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def registry_peildatum(directory: Path) -> date | None:
    """The latest date in the registry's records: a registry holds nothing after its peildatum."""
    latest: date | None = None
    for name in FILES:
        path = directory / name
        if not path.is_file():
            continue
        with path.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                for col, value in row.items():
                    if not value or not (col.endswith("datum") or col == "datum"):
                        continue
                    if col == "geboortedatum" or col == "datum_verblijfsvergunning":
                        continue
                    try:
                        d = date.fromisoformat(value.strip())
                    except ValueError:
                        continue
                    if latest is None or d > latest:
                        latest = d
    return latest


def _too_large(directory: Path) -> list[RowError]:
    """The import limits (WERKPAD_IMPORT_MAX_MB, _MAX_ROWS) per file: memory stays bounded."""
    max_bytes = int(settings.IMPORT_MAX_MB) * 1024 * 1024
    max_rows = int(settings.IMPORT_MAX_ROWS)
    out = []
    for name in FILES:
        path = directory / name
        if not path.is_file():
            continue
        if path.stat().st_size > max_bytes:
            out.append(RowError(name, 0, "", f"larger than {settings.IMPORT_MAX_MB} MB"))
            continue
        with path.open("rb") as f:
            lines = sum(1 for _ in f) - 1
        if lines > max_rows:
            out.append(RowError(name, 0, "", f"more than {max_rows} rows: split the registry"))
    return out


def _digest(pid: str, p: Person) -> str:
    """A fingerprint of everything the registry says about one participant."""
    payload = {
        "id": pid,
        "attrs": p.attrs,
        "changes": [(c.on.isoformat(), c.status.value) for c in p.changes],
        "pre": [
            (
                t.start.isoformat(),
                t.end.isoformat() if t.end else "",
                t.completed,
                t.kind,
                t.type,
                t.weeks,
            )
            for t in p.pretrajectories
        ],
        "jobs": [
            (
                j.number,
                j.start.isoformat(),
                j.end.isoformat() if j.end else "",
                sorted(j.attrs.items()),
            )
            for j in p.jobs
        ],
        "holds": [
            (h.start.isoformat(), h.end.isoformat() if h.end else "", h.reason) for h in p.on_hold
        ],
        "ends": [(e.on.isoformat(), e.kind, e.reason) for e in p.endings],
    }
    raw = json.dumps(payload, sort_keys=True, default=str).encode()
    return hashlib.sha256(raw).hexdigest()


def _d(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _yn(value: str) -> bool | None:
    return {"ja": True, "nee": False}.get(value)


T = TypeVar("T")


def _chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _check_codes(pid: str, p: Person, errors: list[RowError]) -> None:
    """Codes the registry layout does not know are row errors (file, column)."""
    a = p.attrs
    checks: list[tuple[str, str, Iterable[str]]] = [
        ("deelname", a.get("deelname", ""), ("verplicht", "vrijwillig")),
        ("geslacht", a.get("geslacht", ""), GENDER),
        ("taalniveau_instroom", a.get("taalniveau_instroom", ""), LEVELS),
        ("gezinssituatie", a.get("gezinssituatie", ""), HOUSEHOLD),
        ("aantal_kinderen", a.get("aantal_kinderen", ""), ()),
    ]
    for col, value, allowed in checks:
        if col == "aantal_kinderen":
            if value and not value.isdigit():
                errors.append(RowError("deelnemers.csv", 0, col, f"{pid}: not a whole number"))
            continue
        if value and value not in allowed:
            errors.append(RowError("deelnemers.csv", 0, col, f"{pid}: unknown code"))
    for h in p.on_hold:
        if h.reason and h.reason not in REASON:
            errors.append(RowError("on_hold.csv", 0, "reden", f"{pid}: unknown code"))
    for e in p.endings:
        if e.reason and e.reason not in REASON:
            errors.append(RowError("uitval_einde.csv", 0, "reden", f"{pid}: unknown code"))
    for j in p.jobs:
        if j.attrs.get("sector") and j.attrs["sector"] not in SECTOR:
            errors.append(RowError("werkgevers.csv", 0, "sector", f"{pid}: unknown code"))


def import_registry(
    directory: Path,
    *,
    programme: str | None = None,
    organisation: str | None = None,
    peildatum: date | None = None,
) -> ImportReport:
    """Import the registry in ``directory`` (all or nothing; a re-run changes nothing)."""
    name = programme or directory.resolve().name
    rep = ImportReport(programme=name)
    rep.errors.extend(_too_large(directory))
    if rep.errors:
        return rep
    peil = peildatum or registry_peildatum(directory)
    if peil is None:
        rep.errors.append(RowError("deelnemers.csv", 0, "", "no dates: give --peildatum"))
        return rep
    rep.peildatum = peil
    reg = read_registry(directory, peil)
    rep.rows = reg.rows
    rep.errors.extend(reg.errors)
    for pid, p in reg.persons.items():
        _check_codes(pid, p, rep.errors)
    if rep.errors:
        return rep

    prog = Programme.objects.filter(name=name).order_by("pk").first()
    existing: dict[str, str] = {}
    if prog is not None:
        existing = dict(
            Enrolment.objects.filter(programme=prog)
            .exclude(registry_key="")
            .values_list("registry_key", "intake_profile__digest")
        )
    digests = {pid: _digest(pid, p) for pid, p in reg.persons.items()}
    new = [pid for pid in reg.persons if pid not in existing]
    for pid, digest in digests.items():
        if pid in existing and existing[pid] != digest:
            rep.errors.append(
                RowError(
                    "deelnemers.csv",
                    0,
                    "deelnemer_id",
                    f"{pid}: changed since the last import of this registry; not overwritten",
                )
            )
    rep.unchanged = len(reg.persons) - len(new)
    if rep.errors or not new:
        return rep

    with transaction.atomic():
        if prog is None:
            intakes = [p.intake for p in reg.persons.values()]
            kinds = {p.attrs.get("deelname", "") for p in reg.persons.values()} - {""}
            prog = Programme.objects.create(
                name=name,
                kind="startbaan",
                start_date=min(intakes),
                participation=kinds.pop() if len(kinds) == 1 else "gemengd",
            )
        org = _organisation(organisation, name)
        prog.organisations.add(org)
        employers = _employers(name, reg.persons.values(), rep)
        for chunk in _chunks(new, CHUNK):
            _write_chunk(chunk, reg.persons, digests, prog, org, peil, employers, rep)
        rep.created = len(new)
    _analyze()
    log.info(
        "registry imported into programme %s: %d participants, %d unchanged, %d placements",
        prog.pk,
        rep.created,
        rep.unchanged,
        rep.placements,
    )
    return rep


def _analyze() -> None:
    """PostgreSQL: fresh planner statistics for the tables a large import just filled, so that the
    report right after it is planned on the real numbers rather than on an empty table's."""
    if connection.vendor != "postgresql":
        return
    models = (Participant, Enrolment, StatusChange, PretrajectoryRow, OnHoldPeriod, Placement)
    with connection.cursor() as cur:
        for model in (*models, Employer, Organisation):
            cur.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def _organisation(name: str | None, programme: str) -> Organisation:
    if name:
        org = Organisation.objects.filter(name=name).exclude(kind="employer").first()
        if org is None:
            raise ValueError(f"no organisation named {name!r}")
        return org
    org, _created = Organisation.objects.get_or_create(name=programme, kind="other")
    return org


@dataclass(frozen=True, slots=True)
class _EmployerRef:
    pk: int
    sector: str


def _employers(
    programme: str, people: Iterable[Person], rep: ImportReport
) -> dict[str, _EmployerRef]:
    """The registry's employers (those with a startbaan), made once, found again by key."""
    wanted: dict[str, dict[str, str]] = {}
    for p in people:
        for j in p.jobs:
            wanted.setdefault(f"{programme}/{j.attrs['werkgever_id']}", j.attrs)
    found = {
        key: _EmployerRef(pk, sector)
        for key, pk, sector in Employer.objects.filter(registry_key__in=list(wanted)).values_list(
            "registry_key", "pk", "sector"
        )
    }
    missing = [k for k in wanted if k not in found]
    orgs_in, emps_in = Inserter(Organisation), Inserter(Employer)
    for chunk in _chunks(missing, CHUNK):
        org_ids = orgs_in.insert([{"name": k[-200:], "kind": "employer"} for k in chunk])
        emp_ids = emps_in.insert(
            [
                {
                    "organisation_id": o,
                    "registry_key": k,
                    "kind": EMPLOYER_KIND.get(wanted[k].get("werkgever_soort", ""), ""),
                    "sector": SECTOR.get(wanted[k].get("sector", ""), ""),
                    "report_size": wanted[k].get("omvang", ""),
                    "experience_with_status_holders": _yn(
                        wanted[k].get("ervaring_statushouders", "")
                    ),
                }
                for k, o in zip(chunk, org_ids, strict=True)
            ]
        )
        found.update(
            (k, _EmployerRef(pk, SECTOR.get(wanted[k].get("sector", ""), "")))
            for k, pk in zip(chunk, emp_ids, strict=True)
        )
        rep.employers += len(emp_ids)
    return found


def _participant(pid: str, p: Person, org: Organisation, status: str) -> dict[str, object]:
    a = p.attrs
    vervoer = a.get("vervoer", "")
    children = a.get("aantal_kinderen", "")
    level = a.get("taalniveau_instroom", "")
    return dict(
        number=_next_number(),
        first_name="",
        last_name=pid,
        search_name=search_key("", pid),
        birth_date=_d(a.get("geboortedatum", "")),
        gender=GENDER.get(a.get("geslacht", ""), ""),
        residence_permit_date=_d(a.get("datum_verblijfsvergunning", "")),
        dutch_spoken=level if level in LEVELS else "",
        speaks_english=_yn(a.get("engels", "")),
        education="none" if a.get("opleiding") == "geen" else "",
        job_at_intake=JOB_AT_INTAKE.get(a.get("baan_bij_instroom", ""), ""),
        household=HOUSEHOLD.get(a.get("gezinssituatie", ""), ""),
        children_count=int(children) if children.isdigit() else None,
        residence=RESIDENCE.get(a.get("verblijf", ""), ""),
        has_bicycle=vervoer == "fiets",
        has_car=vervoer == "auto",
        uses_public_transport=vervoer == "ov",
        inburgering_route=ROUTE.get(a.get("inburgeringsroute", ""), ""),
        inburgering_status=INBURGERING.get(a.get("inburgering_status", ""), ""),
        inburgering_start_date=_d(a.get("inburgering_startdatum", "")),
        has_benefit=_yn(a.get("uitkering", "")),
        organisation_id=org.pk,
        status=status,
        phase="inburgering",
    )


_PLACEMENT_UNKNOWN = (
    ("soort", "kind"),
    ("hoe_gekregen", "found_via"),
    ("uren_type", "hours_kind"),
    ("uren_per_week", "hours_per_week"),
    ("loonkostensubsidie", "lks"),
    ("werkcoach", "werkcoach"),
    ("jobcoach", "jobcoach"),
    ("harrie", "harrie"),
)


def _write_chunk(
    chunk: Sequence[str],
    persons: dict[str, Person],
    digests: dict[str, str],
    prog: Programme,
    org: Organisation,
    peil: date,
    employers: dict[str, _EmployerRef],
    rep: ImportReport,
) -> None:
    statuses = {pid: persons[pid].changes[0].status for pid in chunk}
    parts = Inserter(Participant).insert(
        [_participant(pid, persons[pid], org, statuses[pid].value) for pid in chunk]
    )
    enrolment_rows: list[dict[str, object]] = []
    for pid, part in zip(chunk, parts, strict=True):
        p = persons[pid]
        ending = p.endings[0] if p.endings else None
        final = statuses[pid] in FINAL
        profile = {c: p.attrs.get(c, "") for c in PROFILE_COLUMNS}
        profile["digest"] = digests[pid]
        enrolment_rows.append(
            {
                "participant_id": part,
                "programme_id": prog.pk,
                "intake_date": p.intake,
                "participation": p.attrs.get("deelname", ""),
                "status": statuses[pid].value,
                "outflow_date": ending.on if final and ending is not None else None,
                "registry_key": pid,
                "registry_peildatum": peil,
                "intake_profile": profile,
            }
        )
    enrolments = Inserter(Enrolment).insert(enrolment_rows)
    changes: list[dict[str, object]] = []
    pres: list[dict[str, object]] = []
    placements: list[dict[str, object]] = []
    holds: list[dict[str, object]] = []
    for pid, part, e in zip(chunk, parts, enrolments, strict=True):
        p = persons[pid]
        for end in p.endings:
            changes.append(
                {
                    "participant_id": part,
                    "enrolment_id": e,
                    "status": (Status.DROPOUT if end.kind == "uitval" else Status.ENDED).value,
                    "date": end.on,
                    "reason_code": REASON.get(end.reason, ""),
                }
            )
        changes.append(
            {
                "participant_id": part,
                "enrolment_id": e,
                "status": statuses[pid].value,
                "date": peil,
                "reason": sources.SNAPSHOT_NOTE,
            }
        )
        for t in p.pretrajectories:
            pres.append(
                {
                    "enrolment_id": e,
                    "start_date": t.start,
                    "end_date": t.end,
                    "completed": t.completed,
                    "kind": t.kind,
                    "type": t.type,
                    "weeks": t.weeks,
                }
            )
        for h in p.on_hold:
            holds.append(
                {
                    "enrolment_id": e,
                    "start_date": h.start,
                    "end_date": h.end,
                    "reason_code": REASON.get(h.reason, ""),
                }
            )
        for j in p.jobs:
            a = j.attrs
            emp = employers[f"{prog.name}/{a['werkgever_id']}"]
            hours = a.get("uren_per_week", "")
            months = a.get("contractduur_maanden", "")
            placements.append(
                {
                    "participant_id": part,
                    "employer_id": emp.pk,
                    "enrolment_id": e,
                    "kind": KIND.get(a.get("soort", ""), ""),
                    "found_via": FOUND.get(a.get("hoe_gekregen", ""), ""),
                    "start_date": j.start,
                    "end_date": j.end,
                    "contract_months": int(months) if months.isdigit() else None,
                    "hours_kind": HOURS.get(a.get("uren_type", ""), ""),
                    "hours_per_week": Decimal(hours) if hours else Decimal(0),
                    "sector": emp.sector,
                    "lks": _yn(a.get("loonkostensubsidie", "")) or False,
                    "werkcoach": _yn(a.get("werkcoach", "")) or False,
                    "jobcoach": _yn(a.get("jobcoach", "")) or False,
                    "harrie": _yn(a.get("harrie", "")) or False,
                    "unknown_fields": [f for col, f in _PLACEMENT_UNKNOWN if not a.get(col)],
                }
            )
    Inserter(StatusChange).insert(changes)
    Inserter(PretrajectoryRow).insert(pres)
    Inserter(OnHoldPeriod).insert(holds)
    Inserter(Placement).insert(placements)
    rep.placements += len(placements)
