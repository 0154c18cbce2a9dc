"""CSV and XLSX import and export of employers and vacancies.

The column layout is the same for export and import, so an exported file can be edited and read
back: its ``reference`` column is the record's stable key. This module holds the layout and the
checks of one row; reading files within bounds, matching rows to records and publishing them is
the import engine in ``imports.py``.
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.encoding import force_str
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkpad.core import schedule
from werkpad.participants.choices import CertificateKind

from .choices import (
    ContractKind,
    EmployerKind,
    RequiredDutch,
    Sector,
    SelfDevelopmentCategory,
    SizeBand,
    VacancyStatus,
)
from .models import Employer, EmployerLocation, Vacancy, employer_name_error

if TYPE_CHECKING:
    from .imports import Lookups

REFERENCE_DOC = gettext_lazy(
    "Werkpad's reference of the record, filled in by the export: a row with a reference updates "
    "that record. Leave it empty for a new record."
)

EMPLOYER_COLUMNS: tuple[tuple[str, Any], ...] = (
    ("reference", REFERENCE_DOC),
    ("name", gettext_lazy("Name of the employer (required, unique)")),
    ("kind", gettext_lazy("One of: regulier, werkleerbedrijf, uitzendbureau, detachering, anders")),
    (
        "sector",
        gettext_lazy(
            "One of: logistiek, horeca, bouw_techniek, productie, detailhandel, schoonmaak, zorg, anders"
        ),
    ),
    ("size_band", gettext_lazy("Empty, or one of: lt5, 5_9, 10_49, 50_99, 100_499, ge500")),
    ("experience_with_status_holders", gettext_lazy("yes, no, or empty (unknown)")),
    ("contact_name", gettext_lazy("The one contact person at the employer (required)")),
    ("contact_email", gettext_lazy("Email address (optional)")),
    ("contact_phone", gettext_lazy("Phone number (optional)")),
    ("account_manager", gettext_lazy("User name of the account manager, a coach (optional)")),
    ("notes", gettext_lazy("Free text (optional)")),
    ("location_address", gettext_lazy("Address of the main location (optional)")),
    ("location_postcode", gettext_lazy("Postcode, e.g. 3511AB (optional)")),
    ("location_city", gettext_lazy("City (optional)")),
    ("location_latitude", gettext_lazy("Latitude, e.g. 52.09 (optional)")),
    ("location_longitude", gettext_lazy("Longitude, e.g. 5.12 (optional)")),
)

VACANCY_COLUMNS: tuple[tuple[str, Any], ...] = (
    ("reference", REFERENCE_DOC),
    ("employer", gettext_lazy("Name of an existing employer (required)")),
    ("title", gettext_lazy("Title (required)")),
    ("occupation", gettext_lazy("Occupation (required)")),
    ("sector", gettext_lazy("Sector code as for employers; empty: the employer's sector")),
    ("hours_per_week", gettext_lazy("Hours per week, 1–60 (required)")),
    (
        "roster",
        gettext_lazy(
            "Dagdelen separated by spaces, e.g. mon_morning tue_afternoon (days mon–sun, "
            "parts morning/afternoon/evening); empty when flexible"
        ),
    ),
    ("roster_flexible", gettext_lazy("yes or no")),
    (
        "contract_kind",
        gettext_lazy("One of: permanent, fixed_term, temp_agency, on_call, paid_internship, other"),
    ),
    ("contract_months", gettext_lazy("Contract length in months (optional)")),
    ("wage_hourly", gettext_lazy("Gross hourly wage in euros, e.g. 14.40 (optional)")),
    ("dutch_level", gettext_lazy("A0, A1, A2, B1 or B2")),
    (
        "certificates",
        gettext_lazy(
            "Codes separated by ';' with an optional detail after ':', e.g. vca;driving_licence:B "
            "(codes: vca, bhv, driving_licence, diploma, big, forklift, hygiene, other)"
        ),
    ),
    ("language_rich", gettext_lazy("yes or no")),
    ("twv_willing", gettext_lazy("yes or no: willing to apply for a work permit")),
    ("self_development", gettext_lazy("minimal, some or strong")),
    ("places", gettext_lazy("Number of places (default 1)")),
    ("group_possible", gettext_lazy("yes or no")),
    ("start_date", gettext_lazy("YYYY-MM-DD (optional)")),
    ("status", gettext_lazy("draft, open, filled or closed (default open)")),
    ("description", gettext_lazy("Free text (optional)")),
)

COLUMNS = {"employers": EMPLOYER_COLUMNS, "vacancies": VACANCY_COLUMNS}

TRUE = {"yes", "ja", "true", "1", "y", "j"}
FALSE = {"no", "nee", "false", "0", "n"}
_SLOT_CODES = {schedule.code(d, p): (d, p) for d in range(7) for p in range(3)}


@dataclass(frozen=True)
class RowError:
    row: int  # spreadsheet row number: 1 is the header, data starts at 2
    column: str
    message: str


@dataclass
class ParsedTable:
    what: str
    rows: list[dict[str, str]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    objects: list[Any] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)  # the row number of each object


# --- validating -----------------------------------------------------------------------------------


@functools.cache
def _allowed(choices: Any) -> dict[str, Any]:
    """The values of a choices class by their lower-case text (computed once per class)."""
    return {str(v).lower(): v for v in choices.values}


class _Row:
    def __init__(
        self, number: int, data: dict[str, str], errors: list[RowError], lookups: Lookups
    ) -> None:
        self.row_no, self.data, self.errors = number, data, errors
        self.lookups = lookups  # employers and coaches named in the file, fetched in bulk

    def error(self, column: str, message: str) -> None:
        self.errors.append(RowError(self.row_no, column, message))

    def text(self, column: str, *, required: bool = False, max_length: int = 200) -> str:
        value = self.data.get(column, "").strip()
        if required and not value:
            self.error(column, _("This column is required."))
        if len(value) > max_length:
            self.error(column, _("At most %(n)d characters.") % {"n": max_length})
        return value[:max_length]

    def choice(self, column: str, choices: Any, *, default: str | None = None) -> str:
        value = self.data.get(column, "").strip().lower()
        if not value and default is not None:
            return default
        allowed = _allowed(choices)
        if value not in allowed:
            options = ", ".join(v for v in choices.values if v)
            self.error(
                column,
                _("%(value)s is not one of: %(options)s")
                % {"value": value or _("(empty)"), "options": options},
            )
            return ""
        return str(allowed[value])

    def boolean(self, column: str, *, allow_unknown: bool = False) -> bool | None:
        value = self.data.get(column, "").strip().lower()
        if value in TRUE:
            return True
        if value in FALSE or (not value and not allow_unknown):
            return False
        if not value:
            return None
        self.error(column, _("Write yes or no."))
        return None

    def number(
        self,
        column: str,
        *,
        required: bool = False,
        low: float | None = None,
        high: float | None = None,
    ) -> Decimal | None:
        """A number as written; its plausible range is the model's (``werkpad.validation``)."""
        raw = self.data.get(column, "").strip().replace(",", ".")
        if not raw:
            if required:
                self.error(column, _("This column is required."))
            return None
        try:
            value = Decimal(raw)
        except InvalidOperation:
            self.error(column, _("%(value)s is not a number.") % {"value": raw})
            return None
        if not value.is_finite():
            self.error(column, _("%(value)s is not a number.") % {"value": raw})
            return None
        if (low is not None and value < low) or (high is not None and value > high):
            self.error(
                column, _("Enter a number from %(low)s to %(high)s.") % {"low": low, "high": high}
            )
            return None
        return value

    def whole(self, column: str) -> int | None:
        value = self.number(column)
        if value is None:
            return None
        if value != value.to_integral_value():
            self.error(column, _("Enter a whole number."))
            return None
        return int(value)

    def day(self, column: str) -> date | None:
        raw = self.data.get(column, "").strip()
        if not raw:
            return None
        try:
            return date.fromisoformat(raw[:10])
        except ValueError:
            self.error(column, _("%(value)s is not a date (YYYY-MM-DD).") % {"value": raw})
            return None

    def model_errors(self, exc: ValidationError, columns: dict[str, str]) -> None:
        for name, messages in exc.message_dict.items():
            column = columns.get(name, name if name != "__all__" else "")
            for message in messages:
                self.error(column, force_str(message))

    def columns_in_error(self, since: int) -> set[str]:
        return {e.column for e in self.errors[since:] if e.row == self.row_no}

    def full_clean(
        self,
        instance: Any,
        since: int,
        columns: dict[str, str],
        exclude: Iterable[str] = (),
        validate_constraints: bool = True,
    ) -> None:
        """The model's validation (``werkpad.validation``: the same as forms and API), reported
        per column, skipping fields whose column already has an error in this row."""
        to_field = {column: name for name, column in columns.items()}
        errored = {to_field.get(c, c) for c in self.columns_in_error(since)}
        try:
            # Uniqueness (references, natural keys) is checked for the whole file at once by
            # ``imports.plan``, not with a query per row.
            instance.full_clean(
                exclude=[*exclude, *errored],
                validate_unique=False,
                validate_constraints=validate_constraints,
            )
        except ValidationError as exc:
            self.model_errors(exc, columns)


