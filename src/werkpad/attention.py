"""The coach's attention list ("a coach's day"): what needs attention, each item linking to where
it is dealt with.

The list is open: ``settings.WERKPAD_ATTENTION_SOURCES`` names callables ``(user, today) ->
iterable of AttentionItem``; each part of Werkpad adds its own. A source gets only the user and the
day, and must itself keep to the access layer (``participants.access``): it returns only items about
files the user may open.

A list can hold thousands of items (a caseload of 1,000), so it is built in two steps. The sources
give light items: a kind, a title, a link, a date and at most the *id* of the participant, one
query per source at most. :func:`paginate` counts them per kind, sorts them and cuts out one page;
only the participants of that page are then read, in one query by primary key. Which files the
user may open the access layer decided before: the sources read the caseload through
``participants.access`` and give no participant id for an item about a file the user may not
open. The page logs the participants it shows, once per page view.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.urls import reverse
from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from werkpad.accounts.models import User
    from werkpad.participants.models import Participant


class Severity(StrEnum):
    OVERDUE = "overdue"  # past its date
    DUE = "due"  # due today or within the horizon
    INFO = "info"


SEVERITY_ORDER: dict[str, int] = {Severity.OVERDUE: 0, Severity.DUE: 1, Severity.INFO: 2}


@dataclass(frozen=True)
class AttentionItem:
    """One thing that needs attention.

    ``kind`` is a stable code (counted in the digest); ``kind_label`` its name in the reader's
    language; ``title`` says what needs doing, without the person's name (the page shows the
    participant beside it); ``url`` is where it is dealt with.

    A source gives either the ``participant`` or only its ``participant_id`` (cheaper: the page
    reads the participants of the items it shows, see :func:`with_participants`).
    """

    kind: str
    title: str
    url: str
    due: date | None = None
    participant: Participant | None = field(default=None, compare=False)
    severity: str = Severity.DUE
    kind_label: str = ""
    participant_id: int | None = None

    def __post_init__(self) -> None:
        if self.participant is not None and self.participant_id is None:
            object.__setattr__(self, "participant_id", self.participant.pk)


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


@contextmanager
def collecting() -> Iterator[None]:
    """The scope of :func:`memo`: values computed once for the sources of one list."""
    if _memo.get() is not None:
        yield
        return
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def link(name: str) -> Callable[[object], str]:
    """A fast ``reverse(name, args=[public_id])`` for many items: the URL is reversed once per
    list and filled in per item (a list of 2,000 items would otherwise spend most of its time in
    the URL resolver)."""

    def build() -> Callable[[object], str]:
        marker = "00000000-0000-4000-8000-000000000000"
        head, _marker, tail = reverse(name, args=[marker]).partition(marker)
        return lambda public_id: f"{head}{public_id}{tail}"

    result: Callable[[object], str] = memo(("link", name), build)
    return result


def collect(
    user: User, today: date, *, only: Iterable[Source] | None = None
) -> list[AttentionItem]:
    """Every item of every source for ``user`` on ``today``: overdue first, then by date.

    Items may carry only the id of their participant; :func:`with_participants` reads the
    participants of the items a page shows."""
    items: list[AttentionItem] = []
    with collecting():
        for source in only if only is not None else sources():
            items.extend(source(user, today))
    return sorted(items, key=sort_key)


def sort_key(item: AttentionItem) -> tuple[Any, ...]:
    return (
        SEVERITY_ORDER.get(item.severity, 3),
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


@dataclass(frozen=True)
class AttentionPage:
    """One page of a user's attention list, with the counts of the whole list."""

    page: Page[AttentionItem]
    counts: list[tuple[str, str, int]]  # per kind, over the whole list (not only the kind shown)
    total: int  # items of the kind shown (all kinds when none is chosen)
    overdue: int  # overdue items of the whole list
    kind: str = ""

    @property
    def items(self) -> Sequence[AttentionItem]:
        return self.page.object_list


DEFAULT_PAGE_SIZE = 50


def select(
    items: Sequence[AttentionItem], kind: str = ""
) -> tuple[list[AttentionItem], list[tuple[str, str, int]], int]:
    """The items of ``kind`` (all when none is given), with the counts per kind and the number of
    overdue items of the whole list, for a page or an API answer over that list."""
    overdue = sum(1 for i in items if i.severity == Severity.OVERDUE)
    chosen = [i for i in items if i.kind == kind] if kind else list(items)
    return chosen, counts(items), overdue


def paginate(
    user: User,
    items: Sequence[AttentionItem],
    *,
    kind: str = "",
    number: int | str | None = 1,
    size: int = DEFAULT_PAGE_SIZE,
) -> AttentionPage:
    """One page of ``items`` (sorted, as :func:`collect` gives them), filtered on ``kind``, with
    the participants of that page read through the access layer (see :func:`with_participants`).
    """
    chosen, all_counts, overdue = select(items, kind)
    result = Paginator(chosen, size).get_page(number)
    result.object_list = with_participants(user, result.object_list)
    return AttentionPage(result, all_counts, len(chosen), overdue, kind)


def with_participants(user: User, items: Sequence[AttentionItem]) -> list[AttentionItem]:
    """``items`` with their participants, read in one query (by primary key, only the columns
    the list shows). The sources give only ids of files ``user`` may open, as the access layer
    decided (``participants.access.caseload``, or ``visible_participants`` for an item outside
    the caseload); an item about a file the user may not open carries no id and shows no name.
    """
    from werkpad.participants.models import Participant

    wanted = {i.participant_id for i in items if i.participant_id is not None}
    if not wanted:
        return list(items)
    found = {
        p.pk: p
        for p in Participant.objects.filter(pk__in=wanted).only(
            "pk", "public_id", "first_name", "last_name", "number"
        )
    }
    return [
        item
        if item.participant_id is None
        else replace(item, participant=found.get(item.participant_id))
        for item in items
    ]


def shown(items: Iterable[AttentionItem]) -> list[Participant]:
    """The participants named on a page (each once), for the access log."""
    seen: dict[int, Participant] = {}
    for item in items:
        if item.participant is not None:
            seen.setdefault(item.participant.pk, item.participant)
    return list(seen.values())
