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
