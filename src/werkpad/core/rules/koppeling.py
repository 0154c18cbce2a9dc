"""Kansrijke koppeling: linking a new status holder to a municipality ([004] Kader 6, note 68).

* **Hard criterion**: paid work of at least ``koppeling.hard_min_hours_per_week`` (8) hours a week,
  shown with a signed contract and the latest payslip → COA must link within
  ``koppeling.radius_km`` (50) km.
* **Omkoppeling** (moving an existing link to the municipality of work) only when *all* hold: a
  status holder in an azc who already has a link (``Person.linked_to_municipality``); the hard
  criterion; work that fits the person's training or experience and is not available elsewhere;
  not in an excluded sector (cleaning, distribution); a monthly wage of at least the bijstandsnorm;
  a contract of at least ``koppeling.omkoppeling_min_contract_months`` (6) months; the REBA paid; no
  housing offered yet; inburgering not started (RULES.md §4 reads the last two as "and").

Conditions combine three-valued: any fail → fail; else any unknown → unknown; else pass.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from werkpad.core.i18n import Message, gettext_noop, msg, msg_about
from werkpad.core.rules.model import (
    ConditionKind,
    ConditionResult,
    Job,
    KoppelingResult,
    Person,
    Phase,
    Rule,
    Status,
    make_rule,
)
from werkpad.core.rules.parameters import ParameterSet, ParameterVersion, ResolvedParameters
from werkpad.core.rules.wages import gross_monthly, hours_of, money, net_monthly, plain_number

__all__ = ["combine", "koppeling"]

PASS, FAIL, UNKNOWN = Status.PASS, Status.FAIL, Status.UNKNOWN
_LINKABLE = frozenset({Phase.ASYLUM_SEEKER, Phase.STATUS_HOLDER_AZC})


def combine(statuses: Iterable[Status]) -> Status:
    """Three-valued AND: fail beats unknown beats pass."""
    result = PASS
    for status in statuses:
        if status is FAIL:
            return FAIL
        if status is UNKNOWN:
            result = UNKNOWN
    return result


def _shown(value: object) -> str | Decimal | int | Message:
    if value is None:
        return msg(gettext_noop("unknown"))
    if isinstance(value, Decimal):
        return plain_number(value)
    if isinstance(value, int | str):
        return value
    assert isinstance(value, tuple)
    return ", ".join(value)


def _money(value: Decimal | None) -> Decimal | Message:
    return msg(gettext_noop("unknown")) if value is None else value


class _Context:
    def __init__(self, r: ResolvedParameters) -> None:
        self.on = r.on
        self.min_hours = r.number("koppeling.hard_min_hours_per_week")
        self.radius = r.integer("koppeling.radius_km")
        self.min_months = r.integer("koppeling.omkoppeling_min_contract_months")
        self.excluded = r.sectors("koppeling.omkoppeling_excluded_sectors")
        self.norm_single = r.number("bijstand.norm_single_monthly_net")
        self.norm_couple = r.number("bijstand.norm_couple_monthly_net")
        self.weeks_per_month = r.number("convention.weeks_per_month")
        self.net_share = r.number("wage.net_share_of_gross")
        hard = (r["koppeling.hard_min_hours_per_week"], r["koppeling.radius_km"])
        extra = (r["koppeling.omkoppeling_min_contract_months"],)
        legal = ConditionKind.LEGAL

        def rule(code: str, text: Message, parameters: tuple[ParameterVersion, ...]) -> Rule:
            return make_rule(code, legal, text, parameters)

        self.rules = {
            "koppeling.phase": rule(
                "koppeling.phase",
                msg(
                    gettext_noop(
                        "COA links a new status holder to a municipality; asylum seekers with "
                        "work can be screened before the decision."
                    )
                ),
                hard,
            ),
            "koppeling.hours": rule(
                "koppeling.hours",
                msg(
                    gettext_noop("Paid work of at least %(hours)s hours a week."),
                    hours=_shown(self.min_hours),
                ),
                hard,
            ),
            "koppeling.contract_signed": rule(
                "koppeling.contract_signed",
                msg(gettext_noop("A signed employment contract.")),
                hard,
            ),
            "koppeling.payslip": rule(
                "koppeling.payslip", msg(gettext_noop("The latest payslip, shown to COA.")), hard
            ),
            "omkoppeling.existing_link": rule(
                "omkoppeling.existing_link",
                msg(
                    gettext_noop(
                        "A status holder already linked to a municipality: omkoppeling moves an "
                        "existing link."
                    )
                ),
                extra,
            ),
            "omkoppeling.fits_training": rule(
                "omkoppeling.fits_training",
                msg(
                    gettext_noop(
                        "Work that fits the person's training or earlier work experience and is "
                        "not to be found in other regions."
                    )
                ),
                extra,
            ),
            "omkoppeling.sector": rule(
                "omkoppeling.sector",
                msg(
                    gettext_noop("Not in an excluded sector (%(sectors)s)."),
                    sectors=_shown(self.excluded),
                ),
                (r["koppeling.omkoppeling_excluded_sectors"],),
            ),
            "omkoppeling.wage": rule(
                "omkoppeling.wage",
                msg(
                    gettext_noop(
                        "A monthly wage of at least the bijstandsnorm (net: single %(single)s, "
                        "couple %(couple)s)."
                    ),
                    single=_money(self.norm_single),
                    couple=_money(self.norm_couple),
                ),
                (
                    r["bijstand.norm_single_monthly_net"],
                    r["bijstand.norm_couple_monthly_net"],
                    r["convention.weeks_per_month"],
                    r["wage.net_share_of_gross"],
                ),
            ),
            "omkoppeling.contract_length": rule(
                "omkoppeling.contract_length",
                msg(
                    gettext_noop("A contract of at least %(months)s months."),
                    months=_shown(self.min_months),
                ),
                extra,
            ),
            "omkoppeling.reba_paid": rule(
                "omkoppeling.reba_paid", msg(gettext_noop("The REBA is paid to COA.")), extra
            ),
            "omkoppeling.no_housing": rule(
                "omkoppeling.no_housing", msg(gettext_noop("No housing offered yet.")), extra
            ),
            "omkoppeling.inburgering_not_started": rule(
                "omkoppeling.inburgering_not_started",
                msg(gettext_noop("Inburgering not yet started.")),
                extra,
            ),
        }


def _context(params: ParameterSet, on: date) -> _Context:
    return params.cached("koppeling", on, lambda day: _Context(params.resolve(day)))


def _flag(
    c: _Context,
    code: str,
    value: bool | None,
    yes: Message,
    no: Message,
    unknown: Message,
    good: bool = True,
) -> ConditionResult:
    """A condition on a yes/no input; ``good`` is the answer that passes."""
    if value is None:
        return ConditionResult(c.rules[code], UNKNOWN, None, text=unknown)
    passed = value is good
    return ConditionResult(
        c.rules[code], PASS if passed else FAIL, value, text=yes if value else no
    )


def koppeling(person: Person, job: Job, on: date, params: ParameterSet) -> KoppelingResult:
    """Is ``job`` a hard criterion for the link, and is omkoppeling possible, on ``on``?"""
    c = _context(params, on)
    hard = (
        _phase(c, person),
        _hours(c, job),
        _flag(
            c,
            "koppeling.contract_signed",
            job.contract_signed,
            msg(gettext_noop("The contract is signed.")),
            msg(gettext_noop("The contract is not signed yet.")),
            msg(gettext_noop("It is not known whether the contract is signed.")),
        ),
        _flag(
            c,
            "koppeling.payslip",
            job.payslip_shown,
            msg(gettext_noop("The latest payslip has been shown.")),
            msg(gettext_noop("The latest payslip has not been shown yet.")),
            msg(gettext_noop("It is not known whether the latest payslip has been shown.")),
        ),
    )
    extra = (
        _existing_link(c, person),
        _flag(
            c,
            "omkoppeling.fits_training",
            job.matches_training,
            msg(gettext_noop("The work fits your training or experience.")),
            msg(gettext_noop("The work does not specifically fit your training or experience.")),
            msg(gettext_noop("It is not known whether the work fits your training or experience.")),
        ),
        _sector(c, job),
        _wage(c, person, job),
        _contract_length(c, job),
        _flag(
            c,
            "omkoppeling.reba_paid",
            person.reba_paid,
            msg(gettext_noop("The REBA is paid.")),
            msg(gettext_noop("The REBA is not paid.")),
            msg(gettext_noop("It is not known whether the REBA is paid.")),
        ),
        _flag(
            c,
            "omkoppeling.no_housing",
            person.housed,
            msg(gettext_noop("Housing has already been offered.")),
            msg(gettext_noop("No housing has been offered yet.")),
            msg(gettext_noop("It is not known whether housing has been offered.")),
            good=False,
        ),
        _flag(
            c,
            "omkoppeling.inburgering_not_started",
            person.in_inburgering,
            msg(gettext_noop("Inburgering has already started.")),
            msg(gettext_noop("Inburgering has not started yet.")),
            msg(gettext_noop("It is not known whether inburgering has started.")),
            good=False,
        ),
    )
    hard_status = combine(r.status for r in hard)
    omkoppeling_status = combine(r.status for r in (*hard, *extra))
    return KoppelingResult(
        on=on,
        hard_criterion=hard_status,
        omkoppeling=omkoppeling_status,
        radius_km=c.radius,
        hard_conditions=hard,
        omkoppeling_conditions=(*hard, *extra),
        explanation=(
            _hard_headline(c, job, hard_status),
            _omkoppeling_headline(omkoppeling_status),
        ),
    )


def _phase(c: _Context, person: Person) -> ConditionResult:
    rule = c.rules["koppeling.phase"]
    if person.phase in _LINKABLE:
        text = msg(gettext_noop("You can still be linked to a municipality."))
        return ConditionResult(rule, PASS, person.phase.value, text=text)
    if person.phase is Phase.TEMPORARY_PROTECTION:
        text = msg(
            gettext_noop("Temporary protection (Ukraine): COA does not link you to a municipality.")
        )
    else:
        text = msg(gettext_noop("You already live in a municipality: the link has been made."))
    return ConditionResult(rule, FAIL, person.phase.value, text=text)


def _existing_link(c: _Context, person: Person) -> ConditionResult:
    """Omkoppeling moves a link COA already made: only a status holder who has one."""
    rule = c.rules["omkoppeling.existing_link"]
    if person.phase is not Phase.STATUS_HOLDER_AZC:
        text = msg_about(
            gettext_noop(
                "Omkoppeling is only for a status holder in an azc who has already been linked to "
                "a municipality; this job can count for your first link instead."
            ),
            gettext_noop(
                "Omkoppeling is only for a status holder in an azc who has already been linked to "
                "a municipality; this job can count for the participant's first link instead."
            ),
        )
        return ConditionResult(rule, FAIL, person.phase.value, text=text)
    if person.linked_to_municipality is None:
        text = msg_about(
            gettext_noop("It is not known whether COA has already linked you to a municipality."),
            gettext_noop(
                "The file does not say whether COA has already linked the participant to a "
                "municipality."
            ),
        )
        return ConditionResult(rule, UNKNOWN, None, text=text)
    if person.linked_to_municipality:
        text = msg_about(
            gettext_noop("You have already been linked to a municipality."),
            gettext_noop("The participant has already been linked to a municipality."),
        )
        return ConditionResult(rule, PASS, True, text=text)
    text = msg_about(
        gettext_noop(
            "You have not been linked to a municipality yet: there is no link to move; this job "
            "can count for the first link."
        ),
        gettext_noop(
            "The participant has not been linked to a municipality yet: there is no link to move; "
            "this job can count for the first link."
        ),
    )
    return ConditionResult(rule, FAIL, False, text=text)


def _hours(c: _Context, job: Job) -> ConditionResult:
    rule = c.rules["koppeling.hours"]
    hours = hours_of(job)
    if c.min_hours is None:
        text = msg(gettext_noop("The minimum hours for the hard criterion are not set."))
        return ConditionResult(rule, UNKNOWN, hours, text=text)
    if hours is None:
        text = msg(gettext_noop("The hours a week of this job are not known."))
        return ConditionResult(rule, UNKNOWN, None, text=text)
    if hours >= c.min_hours:
        text = msg(
            gettext_noop("%(hours)s hours a week: at least %(minimum)s."),
            hours=plain_number(hours),
            minimum=plain_number(c.min_hours),
        )
        return ConditionResult(rule, PASS, hours, text=text)
    text = msg(
        gettext_noop("%(hours)s hours a week: fewer than %(minimum)s."),
        hours=plain_number(hours),
        minimum=plain_number(c.min_hours),
    )
    return ConditionResult(rule, FAIL, hours, text=text)


def _sector(c: _Context, job: Job) -> ConditionResult:
    rule = c.rules["omkoppeling.sector"]
    if c.excluded is None:
        text = msg(gettext_noop("The excluded sectors are not set."))
        return ConditionResult(rule, UNKNOWN, job.sector, text=text)
    if job.sector is None:
        text = msg(gettext_noop("The sector of this job is not known."))
        return ConditionResult(rule, UNKNOWN, None, text=text)
    sector = job.sector.strip().lower()
    if sector in c.excluded:
        text = msg(
            gettext_noop("Work in %(sector)s never counts for omkoppeling."), sector=job.sector
        )
        return ConditionResult(rule, FAIL, sector, text=text)
    text = msg(gettext_noop("Work in %(sector)s is not excluded."), sector=job.sector)
    return ConditionResult(rule, PASS, sector, text=text)


def _wage(c: _Context, person: Person, job: Job) -> ConditionResult:
    rule = c.rules["omkoppeling.wage"]
    norms: tuple[Decimal | None, ...]
    if person.has_partner is None:
        norms = (c.norm_single, c.norm_couple)
    else:
        norms = (c.norm_couple,) if person.has_partner else (c.norm_single,)
    net = net_monthly(job, c.weeks_per_month, c.net_share)
    shown = None if net is None else money(net)
    known = [n for n in norms if n is not None]
    if len(known) < len(norms):
        text = msg(gettext_noop("The bijstandsnorm is not set in the rules for this date."))
        return ConditionResult(rule, UNKNOWN, shown, text=text)
    low, high = min(known), max(known)
    if net is None:
        gross = gross_monthly(job, c.weeks_per_month)
        if gross is not None and gross < low:
            # The net wage is never above the gross wage.
            text = msg(
                gettext_noop(
                    "The gross monthly wage of %(wage)s is already below the bijstandsnorm of "
                    "%(norm)s."
                ),
                wage=money(gross),
                norm=low,
            )
            return ConditionResult(rule, FAIL, money(gross), text=text)
        text = msg(gettext_noop("The net monthly wage of this job is not known."))
        return ConditionResult(rule, UNKNOWN, None, text=text)
    assert shown is not None
    if net >= high:
        text = msg(
            gettext_noop("A net monthly wage of %(wage)s: at least the bijstandsnorm of %(norm)s."),
            wage=shown,
            norm=high,
        )
        return ConditionResult(rule, PASS, shown, text=text)
    if net < low:
        text = msg(
            gettext_noop("A net monthly wage of %(wage)s: below the bijstandsnorm of %(norm)s."),
            wage=shown,
            norm=low,
        )
        return ConditionResult(rule, FAIL, shown, text=text)
    text = msg(
        gettext_noop(
            "A net monthly wage of %(wage)s: enough for a single person, not for a couple; it is "
            "not known whether you have a partner."
        ),
        wage=shown,
    )
    return ConditionResult(rule, UNKNOWN, shown, text=text)


def _contract_length(c: _Context, job: Job) -> ConditionResult:
    rule = c.rules["omkoppeling.contract_length"]
    if job.permanent_contract:
        text = msg(gettext_noop("A permanent contract."))
        return ConditionResult(rule, PASS, True, text=text)
    if c.min_months is None:
        text = msg(gettext_noop("The minimum contract length is not set."))
        return ConditionResult(rule, UNKNOWN, job.contract_months, text=text)
    if job.contract_months is None:
        text = msg(gettext_noop("The length of the contract is not known."))
        return ConditionResult(rule, UNKNOWN, None, text=text)
    if job.contract_months >= c.min_months:
        text = msg(
            gettext_noop("A contract of %(months)s months: at least %(minimum)s."),
            months=job.contract_months,
            minimum=c.min_months,
        )
        return ConditionResult(rule, PASS, job.contract_months, text=text)
    text = msg(
        gettext_noop("A contract of %(months)s months: shorter than %(minimum)s."),
        months=job.contract_months,
        minimum=c.min_months,
    )
    return ConditionResult(rule, FAIL, job.contract_months, text=text)


def _hard_headline(c: _Context, job: Job, status: Status) -> Message:
    if status is PASS:
        km = _shown(c.radius)
        if job.workplace:
            return msg(
                gettext_noop(
                    "This job is a hard criterion: COA must link you to a municipality within "
                    "%(km)s km of %(place)s."
                ),
                km=km,
                place=job.workplace,
            )
        return msg(
            gettext_noop(
                "This job is a hard criterion: COA must link you to a municipality within %(km)s "
                "km of the workplace."
            ),
            km=km,
        )
    if status is FAIL:
        return msg(gettext_noop("This job is not a hard criterion for the link (see below)."))
    return msg(gettext_noop("Whether this job is a hard criterion is not yet known (see below)."))


def _omkoppeling_headline(status: Status) -> Message:
    if status is PASS:
        return msg(
            gettext_noop(
                "Omkoppeling to the municipality of this work is possible: all conditions hold."
            )
        )
    if status is FAIL:
        return msg(gettext_noop("Omkoppeling is not possible (see below)."))
    return msg(gettext_noop("Whether omkoppeling is possible is not yet known (see below)."))
