"""The startbaan report of seed [003], Bijlage 1 (Tabel 1-9), at any peildatum, as pure values.

Input is one :class:`Person` per enrolment (participant in the programme) with its dated records;
output is one :class:`ReportCell` per published cell, in the layout of the CSV export
``tabel,kolom,variabele,categorie,n,pct``. Who is counted at peildatum ``P``: every enrolment with
its instroom date on or before ``P``. Each table counts each person once per variable and column;
Tabel 6 and 7 count each placed person's first startbaan (the report's "banen", n = 269).

The status at ``P`` (Tabel 2) is :func:`werkpad.core.pathway.status_on` over the person's history:
an imported registry's ``status_peildatum`` is a status change dated at the registry's peildatum,
so earlier dates show what the dated records prove and "onbekend" otherwise.

Where the registry keeps apart what the report merges (Tabel 9: uitval and einde; "inburgering
afgerond" inside "andere reden") both are given: ``kolom`` ``uitval`` and ``einde`` per reason, and
``rapport`` with the report's merge. :data:`REPORT_DEVIATIONS` lists the cells where the report's
own figures cannot all hold, with the report's figure and the reason, for pages and exports to show
beside Werkpad's figure.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeVar

from werkpad.core.pathway import Change, History, Period, Status, status_on

from .indicators import UNKNOWN, Frequency, frequency, publish

__all__ = [
    "CSV_HEADER",
    "REGISTRY_STATUS",
    "REPORT_DEVIATIONS",
    "Deviation",
    "Ending",
    "Job",
    "OnHold",
    "Person",
    "Pretrajectory",
    "ReportCell",
    "Tally",
    "cells",
    "history_of",
    "report",
    "tally_of",
]

CSV_HEADER = ("tabel", "kolom", "variabele", "categorie", "n", "pct")

# The registry's status codes and the pipeline's statuses (core.pathway).
REGISTRY_STATUS: dict[str, Status] = {
    "onbekend": Status.UNKNOWN,
    "nog_voortraject_nodig": Status.NEEDS_PRETRAJECTORY,
    "bezig_met_voortraject": Status.IN_PRETRAJECTORY,
    "in_bemiddeling": Status.MEDIATION,
    "startbaan": Status.STARTBAAN,
    "on_hold": Status.ON_HOLD,
    "uitval": Status.DROPOUT,
    "einde": Status.ENDED,
}
_STATUS_CODE = {status: code for code, status in REGISTRY_STATUS.items()}


@dataclass(frozen=True, slots=True)
class Pretrajectory:
    start: date
    end: date | None
    completed: bool | None
    kind: str  # standaard / maatwerk / combinatie / ""
    type: str  # vrijwilligerswerk / onbetaalde_werkstage / anders
    weeks: int | None


@dataclass(frozen=True, slots=True)
class Job:
    """A startbaan with what Tabel 6 and 7 describe of it (employer fields included)."""

    number: int
    start: date
    end: date | None
    attrs: dict[str, str] = field(default_factory=dict)  # registry columns, "" = unknown


@dataclass(frozen=True, slots=True)
class OnHold:
    start: date
    end: date | None
    reason: str


@dataclass(frozen=True, slots=True)
class Ending:
    on: date
    kind: str  # uitval / einde
    reason: str


@dataclass(frozen=True, slots=True)
class Person:
    """One enrolment as the report sees it: no name, no number."""

    intake: date
    attrs: dict[str, str]  # deelnemers.csv columns ("" = unknown)
    changes: tuple[Change, ...] = ()
    pretrajectories: tuple[Pretrajectory, ...] = ()
    jobs: tuple[Job, ...] = ()
    on_hold: tuple[OnHold, ...] = ()
    endings: tuple[Ending, ...] = ()


@dataclass(frozen=True, slots=True)
class ReportCell:
    tabel: int
    kolom: str
    variabele: str
    categorie: str
    n: int
    shown: bool
    small: bool
    pct: Decimal | None
    base: int

    def csv_row(self, small_label: str, hidden_label: str) -> tuple[str, ...]:
        n = str(self.n) if self.shown else small_label if self.small else hidden_label
        pct = "" if self.pct is None else str(self.pct)
        return (str(self.tabel), self.kolom, self.variabele, self.categorie, n, pct)


@dataclass(frozen=True, slots=True)
class Deviation:
    tabel: int
    kolom: str
    variabele: str
    categorie: str
    report_n: int | None
    report_pct: str | None
    reason: str


REPORT_DEVIATIONS: tuple[Deviation, ...] = (
    Deviation(
        1,
        "alle",
        "geboortedatum",
        "25-44",
        None,
        "64.3",
        "The report's age groups add up to 100.6 %.",
    ),
    Deviation(
        1,
        "alle",
        "opleiding",
        "primair_middelbaar",
        None,
        "46.3",
        "Rounded shares of 607 cannot all be met at once.",
    ),
    Deviation(
        1,
        "alle",
        "taalniveau_instroom",
        "A0",
        None,
        "54.0",
        "Rounded shares of 607 cannot all be met at once.",
    ),
    Deviation(
        1,
        "alle",
        "inburgeringsroute",
        "overig",
        None,
        None,
        "The report's route shares add up to 97.2 %; the rest is 'overig' here.",
    ),
    Deviation(
        1,
        "alle",
        "uitkering",
        "overig",
        None,
        None,
        "The report's benefit shares add up to 98.5 %; the rest is 'overig' here.",
    ),
    Deviation(
        4,
        "alle",
        "startbaan",
        "nee",
        335,
        "55.2",
        "The registry records no 'unknown' for placement: the report's 3 'onbekend' are "
        "counted under 'nee'.",
    ),
    Deviation(
        4,
        "alle",
        "startbaan",
        UNKNOWN,
        3,
        "0.5",
        "The registry records no 'unknown' for placement.",
    ),
    Deviation(
        4,
        "alle",
        "aantal_startbanen",
        "1",
        269,
        "39.9",
        "The report gives 269 (everyone placed) with 39.9 %; 239 have exactly one.",
    ),
    Deviation(
        5,
        "werkend",
        "inburgering_startdatum",
        "2018-2021",
        None,
        "2.6",
        "Contradicts Tabel 1 (0.0 % of all); the registry keeps Tabel 1.",
    ),
    Deviation(
        6,
        "alle",
        "soort",
        "anders",
        6,
        "2.2",
        "The report's 'soort startbaan' adds up to 272 of 269.",
    ),
    Deviation(
        9,
        "rapport",
        "reden",
        "anders",
        44,
        "7.25",
        "The report counts the 15 who ended because inburgering was complete under "
        "'andere reden'; kolom 'alle' keeps them apart.",
    ),
)


def history_of(person: Person) -> History:
    """The person's status history with the dated records as evidence (core.pathway)."""
    ending: Change | None = None
    if person.endings:
        first = min(person.endings, key=lambda e: e.on)
        status = Status.DROPOUT if first.kind == "uitval" else Status.ENDED
        ending = Change(first.on, status)
    return History.build(
        person.intake,
        person.changes,
        pretrajectories=tuple(Period(p.start, p.end) for p in person.pretrajectories),
        placements=tuple(Period(j.start, j.end) for j in person.jobs),
        on_hold=tuple(Period(h.start, h.end) for h in person.on_hold),
        ending=ending,
    )


