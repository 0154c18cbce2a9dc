"""The startbaan report's counting done by the database: a :class:`core.stats.startbaan.Tally`
from a few aggregate queries, without reading a row per person.

:func:`werkpad.core.stats.startbaan.tally_of` counts the same from :class:`Person` values (the
records :mod:`.sources` reads); the bands, "onbekend" rows, shares and suppression stay in
:func:`werkpad.core.stats.startbaan.cells`, applied to either. Here SQL builds one row per
enrolment with the raw values the tables need and groups those rows once by all of them (one hash
aggregate); Python sums the groups per table and turns each distinct value into the registry's
codes with the same mappings as :mod:`.sources` (``PERSON_SOURCES``, ``job_attrs``). The status at the peildatum follows
:func:`werkpad.core.pathway.status_on` as :mod:`.sources` feeds it: the last status change on or
before the peildatum (date, then recording order), otherwise the evidence of the dated records
(an on-hold period, then a startbaan, then a voortraject covering the peildatum), otherwise
"unknown". ``tests/integration/monitoring/test_aggregate.py`` checks that both ways give
identical tables on generated data.

Plain SQL that PostgreSQL and SQLite (3.25+, window functions) both run; table and column names
come from the models, every value is a parameter.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from datetime import date
from operator import itemgetter
from typing import Any

from django.db import DatabaseError, connection, models, transaction
from django.db.models import QuerySet

from werkpad.core.pathway import Status
from werkpad.core.stats.startbaan import _JOB, _PROFILE, BREAKDOWNS, REGISTRY_STATUS, Tally
from werkpad.employers.models import Employer, Placement
from werkpad.participants.models import Participant, StatusChange
from werkpad.pathway.models import Enrolment, OnHoldPeriod
from werkpad.pathway.models import Pretrajectory as PretrajectoryRow

from . import sources

log = logging.getLogger("werkpad.monitoring")

_CODE = {status: code for code, status in REGISTRY_STATUS.items()}
_ENDINGS = (Status.DROPOUT.value, Status.ENDED.value)


def _t(model: type[models.Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _c(model: type[models.Model], name: str) -> str:
    column = model._meta.get_field(name).column  # type: ignore[union-attr]
    assert column is not None
    return connection.ops.quote_name(column)


class _Sql:
    """SQL text with ``{name}`` slots for values, turned into ``%s`` and a parameter list."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.values = values
        self.params: list[Any] = []
        self.parts: list[str] = []

    def add(self, text: str, **slots: str) -> None:
        self.parts.append(self._expand(text, slots))

    def _expand(self, text: str, slots: dict[str, str]) -> str:
        out = []
        rest = text
        while "{" in rest:
            head, _brace, tail = rest.partition("{")
            name, _close, rest = tail.partition("}")
            out.append(head)
            if name in slots:  # an identifier or a sub-expression (never a value), whose own
                out.append(self._expand(slots[name], {}))  # value slots are filled in turn
            else:
                out.append("%s")
                self.params.append(self.values[name])
        out.append(rest)
        return "".join(out)

    def raw(self, text: str, params: Sequence[Any]) -> None:
        self.parts.append(text)
        self.params.extend(params)

    @property
    def sql(self) -> str:
        return "".join(self.parts)


def _selection(ids_sql: str) -> str:
    """The ``sel`` CTE of the selected enrolment ids. On PostgreSQL :func:`tally` has written them
    to a temporary table with statistics, and the CTE is inlined (``NOT MATERIALIZED``) into each
    ``IN (SELECT id FROM sel)``, so the planner sees the real number of ids: a materialised CTE
    has no statistics, the planner guessed 200 ids and probed every record table's index once per
    enrolment (100,000 index scans a table) where one hash join does."""
    if connection.vendor == "postgresql":
        return f"sel(id) AS NOT MATERIALIZED ({ids_sql})"
    return f"sel(id) AS ({ids_sql})"


