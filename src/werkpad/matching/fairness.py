"""Exposure fairness of the candidate rankings, by gender and by region of origin (aggregates only).

For the current candidates (every active participant, or those of one organisation) and every open
vacancy, the matcher ranks the top ``k`` eligible candidates per vacancy (the same ranking as the
"suggested candidates" card, without the per-coach scoping). :func:`werkpad.core.matching.
exposure_report` then compares, per group, the share of top-k places and of position-discounted
exposure (``1 / log2(rank + 1)``) with the group's share of the candidates. No identity leaves this
module: only group sizes and shares, for every group of the fixed category set (empty ones too),
suppressed by the one suppression (``werkpad.monitoring.tables``): a group of fewer than
``WERKPAD_SMALL_CELL`` candidates is "<10" with all its figures hidden, other groups are hidden
where needed so that no small one can be worked out from the total.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkpad.core.matching import ExposureReport, Weights, exposure_report
from werkpad.employers.models import Vacancy as VacancyRecord
from werkpad.monitoring import tables
from werkpad.participants.choices import Gender
from werkpad.participants.models import Participant

from . import adapters, services
from .taxonomy import current

REGION_LABELS = {
    "middle_east": gettext_lazy("Middle East"),
    "horn_of_africa": gettext_lazy("Horn of Africa"),
    "other_africa": gettext_lazy("Other Africa"),
    "europe": gettext_lazy("Europe"),
    "asia": gettext_lazy("Asia"),
    "other": gettext_lazy("Other countries and stateless"),
    "unknown": gettext_lazy("Unknown"),
}


@dataclass(frozen=True)
class Row:
    group: str
    label: str
    candidates: int | None  # None: suppressed (and so are the shares)
    candidate_share: float | None = None
    appearance_share: float | None = None
    exposure_share: float | None = None
    text: str = ""  # the count as published: a number, "<10" or "hidden"
    small: bool = False  # suppressed because small (not only to protect another group)

    @property
    def suppressed(self) -> bool:
        return self.candidates is None

    @property
    def ratio(self) -> float | None:
        if self.exposure_share is None or not self.candidate_share:
            return None
        return self.exposure_share / self.candidate_share

    @property
    def appearance_ratio(self) -> float | None:
        if self.appearance_share is None or not self.candidate_share:
            return None
        return self.appearance_share / self.candidate_share


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    rows: tuple[Row, ...]
    withheld: bool = False
    has_complementary: bool = False


@dataclass
class FairnessReport:
    k: int
    candidates: int | None  # None: fewer than WERKPAD_SMALL_CELL
    vacancies: int
    rankings_with_results: int
    left_out: int
    taxonomy_is_demo: bool
    tables: list[Table] = field(default_factory=list)


def suppress(
    key: str, title: str, report: ExposureReport, labels: dict[str, str], order: list[str]
) -> Table:
    """Every group of ``order`` (those without candidates too), suppressed as one table."""
    found = {g.group: g for g in report.groups}
    groups = [*order, *sorted(g for g in found if g not in order)]
    counted = tables.count_table(
        key,
        title,
        [(g, labels.get(g, g), found[g].candidates if g in found else 0) for g in groups],
    )
    rows = []
    for g, shown in zip(groups, counted.rows, strict=True):
        entry = found.get(g)
        if shown.shown and entry is not None:
            rows.append(
                Row(
                    g,
                    shown.label,
                    entry.candidates,
                    entry.candidate_share,
                    entry.appearance_share,
                    entry.exposure_share,
                    text=shown.text,
                )
            )
        elif shown.shown:  # a group without candidates is always small; kept for safety
            rows.append(Row(g, shown.label, 0, 0.0, 0.0, 0.0, text=shown.text))
        else:
            rows.append(Row(g, shown.label, None, text=shown.text, small=shown.small))
    return Table(key, title, tuple(rows), counted.withheld, counted.has_complementary)


def population(organisation_id: int | None = None) -> QuerySet[Participant]:
    """The current candidates: active participants (of one organisation, when given)."""
    qs = Participant.objects.exclude(status__in=services.INACTIVE_STATUSES)
    if organisation_id is not None:
        qs = qs.filter(organisation_id=organisation_id)
    return qs


def fairness_report(
    k: int = 10, organisation_id: int | None = None, weights: Weights | None = None
) -> FairnessReport:
    bundle = current()
    today = timezone.localdate()
    records = services.open_vacancies(VacancyRecord.objects.all())
    jobs, _by_id, jobs_missing = services.core_vacancies(records, bundle, today)
    people = services.participant_prefetch(population(organisation_id))
    candidates, by_id, people_missing = services.core_candidates(people, bundle, today)
    total = len(candidates)
    small_cell = tables.threshold()
    result = FairnessReport(
        k=k,
        candidates=total if total >= small_cell else None,
        vacancies=len(jobs),
        rankings_with_results=0,
        left_out=jobs_missing + people_missing,
        taxonomy_is_demo=bundle.is_demo,
    )
    if total < small_cell or not jobs:
        return result
    batch = services.matcher(bundle, weights).fit(jobs, candidates).rank_all_candidates(k=k)
    rankings = batch.as_dict()
    result.rankings_with_results = sum(1 for ids in rankings.values() if ids)
    genders = {cid: p.gender or "unknown" for cid, p in by_id.items()}
    regions = {cid: adapters.region_of(p.country_of_origin) for cid, p in by_id.items()}
    gender_labels = {g.value: force_str(g.label) for g in Gender} | {"unknown": _("Unknown")}
    region_labels = {key: force_str(label) for key, label in REGION_LABELS.items()}
    result.tables = [
        suppress(
            "gender",
            _("By gender"),
            exposure_report(rankings, genders, k),
            gender_labels,
            [*Gender.values, "unknown"],
        ),
        suppress(
            "region",
            _("By region of origin"),
            exposure_report(rankings, regions, k),
            region_labels,
            list(adapters.REGIONS),
        ),
    ]
    return result


def as_text(report: FairnessReport) -> str:
    """The report as a plain-text table (for ``werkpad fairness-report``)."""

    def pct(value: float | None) -> str:
        return "—" if value is None else f"{value * 100:5.1f}%"

    def ratio(value: float | None) -> str:
        return "—" if value is None else f"{value:5.2f}"

    lines = [
        _("Exposure in the top %(k)s of %(n)s open vacancies")
        % {"k": report.k, "n": report.vacancies},
        _("Candidates: %(n)s")
        % {"n": report.candidates if report.candidates else tables.small_label()},
    ]
    if report.left_out:
        lines.append(_("Left out (location unknown): %(n)s") % {"n": report.left_out})
    if not report.tables:
        lines.append(_("Too few candidates or no open vacancies: nothing to report."))
    header = (
        f"{_('group'):<30} {_('candidates'):>10} {_('share'):>7} {_('top-k'):>7} "
        f"{_('exposure'):>8} {_('ratio'):>6} {_('top-k ratio'):>11}"
    )
    for table in report.tables:
        lines += ["", str(table.title), header]
        for row in table.rows:
            count = row.text
            lines.append(
                f"{row.label[:30]:<30} {count:>10} {pct(row.candidate_share):>7} "
                f"{pct(row.appearance_share):>7} {pct(row.exposure_share):>8} "
                f"{ratio(row.ratio):>6} {ratio(row.appearance_ratio):>11}"
            )
    if report.tables:
        lines += ["", tables.explanation()]
    return "\n".join(lines)