# --- bands -------------------------------------------------------------------------------------


def _d(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _age_band(birth: str, on: date) -> str:
    b = _d(birth)
    if b is None:
        return UNKNOWN
    age = on.year - b.year - ((on.month, on.day) < (b.month, b.day))
    if age < 25:
        return "0-24"
    if age < 45:
        return "25-44"
    if age < 65:
        return "45-64"
    return "65+"


def _year_band(value: str) -> str:
    d = _d(value)
    if d is None:
        return UNKNOWN
    if d.year < 2018:
        return "<2018"
    return "2018-2021" if d.year <= 2021 else ">=2022"


def _children_band(value: str) -> str:
    if not value.isdigit():
        return UNKNOWN
    n = int(value)
    return ">3" if n > 3 else str(n)


def _hours_band(value: str) -> str:
    try:
        h = Decimal(value)
    except ArithmeticError:
        return UNKNOWN
    if h <= 16:
        return "0-16"
    if h <= 24:
        return "17-24"
    if h <= 32:
        return "25-32"
    return "33-40" if h <= 40 else "41+"


def _months_band(value: str) -> str:
    if not value.isdigit():
        return UNKNOWN
    m = int(value)
    if m <= 6:
        return "1-6"
    if m <= 12:
        return "7-12"
    return "13-24" if m <= 24 else "25+"


def _weeks_band(days: int) -> str:
    if days < 30:
        return "<30"
    if days < 60:
        return "30-59"
    return "60-89" if days < 90 else ">=90"


_YN = ("ja", "nee")

# Tabel 1 and 5: (variable, derived band or None, categories).
_PROFILE: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("geslacht", "", ("man", "vrouw", "overig")),
    ("geboortedatum", "age", ("0-24", "25-44", "45-64", "65+")),
    ("opleiding", "", ("geen", "primair_middelbaar", "beroeps", "theoretisch")),
    ("datum_verblijfsvergunning", "year", ("<2018", "2018-2021", ">=2022")),
    ("baan_bij_instroom", "", ("nee", "vooruitzicht", "had_baan")),
    ("taalniveau_instroom", "", ("A0", "A1", "A2", "B1", "B2")),
    ("engels", "", ("nee", "ja")),
    (
        "gezinssituatie",
        "",
        (
            "alleen",
            "alleen_met_kinderen",
            "partner_zonder_kinderen",
            "partner_met_kinderen",
            "anders",
        ),
    ),
    ("aantal_kinderen", "children", ("0", "1", "2", "3", ">3")),
    ("verblijf", "", ("woning", "tussenopvang", "azc")),
    ("vervoer", "", ("fiets", "auto", "ov")),
    ("inburgeringsroute", "", ("B1", "Z", "onderwijs", "overig")),
    ("inburgering_status", "", ("niet_gestart", "gestart", "on_hold", "afgerond")),
    ("inburgering_startdatum", "year", ("<2018", "2018-2021", ">=2022")),
    ("uitkering", "", ("nee", "ja", "overig")),
)

