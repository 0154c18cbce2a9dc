"""REBA: what a working COA resident keeps of their income (RULES.md §2).

A single resident keeps ``reba.keep_share`` (25 %) of net income, at most ``reba.keep_cap_monthly``
(€273) a month; the rest goes to COA ([003] §2.3.3). The family rules are not in the reports: for a
household of two or more Werkpad computes only when the operator has set all four family
parameters, with this model::

    kept = min(family_keep_share × net, family_keep_cap) − family_extra_per_member × (size − 1)
    kept = max(kept, 0, net × (1 − family_max_contribution_share)),   kept ≤ net

Otherwise the answer is "unknown" and says which values are missing. Amounts are monthly, net, in
euros, rounded to cents; the inputs are net because gross→net is not in the reports (see
``wage.net_share_of_gross``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from werkpad.core.i18n import Message, gettext_noop, msg
from werkpad.core.rules.model import (
    ConditionKind,
    ConditionResult,
    Job,
    Person,
    RebaExample,
    RebaExamples,
    RebaOutcome,
    RebaResult,
    Status,
    make_rule,
    register_explainer,
)
from werkpad.core.rules.parameters import ParameterSet, ResolvedParameters
from werkpad.core.rules.wages import hours_of, money, net_hourly, net_monthly, plain_number

__all__ = ["DEFAULT_EXAMPLE_HOURS", "reba", "reba_examples", "reba_for_income"]

DEFAULT_EXAMPLE_HOURS = (16, 24, 32, 40)
_ZERO = Decimal(0)
_FAMILY_KEYS = (
    "reba.family_keep_share",
    "reba.family_keep_cap_monthly",
    "reba.family_extra_per_member_monthly",
    "reba.family_max_contribution_share",
)


def _percent(share: Decimal) -> str:
    return plain_number(share * 100)


class _Context:
    """The REBA rules in force on one date, with the conditions that do not depend on the person."""

    def __init__(self, r: ResolvedParameters) -> None:
        self.on = r.on
        self.keep_share = r.number("reba.keep_share")
        self.keep_cap = r.number("reba.keep_cap_monthly")
        self.family = tuple(r.number(key) for key in _FAMILY_KEYS)
        self.weeks_per_month = r.number("convention.weeks_per_month")
        self.net_share = r.number("wage.net_share_of_gross")
        unknown = msg(gettext_noop("unknown"))
        reported = r.number("reba.family_contribution_reported")
        self.reported = unknown if reported is None else _percent(reported)
        single_rule = make_rule(
            "reba.single",
            ConditionKind.LEGAL,
            msg(
                gettext_noop(
                    "A working COA resident keeps %(share)s %% of net income, at most %(cap)s a "
                    "month; the rest goes to COA."
                ),
                share=unknown if self.keep_share is None else _percent(self.keep_share),
                cap=unknown if self.keep_cap is None else self.keep_cap,
            ),
            (r["reba.keep_share"], r["reba.keep_cap_monthly"]),
        )
        self.family_rule = make_rule(
            "reba.family",
            ConditionKind.LEGAL,
            msg(
                gettext_noop(
                    "For families the contribution can reach %(share)s %% of income, with extra "
                    "per family member; the exact rules are set by the operator."
                ),
                share=self.reported,
            ),
            (*(r[key] for key in _FAMILY_KEYS), r["reba.family_contribution_reported"]),
        )
        self.missing_family = ", ".join(
            key for key, v in zip(_FAMILY_KEYS, self.family, strict=True) if v is None
        )
        resident_rule = make_rule(
            "reba.coa_resident",
            ConditionKind.LEGAL,
            msg(
                gettext_noop(
                    "The REBA applies to residents of COA reception with income: asylum seekers "
                    "and status holders still in an azc."
                )
            ),
            (r["reba.keep_share"],),
        )
        self.resident = {
            True: ConditionResult(
                resident_rule,
                Status.PASS,
                True,
                text=msg(
                    gettext_noop("You live in COA reception: the REBA applies to your income.")
                ),
            ),
            False: ConditionResult(
                resident_rule,
                Status.FAIL,
                False,
                text=msg(
                    gettext_noop("You do not live in COA reception: the REBA does not apply.")
                ),
            ),
            None: ConditionResult(
                resident_rule,
                Status.UNKNOWN,
                None,
                text=msg(gettext_noop("It is not known whether you live in COA reception.")),
            ),
        }
        self.income_rule = make_rule(
            "reba.net_income",
            ConditionKind.LEGAL,
            msg(gettext_noop("The REBA is computed on the net monthly income.")),
            (r["convention.weeks_per_month"], r["wage.net_share_of_gross"]),
        )
        self.income_unknown = ConditionResult(
            self.income_rule,
            Status.UNKNOWN,
            None,
            text=msg(
                gettext_noop(
                    "The net monthly income is not known: give the net wage (gross to net is not "
                    "in Werkpad's rules)."
                )
            ),
        )
        self.household_unknown = ConditionResult(
            self.family_rule,
            Status.UNKNOWN,
            None,
            text=msg(
                gettext_noop(
                    "The household size is not known: single people and families pay differently."
                )
            ),
        )
        if self.keep_share is None or self.keep_cap is None:
            self.single = ConditionResult(
                single_rule,
                Status.UNKNOWN,
                1,
                text=msg(
                    gettext_noop("The REBA rates are not set in the rules for %(date)s."),
                    date=self.on,
                ),
            )
        else:
            self.single = ConditionResult(
                single_rule,
                Status.PASS,
                1,
                text=msg(
                    gettext_noop(
                        "Single person: you keep %(share)s %% of net income, at most %(cap)s a "
                        "month."
                    ),
                    share=_percent(self.keep_share),
                    cap=self.keep_cap,
                ),
            )
        self._households: dict[int, ConditionResult] = {}

    def household(self, size: int) -> ConditionResult:
        """The family-rate condition for a household of ``size`` (2 or more), made once per size."""
        result = self._households.get(size)
        if result is None:
            result = self._households[size] = self._family(size)
        return result

    def _family(self, size: int) -> ConditionResult:
        if None in self.family:
            return ConditionResult(
                self.family_rule,
                Status.UNKNOWN,
                size,
                text=msg(
                    gettext_noop(
                        "For a household of %(size)s the REBA family rules are not in the reports "
                        "(for families the contribution can reach %(share)s %% of income): not "
                        "set are %(missing)s."
                    ),
                    size=size,
                    share=self.reported,
                    missing=self.missing_family,
                ),
            )
        return ConditionResult(
            self.family_rule,
            Status.PASS,
            size,
            text=msg(
                gettext_noop("Household of %(size)s: the family rules set by the operator apply."),
                size=size,
            ),
        )


def _context(params: ParameterSet, on: date) -> _Context:
    return params.cached("reba", on, lambda day: _Context(params.resolve(day)))


def reba_for_income(
    monthly_net: Decimal | None,
    on: date,
    params: ParameterSet,
    *,
    household_size: int | None = 1,
    lives_in_coa: bool | None = True,
) -> RebaResult:
    """The REBA on a net monthly income (``None``: not known) for a household of ``household_size``."""
    if monthly_net is not None and monthly_net < 0:
        raise ValueError("monthly_net must not be negative")
    if household_size is not None and household_size < 1:
        raise ValueError("household_size must be at least 1")
    return _compute(_context(params, on), monthly_net, household_size, lives_in_coa)


def reba(person: Person, job: Job, on: date, params: ParameterSet) -> RebaResult:
    """The REBA for ``person`` in ``job``: net monthly income from the job's net wage (or its gross
    wage times the operator's ``wage.net_share_of_gross``), COA residence from the person/phase."""
    c = _context(params, on)
    net = net_monthly(job, c.weeks_per_month, c.net_share)
    return _compute(c, net, person.household_size, person.coa_resident)


