"""Reading an evaluation registry in the startbaan layout (docs/registry-layout.md).

Rows become plain values of :mod:`werkpad.core.stats.startbaan`; nothing here touches the
database. Every row error is collected (file, row number, column, message) so that an import can
refuse the whole registry with one report.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from werkpad.core.pathway import Change
from werkpad.core.stats.startbaan import (
    REGISTRY_STATUS,
    Ending,
    Job,
    OnHold,
    Person,
    Pretrajectory,
)

FILES = (
    "deelnemers.csv",
    "startbanen.csv",
    "werkgevers.csv",
    "voortrajecten.csv",
    "on_hold.csv",
    "uitval_einde.csv",
)


@dataclass(frozen=True, slots=True)
class RowError:
    file: str
    row: int  # 1 = header
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.row}: {self.column}: {self.message}"


@dataclass
class Registry:
    peildatum: date
    persons: dict[str, Person] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f)]


class _Rows:
    def __init__(self, reg: Registry, file: str) -> None:
        self.reg, self.file = reg, file

    def date(self, row: dict[str, str], i: int, col: str, required: bool = False) -> date | None:
        v = row.get(col, "")
        if not v:
            if required:
                self.reg.errors.append(RowError(self.file, i, col, "a date is required"))
            return None
        try:
            return date.fromisoformat(v)
        except ValueError:
            self.reg.errors.append(RowError(self.file, i, col, "not a date (YYYY-MM-DD)"))
            return None

    def int(self, row: dict[str, str], i: int, col: str) -> int | None:
        v = row.get(col, "")
        if not v:
            return None
        if not v.isdigit():
            self.reg.errors.append(RowError(self.file, i, col, "not a whole number"))
            return None
        return int(v)

    def person(self, ids: set[str], row: dict[str, str], i: int) -> str | None:
        pid = row.get("deelnemer_id", "")
        if pid not in ids:
            self.reg.errors.append(RowError(self.file, i, "deelnemer_id", "unknown participant"))
            return None
        return pid


def read_registry(directory: Path, peildatum: date) -> Registry:
    """Read the six files; ``peildatum`` is the date ``status_peildatum`` holds on."""
    reg = Registry(peildatum)
    missing = [f for f in FILES if not (directory / f).is_file()]
    if missing:
        reg.errors.extend(RowError(f, 0, "", "file missing") for f in missing)
        return reg
    data = {f: _read(directory / f) for f in FILES}
    reg.rows = {f: len(rows) for f, rows in data.items()}

    employers: dict[str, dict[str, str]] = {}
    r = _Rows(reg, "werkgevers.csv")
    for i, row in enumerate(data["werkgevers.csv"], start=2):
        wid = row.get("werkgever_id", "")
        if not wid or wid in employers:
            reg.errors.append(RowError(r.file, i, "werkgever_id", "empty or repeated"))
            continue
        employers[wid] = row

    base: dict[str, tuple[date, dict[str, str], Change | None]] = {}
    r = _Rows(reg, "deelnemers.csv")
    for i, row in enumerate(data["deelnemers.csv"], start=2):
        pid = row.get("deelnemer_id", "")
        if not pid or pid in base:
            reg.errors.append(RowError(r.file, i, "deelnemer_id", "empty or repeated"))
            continue
        intake = r.date(row, i, "instroomdatum", required=True)
        for col in ("geboortedatum", "datum_verblijfsvergunning", "inburgering_startdatum"):
            r.date(row, i, col)
        code = row.get("status_peildatum", "") or "onbekend"
        if code not in REGISTRY_STATUS:
            reg.errors.append(RowError(r.file, i, "status_peildatum", "unknown status code"))
            continue
        if intake is None:
            continue
        if intake > peildatum:
            reg.errors.append(RowError(r.file, i, "instroomdatum", "after the peildatum"))
            continue
        base[pid] = (intake, row, Change(peildatum, REGISTRY_STATUS[code]))
    ids = set(base)

    pres: dict[str, list[Pretrajectory]] = defaultdict(list)
    r = _Rows(reg, "voortrajecten.csv")
    for i, row in enumerate(data["voortrajecten.csv"], start=2):
        pid = r.person(ids, row, i)
        start = r.date(row, i, "startdatum", required=True)
        end = r.date(row, i, "einddatum")
        weeks = r.int(row, i, "duur_weken")
        if pid is None or start is None:
            continue
        if end is not None and end < start:
            reg.errors.append(RowError(r.file, i, "einddatum", "before the start date"))
            continue
        done = {"ja": True, "nee": False}.get(row.get("afgerond", ""))
        pres[pid].append(
            Pretrajectory(start, end, done, row.get("soort", ""), row.get("type", ""), weeks)
        )

    jobs: dict[str, list[Job]] = defaultdict(list)
    r = _Rows(reg, "startbanen.csv")
    for i, row in enumerate(data["startbanen.csv"], start=2):
        pid = r.person(ids, row, i)
        start = r.date(row, i, "startdatum", required=True)
        end = r.date(row, i, "einddatum")
        number = r.int(row, i, "volgnummer")
        emp = employers.get(row.get("werkgever_id", ""))
        if emp is None:
            reg.errors.append(RowError(r.file, i, "werkgever_id", "unknown employer"))
        if pid is None or start is None or number is None or emp is None:
            continue
        attrs = dict(row)
        attrs.update(
            werkgever_soort=emp.get("soort", ""),
            sector=emp.get("sector", ""),
            omvang=emp.get("omvang", ""),
            ervaring_statushouders=emp.get("ervaring_statushouders", ""),
        )
        jobs[pid].append(Job(number, start, end, attrs))

    holds: dict[str, list[OnHold]] = defaultdict(list)
    r = _Rows(reg, "on_hold.csv")
    for i, row in enumerate(data["on_hold.csv"], start=2):
        pid = r.person(ids, row, i)
        start = r.date(row, i, "startdatum", required=True)
        end = r.date(row, i, "einddatum")
        if pid is not None and start is not None:
            holds[pid].append(OnHold(start, end, row.get("reden", "")))

    ends: dict[str, list[Ending]] = defaultdict(list)
    r = _Rows(reg, "uitval_einde.csv")
    for i, row in enumerate(data["uitval_einde.csv"], start=2):
        pid = r.person(ids, row, i)
        on = r.date(row, i, "datum", required=True)
        kind = row.get("soort", "")
        if kind not in ("uitval", "einde"):
            reg.errors.append(RowError(r.file, i, "soort", "uitval or einde"))
            continue
        if pid is not None and on is not None:
            ends[pid].append(Ending(on, kind, row.get("reden", "")))

    for pid, (intake, attrs, change) in base.items():
        reg.persons[pid] = Person(
            intake=intake,
            attrs=attrs,
            changes=(change,) if change else (),
            pretrajectories=tuple(sorted(pres[pid], key=lambda t: t.start)),
            jobs=tuple(sorted(jobs[pid], key=lambda j: j.number)),
            on_hold=tuple(holds[pid]),
            endings=tuple(sorted(ends[pid], key=lambda e: e.on)),
        )
    return reg