_JOB: tuple[tuple[int, str, str, tuple[str, ...]], ...] = (
    (6, "soort", "", ("betaald", "betaalde_werkstage", "anders")),
    (6, "hoe_gekregen", "", ("zelf_gevonden", "bemiddeling")),
    (6, "contractduur_maanden", "months", ("1-6", "7-12", "13-24", "25+")),
    (6, "uren_type", "", ("vast", "flexibel")),
    (6, "uren_per_week", "hours", ("0-16", "17-24", "25-32", "33-40", "41+")),
    (6, "loonkostensubsidie", "", _YN),
    (6, "werkcoach", "", _YN),
    (6, "jobcoach", "", _YN),
    (6, "harrie", "", _YN),
    (
        7,
        "werkgever_soort",
        "",
        (
            "regulier",
            "gedetacheerd_vanuit_werkleerbedrijf",
            "werkleerbedrijf",
            "uitzendbureau",
            "anders",
        ),
    ),
    (
        7,
        "sector",
        "",
        (
            "logistiek",
            "horeca_catering",
            "bouw_techniek",
            "productie_industrie",
            "detailhandel",
            "schoonmaak_facilitair",
            "zorg_welzijn",
            "anders",
        ),
    ),
    (7, "omvang", "", ("<5", "5-9", "10-19", "20-49", "50-99", "100-199", "200-499", ">=500")),
    (7, "ervaring_statushouders", "", _YN),
)

_REASONS = (
    "taal_onderwijs",
    "zwangerschap",
    "medisch",
    "partner_boven_bijstandsnorm",
    "inburgering_afgerond",
    "anders",
)


def _derive(kind: str, value: str, on: date) -> str:
    if kind == "age":
        return _age_band(value, on)
    if kind == "year":
        return _year_band(value)
    if kind == "children":
        return _children_band(value)
    if kind == "hours":
        return _hours_band(value)
    if kind == "months":
        return _months_band(value)
    return value


T = TypeVar("T")


def _attr(variable: str, kind: str, on: date) -> Callable[[Person | Job], str]:
    """The value of ``variable`` of a person or job, banded by ``kind`` at ``on``."""

    def value(item: Person | Job) -> str:
        return _derive(kind, item.attrs.get(variable, ""), on)

    return value