def reba_examples(
    job: Job,
    on: date,
    params: ParameterSet,
    *,
    household_size: int | None = 1,
    lives_in_coa: bool | None = True,
    hours: Iterable[int | Decimal] = DEFAULT_EXAMPLE_HOURS,
) -> RebaExamples:
    """Concrete REBA examples for a vacancy, before signing ([001] §3.4, kans 2).

    One row for the contract's own hours and one per entry of ``hours`` (16, 24, 32, 40 by default),
    sorted by hours, all at the job's net hourly wage. The contract row uses the job's own monthly
    net wage when that is given.
    """
    c = _context(params, on)
    hourly = net_hourly(job, c.weeks_per_month, c.net_share)
    contract_hours = hours_of(job)
    wanted = {Decimal(h) for h in hours}
    if contract_hours is not None:
        wanted.add(contract_hours)
    rows = []
    for h in sorted(wanted):
        is_contract = h == contract_hours
        if is_contract:
            net = net_monthly(job, c.weeks_per_month, c.net_share)
        elif hourly is None or c.weeks_per_month is None:
            net = None
        else:
            net = hourly * h * c.weeks_per_month
        rows.append(RebaExample(h, is_contract, _compute(c, net, household_size, lives_in_coa)))
    if hourly is None:
        head = msg(
            gettext_noop(
                "The net hourly wage of this job is not known: enter it to see what you keep at "
                "other hours."
            )
        )
    else:
        head = msg(
            gettext_noop(
                "At a net wage of %(wage)s an hour, this is what you keep each month at these "
                "hours a week."
            ),
            wage=money(hourly),
        )
    return RebaExamples(c.on, None if hourly is None else money(hourly), tuple(rows), (head,))


def _compute(
    c: _Context, net: Decimal | None, household_size: int | None, resident: bool | None
) -> RebaResult:
    if net is not None:
        net = money(net)
    income = (
        c.income_unknown
        if net is None
        else ConditionResult(c.income_rule, Status.PASS, net, reason="net")
    )
    if resident is False:
        return RebaResult(
            RebaOutcome.NOT_APPLICABLE,
            c.on,
            net,
            net,
            None if net is None else _ZERO,
            False,
            (c.resident[False], income),
        )
    kept: Decimal | None = None
    cap_reached: bool | None = None
    if household_size is None:
        rate = c.household_unknown
    elif household_size == 1:
        rate = c.single
        if net is not None and c.keep_share is not None and c.keep_cap is not None:
            share_part = money(net * c.keep_share)
            cap_reached = share_part >= c.keep_cap
            kept = money(min(share_part, c.keep_cap))
    else:
        rate = c.household(household_size)
        share, cap, extra, max_contribution = c.family
        if (
            net is not None
            and share is not None
            and cap is not None
            and extra is not None
            and max_contribution is not None
        ):
            share_part = money(net * share)
            cap_reached = share_part >= cap
            kept = min(share_part, cap) - extra * (household_size - 1)
            kept = min(money(max(kept, _ZERO, net - net * max_contribution)), net)
    conditions = (c.resident[resident], income, rate)
    if resident is None or kept is None or net is None:
        return RebaResult(RebaOutcome.UNKNOWN, c.on, net, None, None, None, conditions)
    return RebaResult(
        RebaOutcome.CONTRIBUTION, c.on, net, kept, net - kept, cap_reached, conditions
    )


def _explain_income(condition: ConditionResult) -> Message:
    assert isinstance(condition.value, Decimal)
    return msg(gettext_noop("Net income: %(net)s a month."), net=condition.value)


register_explainer("reba.net_income", _explain_income)
