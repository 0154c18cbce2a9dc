"""Writing to the access log. Called by the scoped access layer and by actions, never by views."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from .models import AccessLogEntry, Action

if TYPE_CHECKING:
    from werkpad.accounts.models import User
    from werkpad.participants.models import Participant


def record(user: User | None, participant: Participant | None, action: str, what: str = "") -> None:
    AccessLogEntry.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        participant=participant,
        participant_number=participant.number if participant is not None else "",
        action=action,
        what=what[:100],
    )


def record_many(
    user: User, participants: Iterable[Participant], action: str, what: str = ""
) -> None:
    AccessLogEntry.objects.bulk_create(
        AccessLogEntry(
            user=user, participant=p, participant_number=p.number, action=action, what=what[:100]
        )
        for p in participants
    )


__all__ = ["Action", "record", "record_many"]