# Fields whose model validation would query the database once per row: the references of
# the file are looked up in bulk (``imports.Lookups``) and keys matched by ``imports.plan``.
NO_QUERY = ("public_id",)


def validate(
    what: str,
    rows: list[dict[str, str]],
    header: Sequence[str],
    *,
    lookups: Lookups | None = None,
) -> ParsedTable:
    """Check every row; keys (reference, natural key) are matched by ``imports.plan``."""
    if lookups is None:
        from .imports import Lookups

        lookups = Lookups(what, rows)
    table = ParsedTable(what=what, rows=rows)
    expected = [name for name, _doc in COLUMNS[what]]
    required = {"employers": ("name",), "vacancies": ("employer", "title")}[what]
    missing = [c for c in required if c not in header]
    if missing:
        for column in missing:
            table.errors.append(RowError(1, column, _("The column is missing in the header.")))
        return table
    unknown = [h for h in header if h and h not in expected]
    for column in unknown:
        table.errors.append(RowError(1, column, _("Unknown column.")))
    check = _employer_row if what == "employers" else _vacancy_row
    for offset, data in enumerate(rows):
        if not data:
            continue
        row = _Row(offset + 2, data, table.errors, lookups)
        obj = check(row)
        if obj is not None:
            table.objects.append(obj)
            table.numbers.append(row.row_no)
    if not table.objects and not table.errors:
        table.errors.append(RowError(2, "", _("The file has no data rows.")))
    return table


