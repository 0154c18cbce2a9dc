"""Source for the coach's attention list (``WERKPAD_ATTENTION_SOURCES``): unread portal messages.

A check-in that says it is going badly comes first (as overdue); other unread messages are due."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from werkpad.attention import AttentionItem, Severity

from .actions import unread_from_newcomers
from .models import MessageKind, Mood

if TYPE_CHECKING:
    from werkpad.accounts.models import User


def unread_messages(user: User, today: date) -> list[AttentionItem]:
    """One item per newcomer with unread messages from them, oldest first."""
    by_participant: dict[int, list[Any]] = {}
    for m in unread_from_newcomers(user):
        by_participant.setdefault(m.participant_id, []).append(m)
    items = []
    for messages in by_participant.values():
        participant = messages[0].participant
        hard = any(m.kind == MessageKind.CHECKIN and m.mood == Mood.HARD for m in messages)
        items.append(
            AttentionItem(
                kind="portal_message",
                title=_("%(n)s unread message(s) from the newcomer") % {"n": len(messages)}
                if not hard
                else _("The newcomer says it is going badly: read the check-in"),
                url=reverse("portal:coach_thread", args=[participant.public_id]),
                due=timezone.localtime(messages[0].created_at).date(),
                participant=participant,
                severity=Severity.OVERDUE if hard else Severity.DUE,
                kind_label=_("Messages"),
            )
        )
    return items
