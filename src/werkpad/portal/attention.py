"""Source for the coach's attention list (``WERKPAD_ATTENTION_SOURCES``): unread portal messages.

A check-in that says it is going badly comes first (as overdue); other unread messages are due."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext as _

from werkpad.attention import AttentionItem, Severity, link

from .models import Message, MessageKind, Mood

if TYPE_CHECKING:
    from werkpad.accounts.models import User


def unread_messages(user: User, today: date) -> list[AttentionItem]:
    """One item per newcomer with unread messages from them, oldest first (one query, the
    caseload as a subquery: the messages ``actions.unread_from_newcomers`` gives)."""
    if not user.is_coach:
        return []
    from werkpad.pathway.attention import cases

    by_participant: dict[int, list[Any]] = {}
    for row in (
        Message.objects.filter(
            participant_id__in=cases(user), from_newcomer=True, read_at__isnull=True
        )
        .order_by("created_at", "pk")
        .values_list("participant_id", "participant__public_id", "kind", "mood", "created_at")
    ):
        by_participant.setdefault(row[0], []).append(row)
    to_thread = link("portal:coach_thread")
    unread, badly = (
        _("%(n)s unread message(s) from the newcomer"),
        _("The newcomer says it is going badly: read the check-in"),
    )
    label = _("Messages")
    items = []
    for pid, rows in by_participant.items():
        hard = any(
            kind == MessageKind.CHECKIN and mood == Mood.HARD for _p, _u, kind, mood, _c in rows
        )
        items.append(
            AttentionItem(
                kind="portal_message",
                title=unread % {"n": len(rows)} if not hard else badly,
                url=to_thread(rows[0][1]),
                due=timezone.localtime(rows[0][4]).date(),
                participant_id=pid,
                severity=Severity.OVERDUE if hard else Severity.DUE,
                kind_label=label,
            )
        )
    return items