@dataclass
class EmployerRow:
    name: str
    employer: Employer
    location: EmployerLocation | None


def _employer_row(row: _Row) -> EmployerRow | None:
    before = len(row.errors)
    name = row.text("name", required=True)
    problem = employer_name_error(name) if name else None
    if problem:
        row.error("name", problem)
    manager = None
    username = row.text("account_manager")
    if username:
        manager = row.lookups.coach(username)
        if manager is None:
            row.error("account_manager", _("No coach with user name %(u)s.") % {"u": username})
    employer = Employer(
        kind=row.choice("kind", EmployerKind),
        sector=row.choice("sector", Sector),
        size_band=row.choice("size_band", SizeBand, default=""),
        experience_with_status_holders=row.boolean(
            "experience_with_status_holders", allow_unknown=True
        ),
        contact_name=row.text("contact_name", required=True),
        contact_email=row.text("contact_email"),
        contact_phone=row.text("contact_phone", max_length=30),
        account_manager=manager,
        notes=row.text("notes", max_length=5000),
    )
    # No per-row queries: uniqueness and references are checked for the whole file at once
    # (``imports.Lookups`` and ``imports.plan``).
    row.full_clean(employer, before, {}, exclude=[*NO_QUERY, "organisation"])
    location = None
    address = row.text("location_address")
    lat = row.number("location_latitude")
    lon = row.number("location_longitude")
    postcode = row.text("location_postcode", max_length=7).replace(" ", "").upper()
    if address:
        location = EmployerLocation(
            address=address,
            postcode=postcode,
            city=row.text("location_city", max_length=100),
            latitude=float(lat) if lat is not None else None,
            longitude=float(lon) if lon is not None else None,
        )
        row.full_clean(
            location,
            before,
            {
                "address": "location_address",
                "city": "location_city",
                "latitude": "location_latitude",
                "longitude": "location_longitude",
                "postcode": "location_postcode",
                "__all__": "location_latitude",
            },
            exclude=[*NO_QUERY, "employer"],
        )
    elif any(row.data.get(c) for c in ("location_postcode", "location_city")):
        row.error("location_address", _("Give the address of the location."))
    if len(row.errors) > before:
        return None
    return EmployerRow(name=name, employer=employer, location=location)


# Model fields whose import column has another name.
VACANCY_FIELD_COLUMNS = {"roster_mask": "roster", "required_certificates": "certificates"}


def _default(value: int | None, default: int) -> int:
    """An empty (or unreadable, already reported) whole number as ``default``; 0 stays 0."""
    return default if value is None else value


