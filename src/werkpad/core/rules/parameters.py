"""Dated, sourced rule parameters, read from TOML files.

Every number the rules use is a *parameter version*: a value with the dates it is valid (both ends
inclusive; an open end means "until further notice"), its source (report and section, or law) and its
unit. A value the reports do not give is stored as the string ``"unknown"`` and resolves to ``None``;
rules that need it then answer "unknown" instead of guessing.

The package ships ``data/parameters.toml``, which also *declares* every key (its ``type`` and ``unit``).
The operator may pass a file of their own (setting ``WERKPAD_RULES_FILE``) with the same layout: it can
add versions for known keys (e.g. the statutory minimum wage from a date) and override package
versions — on the dates an operator version covers, it takes precedence. Unknown keys, malformed
values, impossible dates and overlapping versions are refused at load time with a
:class:`RulesFileError` whose message starts with the key and names the problem.

File layout::

    [[param]]
    key = "reba.keep_cap_monthly"
    value = 273                      # or "unknown"; decimals as 0.25 or "52/12"
    valid_from = 2026-01-01          # a TOML date or a "YYYY-MM-DD" string
    valid_until = 2026-12-31         # optional, inclusive
    source = "[003] §2.3.3 (COA 2025)"
    source_date = 2026-04-13         # optional: the date of the source (report, law, regulation)
    type = "money"                   # package file only (operator files may repeat it)
    unit = "EUR/month"               # package file only (operator files may repeat it)
    note = "free text"               # optional

The package file may leave ``valid_from`` out: the value is then in force "since before the
source" (open start), and the date shown as the rule's version is ``source_date``, the date of the
report it comes from. Operator files always give
``valid_from``: an operator version is the law from that date (announced versions included).
"""

from __future__ import annotations

import bisect
import itertools
import re
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

__all__ = [
    "UNKNOWN",
    "ParamKind",
    "ParameterDefinition",
    "ParameterSet",
    "ParameterValue",
    "ParameterVersion",
    "ResolvedParameters",
    "RulesFileError",
    "load_parameters",
    "parameters_from_text",
    "parse_parameters",
]

UNKNOWN = "unknown"
PACKAGE_ORIGIN = "package"
NO_VERSION = "none"

ParameterValue = int | Decimal | bool | tuple[str, ...]
T = TypeVar("T")

_KEY_RE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_RATIO_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*/\s*(\d+(?:\.\d+)?)\s*$")
_FIELDS = frozenset(
    {"key", "value", "valid_from", "valid_until", "source", "source_date", "unit", "type", "note"}
)
_CACHE_LIMIT = 4096


class RulesFileError(ValueError):
    """A rules file that cannot be used; the message starts with the key (or file) at fault."""


class ParamKind(StrEnum):
    INT = "int"  # a whole number >= 0 (years, months, weeks, km)
    DECIMAL = "decimal"  # a number >= 0 (hours, ratios such as 52/12)
    MONEY = "money"  # an amount in euros >= 0
    SHARE = "share"  # a fraction between 0 and 1
    BOOL = "bool"  # true / false (does a rule apply on this date?)
    SECTORS = "sectors"  # a list of sector codes


@dataclass(frozen=True, slots=True)
class ParameterDefinition:
    key: str
    kind: ParamKind
    unit: str


@dataclass(frozen=True, slots=True)
class ParameterVersion:
    """One value of a parameter, valid from ``valid_from`` up to and including ``valid_until``.

    ``value is None`` means unknown. ``valid_from is None`` is an open start ("since before the
    source", package versions only), or the placeholder returned when no version is in force on the
    date asked (``origin == "none"``, ``value`` ``None``). ``source_date`` is the date of the source.
    """

    key: str
    value: ParameterValue | None
    valid_from: date | None
    valid_until: date | None
    source: str
    unit: str
    origin: str = PACKAGE_ORIGIN
    note: str = ""
    source_date: date | None = None

    @property
    def known(self) -> bool:
        return self.value is not None

    @property
    def version_date(self) -> date | None:
        """The date shown as this version's date: from when it applies, else its source's date."""
        return self.valid_from if self.valid_from is not None else self.source_date

    def covers(self, day: date) -> bool:
        if self.origin == NO_VERSION:
            return False
        if self.valid_from is not None and day < self.valid_from:
            return False
        return self.valid_until is None or day <= self.valid_until