def _json_text(column: str, key: str) -> str:
    """The text value of ``key`` of a JSON column (NULL when absent)."""
    if connection.vendor == "postgresql":
        return f"({column} ->> '{key}')"
    return f"json_extract({column}, '$.{key}')"


def _days(end: str, start: str) -> str:
    if connection.vendor == "postgresql":
        return f"({end} - {start})"
    return f"CAST(julianday({end}) - julianday({start}) AS INTEGER)"


# Dates the report only bands: by the age they give at the peildatum, or by their year. The
# database passes just that number, so that people born on different days of the same band fall
# into one group (real registries have nearly a birth date a person); :func:`_representative`
# turns it back into a date that the core bands exactly as the real one.
_COARSE_KINDS = ("age", "year")


def _coarse_dates(variables: Sequence[str]) -> dict[str, str]:
    """Participant date fields -> "age" or "year", for the variables the core bands so."""
    kinds = {v: kind for v, kind, _order in _PROFILE}
    kinds.update((v, kind) for v, kind in BREAKDOWNS.items() if v not in kinds)
    out: dict[str, str] = {}
    for v in variables:
        names = sources.PERSON_SOURCES.get(v, ((), None))[0]
        if kinds.get(v) in _COARSE_KINDS and len(names) == 1:
            field = Participant._meta.get_field(names[0])
            if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
                out[names[0]] = kinds[v]
    return out


def _coarse_sql(kind: str, column: str) -> str:
    """The whole years from ``column`` to the peildatum (``age``; the ``{P}`` slot), or its year."""
    if connection.vendor == "postgresql":
        year = "CAST(EXTRACT(YEAR FROM {d}) AS INTEGER)"
        month_day = "to_char({d}, 'MM-DD')"
        peil = "CAST({P} AS DATE)"
    else:
        year = "CAST(strftime('%Y', {d}) AS INTEGER)"
        month_day = "strftime('%m-%d', {d})"
        peil = "{P}"
    if kind == "year":
        return year.format(d=column)
    return (
        f"({year.format(d=peil)} - {year.format(d=column)} - CASE WHEN "
        f"{month_day.format(d=column)} > {month_day.format(d=peil)} THEN 1 ELSE 0 END)"
    )


def _representative(kind: str, value: str | None, peildatum: date) -> date | None:
    """A date the core bands as the one the database reduced to ``value`` (see above)."""
    if value is None:
        return None
    n = int(value)
    if kind == "year":
        return date(n, 1, 1)
    # Born on the peildatum's day, ``n`` years before: exactly ``n`` whole years old then.
    day = 28 if (peildatum.month, peildatum.day) == (2, 29) else peildatum.day
    return date(peildatum.year - n, peildatum.month, day)


def _from_text(field: object, value: str | None) -> Any:
    """A value cast to text by the query, back as :mod:`.sources` reads it."""
    if value is None:
        return None
    if isinstance(field, models.BooleanField):
        return value in ("true", "1", "t")
    if isinstance(field, models.IntegerField):
        return int(value)
    return value


_SELECTED = "werkpad_report_selection"


def tally(enrolments: QuerySet[Enrolment], peildatum: date, by: Sequence[str] = ()) -> Tally:
    """What Tabel 1-9 count for these enrolments (instroom on or before ``peildatum``)."""
    ids_sql, ids_params = enrolments.order_by().values("pk").query.sql_with_params()
    if connection.vendor != "postgresql":
        return _tally(ids_sql, ids_params, peildatum, by)
    # PostgreSQL: the three queries in one transaction over the selection written once to a
    # temporary table (this connection's own) with fresh statistics, so every record table is
    # joined to a narrow table of known size instead of re-running the selection eleven times.
    table = connection.ops.quote_name(_SELECTED)
    with transaction.atomic(), connection.cursor() as cur:
        # A one-off aggregate: compiling its expressions costs more than it saves, and the
        # per-enrolment rows are hashed in memory rather than on disk.
        cur.execute("SET LOCAL jit = off")
        cur.execute("SET LOCAL work_mem = '64MB'")
        try:
            with transaction.atomic():
                _write_selection(cur, table, ids_sql, ids_params)
        except DatabaseError:
            # A role without the TEMPORARY privilege: the same queries over the selection itself.
            log.warning("report: no temporary table allowed; counting without it (slower)")
            return _tally(ids_sql, ids_params, peildatum, by)
        cur.execute(f"ANALYZE {table}")
        counted = _tally(f"SELECT id FROM {table}", (), peildatum, by)  # noqa: S608
        cur.execute(f"DROP TABLE {table}")  # at once, also inside a longer transaction
    return counted


