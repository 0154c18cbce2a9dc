"""The import engine: read a CSV/XLSX file within fixed bounds, match its rows to records, publish.

``tabular`` holds the column layout and the checks of one row; this module holds everything
around them:

* **Reading, bounded.** A file is refused above ``WERKPAD_IMPORT_MAX_MB``; a sheet may not reach
  beyond ``WERKPAD_IMPORT_MAX_ROWS`` data rows or ``WERKPAD_IMPORT_MAX_COLUMNS`` columns, and a cell
  longer than ``WERKPAD_IMPORT_MAX_CELL_CHARS`` is an error of its row. XLSX files are read
  streaming (openpyxl read-only) with their declared dimensions ignored, so a tiny file declaring
  ``A1:XFD20000`` costs nothing. Every way a file can be unreadable (encoding, broken zip, no
  worksheet, formulas, malformed CSV) becomes a message in the reader's language, never a 500.
* **Keys.** Every export carries the record's ``reference`` (a UUID). A row with a reference
  updates that record; a row without one (or with one this database does not know) is matched on
  the natural key (an employer's name; a vacancy's employer and title) and otherwise creates a
  record (keeping the given reference). Unchanged rows are left alone, so
  re-importing an unchanged export changes nothing.
* **Bulk lookups.** Names, user names and references are looked up once per file, not per row.
* **Publishing.** Checking and matching only read the database. The changes are written at the
  end in one short transaction (bulk inserts and updates), so the import holds SQLite's single
  write lock for a moment, not for the whole file, and others can keep writing (the access log of
  every page view). The user still sees all or nothing: any bad row and nothing is written.
"""

from __future__ import annotations

import csv
import functools
import io
import logging
import time
import uuid
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connection, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from werkpad.accounts.models import Organisation, OrganisationKind, Role, User

from . import tabular
from .models import Employer, EmployerLocation, Vacancy
from .tabular import RowError

logger = logging.getLogger(__name__)
CHUNK = 500  # ids per IN (...) query: well below every database's parameter limit
_FORMULA = object()  # an XLSX cell holding a formula
_OVERSIZE = ("",)  # a CSV row with a field beyond the csv module's limit


class FileProblem(ValueError):
    """The file as a whole cannot be read; the message is for the user (translated)."""


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_rows: int
    max_columns: int
    max_cell_chars: int

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(
            max_bytes=settings.IMPORT_MAX_MB * 1024 * 1024,
            max_rows=settings.IMPORT_MAX_ROWS,
            max_columns=settings.IMPORT_MAX_COLUMNS,
            max_cell_chars=settings.IMPORT_MAX_CELL_CHARS,
        )

    @property
    def max_unpacked_bytes(self) -> int:
        """An XLSX is a zip: its contents may unpack to at most this (XML compresses ~10-20x)."""
        return self.max_bytes * 25


@dataclass
class Sheet:
    header: list[str]
    rows: list[dict[str, str]]
    errors: list[RowError] = field(default_factory=list)


# --- reading --------------------------------------------------------------------------------------


