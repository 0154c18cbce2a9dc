"""What an analyst may select on the evaluation pages, and when a selection may be shown.

Filters combine only into fixed periods (the peildatum is the end of a month, the instroom cohort a
calendar year) and a selection is shown only when it holds at least the minimum base N, and when
every selection one filter wider differs from it by nothing or by at least the minimum base N: two
overlapping views (one programme, and all programmes) then never subtract into a small group. An
analyst with a scope (:class:`AnalystScope`) counts only the participants of its organisations.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from django.http import HttpRequest
from django.utils import timezone

from werkpad.accounts.models import Organisation, User
from werkpad.participants.choices import Gender
from werkpad.pathway.models import Programme
from werkpad.places.models import Municipality

from . import tables
from .reports import Filters, enrolments

# A selection is shown only over at least this many times the small-cell threshold.
MIN_BASE_FACTOR = 5


def min_base() -> int:
    return MIN_BASE_FACTOR * tables.threshold()


def scope_of(user: User) -> tuple[int, ...]:
    """The organisations an analyst is limited to (empty: all)."""
    scope = getattr(user, "analyst_scope", None)
    if scope is None or user.is_administrator:
        return ()
    return tuple(scope.organisations.values_list("pk", flat=True)) or (-1,)


def month_end(d: date) -> date:
    nxt = date(d.year + d.month // 12, d.month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def peildatum_from(value: str | None) -> date:
    """Fixed periods only: any date is taken to the end of its month (not after today's month)."""
    today = timezone.localdate()
    try:
        d = date.fromisoformat(value) if value else today
    except ValueError:
        d = today
    return month_end(min(d, today))


@dataclass(frozen=True)
class Selection:
    peildatum: date
    filters: Filters
    scope: tuple[int, ...]
    programme: Programme | None = None
    organisation: Organisation | None = None
    municipality: Municipality | None = None

    def count(self, filters: Filters) -> int:
        return enrolments(self.peildatum, filters).count()

    @property
    def n(self) -> int:
        return self.count(self.filters)

    def refusal(self) -> str:
        """Why this selection may not be shown ("" when it may): "too_few" or "difference"."""
        base = min_base()
        n = self.n
        if n < base:
            return "too_few"
        f = self.filters
        wider: list[Filters] = []
        if f.programme is not None:
            wider.append(replace(f, programme=None))
        if f.organisations != self.scope:
            wider.append(replace(f, organisations=self.scope))
        if f.municipality is not None:
            wider.append(replace(f, municipality=None))
        if f.gender:
            wider.append(replace(f, gender=""))
        if f.cohort is not None:
            wider.append(replace(f, cohort=None))
        for filters in wider:
            diff = self.count(filters) - n
            if 0 < diff < base:
                return "difference"
        return ""


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def selection_from(request: HttpRequest, user: User) -> Selection:
    """The selection of the request's query (unknown values are ignored, never an error)."""
    q = request.GET
    scope = scope_of(user)
    programme = None
    if _uuid(q.get("programme")):
        programme = Programme.objects.filter(public_id=q.get("programme")).first()
    orgs = Organisation.objects.exclude(kind="employer")
    if scope:
        orgs = orgs.filter(pk__in=scope)
    organisation = orgs.filter(pk=_int(q.get("organisation")) or 0).first()
    municipality = Municipality.objects.filter(pk=_int(q.get("municipality")) or 0).first()
    gender = q.get("gender", "")
    if gender not in Gender.values:
        gender = ""
    cohort = _int(q.get("cohort"))
    if cohort is not None and not 2000 <= cohort <= 2100:
        cohort = None
    filters = Filters(
        programme=programme.pk if programme else None,
        organisations=(organisation.pk,) if organisation else scope,
        municipality=municipality.pk if municipality else None,
        gender=gender,
        cohort=cohort,
    )
    return Selection(
        peildatum=peildatum_from(q.get("peildatum")),
        filters=filters,
        scope=scope,
        programme=programme,
        organisation=organisation,
        municipality=municipality,
    )


def _uuid(value: str | None) -> bool:
    import uuid

    try:
        uuid.UUID(value or "")
    except ValueError:
        return False
    return True