class _Builder:
    def __init__(self, threshold: int) -> None:
        self.threshold = threshold
        self.cells: list[ReportCell] = []

    def add(self, tabel: int, kolom: str, freq: Frequency) -> None:
        for c in publish(freq, self.threshold):
            small = not c.shown and c.count < self.threshold
            self.cells.append(
                ReportCell(
                    tabel, kolom, freq.variable, c.category, c.count, c.shown, small, c.pct, c.base
                )
            )

    def count(
        self,
        tabel: int,
        kolom: str,
        variable: str,
        items: Sequence[T],
        value: Callable[[T], str | None],
        order: Sequence[str],
        *,
        unknown_row: bool = True,
    ) -> None:
        self.add(tabel, kolom, frequency(variable, items, value, order, unknown_row=unknown_row))

    def mean(
        self, tabel: int, kolom: str, variable: str, category: str, n: int, total: int
    ) -> None:
        """The mean of ``n`` values adding up to ``total`` (shown from ``threshold`` values on)."""
        if n < max(self.threshold, 1):
            self.cells.append(ReportCell(tabel, kolom, variable, category, n, False, True, None, n))
            return
        m = (Decimal(total) / Decimal(n)).quantize(Decimal("0.1"), ROUND_HALF_UP)
        # ``pct`` carries the mean for this row; ``n`` the number it is taken over.
        self.cells.append(ReportCell(tabel, kolom, variable, category, n, True, False, m, n))


def _cached(kind: str, on: date) -> Callable[[str], str]:
    """:func:`_derive` for one band and date, remembered per value (values repeat a lot)."""
    if not kind:
        return _identity
    memo: dict[str, str] = {}

    def derive(value: str) -> str:
        out = memo.get(value)
        if out is None:
            out = memo[value] = _derive(kind, value, on)
        return out

    return derive


def _identity(value: str) -> str:
    return value


def _placed(person: Person, on: date) -> list[Job]:
    return sorted((j for j in person.jobs if j.start <= on), key=lambda j: j.number)


def _freq(
    variable: str, counts: Counter[str], order: Sequence[str], *, unknown_row: bool = True
) -> Frequency:
    """A :class:`Frequency` from counted values; values outside ``order`` count as onbekend."""
    known = set(order)
    unknown = sum(n for v, n in counts.items() if v not in known or v == UNKNOWN)
    categories = tuple(order)
    if UNKNOWN not in known:
        if unknown_row:
            categories = (UNKNOWN, *categories)
        elif unknown:
            raise ValueError(f"{variable}: a value outside the categories and no unknown row")
    return Frequency(
        variable,
        categories,
        tuple(unknown if c == UNKNOWN else counts.get(c, 0) for c in categories),
    )


def _status_code(person: Person, on: date) -> str:
    changes = person.changes
    if changes and changes[0].on <= on:
        i = bisect_right(changes, on, key=lambda c: c.on)
        return _STATUS_CODE[changes[i - 1].status]
    return _STATUS_CODE[status_on(history_of(person), on) or Status.UNKNOWN]


# Breakdowns for fairness: the outcome tables (2, 4 and 9) split by these profile variables
# (gender, age band, household type, Dutch level at intake, region of origin). Tabel 9 (uitval or
# einde) too.
BREAKDOWNS: dict[str, str] = {
    "geslacht": "",
    "geboortedatum": "age",
    "gezinssituatie": "",
    "taalniveau_instroom": "",
    "regio_herkomst": "",
}


