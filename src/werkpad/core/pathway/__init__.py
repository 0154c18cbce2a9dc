"""What is pure about the path: the status pipeline, status at a date, periods in a status.

Status belongs to an *enrolment* (a participant in a programme). Its only stored truth is the
enrolment's status history: dated changes. Everything else — the status at any past date, the
on-hold periods, the current status shown in lists — is computed from that history here.
"""

from .status import (
    ACTIVE,
    FINAL,
    Change,
    History,
    HistoryError,
    Period,
    Segment,
    Status,
    check_history,
    check_transition,
    current_status,
    periods_in,
    segments,
    status_on,
    statuses_on,
)

__all__ = [
    "ACTIVE",
    "FINAL",
    "Change",
    "History",
    "HistoryError",
    "Period",
    "Segment",
    "Status",
    "check_history",
    "check_transition",
    "current_status",
    "periods_in",
    "segments",
    "status_on",
    "statuses_on",
]
