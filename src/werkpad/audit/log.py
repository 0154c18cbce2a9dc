"""Writing to the access log. Called by the scoped access layers and by actions, never by views.

During a request the entries are collected (:class:`AccessLogMiddleware`) and written at its end
in one bulk insert: **one entry per participant per request**. When the same participant is
touched several times in one request (the file read, then listed, then changed), the entry keeps
the weightiest action — ``denied`` above every other, then delete, create, update, export, view,
list — with the code of what was first touched that way. The entries are written whatever the
response is (a 404 of a refused attempt, an error), in their own transaction, so a refusal is
never lost with a rolled-back change. Outside a request (management commands, the shell) each
entry is written at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING

from django.db import transaction

from .models import AccessLogEntry, Action

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

    from werkpad.accounts.models import User
    from werkpad.participants.models import Participant

WEIGHT = {
    Action.LIST: 1,
    Action.VIEW: 2,
    Action.EXPORT: 3,
    Action.UPDATE: 4,
    Action.CREATE: 5,
    Action.DELETE: 6,
    Action.DENIED: 7,
}


class Collector:
    """The entries of one request, one per (user, participant)."""

    def __init__(self) -> None:
        self.entries: dict[tuple[object, ...], AccessLogEntry] = {}

    def add(self, entry: AccessLogEntry) -> None:
        if entry.participant_id is not None:
            key: tuple[object, ...] = (entry.user_id, entry.participant_id)
        else:
            key = (entry.user_id, None, entry.action, entry.what)
        current = self.entries.get(key)
        if current is None or WEIGHT[Action(entry.action)] > WEIGHT[Action(current.action)]:
            self.entries[key] = entry

    def flush(self) -> None:
        entries = list(self.entries.values())
        self.entries.clear()
        if entries:
            with transaction.atomic():
                AccessLogEntry.objects.bulk_create(entries)


_current: ContextVar[Collector | None] = ContextVar("werkpad_access_log", default=None)


@contextmanager
def collecting() -> Iterator[Collector]:
    """Collect entries until the block ends, then write them (also when it raises)."""
    collector = Collector()
    token = _current.set(collector)
    try:
        yield collector
    finally:
        _current.reset(token)
        collector.flush()


class AccessLogMiddleware:
    """One bulk insert of the request's access-log entries, after the response is made."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with collecting():
            return self.get_response(request)


def _entry(
    user: User | None, participant: Participant | None, action: str, what: str
) -> AccessLogEntry:
    return AccessLogEntry(
        user=user if user is not None and user.is_authenticated else None,
        participant=participant,
        participant_number=participant.number if participant is not None else "",
        action=action,
        what=what[:100],
    )


def _write(entries: list[AccessLogEntry]) -> None:
    collector = _current.get()
    if collector is None:
        AccessLogEntry.objects.bulk_create(entries)
        return
    for entry in entries:
        collector.add(entry)


def record(user: User | None, participant: Participant | None, action: str, what: str = "") -> None:
    _write([_entry(user, participant, action, what)])


def record_many(
    user: User, participants: Iterable[Participant], action: str, what: str = ""
) -> None:
    _write([_entry(user, p, action, what) for p in participants])


__all__ = ["AccessLogMiddleware", "Action", "collecting", "record", "record_many"]