@dataclass(slots=True)
class Tally:
    """What Tabel 1-9 count at one peildatum, as counts of raw values (no bands, no suppression).

    :func:`tally_of` counts it from :class:`Person` values; a database can count the same in SQL
    (``werkpad.monitoring.aggregate``). :func:`cells` turns it into the report: the bands, the
    "onbekend" rows, the shares and the suppression are applied there only, so both ways give the
    same tables. Raw values are the registry's codes as :class:`Person` attrs hold them ("" =
    unknown).
    """

    # (deelname, working by the peildatum) -> people
    people: Counter[tuple[str, bool]] = field(default_factory=Counter)
    # Tabel 1 and 5: variable -> (deelname, working, raw value) -> people
    profile: dict[str, Counter[tuple[str, bool, str]]] = field(default_factory=dict)
    # One key per person: (status code, startbanen started capped at 4, voortraject code,
    # afgerond code, duur: days of the last completed voortraject / -1 running / -2 unknown /
    # None without voortraject, on hold by then, uitval or einde by then, the same without the
    # endings because inburgering was complete)
    persons: Counter[tuple[str, int, str, str, int | None, bool, bool, bool]] = field(
        default_factory=Counter
    )
    # Each voortraject started by the peildatum: (soort, type) -> n; weeks per type: count, sum
    pretrajectories: Counter[tuple[str, str]] = field(default_factory=Counter)
    weeks_n: Counter[str] = field(default_factory=Counter)
    weeks_sum: Counter[str] = field(default_factory=Counter)
    # Tabel 6 and 7: variable -> raw value of each placed person's first startbaan -> n
    jobs: dict[str, Counter[str]] = field(default_factory=dict)
    # Tabel 8: reason of each on-hold period started by the peildatum -> n
    hold_reasons: Counter[str] = field(default_factory=Counter)
    # Tabel 9: (uitval/einde, reason) of each ending by the peildatum -> n
    endings: Counter[tuple[str, str]] = field(default_factory=Counter)
    # Breakdowns: variable -> (raw value, status code, working, uitval or einde) -> people
    groups: dict[str, Counter[tuple[str, str, bool, bool]]] = field(default_factory=dict)


_DUUR_RUNNING = -1
_DUUR_UNKNOWN = -2


def tally_of(persons: Iterable[Person], peildatum: date, by: Sequence[str] = ()) -> Tally:
    """Count every person with instroom on or before ``peildatum`` (see :class:`Tally`)."""
    P = peildatum
    t = Tally()
    t.profile = {variable: Counter() for variable, _kind, _order in _PROFILE}
    t.jobs = {variable: Counter() for _tabel, variable, _kind, _order in _JOB}
    t.groups = {variable: Counter() for variable in by}
    for p in persons:
        if p.intake > P:
            continue
        attrs = p.attrs
        jobs = _placed(p, P)
        working = bool(jobs)
        d = attrs.get("deelname", "")
        t.people[(d, working)] += 1
        for variable, counter in t.profile.items():
            counter[(d, working, attrs.get(variable, ""))] += 1
        status = _status_code(p, P)

        started = [x for x in p.pretrajectories if x.start <= P]
        duur: int | None = None
        if started:
            started_code = "ja"
            done_ok = any(x.completed and (x.end is None or x.end <= P) for x in started)
            completed_code = "ja" if done_ok else "nee"
            done = [x for x in started if x.end is not None and x.end <= P]
            if done:
                last = done[-1]
                assert last.end is not None
                duur = (last.end - last.start).days
            elif any(x.end is None or x.end > P for x in started):
                duur = _DUUR_RUNNING
            else:
                duur = _DUUR_UNKNOWN
            for x in started:
                t.pretrajectories[(x.kind, x.type)] += 1
                if x.weeks is not None:
                    t.weeks_n[x.type] += 1
                    t.weeks_sum[x.type] += x.weeks
        else:
            started_code = "nee" if attrs.get("voortraject") == "nee" else UNKNOWN
            completed_code = UNKNOWN

        held = [h for h in p.on_hold if h.start <= P]
        for h in held:
            t.hold_reasons[h.reason] += 1
        ends = [e for e in p.endings if e.on <= P]
        for e in ends:
            t.endings[(e.kind, e.reason)] += 1
        ended = bool(ends)
        ended_rapport = any(e.reason != "inburgering_afgerond" for e in ends)
        t.persons[
            (
                status,
                min(len(jobs), 4),
                started_code,
                completed_code,
                duur,
                bool(held),
                ended,
                ended_rapport,
            )
        ] += 1
        if jobs:
            first = jobs[0]
            for variable, job_counter in t.jobs.items():
                job_counter[first.attrs.get(variable, "")] += 1
        for variable, group_counter in t.groups.items():
            group_counter[(attrs.get(variable, ""), status, working, ended)] += 1
    return t