def _vacancy_row(row: _Row) -> Vacancy | None:
    before = len(row.errors)
    employer = None
    employer_name = row.text("employer", required=True)
    if employer_name:
        employer = row.lookups.employer(employer_name)
        if employer is None:
            row.error("employer", _("No employer named %(name)s.") % {"name": employer_name})
    roster_mask = 0
    for code in row.data.get("roster", "").replace(";", " ").replace(",", " ").split():
        slot = _SLOT_CODES.get(code.strip().lower())
        if slot is None:
            row.error("roster", _("%(value)s is not a dagdeel code.") % {"value": code})
        else:
            roster_mask |= schedule.bit(*slot)
    flexible = row.boolean("roster_flexible")
    if not roster_mask and not flexible:
        row.error("roster", _("Give the dagdelen of the roster, or mark it flexible."))
    certificates = []
    for item in row.data.get("certificates", "").split(";"):
        if not item.strip():
            continue
        kind, _sep, detail = item.partition(":")
        kind = kind.strip().lower()
        if kind not in CertificateKind.values:
            row.error("certificates", _("%(value)s is not a certificate code.") % {"value": kind})
        else:
            certificates.append({"kind": kind, "detail": detail.strip()})
    vacancy = Vacancy(
        employer=employer,
        title=row.text("title", required=True),
        occupation=row.text("occupation", required=True),
        sector=row.choice("sector", Sector, default=employer.sector if employer else ""),
        hours_per_week=row.number("hours_per_week", required=True),
        roster_mask=roster_mask,
        roster_flexible=bool(flexible),
        contract_kind=row.choice("contract_kind", ContractKind),
        contract_months=row.whole("contract_months"),
        wage_hourly=row.number("wage_hourly"),
        dutch_level=row.choice("dutch_level", RequiredDutch, default="A0").upper(),
        required_certificates=certificates,
        language_rich=bool(row.boolean("language_rich")),
        twv_willing=bool(row.boolean("twv_willing")),
        self_development=row.choice("self_development", SelfDevelopmentCategory),
        places=_default(row.whole("places"), 1),
        group_possible=bool(row.boolean("group_possible")),
        start_date=row.day("start_date"),
        status=row.choice("status", VacancyStatus, default=VacancyStatus.OPEN),
        description=row.text("description", max_length=5000),
    )
    # Every problem of the row at once: the model's validation also runs when a column already
    # failed to parse (that field is left out).
    # The check constraint (places >= 1) is a field rule too; validating constraints would query.
    row.full_clean(
        vacancy,
        before,
        VACANCY_FIELD_COLUMNS,
        exclude=[*NO_QUERY, "created_by", "location", "employer"],
        validate_constraints=False,
    )
    if len(row.errors) > before:
        return None
    return vacancy


# --- writing --------------------------------------------------------------------------------------


def employer_rows(employers: Iterable[Employer], *, internal: bool = True) -> Iterator[list[str]]:
    """Rows of the employers export. ``internal=False`` (an employer contact's own export) leaves
    out the coaches' notes and the account manager's user name."""
    for e in employers:
        loc = next(iter(e.locations.all()), None)  # the first; prefetched by the caller
        yield [
            str(e.public_id),
            e.name,
            e.kind,
            e.sector,
            e.size_band,
            _bool_text(e.experience_with_status_holders),
            e.contact_name,
            e.contact_email,
            e.contact_phone,
            e.account_manager.username if internal and e.account_manager else "",
            e.notes if internal else "",
            loc.address if loc else "",
            loc.postcode if loc else "",
            loc.city if loc else "",
            _text(loc.latitude) if loc else "",
            _text(loc.longitude) if loc else "",
        ]


def vacancy_rows(vacancies: Iterable[Vacancy]) -> Iterator[list[str]]:
    for v in vacancies:
        yield [
            str(v.public_id),
            v.employer.name,
            v.title,
            v.occupation,
            v.sector,
            _text(v.hours_per_week),
            " ".join(schedule.code(d, p) for d, p in schedule.slots_of(v.roster_mask)),
            _bool_text(v.roster_flexible),
            v.contract_kind,
            _text(v.contract_months),
            _text(v.wage_hourly),
            v.dutch_level,
            ";".join(
                f"{c['kind']}:{c['detail']}" if c.get("detail") else c["kind"]
                for c in v.required_certificates or []
            ),
            _bool_text(v.language_rich),
            _bool_text(v.twv_willing),
            v.self_development,
            str(v.places),
            _bool_text(v.group_possible),
            v.start_date.isoformat() if v.start_date else "",
            v.status,
            v.description,
        ]


def _bool_text(value: bool | None) -> str:
    if value is None:
        return ""
    return "yes" if value else "no"


def _text(value: object) -> str:
    return "" if value is None else str(value)


def to_csv(header: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_safe_cell(c) for c in row])
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(title: str, header: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append(list(header))
    for row in rows:
        sheet.append([_safe_cell(c) for c in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


FORMULA_START = "=+-@\t\r"


def _safe_cell(value: str) -> str:
    """Neutralise spreadsheet formulas (CSV injection) in free text with a leading ``'``.

    Text that already starts with ``'`` gets one more, so that ``imports.unescape`` gives back
    exactly what was exported."""
    if value and value[0] in FORMULA_START + "'" and not _is_number(value):
        return "'" + value
    return value


def _is_number(value: str) -> bool:
    try:
        Decimal(value)
    except InvalidOperation:
        return False
    return True