class ResolvedParameters:
    """The parameter versions in force on one date, with typed accessors (``None`` = unknown)."""

    __slots__ = ("_definitions", "_versions", "on")

    def __init__(
        self,
        on: date,
        versions: Mapping[str, ParameterVersion],
        definitions: Mapping[str, ParameterDefinition],
    ) -> None:
        self.on = on
        self._versions = dict(versions)
        self._definitions = definitions

    def __getitem__(self, key: str) -> ParameterVersion:
        return self._versions[key]

    def __contains__(self, key: object) -> bool:
        return key in self._versions

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys())

    def keys(self) -> tuple[str, ...]:
        return tuple(sorted(self._versions))

    def _typed(self, key: str, kinds: tuple[ParamKind, ...]) -> ParameterValue | None:
        kind = self._definitions[key].kind
        if kind not in kinds:
            raise TypeError(f"{key} is a {kind} parameter")
        return self._versions[key].value

    def integer(self, key: str) -> int | None:
        value = self._typed(key, (ParamKind.INT,))
        assert value is None or type(value) is int
        return value

    def number(self, key: str) -> Decimal | None:
        value = self._typed(key, (ParamKind.DECIMAL, ParamKind.MONEY, ParamKind.SHARE))
        assert value is None or isinstance(value, Decimal)
        return value

    def flag(self, key: str) -> bool | None:
        value = self._typed(key, (ParamKind.BOOL,))
        assert value is None or isinstance(value, bool)
        return value

    def sectors(self, key: str) -> tuple[str, ...] | None:
        value = self._typed(key, (ParamKind.SECTORS,))
        assert value is None or isinstance(value, tuple)
        return value


class ParameterSet:
    """All known parameters with their versions: package versions plus the operator's.

    Resolution by date is cached per set (:meth:`resolve`), and the rule modules keep their compiled
    per-date context in :meth:`cached`, so evaluating many people on one date resolves once.
    """

    def __init__(
        self,
        definitions: Mapping[str, ParameterDefinition],
        package: Mapping[str, Iterable[ParameterVersion]],
        operator: Mapping[str, Iterable[ParameterVersion]] | None = None,
    ) -> None:
        self._definitions = dict(definitions)
        operator = operator or {}
        self._package = {key: _sorted(package.get(key, ())) for key in self._definitions}
        self._operator = {key: _sorted(operator.get(key, ())) for key in self._definitions}
        self._cache: dict[tuple[str, date], Any] = {}
        self._changes: dict[str, tuple[date, ...]] = {}
        self._all_changes: tuple[date, ...] | None = None

    @property
    def definitions(self) -> Mapping[str, ParameterDefinition]:
        return self._definitions

    def keys(self) -> tuple[str, ...]:
        return tuple(sorted(self._definitions))

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys())

    def versions(self, key: str) -> tuple[ParameterVersion, ...]:
        """Operator versions first, then package versions, each by ``valid_from``."""
        return self._operator[key] + self._package[key]

    def at(self, key: str, on: date) -> ParameterVersion:
        """The version in force on ``on``: an operator version if one covers the date."""
        for version in self.versions(key):
            if version.covers(on):
                return version
        return ParameterVersion(
            key=key,
            value=None,
            valid_from=None,
            valid_until=None,
            source=f"no version in force on {on.isoformat()}",
            unit=self._definitions[key].unit,
            origin=NO_VERSION,
        )

    def boundaries(self, key: str, after: date) -> tuple[date, ...]:
        """The days after ``after`` on which the version of ``key`` in force may change."""
        changes = self._changes.get(key)
        if changes is None:
            changes = self._changes[key] = _change_days(self.versions(key))
        return changes[bisect.bisect_right(changes, after) :]

    def period_start(self, on: date) -> date:
        """The first day of the period around ``on`` in which no parameter changes version: every
        day of it resolves to the same versions."""
        if self._all_changes is None:
            self._all_changes = _change_days(
                version for key in self._definitions for version in self.versions(key)
            )
        index = bisect.bisect_right(self._all_changes, on)
        return self._all_changes[index - 1] if index else date.min

    def resolve(self, on: date) -> ResolvedParameters:
        return self.cached("resolve", on, self._resolve)

    def _resolve(self, on: date) -> ResolvedParameters:
        return ResolvedParameters(
            on, {key: self.at(key, on) for key in self._definitions}, self._definitions
        )

    def cached(self, namespace: str, on: date, build: Callable[[date], T]) -> T:
        """``build(on)``, computed once per (namespace, date) for this parameter set."""
        slot = (namespace, on)
        try:
            result: T = self._cache[slot]
        except KeyError:
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            result = self._cache[slot] = build(on)
        return result


def _change_days(versions: Iterable[ParameterVersion]) -> tuple[date, ...]:
    days: set[date] = set()
    for version in versions:
        if version.valid_from is not None:
            days.add(version.valid_from)
        if version.valid_until is not None and version.valid_until < date.max:
            days.add(version.valid_until + timedelta(days=1))
    return tuple(sorted(days))


def _sorted(versions: Iterable[ParameterVersion]) -> tuple[ParameterVersion, ...]:
    return tuple(sorted(versions, key=lambda v: v.valid_from or date.min))


