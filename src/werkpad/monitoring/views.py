"""Monitoring for analysts: aggregate tables over all participants, with small-cell suppression.

No names, numbers or other identifying data reach these pages: counts come from
``participants.aggregates`` and every cell under :data:`SMALL_CELL` is shown as "<10".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.encoding import force_str
from django.utils.translation import gettext as _

from werkpad.accounts.models import User
from werkpad.participants import aggregates
from werkpad.participants.choices import LanguageLevel, ParticipantStatus, Phase

SMALL_CELL = 10


@dataclass(frozen=True)
class Cell:
    label: str
    count: int | None  # None: suppressed
    share: float | None = None

    @property
    def shown(self) -> str:
        if self.count is None:
            return _("<%(n)d") % {"n": SMALL_CELL}
        return str(self.count)


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    cells: list[Cell]
    total: Cell


def suppress(counts: Iterable[tuple[str, int]], total: int, threshold: int = SMALL_CELL) -> Table:
    """Cells 1..threshold-1 are hidden. While the hidden cells together hold fewer than
    ``threshold`` people (or only one cell is hidden), the next smallest cell is hidden too: the
    total minus the shown cells gives the sum of the hidden ones, and a small sum (say 2 over two
    non-empty cells) would give each of them away."""
    items = [(label, n) for label, n in counts if n > 0]
    hidden = {i for i, (_label, n) in enumerate(items) if n < threshold}
    rest = sorted((n, i) for i, (_label, n) in enumerate(items) if i not in hidden)
    while hidden and rest and (len(hidden) == 1 or sum(items[i][1] for i in hidden) < threshold):
        hidden.add(rest.pop(0)[1])
    cells = [
        Cell(label, None if i in hidden else n, None if i in hidden or not total else n / total)
        for i, (label, n) in enumerate(items)
    ]
    return Table("", "", cells, Cell(_("Total"), total if total >= threshold else None))


def _table(
    key: str, title: str, counts: Mapping[str, int], order: Iterable[tuple[str, str]], total: int
) -> Table:
    rows = [(force_str(label), counts.get(value, 0)) for value, label in order]
    known = {value for value, _label in order}
    unknown = sum(n for value, n in counts.items() if value not in known)
    rows.append((_("Unknown"), unknown))
    table = suppress(rows, total)
    return Table(key, title, table.cells, table.total)


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not isinstance(user, User) or not user.is_analyst:
        raise PermissionDenied
    total = aggregates.total()
    by_municipality = aggregates.counts_by("municipality")
    municipalities = sorted((name, name) for name in by_municipality if name)
    tables = [
        _table("phase", _("Phase"), aggregates.counts_by("phase"), Phase.choices, total),
        _table(
            "status", _("Status"), aggregates.counts_by("status"), ParticipantStatus.choices, total
        ),
        _table(
            "dutch",
            _("Dutch level (spoken)"),
            aggregates.counts_by("dutch_spoken"),
            [(v, label) for v, label in LanguageLevel.choices if v],
            total,
        ),
        _table("municipality", _("Municipality"), by_municipality, municipalities, total),
    ]
    return render(
        request,
        "monitoring/overview.html",
        {"tables": tables, "total": Cell(_("Total"), total if total >= SMALL_CELL else None)},
    )
