"""What is pure about the path: the status pipeline, status at a date, periods in a status.

Status belongs to an *enrolment* (a participant in a programme). Its only stored truth is the
enrolment's status history: dated changes. Everything else — the status at any past date, the
on-hold periods, the current status shown in lists — is computed from that history here.
"""

from .plan import (
    HERIJKING_MONTHS,
    ChangeKind,
    DatedParameter,
    Due,
    Event,
    PlanChange,
    Trigger,
    add_months,
    herijking_due,
    next_due,
    plan_diff,
)
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
    "HERIJKING_MONTHS",
    "Change",
    "ChangeKind",
    "DatedParameter",
    "Due",
    "Event",
    "History",
    "HistoryError",
    "Period",
    "PlanChange",
    "Segment",
    "Status",
    "Trigger",
    "add_months",
    "check_history",
    "check_transition",
    "current_status",
    "herijking_due",
    "next_due",
    "periods_in",
    "plan_diff",
    "segments",
    "status_on",
    "statuses_on",
]