# --- loading -------------------------------------------------------------------------------------


def load_parameters(extra_path: Path | None = None) -> ParameterSet:
    """The package parameters, plus the operator's file at ``extra_path`` if given.

    Raises :class:`RulesFileError` for an unreadable or invalid operator file.
    """
    if extra_path is None:
        return parameters_from_text(None)
    try:
        text = Path(extra_path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RulesFileError(f"{extra_path}: cannot be read ({exc})") from exc
    return parameters_from_text(text, origin=str(extra_path))


def parameters_from_text(extra_text: str | None, *, origin: str = "operator") -> ParameterSet:
    """Like :func:`load_parameters`, with the operator's rules given as TOML text."""
    definitions, package = _package_parameters()
    operator: dict[str, tuple[ParameterVersion, ...]] = {}
    if extra_text is not None:
        _, operator = parse_parameters(extra_text, origin=origin, definitions=definitions)
    return ParameterSet(definitions, package, operator)


_PACKAGE_CACHE: list[
    tuple[dict[str, ParameterDefinition], dict[str, tuple[ParameterVersion, ...]]]
] = []


def _package_parameters() -> tuple[
    dict[str, ParameterDefinition], dict[str, tuple[ParameterVersion, ...]]
]:
    if not _PACKAGE_CACHE:
        text = (
            resources.files("werkpad.core.rules")
            .joinpath("data/parameters.toml")
            .read_text(encoding="utf-8")
        )
        _PACKAGE_CACHE.append(parse_parameters(text, origin=PACKAGE_ORIGIN))
    return _PACKAGE_CACHE[0]


def parse_parameters(
    text: str,
    *,
    origin: str,
    definitions: Mapping[str, ParameterDefinition] | None = None,
) -> tuple[dict[str, ParameterDefinition], dict[str, tuple[ParameterVersion, ...]]]:
    """Parse and validate one parameters file.

    Without ``definitions`` the file declares its keys (every entry needs ``type`` and ``unit``: the
    package file). With ``definitions`` (an operator file) only those keys are allowed, and a ``type``
    or ``unit`` given must agree with the declaration. Returns the definitions and the versions by key.
    """
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise RulesFileError(f"{origin}: not valid TOML: {exc}") from exc
    extra = sorted(set(data) - {"param"})
    if extra:
        raise RulesFileError(f"{origin}: unknown top-level entry {extra[0]!r} (expected [[param]])")
    entries = data.get("param", [])
    if not isinstance(entries, list):
        raise RulesFileError(f"{origin}: 'param' must be an array of tables ([[param]])")

    declaring = definitions is None
    found: dict[str, ParameterDefinition] = {} if declaring else dict(definitions or {})
    versions: dict[str, list[ParameterVersion]] = {}
    for number, entry in enumerate(entries, start=1):
        version, definition = _parse_entry(entry, number, origin, found, declaring)
        found[version.key] = definition
        versions.setdefault(version.key, []).append(version)

    result = {key: _sorted(found_versions) for key, found_versions in versions.items()}
    for key, key_versions in result.items():
        _check_overlap(key, key_versions)
    if declaring:
        # A declared key always has at least one version, so definitions and versions agree.
        return found, result
    return dict(definitions or {}), result


def _parse_entry(
    entry: object,
    number: int,
    origin: str,
    definitions: Mapping[str, ParameterDefinition],
    declaring: bool,
) -> tuple[ParameterVersion, ParameterDefinition]:
    if not isinstance(entry, dict):
        raise RulesFileError(f"{origin}: param entry {number} is not a table")
    key = entry.get("key")
    if not isinstance(key, str) or not _KEY_RE.match(key):
        raise RulesFileError(f"{origin}: param entry {number}: key {key!r} is missing or malformed")
    unknown_fields = sorted(set(entry) - _FIELDS)
    if unknown_fields:
        raise RulesFileError(f"{key}: unknown field {unknown_fields[0]!r}")
    for required in ("value", "source") if declaring else ("value", "valid_from", "source"):
        if required not in entry:
            raise RulesFileError(f"{key}: {required} is missing")

    definition = _definition(key, entry, definitions, declaring)
    valid_from = _date(key, "valid_from", entry["valid_from"]) if "valid_from" in entry else None
    source_date = (
        _date(key, "source_date", entry["source_date"]) if "source_date" in entry else None
    )
    valid_until = None
    if "valid_until" in entry:
        valid_until = _date(key, "valid_until", entry["valid_until"])
        if valid_from is not None and valid_until < valid_from:
            raise RulesFileError(
                f"{key}: valid_until {valid_until.isoformat()} is before valid_from "
                f"{valid_from.isoformat()}"
            )
    source = entry["source"]
    if not isinstance(source, str) or not source.strip():
        raise RulesFileError(f"{key}: source must be a non-empty text")
    note = entry.get("note", "")
    if not isinstance(note, str):
        raise RulesFileError(f"{key}: note must be a text")
    value = _value(key, definition.kind, entry["value"])
    version = ParameterVersion(
        key=key,
        value=value,
        valid_from=valid_from,
        valid_until=valid_until,
        source=source.strip(),
        unit=definition.unit,
        origin=origin,
        note=note,
        source_date=source_date,
    )
    return version, definition


def _definition(
    key: str,
    entry: Mapping[str, object],
    definitions: Mapping[str, ParameterDefinition],
    declaring: bool,
) -> ParameterDefinition:
    raw_kind = entry.get("type")
    raw_unit = entry.get("unit")
    if raw_kind is not None and raw_kind not in set(ParamKind):
        kinds = ", ".join(kind.value for kind in ParamKind)
        raise RulesFileError(f"{key}: type {raw_kind!r} is not one of {kinds}")
    if raw_unit is not None and (not isinstance(raw_unit, str) or not raw_unit.strip()):
        raise RulesFileError(f"{key}: unit must be a non-empty text")
    known = definitions.get(key)
    if known is None:
        if not declaring:
            raise RulesFileError(f"{key}: unknown key (not a parameter Werkpad knows)")
        if raw_kind is None or raw_unit is None:
            raise RulesFileError(f"{key}: type and unit are required where a key is declared")
        assert isinstance(raw_unit, str) and isinstance(raw_kind, str)
        return ParameterDefinition(key, ParamKind(raw_kind), raw_unit.strip())
    if raw_kind is not None and raw_kind != known.kind:
        raise RulesFileError(
            f"{key}: type {raw_kind!r} differs from the declared {known.kind.value!r}"
        )
    if raw_unit is not None and str(raw_unit).strip() != known.unit:
        raise RulesFileError(f"{key}: unit {raw_unit!r} differs from the declared {known.unit!r}")
    return known


def _date(key: str, field: str, raw: object) -> date:
    if isinstance(raw, datetime):
        raise RulesFileError(f"{key}: {field} {raw.isoformat()} is a date-time, not a date")
    if isinstance(raw, date):
        return raw
    if isinstance(raw, str) and _DATE_RE.match(raw):
        try:
            return date.fromisoformat(raw)
        except ValueError:
            pass
    raise RulesFileError(f"{key}: {field} {raw} is not a date")


def _value(key: str, kind: ParamKind, raw: object) -> ParameterValue | None:
    if raw == UNKNOWN:
        return None
    if kind is ParamKind.BOOL:
        if not isinstance(raw, bool):
            raise RulesFileError(f'{key}: value {raw!r} is not true, false or "unknown"')
        return raw
    if kind is ParamKind.SECTORS:
        if not isinstance(raw, list) or not all(isinstance(s, str) and s.strip() for s in raw):
            raise RulesFileError(f"{key}: value {raw!r} is not a list of sector names")
        return tuple(sorted({s.strip().lower() for s in raw}))
    if kind is ParamKind.INT:
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise RulesFileError(f"{key}: value {raw!r} is not a whole number")
        if raw < 0:
            raise RulesFileError(f"{key}: value {raw} is negative")
        return raw
    number = _number(key, raw)
    if number < 0:
        raise RulesFileError(f"{key}: value {raw} is negative")
    if kind is ParamKind.SHARE and number > 1:
        raise RulesFileError(f"{key}: value {raw} is not a share between 0 and 1")
    return number


def _number(key: str, raw: object) -> Decimal:
    if isinstance(raw, bool):
        raise RulesFileError(f"{key}: value {raw!r} is not a number")
    if isinstance(raw, int | Decimal):
        number = Decimal(raw)
    elif isinstance(raw, str):
        ratio = _RATIO_RE.match(raw)
        try:
            if ratio:
                number = Decimal(ratio.group(1)) / Decimal(ratio.group(2))
            else:
                number = Decimal(raw.strip())
        except (InvalidOperation, ArithmeticError):
            raise RulesFileError(f"{key}: value {raw!r} is not a number") from None
    else:
        raise RulesFileError(f"{key}: value {raw!r} is not a number")
    if not number.is_finite():
        raise RulesFileError(f"{key}: value {raw!r} is not a finite number")
    return number


def _check_overlap(key: str, versions: tuple[ParameterVersion, ...]) -> None:
    for earlier, later in itertools.pairwise(versions):
        if (
            earlier.valid_until is None
            or later.valid_from is None
            or earlier.valid_until >= later.valid_from
        ):
            raise RulesFileError(
                f"{key}: the versions valid from {_since(earlier)} and {_since(later)} overlap"
            )


def _since(version: ParameterVersion) -> str:
    return "the start" if version.valid_from is None else version.valid_from.isoformat()
