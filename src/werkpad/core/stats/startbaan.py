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
    "history_of",
    "report",
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
        self, tabel: int, kolom: str, variable: str, category: str, values: Iterable[int]
    ) -> None:
        vs = list(values)
        if len(vs) < max(self.threshold, 1):
            self.cells.append(
                ReportCell(tabel, kolom, variable, category, len(vs), False, True, None, len(vs))
            )
            return
        m = (Decimal(sum(vs)) / Decimal(len(vs))).quantize(Decimal("0.1"), ROUND_HALF_UP)
        # ``pct`` carries the mean for this row; ``n`` the number it is taken over.
        self.cells.append(
            ReportCell(tabel, kolom, variable, category, len(vs), True, False, m, len(vs))
        )


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


def report(
    persons: Iterable[Person], peildatum: date, threshold: int, by: Sequence[str] = ()
) -> list[ReportCell]:
    """Every cell of Tabel 1-9 at ``peildatum`` (``threshold`` 0: no suppression).

    ``by``: profile variables of :data:`BREAKDOWNS`; Tabel 2, 4 and 9 are repeated per group of each
    (``kolom`` ``variable=group``, "onbekend" included), each group's table suppressed on its own.

    Each variable's values are derived once per person and counted per column in one pass.
    """
    P = peildatum
    people = [p for p in persons if p.intake <= P]
    b = _Builder(threshold)
    placed_of = [_placed(p, P) for p in people]
    placed = [p for p, jobs in zip(people, placed_of, strict=True) if jobs]
    working = [i for i, jobs in enumerate(placed_of) if jobs]
    deel = [p.attrs.get("deelname", "") for p in people]

    # Tabel 1 (alle, verplicht, vrijwillig) and Tabel 5 (werkend): the profile.
    by_column: dict[str, list[Frequency]] = {"alle": [], "verplicht": [], "vrijwillig": []}
    werkend: list[Frequency] = []
    split = Counter(deel)
    by_column["alle"].append(_freq("deelname", split, ("verplicht", "vrijwillig")))
    for kolom in ("verplicht", "vrijwillig"):
        by_column[kolom].append(
            _freq("deelname", Counter({kolom: split[kolom]}), ("verplicht", "vrijwillig"))
        )
    for variable, kind, order in _PROFILE:
        derive = _cached(kind, P)
        vals = [derive(p.attrs.get(variable, "")) for p in people]
        by_column["alle"].append(_freq(variable, Counter(vals), order))
        pairs = Counter(zip(deel, vals, strict=True))
        for kolom in ("verplicht", "vrijwillig"):
            sub: Counter[str] = Counter({v: n for (d, v), n in pairs.items() if d == kolom})
            by_column[kolom].append(_freq(variable, sub, order))
        werkend.append(_freq(variable, Counter(vals[i] for i in working), order))
    for kolom, freqs in by_column.items():
        for f in freqs:
            b.add(1, kolom, f)

    # Tabel 2: status at the peildatum, from the history.
    order2 = tuple(REGISTRY_STATUS)
    b.count(
        2,
        "alle",
        "status_peildatum",
        people,
        lambda p: _status_code(p, P),
        order2,
        unknown_row=False,
    )

    # Tabel 3: voortrajecten started / completed, duration, kind, type, mean weeks.
    started_by = {
        id(p): [t for t in p.pretrajectories if t.start <= P] for p in people if p.pretrajectories
    }
    none: list[Pretrajectory] = []

    def started(p: Person) -> list[Pretrajectory]:
        return started_by.get(id(p), none)

    def started_code(p: Person) -> str:
        if started(p):
            return "ja"
        return "nee" if p.attrs.get("voortraject") == "nee" else UNKNOWN

    b.count(3, "alle", "voortraject", people, started_code, _YN)
    with_pre = [p for p in people if started(p)]
    # As the report: completion over everyone not known to have had no voortraject.
    not_without = [p for p in people if started_code(p) != "nee"]

    def completed(p: Person) -> str:
        ts = started(p)
        if any(t.completed and (t.end is None or t.end <= P) for t in ts):
            return "ja"
        return "nee" if ts else UNKNOWN

    b.count(3, "alle", "afgerond", not_without, completed, _YN)

    def duration(p: Person) -> str:
        done = [t for t in started(p) if t.end is not None and t.end <= P]
        if not done:
            return "bezig" if any(t.end is None or t.end > P for t in started(p)) else UNKNOWN
        t = done[-1]
        assert t.end is not None
        return _weeks_band((t.end - t.start).days)

    b.count(3, "alle", "duur", with_pre, duration, ("bezig", "<30", "30-59", "60-89", ">=90"))
    pres = [t for p in people for t in started(p)]
    b.count(
        3, "voortrajecten", "soort", pres, lambda t: t.kind, ("standaard", "maatwerk", "combinatie")
    )
    b.count(
        3,
        "voortrajecten",
        "type",
        pres,
        lambda t: t.type,
        ("vrijwilligerswerk", "onbetaalde_werkstage", "anders"),
        unknown_row=False,
    )
    for t_code in ("vrijwilligerswerk", "onbetaalde_werkstage"):
        b.mean(
            3,
            "voortrajecten",
            "duur_weken",
            f"gemiddelde_{t_code}",
            (t.weeks for t in pres if t.type == t_code and t.weeks is not None),
        )

    # Tabel 4: placed on a startbaan, and how many.
    counts = Counter(min(len(jobs), 4) for jobs in placed_of)
    b.add(
        4,
        "alle",
        _freq("startbaan", Counter(ja=len(placed), nee=counts[0]), _YN, unknown_row=False),
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
    statuses = [_status_code(p, P) for p in people]
    for variable in by:
        derive = _cached(BREAKDOWNS[variable], P)
        groups = [derive(p.attrs.get(variable, "")) or UNKNOWN for p in people]
        for group in sorted(set(groups)):
            idx = [i for i, g in enumerate(groups) if g == group]
            kolom = f"{variable}={group}"
            b.add(
                2,
                kolom,
                _freq(
                    "status_peildatum",
                    Counter(statuses[i] for i in idx),
                    tuple(REGISTRY_STATUS),
                    unknown_row=False,
                ),
            )
            b.add(
                4,
                kolom,
                _freq(
                    "startbaan",
                    Counter("ja" if placed_of[i] else "nee" for i in idx),
                    _YN,
                    unknown_row=False,
                ),
            )
            b.add(
                9,
                kolom,
                _freq(
                    "uitval_of_einde",
                    Counter(
                        "ja" if any(e.on <= P for e in people[i].endings) else "nee" for i in idx
                    ),
                    _YN,
                    unknown_row=False,
                ),
            )

    # Tabel 5: profile of working participants (placed by the peildatum).
    for f in werkend:
        b.add(5, "werkend", f)

    # Tabel 6 and 7: each placed person's first startbaan.
    firsts = [jobs[0] for jobs in placed_of if jobs]
    for tabel, variable, kind, order in _JOB:
        derive = _cached(kind, P)
        b.add(
            tabel,
            "alle",
            _freq(variable, Counter(derive(j.attrs.get(variable, "")) for j in firsts), order),
        )

    # Tabel 8: on hold (ever by the peildatum), reasons, duration.
    def held(p: Person) -> list[OnHold]:
        return [h for h in p.on_hold if h.start <= P]

    b.count(
        8, "alle", "on_hold", people, lambda p: "ja" if held(p) else "nee", _YN, unknown_row=False
    )
    holds = [h for p in people for h in held(p)]
    b.count(
        8,
        "alle",
        "reden",
        holds,
        lambda h: h.reason,
        ("familie", "medisch", "zwangerschap", "anders"),
    )

    # Tabel 9: uitval and einde with reasons; the report's merge as kolom "rapport".
    ends = [e for p in people for e in p.endings if e.on <= P]
    b.count(
        9,
        "alle",
        "uitval_of_einde",
        people,
        lambda p: "ja" if any(e.on <= P for e in p.endings) else "nee",
        _YN,
        unknown_row=False,
    )
    b.count(
        9,
        "rapport",
        "uitval_of_einde",
        people,
        lambda p: (
            "ja"
            if any(e.on <= P and e.reason != "inburgering_afgerond" for e in p.endings)
            else "nee"
        ),
        _YN,
        unknown_row=False,
    )
    b.count(9, "alle", "reden", ends, lambda e: e.reason, _REASONS)
    for kind in ("uitval", "einde"):
        b.count(9, kind, "reden", [e for e in ends if e.kind == kind], lambda e: e.reason, _REASONS)
    merged = tuple(r for r in _REASONS if r != "inburgering_afgerond")
    b.count(
        9,
        "rapport",
        "reden",
        ends,
        lambda e: "anders" if e.reason == "inburgering_afgerond" else e.reason,
        merged,
    )
    return b.cells
