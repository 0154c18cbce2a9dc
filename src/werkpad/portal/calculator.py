"""'What do I keep?': gross, an estimate of net, what the REBA takes (in COA reception) or how it
touches bijstand, for a vacancy or for hours and a wage the newcomer types.

Every figure comes from ``werkpad.core.rules`` (wages, REBA) and the dated parameters; each carries
its source. A missing parameter gives "unknown", said plainly, never a guess. Sources that begin
with "Demo value" are shown as demo values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from werkpad import formats
from werkpad.core import rules
from werkpad.core.i18n import NEWCOMER
from werkpad.core.rules.explain import parameter_label
from werkpad.core.rules.wages import gross_monthly, money, net_monthly
from werkpad.eligibility import adapters, present

DEMO_PREFIX = "Demo value"


@dataclass
class Figure:
    code: str
    label: str
    amount: Decimal | None
    text: str
    sources: list[tuple[str, bool]] = field(default_factory=list)  # (source, is demo value)
    estimate: bool = False

    @property
    def shown(self) -> str:
        return formats.money(self.amount) if self.amount is not None else _("unknown")


@dataclass
class Calculation:
    on: date
    hours: Decimal | None
    hourly: Decimal | None
    figures: list[Figure]
    in_coa: bool | None
    unknown: list[str]

    def figure(self, code: str) -> Figure | None:
        return next((f for f in self.figures if f.code == code), None)


def _source(resolved: rules.ResolvedParameters, key: str) -> tuple[str, bool]:
    version = resolved[key]
    return version.source, version.source.startswith(DEMO_PREFIX)


def calculate(person: rules.Person, job: rules.Job, on: date) -> Calculation:
    params = adapters.get_parameters()
    r = params.resolve(on)
    weeks = r.number("convention.weeks_per_month")
    share = r.number("wage.net_share_of_gross")
    figures: list[Figure] = []
    unknown: list[str] = []

    gross = gross_monthly(job, weeks)
    figures.append(
        Figure(
            "gross",
            _("Gross a month"),
            None if gross is None else money(gross),
            _("Hours a week × wage per hour × 52 weeks / 12 months."),
            [_source(r, "convention.weeks_per_month")],
        )
    )
    net = net_monthly(job, weeks, share)
    if net is None:
        unknown.append(present.render(parameter_label("wage.net_share_of_gross")))
    figures.append(
        Figure(
            "net",
            _("Net a month (estimate)"),
            None if net is None else money(net),
            _("What is left after tax and premiums. Your payslip shows the real amount.")
            if net is not None
            else _("Unknown: Werkpad does not know how much tax and premiums take."),
            [_source(r, "wage.net_share_of_gross")],
            estimate=True,
        )
    )
    in_coa = person.coa_resident
    if in_coa is not False:
        result = rules.reba_for_income(
            None if net is None else money(net),
            on,
            params,
            household_size=person.household_size,
            lives_in_coa=in_coa,
        )
        sources = [_source(r, "reba.keep_share"), _source(r, "reba.keep_cap_monthly")]
        figures.append(
            Figure(
                "reba",
                _("To COA (REBA)"),
                result.to_coa,
                present.render(result.headline, NEWCOMER),
                sources,
                estimate=True,
            )
        )
        figures.append(
            Figure(
                "kept",
                _("You keep a month (estimate)"),
                result.kept,
                _(
                    "While you live in COA reception, you keep part of what you earn; COA keeps the rest as your own contribution to reception."
                ),
                sources,
                estimate=True,
            )
        )
    else:
        norm = r.number("bijstand.norm_single_monthly_net")
        hours_exit = r.number("bijstand.exit_min_hours_per_week")
        if norm is None or net is None:
            total = None
            text = _("Unknown: the bijstand amount is not set in Werkpad.")
        else:
            total = money(max(norm, net))
            text = _(
                "With bijstand, what you earn is taken off your bijstand. Together you have at "
                "least the bijstand amount; if you earn more, you have what you earn."
            )
        if (
            job.hours_per_week is not None
            and hours_exit is not None
            and job.hours_per_week < hours_exit
        ):
            text += " " + _("Under %(h)s hours a week your bijstand does not stop.") % {
                "h": formats.number(hours_exit)
            }
        figures.append(
            Figure(
                "bijstand",
                _("With bijstand, you have a month (estimate)"),
                total,
                text,
                [
                    _source(r, "bijstand.norm_single_monthly_net"),
                    _source(r, "bijstand.exit_min_hours_per_week"),
                ],
                estimate=True,
            )
        )
    return Calculation(on, job.hours_per_week, job.hourly_wage_gross, figures, in_coa, unknown)