def check_size(size: int, limits: Limits | None = None) -> None:
    limits = limits or Limits.from_settings()
    if size > limits.max_bytes:
        raise FileProblem(
            _("The file is larger than %(mb)d MB. Split it into smaller files.")
            % {"mb": limits.max_bytes // (1024 * 1024)}
        )


def read_table(
    name: str, data: bytes, *, limits: Limits | None = None, sheet_name: str = ""
) -> Sheet:
    """Header (lower case) and rows (text per column) of a CSV or XLSX file, within ``limits``.

    Raises :class:`FileProblem` when the file as a whole cannot be used; problems of single cells
    (too long, a formula) are returned as row errors.
    """
    limits = limits or Limits.from_settings()
    check_size(len(data), limits)
    if name.lower().endswith(".xlsx"):
        return _collect(_xlsx_rows(data, limits, sheet_name), limits)
    return _collect(_csv_rows(data, limits), limits)


def _csv_rows(data: bytes, limits: Limits) -> Iterator[Sequence[object]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FileProblem(
            _(
                "The file is not UTF-8 text (first unreadable character on line %(line)d). "
                "Save the CSV as UTF-8."
            )
            % {"line": line}
        ) from None
    first_line = text[:4096].split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)  # the header's separator; "," on a tie
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            # The csv module refuses a field over its (process-wide) limit of 131,072
            # characters; the reader goes on with the next line, so it is an error of this row.
            if "field limit" in str(exc):
                yield _OVERSIZE
                continue
            raise FileProblem(
                _(
                    "Line %(line)d of the CSV file cannot be read (for example a quote that is never "
                    "closed). Nothing was imported."
                )
                % {"line": reader.line_num}
            ) from None
        yield values


def _xlsx_rows(data: bytes, limits: Limits, sheet_name: str) -> Iterator[Sequence[object]]:
    from openpyxl import load_workbook

    unreadable = _("The file is not a readable XLSX workbook.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise FileProblem(unreadable) from None
    if unpacked > limits.max_unpacked_bytes:
        raise FileProblem(
            _("The workbook unpacks to more than %(mb)d MB. Split it into smaller files.")
            % {"mb": limits.max_unpacked_bytes // (1024 * 1024)}
        )
    try:
        # data_only=False: a formula cell shows as a formula, so it can be refused (its cached
        # value may be missing or stale).
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds for a broken file
        raise FileProblem(unreadable) from None
    try:
        sheets = workbook.worksheets
        if not sheets:
            raise FileProblem(_("The workbook holds no worksheet."))
        wanted = [s for s in sheets if s.title.strip().lower() == sheet_name.lower()]
        sheet = wanted[0] if wanted else sheets[0]
        if not hasattr(sheet, "reset_dimensions"):
            raise FileProblem(_("The first sheet of the workbook is not a table."))
        # Ignore the dimensions the file declares: openpyxl would pad every row to them.
        sheet.reset_dimensions()
        try:
            for cells in sheet.iter_rows(max_col=limits.max_columns + 1):
                yield [_FORMULA if c.data_type == "f" else c.value for c in cells]
        except FileProblem:
            raise
        except Exception:  # malformed XML inside the zip
            raise FileProblem(unreadable) from None
    finally:
        workbook.close()


def _collect(source: Iterable[Sequence[object]], limits: Limits) -> Sheet:
    rows = iter(source)
    try:
        first = next(rows)
    except StopIteration:
        raise FileProblem(_("The file is empty.")) from None
    header = [_text(v).strip().lower() for v in first]
    while header and not header[-1]:
        header.pop()
    if len(header) > limits.max_columns:
        raise FileProblem(_("The file has more than %(n)d columns.") % {"n": limits.max_columns})
    if not header:
        raise FileProblem(_("The first row holds no column names."))
    sheet = Sheet(header=header, rows=[])
    for number, values in enumerate(rows, start=2):
        if number > limits.max_rows + 1:
            raise FileProblem(
                _(
                    "The file reaches beyond row %(last)d: at most %(n)d rows can be imported at "
                    "once. Split the file, or delete empty rows below the data."
                )
                % {"last": limits.max_rows + 1, "n": limits.max_rows}
            )
        if values is _OVERSIZE:
            sheet.errors.append(
                RowError(
                    number,
                    "",
                    _(
                        "A cell of this row holds more than %(n)d characters; at most %(max)d are allowed."
                    )
                    % {"n": csv.field_size_limit(), "max": limits.max_cell_chars},
                )
            )
            sheet.rows.append({})
            continue
        if not any(v is not None and v != "" and str(v).strip() for v in values):
            sheet.rows.append({})  # keep row numbers right; empty rows are skipped later
            continue
        row: dict[str, str] = {}
        for i, column in enumerate(header):
            value = values[i] if i < len(values) else None
            if value is _FORMULA:
                sheet.errors.append(
                    RowError(
                        number,
                        column,
                        _("This cell holds a formula. Paste the values instead (Paste special)."),
                    )
                )
                row[column] = ""
                continue
            text = unescape(_text(value).strip())
            if len(text) > limits.max_cell_chars:
                sheet.errors.append(
                    RowError(
                        number,
                        column,
                        _("This cell holds %(n)d characters; at most %(max)d are allowed.")
                        % {"n": len(text), "max": limits.max_cell_chars},
                    )
                )
                text = text[: limits.max_cell_chars]
            row[column] = text
        sheet.rows.append(row)
    return sheet


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def unescape(value: str) -> str:
    """Undo :func:`tabular.escape_cell`: exports put ``'`` before text a spreadsheet would run."""
    if len(value) > 1 and value[0] == "'" and value[1] in tabular.FORMULA_START + "'":
        return value[1:]
    return value


# --- looking up -----------------------------------------------------------------------------------


def _key(text: str) -> str:
    return text.strip().casefold()


def _chunks(items: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


class Lookups:
    """What the rows of one file refer to, fetched in a few queries for the whole file."""

    def __init__(self, what: str, rows: Sequence[dict[str, str]]) -> None:
        column = "name" if what == "employers" else "employer"
        wanted = {_key(r.get(column, "")) for r in rows if r.get(column)}
        # Names compare case-insensitively in Python (casefold), not in SQL: SQLite's lower()
        # knows only ASCII. One narrow query over all employers is cheap (50,000 in ~0.1 s).
        self.employer_ids: dict[str, list[int]] = defaultdict(list)
        for pk, name in Employer.objects.order_by("pk").values_list("pk", "organisation__name"):
            key = _key(name)
            if key in wanted:
                self.employer_ids[key].append(pk)
        self._employers: dict[int, Employer] = {}
        if what == "vacancies":
            ids = sorted({ids[0] for ids in self.employer_ids.values()})
            self._employers = _with_organisations(_by_pk(Employer, ids))
        usernames = sorted({r["account_manager"] for r in rows if r.get("account_manager")})
        self._coaches: dict[str, User] = {}
        for chunk in _chunks(usernames):
            for user in User.objects.filter(username__in=chunk, role=Role.COACH, is_active=True):
                self._coaches[user.username] = user

    def employer(self, name: str) -> Employer | None:
        ids = self.employer_ids.get(_key(name))
        return self._employers.get(ids[0]) if ids else None

    def coach(self, username: str) -> User | None:
        return self._coaches.get(username)


# --- matching rows to records ---------------------------------------------------------------------

EMPLOYER_FIELDS = {
    "kind": "kind",
    "sector": "sector",
    "size_band": "size_band",
    "experience_with_status_holders": "experience_with_status_holders",
    "contact_name": "contact_name",
    "contact_email": "contact_email",
    "contact_phone": "contact_phone",
    "account_manager": "account_manager_id",
    "notes": "notes",
}
LOCATION_FIELDS = {
    "location_address": "address",
    "location_postcode": "postcode",
    "location_city": "city",
    "location_latitude": "latitude",
    "location_longitude": "longitude",
}
VACANCY_FIELDS = {
    "title": "title",
    "occupation": "occupation",
    "sector": "sector",
    "hours_per_week": "hours_per_week",
    "roster": "roster_mask",
    "roster_flexible": "roster_flexible",
    "contract_kind": "contract_kind",
    "contract_months": "contract_months",
    "wage_hourly": "wage_hourly",
    "dutch_level": "dutch_level",
    "certificates": "required_certificates",
    "language_rich": "language_rich",
    "twv_willing": "twv_willing",
    "self_development": "self_development",
    "places": "places",
    "group_possible": "group_possible",
    "start_date": "start_date",
    "status": "status",
    "description": "description",
}


def _same(attr: str, old: Any, new: Any) -> bool:
    if attr == "required_certificates":
        return _certificates(old) == _certificates(new)
    return bool(old == new)


def _certificates(items: Any) -> list[tuple[str, str]]:
    return [
        (str(i.get("kind", "")), str(i.get("detail", "") or "").strip())
        for i in items or []
        if isinstance(i, dict)
    ]


@dataclass
class Plan:
    """What publishing a checked file will do. ``errors`` non-empty: it will do nothing."""

    what: str
    new: list[Any] = field(default_factory=list)
    changed: list[Any] = field(default_factory=list)  # records with the new values set
    changed_fields: set[str] = field(default_factory=set)
    renamed: list[Organisation] = field(default_factory=list)
    locations_new: list[EmployerLocation] = field(default_factory=list)
    locations_changed: list[EmployerLocation] = field(default_factory=list)
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    staged: list[Staged] = field(default_factory=list)
    lock_seconds: float = 0.0


@dataclass(frozen=True)
class Result:
    new: int
    changed: int
    unchanged: int


def _reference(
    row_no: int, raw: str, errors: list[RowError], seen: set[uuid.UUID]
) -> uuid.UUID | None:
    raw = raw.strip()
    if not raw:
        return None
    try:
        ref = uuid.UUID(raw)
    except ValueError:
        errors.append(
            RowError(
                row_no,
                "reference",
                _(
                    "%(value)s is not a reference from a Werkpad export. Leave it empty for a new record."
                )
                % {"value": raw[:40]},
            )
        )
        return None
    if ref in seen:
        errors.append(RowError(row_no, "reference", _("This record appears twice in the file.")))
        return None
    seen.add(ref)
    return ref


def _by_public_id(model: Any, ids: Sequence[uuid.UUID], **related: Any) -> dict[uuid.UUID, Any]:
    found: dict[uuid.UUID, Any] = {}
    for chunk in _chunks(list(ids)):
        qs = model.objects.filter(public_id__in=chunk).order_by()  # no sort: the plan can differ
        if related.get("select"):
            qs = qs.select_related(*related["select"])
        if related.get("prefetch"):
            qs = qs.prefetch_related(*related["prefetch"])
        found.update({obj.public_id: obj for obj in qs})
    return found


def _with_organisations(employers: dict[Any, Employer]) -> dict[Any, Employer]:
    """Attach each employer's organisation, fetched by id. Not ``select_related``: without
    statistics SQLite plans that join as a scan over every organisation (13 s for 300 employers
    among 50,000)."""
    ids = sorted({e.organisation_id for e in employers.values()})
    organisations: dict[int, Organisation] = {}
    for chunk in _chunks(ids):
        organisations.update(Organisation.objects.order_by().in_bulk(chunk))
    for employer in employers.values():
        employer.organisation = organisations[employer.organisation_id]
    return employers


def _by_pk(model: Any, ids: Iterable[int], **related: Any) -> dict[int, Any]:
    found: dict[int, Any] = {}
    for chunk in _chunks(sorted(set(ids))):
        qs = model.objects.filter(pk__in=chunk).order_by()
        if related.get("select"):
            qs = qs.select_related(*related["select"])
        if related.get("prefetch"):
            qs = qs.prefetch_related(*related["prefetch"])
        found.update({obj.pk: obj for obj in qs})
    return found


def plan(table: tabular.ParsedTable, header: Sequence[str], lookups: Lookups) -> Plan:
    # Keys are matched even when some rows are bad, so that every problem is listed at once.
    result = Plan(what=table.what, errors=list(table.errors))
    if table.what == "employers":
        _plan_employers(table, set(header), lookups, result)
    else:
        _plan_vacancies(table, set(header), result)
    result.errors.sort(key=lambda e: e.row)
    return result


def _plan_employers(
    table: tabular.ParsedTable, header: set[str], lookups: Lookups, out: Plan
) -> None:
    items: list[tuple[int, tabular.EmployerRow, uuid.UUID | None]] = []
    seen: set[uuid.UUID] = set()
    for row_no, item in zip(table.numbers, table.objects, strict=True):
        ref = _reference(row_no, table.rows[row_no - 2].get("reference", ""), out.errors, seen)
        items.append((row_no, item, ref))
    by_ref = _with_organisations(_by_public_id(Employer, [r for _n, _i, r in items if r]))
    by_pk = _with_organisations(
        _by_pk(Employer, [ids[0] for ids in lookups.employer_ids.values() if len(ids) == 1])
    )
    # The first location of each (as the export shows it), in one query per chunk: a prefetch
    # costs a queryset per employer.
    first_location: dict[int, EmployerLocation] = {}
    known = sorted({e.pk for e in by_ref.values()} | set(by_pk))
    for chunk in _chunks(known):
        # Ordered as the export's ``locations.first()`` within one employer, without the default
        # ordering's join (by the employer's name), which can make SQLite scan every employer.
        locations = EmployerLocation.objects.filter(employer_id__in=chunk)
        for location in locations.order_by("city", "address"):
            first_location.setdefault(location.employer_id, location)
    taken: dict[str, int] = {}  # name -> row, within the file
    targets: dict[int, int] = {}  # employer pk -> row
    orphans = {
        _key(o.name): o
        for o in Organisation.objects.filter(
            kind=OrganisationKind.EMPLOYER, employer__isnull=True
        ).order_by()
    }
    for row_no, item, ref in items:
        name_key = _key(item.name)
        if name_key in taken:
            out.errors.append(
                RowError(row_no, "name", _("This employer appears twice in the file."))
            )
            continue
        taken[name_key] = row_no
        existing: Employer | None = None
        same_name = lookups.employer_ids.get(name_key, [])
        if ref is not None and ref not in by_ref:
            # A reference this database does not know (deleted, or another installation's):
            # the row is matched on the name, or creates the employer under that reference.
            item.employer.public_id = ref
            ref = None
        if ref is not None:
            existing = by_ref[ref]
            if any(pk != existing.pk for pk in same_name):
                out.errors.append(
                    RowError(row_no, "name", _("Another employer already has this name."))
                )
                continue
        elif same_name:
            existing = by_pk.get(same_name[0]) if len(same_name) == 1 else None
            if existing is None:
                out.errors.append(
                    RowError(
                        row_no,
                        "name",
                        _("Several employers have this name; use the reference from an export."),
                    )
                )
                continue
        if existing is not None:
            if existing.pk in targets:
                out.errors.append(
                    RowError(row_no, "reference", _("This record appears twice in the file."))
                )
                continue
            targets[existing.pk] = row_no
            _update_employer(existing, item, header, out, first_location.get(existing.pk))
        else:
            item.employer.organisation = orphans.get(name_key)  # type: ignore[assignment]
            out.new.append(item)


def _update_employer(
    existing: Employer,
    item: tabular.EmployerRow,
    header: set[str],
    out: Plan,
    location: EmployerLocation | None,
) -> None:
    changed = False
    if existing.organisation.name != item.name:
        existing.organisation.name = item.name
        out.renamed.append(existing.organisation)
        changed = True
    for column, attr in EMPLOYER_FIELDS.items():
        if column in header:
            new = getattr(item.employer, attr)
            if not _same(attr, getattr(existing, attr), new):
                setattr(existing, attr, new)
                out.changed_fields.add(attr)
                changed = True
    if item.location is not None and header & set(LOCATION_FIELDS):
        if location is None:
            item.location.employer = existing
            out.locations_new.append(item.location)
            changed = True
        else:
            location_changed = False
            for column, attr in LOCATION_FIELDS.items():
                if column in header:
                    new = getattr(item.location, attr)
                    if getattr(location, attr) != new:
                        setattr(location, attr, new)
                        location_changed = True
            if location_changed:
                out.locations_changed.append(location)
                changed = True
    if changed:
        out.changed.append(existing)
    else:
        out.unchanged += 1


def _plan_vacancies(table: tabular.ParsedTable, header: set[str], out: Plan) -> None:
    items: list[tuple[int, Vacancy, uuid.UUID | None]] = []
    seen: set[uuid.UUID] = set()
    for row_no, vacancy in zip(table.numbers, table.objects, strict=True):
        ref = _reference(row_no, table.rows[row_no - 2].get("reference", ""), out.errors, seen)
        items.append((row_no, vacancy, ref))
    by_ref = _by_public_id(Vacancy, [r for _n, _v, r in items if r])
    # Rows without a reference match on (employer, title) among that employer's vacancies.
    natural: dict[tuple[int, str], list[Vacancy]] = defaultdict(list)
    keyless_employers = [v.employer_id for _n, v, r in items if r is None or r not in by_ref]
    for chunk in _chunks(sorted(set(keyless_employers))):
        for vacancy in Vacancy.objects.filter(employer_id__in=chunk).order_by("pk"):
            natural[(vacancy.employer_id, _key(vacancy.title))].append(vacancy)
    targets: dict[int, int] = {}  # vacancy pk -> row
    new_keys: dict[tuple[int, str], int] = {}
    for row_no, vacancy, ref in items:
        key = (vacancy.employer_id, _key(vacancy.title))
        existing: Vacancy | None = None
        if ref is not None and ref not in by_ref:
            vacancy.public_id = ref  # unknown here: as a row without reference, keeping it
            ref = None
        if ref is not None:
            existing = by_ref[ref]
            if existing.employer_id != vacancy.employer_id:
                out.errors.append(
                    RowError(
                        row_no,
                        "employer",
                        _(
                            "This vacancy belongs to another employer. Leave the reference empty "
                            "to create a new vacancy for this employer."
                        ),
                    )
                )
                continue
        else:
            same = natural.get(key, [])
            if len(same) > 1:
                out.errors.append(
                    RowError(
                        row_no,
                        "title",
                        _(
                            "This employer has several vacancies with this title; use the "
                            "reference from an export."
                        ),
                    )
                )
                continue
            existing = same[0] if same else None
        if existing is None:
            if key in new_keys:
                out.errors.append(
                    RowError(
                        row_no,
                        "title",
                        _("This vacancy appears twice in the file for this employer."),
                    )
                )
                continue
            new_keys[key] = row_no
            out.new.append(vacancy)
            continue
        if existing.pk in targets:
            out.errors.append(
                RowError(row_no, "reference", _("This record appears twice in the file."))
            )
            continue
        targets[existing.pk] = row_no
        changed = False
        occupation_changed = "occupation" in header and existing.occupation != vacancy.occupation
        for column, attr in VACANCY_FIELDS.items():
            if column in header:
                new = getattr(vacancy, attr)
                if not _same(attr, getattr(existing, attr), new):
                    setattr(existing, attr, new)
                    out.changed_fields.add(attr)
                    changed = True
        if occupation_changed:
            existing.occupation_uri = ""  # the ESCO link belonged to the old text
            out.changed_fields.add("occupation_uri")
        if changed:
            out.changed.append(existing)
        else:
            out.unchanged += 1


# --- publishing -----------------------------------------------------------------------------------


def publish(user: User, plan: Plan) -> Result:
    """Write a plan without errors in one short transaction. Raises ``FileProblem`` if the
    database changed meanwhile in a way that conflicts (then nothing is written)."""
    if plan.errors:
        raise FileProblem(_("The file has errors; nothing was imported."))
    now = timezone.now()
    if plan.what == "vacancies":
        for vacancy in plan.new:
            vacancy.created_by = user
        for vacancy in plan.changed:
            vacancy.updated_at = now
        plan.staged = [
            stage_inserts(Vacancy, plan.new),
            stage_updates(Vacancy, plan.changed, plan.changed_fields | {"updated_at"}),
        ]
    else:
        _stage_employers(plan, now)
    try:
        locked = time.perf_counter()
        with transaction.atomic():
            if plan.what == "employers":
                _publish_employers(plan)
            else:
                _publish_vacancies(plan)
        plan.lock_seconds = time.perf_counter() - locked
    except IntegrityError:
        raise FileProblem(
            _(
                "The database refused the file (someone may have changed the same employers or "
                "vacancies meanwhile). Nothing was imported; please try again."
            )
        ) from None
    return Result(new=len(plan.new), changed=len(plan.changed), unchanged=plan.unchanged)


def _stage_employers(plan: Plan, now: datetime) -> None:
    for employer in plan.changed:
        employer.updated_at = now
    organisations = [
        Organisation(name=item.name, kind=OrganisationKind.EMPLOYER)
        for item in plan.new
        if item.employer.organisation_id is None
    ]
    plan.staged = [
        stage_inserts(Organisation, organisations),
        stage_inserts(Employer, [item.employer for item in plan.new]),
        stage_inserts(
            EmployerLocation,
            [item.location for item in plan.new if item.location is not None],
        ),
        stage_inserts(EmployerLocation, plan.locations_new),
        stage_updates(Organisation, plan.renamed, ["name"]),
        stage_updates(Employer, plan.changed, plan.changed_fields | {"updated_at"}),
        stage_updates(EmployerLocation, plan.locations_changed, LOCATION_FIELDS.values()),
    ]


def _publish_employers(plan: Plan) -> None:
    organisations, employers, locations, *rest = plan.staged
    organisations.execute()
    new_names = [item.name for item in plan.new if item.employer.organisation_id is None]
    org_ids: dict[str, int] = {}
    for chunk in _chunks(new_names):
        org_ids.update(
            Organisation.objects.filter(kind=OrganisationKind.EMPLOYER, name__in=chunk)
            .order_by()
            .values_list("name", "pk")
        )
    employers.fill(
        "organisation_id",
        [item.employer.organisation_id or org_ids[item.name] for item in plan.new],
    )
    employers.execute()
    employer_ids: dict[uuid.UUID, int] = {}
    for chunk in _chunks([item.employer.public_id for item in plan.new]):
        employer_ids.update(
            Employer.objects.filter(public_id__in=chunk).order_by().values_list("public_id", "pk")
        )
    locations.fill(
        "employer_id",
        [employer_ids[item.employer.public_id] for item in plan.new if item.location is not None],
    )
    locations.execute()
    for staged in rest:
        staged.execute()


def _publish_vacancies(plan: Plan) -> None:
    ids = [v.pk for v in plan.changed]
    # The records still exist? A vacancy deleted meanwhile must not make the import half done.
    present = sum(Vacancy.objects.filter(pk__in=c).count() for c in _chunks(ids))
    if present != len(ids):
        raise IntegrityError("vacancy deleted during import")
    for staged in plan.staged:
        staged.execute()


class Staged:
    """Rows as the database stores them, prepared before the write transaction begins, so that
    publishing is one ``executemany`` per table: tens of thousands of rows in well under a second
    on SQLite (``bulk_create`` spends most of its time preparing values, inside the lock)."""

    def __init__(self, sql: str, columns: Sequence[str], params: list[tuple[Any, ...]]) -> None:
        self.sql, self.columns, self.params = sql, list(columns), params

    def fill(self, column: str, values: Sequence[Any]) -> None:
        """Set a column known only once the write began (the id of a row inserted before)."""
        index = self.columns.index(column)
        self.params = [
            (*row[:index], value, *row[index + 1 :])
            for row, value in zip(self.params, values, strict=True)
        ]

    def execute(self) -> None:
        if not self.params:
            return
        with connection.cursor() as cursor:
            for start in range(0, len(self.params), 5000):
                cursor.executemany(self.sql, self.params[start : start + 5000])


def stage_inserts(model: Any, objects: Sequence[Any]) -> Staged:
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    quote = connection.ops.quote_name
    # Table and column names come from the model, values are parameters: nothing from the file.
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
        quote(model._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    db = connections[DEFAULT_DB_ALIAS]  # the wrapper itself: the proxy costs per access
    preps = [functools.partial(f.get_db_prep_save, connection=db) for f in fields]
    automatic = [
        f if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False) else None
        for f in fields
    ]
    names = [f.attname for f in fields]
    params = [
        tuple(
            prep(auto.pre_save(obj, True) if auto else getattr(obj, name))
            for prep, auto, name in zip(preps, automatic, names, strict=True)
        )
        for obj in objects
    ]
    return Staged(sql, names, params)


def stage_updates(model: Any, objects: Sequence[Any], names: Iterable[str]) -> Staged:
    fields = [model._meta.get_field(n) for n in sorted(set(names))]
    quote = connection.ops.quote_name
    sql = "UPDATE {} SET {} WHERE {} = %s".format(  # noqa: S608 - names from the model
        quote(model._meta.db_table),
        ", ".join(f"{quote(f.column)} = %s" for f in fields),
        quote(model._meta.pk.column),
    )
    db = connections[DEFAULT_DB_ALIAS]
    preps = [(functools.partial(f.get_db_prep_save, connection=db), f.attname) for f in fields]
    params = [(*(prep(getattr(obj, name)) for prep, name in preps), obj.pk) for obj in objects]
    return Staged(sql, [*(f.attname for f in fields), "pk"], params)


# --- the whole import -----------------------------------------------------------------------------


@dataclass
class Outcome:
    errors: list[RowError]
    result: Result | None = None


def run(user: User, what: str, name: str, data: bytes) -> Outcome:
    """Read, check, match and (without errors) publish one file. Raises ``FileProblem``."""
    from .actions import import_table

    started = time.perf_counter()
    sheet = read_table(name, data, sheet_name=what)
    read = time.perf_counter()
    lookups = Lookups(what, sheet.rows)
    table = tabular.validate(what, sheet.rows, sheet.header, lookups=lookups)
    table.errors.extend(sheet.errors)
    table.errors.sort(key=lambda e: e.row)
    checked = plan(table, sheet.header, lookups)
    planned = time.perf_counter()
    if checked.errors:
        logger.info(
            "import of %s refused: %d rows, %d problems (read %.1f s, checked %.1f s)",
            what,
            len(sheet.rows),
            len(checked.errors),
            read - started,
            planned - read,
        )
        return Outcome(errors=checked.errors)
    result = import_table(user, checked)
    logger.info(
        "import of %s: %d new, %d changed, %d unchanged (read %.1f s, checked %.1f s, "
        "staged and published %.1f s, of which the write transaction %.2f s)",
        what,
        result.new,
        result.changed,
        result.unchanged,
        read - started,
        planned - read,
        time.perf_counter() - planned,
        checked.lock_seconds,
    )
    return Outcome(errors=[], result=result)
