"""Municipality reference data: the CBS CSV layout and an idempotent upsert by CBS code.

Layout (header row, UTF-8, comma-separated; as ``gemeenten_2025.csv`` derived from CBS/PDOK):
``gm_code, gm_name, pv_code, pv_name, am_code, am_name, am_overlap, lat, lon, area_km2,
population_2026``. Only ``gm_code`` and ``gm_name`` are required; the population column may be
named ``population`` or ``population_<year>``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass

CODE_RE = re.compile(r"^GM\d{4}$")


@dataclass(frozen=True)
class MunicipalityRow:
    code: str
    name: str
    province: str = ""
    labour_market_region: str = ""
    latitude: float | None = None
    longitude: float | None = None
    population: int | None = None


@dataclass(frozen=True)
class RowError:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


def parse_cbs_csv(text: str) -> tuple[list[MunicipalityRow], list[RowError]]:
    """All rows of the file, and an error per bad row (line numbers count the header as 1)."""
    text = text.lstrip("\ufeff")
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], ",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = [h.strip() for h in (reader.fieldnames or [])]
    return parse_cbs_rows(header, enumerate(reader, start=2))


def parse_cbs_rows(
    header: list[str], numbered_rows: Iterable[tuple[int, dict[str, str]]]
) -> tuple[list[MunicipalityRow], list[RowError]]:
    """As :func:`parse_cbs_csv`, for rows already read (e.g. by the bounded import reader)."""
    missing = [h for h in ("gm_code", "gm_name") if h not in header]
    if missing:
        return [], [RowError(1, f"missing column(s): {', '.join(missing)}")]
    pop_col = next((h for h in header if h == "population" or h.startswith("population_")), None)
    rows: list[MunicipalityRow] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    for line, raw in numbered_rows:
        rec = {(k or "").strip(): (v or "").strip() for k, v in raw.items() if k is not None}
        if not any(rec.values()):
            continue
        problems: list[str] = []
        code = rec.get("gm_code", "").upper()
        name = rec.get("gm_name", "")
        if not CODE_RE.match(code):
            problems.append(f"gm_code {code!r} is not a CBS code like GM0344")
        if not name:
            problems.append("gm_name is empty")
        if code in seen:
            problems.append(f"gm_code {code} also on line {seen[code]}")
        lat = _float(rec.get("lat", ""), "lat", -90, 90, problems)
        lon = _float(rec.get("lon", ""), "lon", -180, 180, problems)
        population = None
        if pop_col and rec.get(pop_col):
            try:
                population = int(rec[pop_col])
                if population < 0:
                    raise ValueError
            except ValueError:
                problems.append(f"{pop_col} {rec[pop_col]!r} is not a whole number ≥ 0")
        if problems:
            errors.append(RowError(line, "; ".join(problems)))
            continue
        seen[code] = line
        rows.append(
            MunicipalityRow(
                code=code,
                name=name,
                province=rec.get("pv_name", ""),
                labour_market_region=rec.get("am_name", ""),
                latitude=lat,
                longitude=lon,
                population=population,
            )
        )
    return rows, errors


def _float(value: str, label: str, lo: float, hi: float, problems: list[str]) -> float | None:
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        problems.append(f"{label} {value!r} is not a number")
        return None
    if not lo <= number <= hi:
        problems.append(f"{label} {value} is out of range")
        return None
    return number


def upsert(rows: Iterable[MunicipalityRow]) -> tuple[int, int, int]:
    """Insert or update by CBS code. Returns (created, updated, unchanged). Call in a transaction."""
    from werkpad.places.models import Municipality

    rows = list(rows)
    existing = {m.code: m for m in Municipality.objects.filter(code__in=[r.code for r in rows])}
    fields = ("name", "province", "labour_market_region", "latitude", "longitude", "population")
    new: list[Municipality] = []
    changed: list[Municipality] = []
    for row in rows:
        current = existing.get(row.code)
        if current is None:
            new.append(Municipality(code=row.code, **{f: getattr(row, f) for f in fields}))
            continue
        if any(getattr(current, f) != getattr(row, f) for f in fields):
            for f in fields:
                setattr(current, f, getattr(row, f))
            changed.append(current)
    Municipality.objects.bulk_create(new, batch_size=500)
    Municipality.objects.bulk_update(changed, fields, batch_size=500)
    return len(new), len(changed), len(rows) - len(new) - len(changed)
