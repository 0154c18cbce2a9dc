"""The outcome views of seed [002] chapter 6, pure: outflow by destination (Fig 6.30), the share in
work over time after outflow (Fig 6.32), durability (Tabel 6.3) and time to first job with
censoring.

Months are calendar months counted as whole months between two dates (``months_between``); a spell
covers a month when it covers any day of it. Durability of one person = months worked / months
observable since outflow (up to the peildatum); the plain mean averages the persons' fractions, the
weighted mean weights each by its observable months (= total months worked / total months
observable), exactly as the report's "gemiddelde" and "gemiddelde gewogen naar tijd".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from .indicators import Frequency, frequency

__all__ = [
    "Durability",
    "Outflow",
    "SurvivalPoint",
    "durability",
    "months_between",
    "outflow_by_destination",
    "share_in_work_by_month",
    "time_to_first_job",
]

DESTINATIONS = (
    "betaald_werk",
    "reguliere_opleiding",
    "leer_werktraject",
    "werkervaringsplaats",
    "niet_afgerond",
    "overige_uitstroom",
)


@dataclass(frozen=True, slots=True)
class Outflow:
    """One person's outflow and the employment spells after it (end ``None``: still working)."""

    on: date
    destination: str
    spells: tuple[tuple[date, date | None], ...] = ()


def months_between(start: date, end: date) -> int:
    """Whole calendar months from ``start`` to ``end`` (the month of ``start`` is month 0)."""
    return (end.year - start.year) * 12 + end.month - start.month


def _month_start(d: date, k: int) -> tuple[date, date]:
    """First and last day of the ``k``-th calendar month after the month of ``d``."""
    y, m = divmod(d.month - 1 + k, 12)
    first = date(d.year + y, m + 1, 1)
    ny, nm = divmod(m + 1, 12)
    nxt = date(d.year + y + ny, nm + 1, 1)
    return first, date.fromordinal(nxt.toordinal() - 1)


def _works_in(spells: Sequence[tuple[date, date | None]], first: date, last: date) -> bool:
    return any(s <= last and (e is None or e >= first) for s, e in spells)


def outflow_by_destination(outflows: Iterable[Outflow]) -> Frequency:
    """Fig 6.30: exactly one destination per outflow; anything else counts as onbekend."""
    return frequency("uitstroom", outflows, lambda o: o.destination, DESTINATIONS)


def share_in_work_by_month(
    outflows: Sequence[Outflow], peildatum: date, months: int
) -> list[tuple[int, int, int]]:
    """Fig 6.32: per month ``k`` after outflow (1..months): (k, working, observable).

    Only people whose month ``k`` has ended by the peildatum are in that month's denominator.
    """
    out = []
    for k in range(1, months + 1):
        working = observable = 0
        for o in outflows:
            first, last = _month_start(o.on, k)
            if last > peildatum:
                continue
            observable += 1
            working += _works_in(o.spells, first, last)
        out.append((k, working, observable))
    return out


@dataclass(frozen=True, slots=True)
class Durability:
    n: int
    plain: Fraction | None
    weighted: Fraction | None


def _worked(o: Outflow, peildatum: date) -> tuple[int, int]:
    """(months worked, months observable) after outflow: months 1.. whose end is by the peildatum."""
    observable = worked = 0
    k = 1
    while True:
        first, last = _month_start(o.on, k)
        if last > peildatum:
            return worked, observable
        observable += 1
        worked += _works_in(o.spells, first, last)
        k += 1


def durability(
    outflows: Iterable[Outflow], peildatum: date, *, min_months_observed: int = 0
) -> Durability:
    """Tabel 6.3 over those who flowed out to paid work and worked at least one month; with
    ``min_months_observed=12``, only those whose outflow lies more than a year back."""
    fractions: list[tuple[int, int]] = []
    for o in outflows:
        if o.destination != "betaald_werk":
            continue
        worked, observable = _worked(o, peildatum)
        if worked < 1 or observable < max(min_months_observed, 1):
            continue
        fractions.append((worked, observable))
    if not fractions:
        return Durability(0, None, None)
    plain = sum((Fraction(w, t) for w, t in fractions), Fraction(0)) / len(fractions)
    weighted = Fraction(sum(w for w, _ in fractions), sum(t for _, t in fractions))
    return Durability(len(fractions), plain, weighted)


@dataclass(frozen=True, slots=True)
class SurvivalPoint:
    month: int
    at_risk: int
    events: int
    censored: int
    share_with_job: Fraction  # 1 - Kaplan-Meier survival


def time_to_first_job(
    items: Iterable[tuple[date, date | None, date | None]], peildatum: date
) -> list[SurvivalPoint]:
    """Kaplan-Meier curve of months from intake to the first job.

    Each item is (intake, first job start or None, end of observation or None). A person without a
    job is censored at the end of observation (outflow without work) or at the peildatum (still in
    the programme): not a failure, just no longer observed.
    """
    events: Counter[int] = Counter()
    censored: Counter[int] = Counter()
    n = 0
    for intake, job, end in items:
        if intake > peildatum:
            continue
        n += 1
        if job is not None and job <= peildatum:
            events[max(months_between(intake, job), 0)] += 1
        else:
            stop = min(end, peildatum) if end is not None else peildatum
            censored[max(months_between(intake, stop), 0)] += 1
    out: list[SurvivalPoint] = []
    at_risk = n
    survival = Fraction(1)
    last = max([*events, *censored], default=-1)
    for m in range(last + 1):
        e, c = events[m], censored[m]
        if at_risk:
            survival *= Fraction(at_risk - e, at_risk)
        out.append(SurvivalPoint(m, at_risk, e, c, 1 - survival))
        at_risk -= e + c
    return out
