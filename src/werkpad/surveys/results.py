"""Survey results for analysts: paired before/after per indicator and breakdown, response rates.

Aggregates only. Answers count only while the newcomer's consent for anonymous evaluation is
active. Which figures may be published is decided by the one suppression
(:func:`werkpad.core.survey.publish_paired` over :func:`werkpad.core.stats.suppress_1d`, threshold
``WERKPAD_SMALL_CELL``): a group with fewer pairs than the threshold shows "<10" and no means.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from werkpad.core.stats import suppress_1d
from werkpad.core.stats.suppression import Cell, CellStatus
from werkpad.core.survey import PublishedPaired, due_moments, paired_by_group, publish_paired
from werkpad.core.survey import rounded as round_mean
from werkpad.monitoring import tables
from werkpad.participants.bands import age_band
from werkpad.participants.choices import ConsentScope, Gender
from werkpad.participants.models import Consent
from werkpad.participants.purposes import Purpose
from werkpad.pathway.models import Enrolment, Programme

from . import instrument as instruments
from . import moments
from .models import Answer, Instrument, Moment, Response, ResponseStatus

AFTER_MOMENTS = (Moment.M3, Moment.M6, Moment.M12)
UNKNOWN = "unknown"
AGE_BANDS = ("<25", "25–45", "45–65", "≥65")


def breakdowns() -> dict[str, str]:
    return {"programme": _("Programme"), "gender": _("Gender"), "age": _("Age at intake")}


def consenting() -> object:
    """Participants whose answers may be used now (active consent for anonymous evaluation)."""
    return Consent.objects.filter(
        scope=ConsentScope.RESEARCH, purpose_code=Purpose.EVALUATION, withdrawn_at__isnull=True
    ).values("participant_id")


@dataclass(frozen=True)
class Group:
    key: str
    label: str


def _groups(by: str) -> tuple[list[Group], Callable[[dict[str, object]], str]]:
    """The fixed categories of a breakdown (every one, empty ones too) and how an enrolment
    (its values) falls into one."""
    if by == "gender":
        groups = [Group(v, str(label)) for v, label in Gender.choices]
        groups.append(Group(UNKNOWN, _("Unknown")))
        known = {g.key for g in groups}
        return (
            groups,
            lambda e: (
                str(e["participant__gender"]) if e["participant__gender"] in known else UNKNOWN
            ),
        )
    if by == "age":
        groups = [Group(b, b) for b in AGE_BANDS] + [Group(UNKNOWN, _("Unknown"))]

        def band(e: dict[str, object]) -> str:
            birth, intake = e["participant__birth_date"], e["intake_date"]
            if not isinstance(birth, date) or not isinstance(intake, date):
                return UNKNOWN
            age = intake.year - birth.year - ((intake.month, intake.day) < (birth.month, birth.day))
            b = age_band(age)
            return b if b in AGE_BANDS else UNKNOWN

        return groups, band
    groups = [
        Group(str(pk), name)
        for pk, name in Programme.objects.order_by("name").values_list("pk", "name")
    ]
    return groups, lambda e: str(e["programme_id"])


@dataclass(frozen=True)
class ResultRow:
    indicator: str
    name: str
    cell: Cell
    threshold: int
    n: int | None
    mean_before: Decimal | None
    mean_after: Decimal | None
    mean_change: Decimal | None
    improved: int | None
    same: int | None
    worse: int | None

    @property
    def shown(self) -> bool:
        return self.cell.status is CellStatus.SHOWN

    @property
    def n_text(self) -> str:
        return tables.cell_text(self.cell, self.threshold)


@dataclass(frozen=True)
class GroupResult:
    key: str
    label: str
    rows: list[ResultRow]

    @property
    def any_shown(self) -> bool:
        return any(r.shown for r in self.rows)


def _row(code: str, name: str, published: PublishedPaired, k: int) -> ResultRow:
    r = published.result
    return ResultRow(
        indicator=code,
        name=name,
        cell=published.cell,
        threshold=k,
        n=r.n if r is not None else None,
        mean_before=round_mean(r.mean_before) if r else None,
        mean_after=round_mean(r.mean_after) if r else None,
        mean_change=round_mean(r.mean_change) if r else None,
        improved=r.improved if r else None,
        same=r.same if r else None,
        worse=r.worse if r else None,
    )


def paired_results(after: str, by: str) -> tuple[list[GroupResult], GroupResult]:
    """Per group of the breakdown ``by`` (and in total): per indicator, intake vs ``after``,
    paired per enrolment, published through the one suppression."""
    instrument = instruments.current()
    names = instruments.indicator_names(instrument, get_language() or "en", [Moment.INTAKE, after])
    codes = list(names)
    groups, group_of_enrolment = _groups(by)
    rows = Answer.objects.filter(
        response__status=ResponseStatus.COMPLETED,
        response__moment__in=[Moment.INTAKE, after],
        response__participant_id__in=consenting(),
    ).values_list("response__enrolment_id", "response__moment", "question__code", "value")
    before: dict[str, dict[int, int | None]] = defaultdict(dict)
    later: dict[str, dict[int, int | None]] = defaultdict(dict)
    enrolment_ids: set[int] = set()
    for enrolment_id, moment, code, value in rows:
        (before if moment == Moment.INTAKE else later)[code][enrolment_id] = value
        enrolment_ids.add(enrolment_id)
    group_of = {
        e["pk"]: group_of_enrolment(e)
        for e in Enrolment.objects.filter(pk__in=enrolment_ids).values(
            "pk", "programme_id", "intake_date", "participant__gender", "participant__birth_date"
        )
    }
    k = tables.threshold()
    keys = [g.key for g in groups]
    per_group: dict[str, list[ResultRow]] = {g.key: [] for g in groups}
    totals: list[ResultRow] = []
    for code in codes:
        results = paired_by_group(before[code], later[code], group_of, keys)
        published, total = publish_paired(results, k)
        for p in published:
            per_group[p.group].append(_row(code, names[code], p, k))
        totals.append(_row(code, names[code], total, k))
    return (
        [GroupResult(g.key, g.label, per_group[g.key]) for g in groups],
        GroupResult("total", _("Everyone"), totals),
    )


@dataclass(frozen=True)
class RateRow:
    moment: str
    label: str
    invited: Cell
    answered: Cell
    threshold: int

    @property
    def invited_text(self) -> str:
        return tables.cell_text(self.invited, self.threshold)

    @property
    def answered_text(self) -> str:
        return tables.cell_text(self.answered, self.threshold)

    @property
    def rate(self) -> Decimal | None:
        if not (self.invited.shown and self.answered.shown) or not self.invited.count:
            return None
        return (Decimal(100 * self.answered.count) / Decimal(self.invited.count)).quantize(
            Decimal("0.1")
        )


def response_rates(today: date) -> list[RateRow]:
    """Per moment: the enrolments for which it has opened since the survey exists (the first
    version's ``valid_from``: "invited") and those answered (with consent for evaluation), each
    column through the one suppression."""
    current = instruments.current()
    rules = instruments.moment_rules(current)
    since = Instrument.objects.order_by("valid_from").values_list("valid_from", flat=True).first()
    since = since or current.valid_from
    invited: dict[str, int] = dict.fromkeys(Moment.values, 0)
    enrolments = list(Enrolment.objects.only("pk", "participant_id", "intake_date"))
    for ws in moments.windows(enrolments, rules).values():
        for w in due_moments(ws, today):
            if w.opens >= since:
                invited[w.code] += 1
    answered: dict[str, int] = dict.fromkeys(Moment.values, 0)
    for moment in Response.objects.filter(
        status=ResponseStatus.COMPLETED,
        participant_id__in=consenting(),
        completed_at__date__gte=since,
    ).values_list("moment", flat=True):
        answered[moment] += 1
    order: Sequence[str] = Moment.values
    k = tables.threshold()
    inv = suppress_1d([invited[m] for m in order], k)
    ans = suppress_1d([answered[m] for m in order], k)
    labels = dict(Moment.choices)
    return [RateRow(m, str(labels[m]), inv.cells[i], ans.cells[i], k) for i, m in enumerate(order)]


def benchmark() -> tuple[Decimal | None, str]:
    data = instruments.current().data.get("benchmark", {})
    rate = data.get("response_rate")
    return (Decimal(str(rate)) if rate is not None else None), str(data.get("source", ""))