def _write_selection(cur: Any, table: str, ids_sql: str, ids_params: Sequence[Any]) -> None:
    cur.execute(f"DROP TABLE IF EXISTS {table}")
    cur.execute(f"CREATE TEMPORARY TABLE {table} (id) ON COMMIT DROP AS {ids_sql}", ids_params)


def _tally(ids_sql: str, ids_params: Sequence[Any], peildatum: date, by: Sequence[str]) -> Tally:
    E, PA, SC, PL, PR, OH = (
        _t(m)
        for m in (
            Enrolment,
            Participant,
            StatusChange,
            Placement,
            PretrajectoryRow,
            OnHoldPeriod,
        )
    )
    values = {
        "P": peildatum,
        "snap": sources.SNAPSHOT_NOTE,
        "on_hold": Status.ON_HOLD.value,
        "startbaan": Status.STARTBAAN.value,
        "in_pre": Status.IN_PRETRAJECTORY.value,
        "unknown": Status.UNKNOWN.value,
        "dropout": Status.DROPOUT.value,
        "ended": Status.ENDED.value,
        "inb": "inburgering_completed",
        "nee": "nee",
    }
    t = Tally()
    t.profile = {variable: Counter() for variable, _kind, _order in _PROFILE}
    t.jobs = {variable: Counter() for _tabel, variable, _kind, _order in _JOB}
    t.groups = {variable: Counter() for variable in by}

    # The selected enrolments, then one row per enrolment with what the tables need of it.
    q = _Sql(values)
    q.raw(f"WITH {_selection(ids_sql)}, ", ids_params)
    q.add(
        """
last AS (
  SELECT enrolment_id, status FROM (
    SELECT enrolment_id, status, ROW_NUMBER() OVER (
      PARTITION BY enrolment_id ORDER BY date DESC, recorded_at DESC, id DESC) AS rn
    FROM {SC} WHERE date <= {P} AND enrolment_id IN (SELECT id FROM sel)) x
  WHERE rn = 1),
pl AS (
  SELECT enrolment_id, COUNT(*) AS n,
    MAX(CASE WHEN end_date IS NULL OR end_date >= {P} THEN 1 ELSE 0 END) AS covers
  FROM {PL} WHERE start_date <= {P} AND enrolment_id IN (SELECT id FROM sel)
  GROUP BY enrolment_id),
pr AS (
  SELECT enrolment_id,
    MAX(CASE WHEN completed AND (end_date IS NULL OR end_date <= {P}) THEN 1 ELSE 0 END) AS ok,
    MAX(CASE WHEN end_date IS NULL OR end_date >= {P} THEN 1 ELSE 0 END) AS covers,
    MAX(CASE WHEN end_date IS NULL OR end_date > {P} THEN 1 ELSE 0 END) AS running
  FROM {PR} WHERE start_date <= {P} AND enrolment_id IN (SELECT id FROM sel)
  GROUP BY enrolment_id),
done AS (
  SELECT enrolment_id, days FROM (
    SELECT enrolment_id, {days} AS days, ROW_NUMBER() OVER (
      PARTITION BY enrolment_id ORDER BY start_date DESC, id DESC) AS rn
    FROM {PR} WHERE start_date <= {P} AND end_date <= {P}
      AND enrolment_id IN (SELECT id FROM sel)) x
  WHERE rn = 1),
oh AS (
  SELECT enrolment_id,
    MAX(CASE WHEN end_date IS NULL OR end_date >= {P} THEN 1 ELSE 0 END) AS covers
  FROM {OH} WHERE start_date <= {P} AND enrolment_id IN (SELECT id FROM sel)
  GROUP BY enrolment_id),
sc AS (
  SELECT enrolment_id,
    MAX(CASE WHEN status = {on_hold} THEN 1 ELSE 0 END) AS held,
    MAX(CASE WHEN status IN ({dropout}, {ended}) THEN 1 ELSE 0 END) AS ended,
    MAX(CASE WHEN status IN ({dropout}, {ended}) AND reason_code <> {inb}
      THEN 1 ELSE 0 END) AS rapport
  FROM {SC} WHERE date <= {P} AND reason <> {snap} AND enrolment_id IN (SELECT id FROM sel)
  GROUP BY enrolment_id),
""",
        SC=SC,
        PL=PL,
        PR=PR,
        OH=OH,
        days=_days("end_date", "start_date"),
    )
    # Per-person columns: the participant fields of each variable and its profile value.
    profile_vars = [v for v, _k, _o in _PROFILE]
    variables = profile_vars + [v for v in by if v not in profile_vars]
    person_fields = list(
        dict.fromkeys(f for v in variables for f in sources.PERSON_SOURCES.get(v, ((), None))[0])
    )
    coarse = _coarse_dates(variables)
    cols = ", ".join(
        f"{_coarse_sql(coarse[f], 'p.' + _c(Participant, f))} AS f_{f}"
        if f in coarse
        else f"p.{_c(Participant, f)} AS f_{f}"
        for f in person_fields
    )
    profs = ", ".join(
        f"{_json_text('e.' + _c(Enrolment, 'intake_profile'), v)} AS v_{i}"
        for i, v in enumerate(variables)
    )
    q.add(
        """
base AS (
  SELECT e.participation AS deelname,
    CASE WHEN COALESCE(pl.n, 0) > 0 THEN 1 ELSE 0 END AS working,
    CASE WHEN COALESCE(pl.n, 0) > 4 THEN 4 ELSE COALESCE(pl.n, 0) END AS placed,
    CASE WHEN last.status IS NOT NULL THEN last.status
      WHEN oh.covers = 1 THEN {on_hold} WHEN pl.covers = 1 THEN {startbaan}
      WHEN pr.covers = 1 THEN {in_pre} ELSE {unknown} END AS status,
    CASE WHEN pr.enrolment_id IS NOT NULL THEN 1 ELSE 0 END AS started,
    CASE WHEN {vt} = {nee} THEN 1 ELSE 0 END AS vt_nee,
    COALESCE(pr.ok, 0) AS ok, COALESCE(pr.running, 0) AS running, done.days AS days,
    CASE WHEN oh.enrolment_id IS NOT NULL OR sc.held = 1 THEN 1 ELSE 0 END AS held,
    COALESCE(sc.ended, 0) AS ended, COALESCE(sc.rapport, 0) AS rapport,
    {cols}, {profs}
  FROM {E} e JOIN {PA} p ON p.id = e.participant_id
    LEFT JOIN last ON last.enrolment_id = e.id LEFT JOIN pl ON pl.enrolment_id = e.id
    LEFT JOIN pr ON pr.enrolment_id = e.id LEFT JOIN done ON done.enrolment_id = e.id
    LEFT JOIN oh ON oh.enrolment_id = e.id LEFT JOIN sc ON sc.enrolment_id = e.id
  WHERE e.id IN (SELECT id FROM sel))
""",
        E=E,
        PA=PA,
        vt=_json_text("e." + _c(Enrolment, "intake_profile"), "voortraject"),
        cols=cols,
        profs=profs,
    )
    # The sets counted: -1 the per-person flags; 2i variable i by deelname and working; 2i+1
    # variable i by status and ending (breakdowns).
    flags = ["status", "placed", "started", "vt_nee", "ok", "running", "days", "held", "ended"]
    flags.append("rapport")
    sets: list[tuple[int, list[str]]] = [(-1, flags)]
    for i, v in enumerate(variables):
        fields = [f"f_{f}" for f in sources.PERSON_SOURCES.get(v, ((), None))[0]]
        keys = ["deelname", "working", f"v_{i}", *fields]
        if v in profile_vars:
            sets.append((2 * i, keys))
        if v in by:
            sets.append((2 * i + 1, [*keys, "status", "ended"]))
    # The rows grouped once by every column any set needs (one hash aggregate in the database);
    # each set's counts are then sums over those groups. Where many people share all their
    # values (most do on the few columns a table counts), the groups are far fewer than the people;
    # at worst there is one group a person and the sums cost a pass in Python over them. (Measured
    # on PostgreSQL at 100,000: one GROUP BY per set over a materialised CTE scanned the wide rows
    # fifteen times, 1.3 s; GROUPING SETS in one pass sorted the wide rows, slower still.)
    columns = list(dict.fromkeys(k for _code, keys in sets for k in keys))
    at = {name: i for i, name in enumerate(columns)}
    listed = ", ".join(columns)
    text = ", ".join(f"CAST({c} AS TEXT)" for c in columns)
    # Column names of this module's own CTE, never input.
    grouping = f"SELECT {listed}, COUNT(*) AS n FROM base GROUP BY {listed}"  # noqa: S608
    q.raw(f" SELECT {text}, n FROM ({grouping}) g", ())  # noqa: S608
    with connection.cursor() as cur:
        cur.execute(q.sql, q.params)
        grouped = cur.fetchall()
    sums: list[tuple[int, Any, Counter[tuple[Any, ...]]]] = [
        (code, itemgetter(*(at[k] for k in keys)), Counter()) for code, keys in sets
    ]
    for row in grouped:
        n = row[-1]
        for _code, key, counter in sums:
            counter[key(row)] += n
    rows = [
        (code, *(key if isinstance(key, tuple) else (key,)), n)
        for code, _key, counter in sums
        for key, n in counter.items()
    ]

    pfield = {f: Participant._meta.get_field(f) for f in person_fields}
    for row in rows:
        code, n = row[0], row[-1]
        if code == -1:
            status, placed, started, vt_nee, ok, running, days, held, ended, rapport = row[1:11]
            code_ = _CODE[Status(status)]
            if started == "1":
                started_code = "ja"
                completed_code = "ja" if ok == "1" else "nee"
                duur = int(days) if days is not None else -1 if running == "1" else -2
            else:
                started_code = "nee" if vt_nee == "1" else "onbekend"
                completed_code = "onbekend"
                duur = None
            t.persons[
                (
                    code_,
                    int(placed),
                    started_code,
                    completed_code,
                    duur,
                    held == "1",
                    ended == "1",
                    rapport == "1",
                )
            ] += n
            continue
        i, group = divmod(code, 2)
        v = variables[i]
        names, fn = sources.PERSON_SOURCES.get(v, ((), None))
        deelname, working, prof = row[1], row[2] == "1", row[3]
        raw_fields = row[4 : 4 + len(names)]
        if prof is not None:
            value = prof
        elif fn is not None:
            value = fn(
                *(
                    _representative(coarse[f], x, peildatum)
                    if f in coarse
                    else _from_text(pfield[f], x)
                    for f, x in zip(names, raw_fields, strict=True)
                )
            )
        else:
            value = ""
        if group:
            status, ended = row[4 + len(names)], row[5 + len(names)] == "1"
            t.groups[v][(value, _CODE[Status(status)], working, ended)] += n
        else:
            t.profile[v][(deelname or "", working, value)] += n
            if i == 0:
                t.people[(deelname or "", working)] += n
    _records(t, ids_sql, ids_params, values)
    return t