def report(
    persons: Iterable[Person], peildatum: date, threshold: int, by: Sequence[str] = ()
) -> list[ReportCell]:
    """Every cell of Tabel 1-9 at ``peildatum`` (``threshold`` 0: no suppression).

    ``by``: profile variables of :data:`BREAKDOWNS`; Tabel 2, 4 and 9 are repeated per group of each
    (``kolom`` ``variable=group``, "onbekend" included), each group's table suppressed on its own.
    """
    return cells(tally_of(persons, peildatum, by), peildatum, threshold, by)


def _sum(counter: Counter[T], keep: Callable[[T], bool]) -> int:
    return sum(n for key, n in counter.items() if keep(key))


def cells(
    tally: Tally, peildatum: date, threshold: int, by: Sequence[str] = ()
) -> list[ReportCell]:
    """The cells of Tabel 1-9 from what was counted (:class:`Tally`): bands, "onbekend" rows,
    shares and the one suppression."""
    P = peildatum
    b = _Builder(threshold)
    t = tally

    # Tabel 1 (alle, verplicht, vrijwillig) and Tabel 5 (werkend): the profile.
    by_column: dict[str, list[Frequency]] = {"alle": [], "verplicht": [], "vrijwillig": []}
    werkend: list[Frequency] = []
    split: Counter[str] = Counter()
    for (d, _working), n in t.people.items():
        split[d] += n
    by_column["alle"].append(_freq("deelname", split, ("verplicht", "vrijwillig")))
    for kolom in ("verplicht", "vrijwillig"):
        by_column[kolom].append(
            _freq("deelname", Counter({kolom: split[kolom]}), ("verplicht", "vrijwillig"))
        )
    for variable, kind, order in _PROFILE:
        derive = _cached(kind, P)
        alle: Counter[str] = Counter()
        cols: dict[str, Counter[str]] = {"verplicht": Counter(), "vrijwillig": Counter()}
        work: Counter[str] = Counter()
        for (d, working, raw), n in t.profile.get(variable, Counter()).items():
            v = derive(raw)
            alle[v] += n
            if d in cols:
                cols[d][v] += n
            if working:
                work[v] += n
        by_column["alle"].append(_freq(variable, alle, order))
        for kolom in ("verplicht", "vrijwillig"):
            by_column[kolom].append(_freq(variable, cols[kolom], order))
        werkend.append(_freq(variable, work, order))
    for kolom, freqs in by_column.items():
        for f in freqs:
            b.add(1, kolom, f)

    # Tabel 2: status at the peildatum, from the history.
    per = t.persons
    statuses: Counter[str] = Counter()
    for key, n in per.items():
        statuses[key[0]] += n
    b.add(2, "alle", _freq("status_peildatum", statuses, tuple(REGISTRY_STATUS), unknown_row=False))

    # Tabel 3: voortrajecten started / completed, duration, kind, type, mean weeks.
    started: Counter[str] = Counter()
    completed: Counter[str] = Counter()
    duration: Counter[str] = Counter()
    for key, n in per.items():
        started_code, completed_code, duur = key[2], key[3], key[4]
        started[started_code] += n
        # As the report: completion over everyone not known to have had no voortraject.
        if started_code != "nee":
            completed[completed_code] += n
        if duur is not None:
            band = (
                "bezig"
                if duur == _DUUR_RUNNING
                else UNKNOWN
                if duur == _DUUR_UNKNOWN
                else _weeks_band(duur)
            )
            duration[band] += n
    b.add(3, "alle", _freq("voortraject", started, _YN))
    b.add(3, "alle", _freq("afgerond", completed, _YN))
    b.add(3, "alle", _freq("duur", duration, ("bezig", "<30", "30-59", "60-89", ">=90")))
    soort: Counter[str] = Counter()
    types: Counter[str] = Counter()
    for (kind, type_), n in t.pretrajectories.items():
        soort[kind] += n
        types[type_] += n
    b.add(3, "voortrajecten", _freq("soort", soort, ("standaard", "maatwerk", "combinatie")))
    b.add(
        3,
        "voortrajecten",
        _freq(
            "type",
            types,
            ("vrijwilligerswerk", "onbetaalde_werkstage", "anders"),
            unknown_row=False,
        ),
    )
    for t_code in ("vrijwilligerswerk", "onbetaalde_werkstage"):
        b.mean(
            3,
            "voortrajecten",
            "duur_weken",
            f"gemiddelde_{t_code}",
            t.weeks_n[t_code],
            t.weeks_sum[t_code],
        )

    # Tabel 4: placed on a startbaan, and how many.
    counts: Counter[int] = Counter()
    for key, n in per.items():
        counts[key[1]] += n
    placed = _sum(counts, lambda k: k > 0)
    b.add(
        4,
        "alle",
        _freq("startbaan", Counter(ja=placed, nee=counts[0]), _YN, unknown_row=False),
    )
    b.add(
        4,
        "alle",
        _freq(
            "aantal_startbanen",
            Counter({("4+" if k == 4 else str(k)): n for k, n in counts.items()}),
            ("0", "1", "2", "3", "4+"),
            unknown_row=False,
        ),
    )

    # Breakdowns for fairness: status and placement per group.
    for variable in by:
        derive = _cached(BREAKDOWNS[variable], P)
        per_group: dict[str, list[tuple[str, bool, bool, int]]] = {}
        for (raw, status, working, ended), n in t.groups.get(variable, Counter()).items():
            group = derive(raw) or UNKNOWN
            per_group.setdefault(group, []).append((status, working, ended, n))
        for group in sorted(per_group):
            rows = per_group[group]
            kolom = f"{variable}={group}"
            st: Counter[str] = Counter()
            pl: Counter[str] = Counter()
            en: Counter[str] = Counter()
            for status, working, ended, n in rows:
                st[status] += n
                pl["ja" if working else "nee"] += n
                en["ja" if ended else "nee"] += n
            b.add(
                2, kolom, _freq("status_peildatum", st, tuple(REGISTRY_STATUS), unknown_row=False)
            )
            b.add(4, kolom, _freq("startbaan", pl, _YN, unknown_row=False))
            b.add(9, kolom, _freq("uitval_of_einde", en, _YN, unknown_row=False))

    # Tabel 5: profile of working participants (placed by the peildatum).
    for f in werkend:
        b.add(5, "werkend", f)

    # Tabel 6 and 7: each placed person's first startbaan.
    for tabel, variable, kind, order in _JOB:
        derive = _cached(kind, P)
        values: Counter[str] = Counter()
        for raw, n in t.jobs.get(variable, Counter()).items():
            values[derive(raw)] += n
        b.add(tabel, "alle", _freq(variable, values, order))

    # Tabel 8: on hold (ever by the peildatum), reasons, duration.
    held = _sum(per, lambda k: k[5])
    b.add(
        8,
        "alle",
        _freq("on_hold", Counter(ja=held, nee=t.persons.total() - held), _YN, unknown_row=False),
    )
    b.add(
        8, "alle", _freq("reden", t.hold_reasons, ("familie", "medisch", "zwangerschap", "anders"))
    )

    # Tabel 9: uitval and einde with reasons; the report's merge as kolom "rapport".
    total = per.total()
    n_ended = _sum(per, lambda k: k[6])
    n_rapport = _sum(per, lambda k: k[7])
    b.add(
        9,
        "alle",
        _freq("uitval_of_einde", Counter(ja=n_ended, nee=total - n_ended), _YN, unknown_row=False),
    )
    b.add(
        9,
        "rapport",
        _freq(
            "uitval_of_einde",
            Counter(ja=n_rapport, nee=total - n_rapport),
            _YN,
            unknown_row=False,
        ),
    )
    reasons: Counter[str] = Counter()
    by_kind: dict[str, Counter[str]] = {"uitval": Counter(), "einde": Counter()}
    merged_reasons: Counter[str] = Counter()
    for (kind, reason), n in t.endings.items():
        reasons[reason] += n
        if kind in by_kind:
            by_kind[kind][reason] += n
        merged_reasons["anders" if reason == "inburgering_afgerond" else reason] += n
    b.add(9, "alle", _freq("reden", reasons, _REASONS))
    for kind in ("uitval", "einde"):
        b.add(9, kind, _freq("reden", by_kind[kind], _REASONS))
    merged = tuple(r for r in _REASONS if r != "inburgering_afgerond")
    b.add(9, "rapport", _freq("reden", merged_reasons, merged))
    return b.cells
