"""The coach's attention list ("a coach's day"): what needs attention, each item linking to where
it is dealt with.

The list is open: ``settings.WERKPAD_ATTENTION_SOURCES`` names callables ``(user, today) ->
iterable of AttentionItem``; each part of Werkpad adds its own. A source gets only the user and the
day, and must itself keep to the access layer (``participants.access``): it returns only items about
files the user may open.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from werkpad.accounts.models import User
    from werkpad.participants.models import Participant


class Severity(StrEnum):
    OVERDUE = "overdue"  # past its date
    DUE = "due"  # due today or within the horizon
    INFO = "info"


SEVERITY_ORDER = {Severity.OVERDUE: 0, Severity.DUE: 1, Severity.INFO: 2}


@dataclass(frozen=True)
class AttentionItem:
    """One thing that needs attention.

    ``kind`` is a stable code (counted in the digest); ``kind_label`` its name in the reader's
    language; ``title`` says what needs doing, without the person's name (the page shows the
    participant beside it); ``url`` is where it is dealt with.
    """

    kind: str
    title: str
    url: str
    due: date | None = None
    participant: Participant | None = None
    severity: str = Severity.DUE
    kind_label: str = ""


Source = Callable[["User", date], Iterable[AttentionItem]]


@lru_cache(maxsize=8)
def _sources(paths: tuple[str, ...]) -> tuple[Source, ...]:
    return tuple(import_string(path) for path in paths)


def sources() -> tuple[Source, ...]:
    return _sources(tuple(getattr(settings, "WERKPAD_ATTENTION_SOURCES", ())))


_memo: ContextVar[dict[Any, Any] | None] = ContextVar("werkpad_attention_memo", default=None)


def memo(key: Any, compute: Callable[[], Any]) -> Any:
    """A value shared by the sources of one :func:`collect` (e.g. the caseload's ids, read once);
    outside a collect, computed every time."""
    store = _memo.get()
    if store is None:
        return compute()
    if key not in store:
        store[key] = compute()
    return store[key]


def collect(
    user: User, today: date, *, only: Iterable[Source] | None = None
) -> list[AttentionItem]:
    """Every item of every source for ``user`` on ``today``: overdue first, then by date."""
    items: list[AttentionItem] = []
    token = _memo.set({})
    try:
        for source in only if only is not None else sources():
            items.extend(source(user, today))
    finally:
        _memo.reset(token)
    return sorted(items, key=sort_key)


def sort_key(item: AttentionItem) -> tuple[Any, ...]:
    return (
        SEVERITY_ORDER.get(Severity(item.severity), 3) if item.severity in Severity else 3,
        item.due or date.max,
        item.kind,
        item.url,
    )


def counts(items: Iterable[AttentionItem]) -> list[tuple[str, str, int]]:
    """(kind, label, count) per kind, in the order kinds first appear."""
    counter: Counter[str] = Counter()
    labels: dict[str, str] = {}
    for item in items:
        counter[item.kind] += 1
        labels.setdefault(item.kind, item.kind_label or item.kind)
    return [(kind, labels[kind], n) for kind, n in counter.items()]