def _records(t: Tally, ids_sql: str, ids_params: Sequence[Any], values: dict[str, Any]) -> None:
    """Counts per record rather than per person: voortrajecten, first startbanen, on-hold periods
    and endings."""
    SC, PL, PR, OH, EM = (
        _t(m) for m in (StatusChange, Placement, PretrajectoryRow, OnHoldPeriod, Employer)
    )
    job_cols = ", ".join(
        (
            f"em.{_c(Employer, f.split('__')[1])}"
            if f.startswith("employer__")
            else f"f.{_c(Placement, f)}"
        )
        for f in sources.JOB_FIELDS
    )
    q = _Sql(values)
    q.raw(f"WITH {_selection(ids_sql)} ", ids_params)
    q.add(
        """
SELECT 'pre', kind, type, COUNT(*), COUNT(weeks), SUM(weeks) FROM {PR}
  WHERE start_date <= {P} AND enrolment_id IN (SELECT id FROM sel) GROUP BY kind, type
UNION ALL
SELECT 'hold', reason_code, NULL, COUNT(*), NULL, NULL FROM {OH}
  WHERE start_date <= {P} AND enrolment_id IN (SELECT id FROM sel) GROUP BY reason_code
UNION ALL
SELECT 'hold', reason_code, NULL, COUNT(*), NULL, NULL FROM {SC}
  WHERE status = {on_hold} AND reason <> {snap} AND date <= {P}
    AND enrolment_id IN (SELECT id FROM sel) GROUP BY reason_code
UNION ALL
SELECT 'end', status, reason_code, COUNT(*), NULL, NULL FROM {SC}
  WHERE status IN ({dropout}, {ended}) AND reason <> {snap} AND date <= {P}
    AND enrolment_id IN (SELECT id FROM sel) GROUP BY status, reason_code
""",
        PR=PR,
        OH=OH,
        SC=SC,
    )
    with connection.cursor() as cur:
        cur.execute(q.sql, q.params)
        for what, a, b, n, weeks_n, weeks_sum in cur.fetchall():
            if what == "pre":
                t.pretrajectories[(a or "", b or "")] += n
                t.weeks_n[b or ""] += weeks_n or 0
                t.weeks_sum[b or ""] += int(weeks_sum or 0)
            elif what == "hold":
                t.hold_reasons[sources.REASON.get(a, "anders" if a else "")] += n
            else:
                kind = "uitval" if a == Status.DROPOUT.value else "einde"
                t.endings[(kind, sources.REASON.get(b, "anders" if b else ""))] += n

    # Each placed person's first startbaan (start date, then recording order): the placement with
    # no earlier one of the same enrolment (an anti-join, which the planner sizes right, where a
    # ROW_NUMBER() filter was guessed at a few hundred rows and sorted), grouped by the fields
    # Tabel 6 and 7 describe.
    q = _Sql(values)
    q.raw(f"WITH {_selection(ids_sql)} ", ids_params)
    q.add(
        """
SELECT {job_cols}, COUNT(*) FROM {PL} f JOIN {EM} em ON em.id = f.employer_id
WHERE f.start_date <= {P} AND f.enrolment_id IN (SELECT id FROM sel)
  AND NOT EXISTS (
    SELECT 1 FROM {PL} b WHERE b.enrolment_id = f.enrolment_id AND b.start_date <= {P}
      AND (b.start_date < f.start_date OR (b.start_date = f.start_date AND b.id < f.id)))
GROUP BY {job_cols}
""",
        PL=PL,
        EM=EM,
        job_cols=job_cols,
    )
    with connection.cursor() as cur:
        cur.execute(q.sql, q.params)
        for row in cur.fetchall():
            attrs = sources.job_attrs(row[:-1])
            for variable, counter in t.jobs.items():
                counter[attrs.get(variable, "")] += row[-1]
