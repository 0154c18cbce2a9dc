"""Counts over all participant files, for monitoring. Returns numbers only, never rows.

Analysts see no file (``access.visible_participants`` is empty for them); what they may see are
these aggregates, suppressed for small cells by the monitoring pages.
"""

from __future__ import annotations

from django.db.models import Count

from .models import Participant

# The fields that may be tabulated; nothing that identifies a person.
GROUPABLE = {
    "phase": "phase",
    "status": "status",
    "dutch_spoken": "dutch_spoken",
    "municipality": "municipality__name",
}


def total() -> int:
    return Participant.objects.count()


def counts_by(field: str) -> dict[str, int]:
    """Number of participants per value of ``field`` ('' or None for unknown)."""
    column = GROUPABLE[field]
    rows = Participant.objects.order_by().values(column).annotate(n=Count("id"))
    return {(row[column] or ""): row["n"] for row in rows}


def overview_counts() -> tuple[int, dict[str, dict[str, int]]]:
    """The total and :func:`counts_by` of every field of :data:`GROUPABLE`, the same numbers.

    On PostgreSQL in one pass over the participants (``GROUPING SETS``: one set per field and
    the total) instead of one scan per field; elsewhere one query per field."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return total(), {field: counts_by(field) for field in GROUPABLE}
    # The fields' own columns (the municipality by its key: its name comes after, by key).
    fields = list(GROUPABLE)
    columns = [GROUPABLE[f] if "__" not in GROUPABLE[f] else f"{f}_id" for f in fields]
    full = (1 << len(columns)) - 1
    sets = ", ".join(f"({c})" for c in columns)
    # Column names are fixed here, nothing comes from a request.
    sql = (
        f"SELECT {', '.join(columns)}, GROUPING({', '.join(columns)}), COUNT(*) "  # noqa: S608
        f"FROM {Participant._meta.db_table} GROUP BY GROUPING SETS ({sets}, ())"
    )
    out: dict[str, dict[str, int]] = {field: {} for field in GROUPABLE}
    by_municipality: dict[int | None, int] = {}
    count_all = 0
    with connection.cursor() as cursor:
        cursor.execute(sql)
        for *values, grouping, n in cursor.fetchall():
            if grouping == full:
                count_all = n
                continue
            # GROUPING(...) has a 0 bit (counted from the left) for the set's own column.
            position = len(columns) - (full ^ grouping).bit_length()
            if fields[position] == "municipality":
                by_municipality[values[position]] = n
            else:
                out[fields[position]][values[position] or ""] = n
    from werkpad.places.models import Municipality

    names = dict(
        Municipality.objects.filter(pk__in=[k for k in by_municipality if k]).values_list(
            "pk", "name"
        )
    )
    for key, n in by_municipality.items():
        name = names.get(key, "") if key else ""
        out["municipality"][name] = out["municipality"].get(name, 0) + n
    return count_all, out
