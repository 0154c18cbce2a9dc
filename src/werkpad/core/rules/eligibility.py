"""May this person work in this job, and from when? (RULES.md §1 and §3)

A job is judged by the rules in force on its planned start, ``max(on, job.start_date)``: versions
the operator entered for a later date are the law from that date (a minimum wage from 1 January
applies to a job starting 15 January). A time-bound condition (age, waiting period) that holds only
later holds on the first day it holds under the rules of *that* day (a waiting period shortened
from 1 July counts from 1 July on); the minimum wage and the W-document are judged at the earliest
start, by the rules then in force. ``on`` is today: expected dates are never before it.

A residence permit dated on or before the start ends the asylum regime, whatever the phase field
says (judged as a status holder, with a note). A TWV applied for before the conditions held is
premature ([004] §2.2): flagged; how the UWV counts its term then is a parameter marked as Werkpad's
assumption. When only the amount of the minimum wage is unknown, the outcome stands with a proviso
(``wage_proviso``) instead of "unknown". Inputs that contradict each other raise
:class:`IncoherentInput`, a ``ValueError`` naming the field.

Asylum seekers (Wet arbeid vreemdelingen, [004] §2.2): 18 or over; application pending at least 6
months; living in COA reception; at least the statutory minimum wage; a valid W-document — plus a TWV
applied for by the employer at the UWV (legal term 5 weeks, in practice up to 9) and, in practice, a
BSN (BRP registration possible after 6 months, waits of 6 weeks or more). Time-bound conditions that
will hold later carry ``holds_from``; the earliest realistic start is the latest of those dates:

* 6-months date and 18th birthday;
* TWV decision: granted → now; applied on D → D + practical term (not before today); not applied →
  (the day the employer may apply: today, or the 6-months date / 18th birthday if later) + practical
  term;
* BSN: received → now; requested on D → D + wait (not before today); none → (today, or the date
  registration becomes possible if later) + wait.

A W-document that expires before that start fails (step: renew it). The outcome is ``MAY_NOT`` when a
legal or practical condition fails with no date on which it will hold, else ``UNKNOWN`` when one is
unknown, else ``MAY_WORK_FROM`` when one holds only from a date, else ``MAY_WORK``.

Temporary protection (Ukraine) needs no TWV; status holders have free access. For them Werkpad adds
advisory conditions (bijstand exit from 24 h/week, the municipality's startbaan norm) that never
decide the outcome, and notes (inburgering duty after housing, lesson hours, REBA in the azc).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from functools import partial

from werkpad.core.i18n import Message, gettext_noop, msg, msg_about
from werkpad.core.rules.dates import add_months, add_weeks, age_on, anniversary
from werkpad.core.rules.explain import STEPS, hours_text, shown, unknown_value
from werkpad.core.rules.model import (
    STATUS_HOLDER_PHASES,
    BsnStatus,
    ConditionKind,
    ConditionResult,
    EligibilityDetails,
    EligibilityResult,
    IncoherentInput,
    Job,
    Outcome,
    Person,
    Phase,
    Rule,
    Status,
    TwvStatus,
    Value,
    WorkWindow,
    make_rule,
)
from werkpad.core.rules.parameters import ParameterSet, ParameterVersion, ResolvedParameters
from werkpad.core.rules.wages import gross_hourly, hours_of

__all__ = ["evaluate_work", "work_window"]

PASS, FAIL, UNKNOWN = Status.PASS, Status.FAIL, Status.UNKNOWN
LEGAL, PRACTICAL, ADVISORY = ConditionKind.LEGAL, ConditionKind.PRACTICAL, ConditionKind.ADVISORY
# Minimum-wage bands: the adult amount (from wage.adult_minimum_age), the youth amounts the operator
# can set for ages 18, 19 and 20, and "youth" for a younger age without an amount of its own.
_ADULT = "adult"
_YOUTH = "youth"
_WAGE_KEYS = {
    _ADULT: "wage.minimum_hourly_gross",
    "18": "wage.minimum_hourly_gross_age_18",
    "19": "wage.minimum_hourly_gross_age_19",
    "20": "wage.minimum_hourly_gross_age_20",
}

# The day a time-bound condition holds, from its start and the parameter value (the birthday from
# the birth date and the age, the end of the waiting period from the application and the months).
_Holds = Callable[[date, int], date]

# A checked condition: status, the date it will hold (if it will), the value used, a reason code
# that selects the explanation, and a detail the explanation needs (a date or an amount).
_Check = tuple[Status, date | None, Value, str, Value]


_unknown_value, _shown, _hours = unknown_value, shown, hours_text


class _Context:
    """Everything that depends only on the parameters in force on one date: computed once."""

    def __init__(self, r: ResolvedParameters) -> None:
        self.on = r.on
        self.min_age = r.integer("asylum.min_age")
        self.waiting_months = r.integer("asylum.waiting_months")
        self.requires_coa = r.flag("asylum.requires_coa_residence")
        self.requires_min_wage = r.flag("asylum.requires_minimum_wage")
        self.requires_wdoc = r.flag("asylum.requires_w_document")
        self.twv_legal = r.integer("asylum.twv_legal_weeks")
        self.twv_practical = r.integer("asylum.twv_practical_weeks")
        self.twv_premature = r.flag("asylum.twv_premature_counts_from_waiting_date")
        self.bsn_after = r.integer("asylum.bsn_after_months")
        self.bsn_wait = r.integer("asylum.bsn_wait_weeks")
        self.cap_applies = r.flag("asylum.weeks_cap_applies")
        self.cap_weeks = r.integer("asylum.weeks_cap_per_year")
        self.weeks_per_month = r.number("convention.weeks_per_month")
        self.adult_age = r.integer("wage.adult_minimum_age")
        self.min_wage: dict[str, Decimal | None] = {
            band: r.number(key) for band, key in _WAGE_KEYS.items()
        }
        self.min_wage[_YOUTH] = None
        self.bijstand_exit = r.number("bijstand.exit_min_hours_per_week")
        self.startbaan_min = r.number("startbaan.min_hours_per_week")
        self.lesson_hours = r.number("inburgering.lesson_hours_per_week")
        self.lesson_half_days = r.integer("inburgering.lesson_half_days_per_week")
        self.municipal_duty = r.flag("inburgering.municipal_duty")
        self.koppeling_hours = r.number("koppeling.hard_min_hours_per_week")
        self.koppeling_km = r.integer("koppeling.radius_km")
        self.twv_required = {
            Phase.ASYLUM_SEEKER: r.flag("asylum.twv_required"),
            Phase.TEMPORARY_PROTECTION: r.flag("temporary_protection.twv_required"),
        }
        for phase in STATUS_HOLDER_PHASES:
            self.twv_required[phase] = r.flag("status_holder.twv_required")

        self.rules = self._rules(r)
        self.wage_rules = self._wage_rules(r)
        self.notes = self._notes(r)

    # -- rules ------------------------------------------------------------------------------------

    def _rules(self, r: ResolvedParameters) -> dict[str, Rule]:
        rules = [
            make_rule(
                "asylum.age",
                LEGAL,
                msg(gettext_noop("At least %(age)s years old."), age=_shown(self.min_age)),
                (r["asylum.min_age"],),
            ),
            make_rule(
                "asylum.waiting_period",
                LEGAL,
                msg(
                    gettext_noop(
                        "The asylum application has been pending at the IND for at least "
                        "%(months)s months."
                    ),
                    months=_shown(self.waiting_months),
                ),
                (r["asylum.waiting_months"],),
            ),
            make_rule(
                "asylum.coa_residence",
                LEGAL,
                msg(gettext_noop("Lives in a COA reception facility.")),
                (r["asylum.requires_coa_residence"],),
            ),
            make_rule(
                "asylum.w_document",
                LEGAL,
                msg(gettext_noop("Has a valid W-document (the asylum seeker's ID) at the start.")),
                (r["asylum.requires_w_document"],),
            ),
            make_rule(
                "asylum.twv",
                LEGAL,
                msg(
                    gettext_noop(
                        "The employer holds a TWV (work permit) for this job, applied for at the "
                        "UWV: legal term %(legal)s weeks, in practice up to %(practical)s weeks."
                    ),
                    legal=_shown(self.twv_legal),
                    practical=_shown(self.twv_practical),
                ),
                (
                    r["asylum.twv_required"],
                    r["asylum.twv_legal_weeks"],
                    r["asylum.twv_practical_weeks"],
                    r["asylum.twv_premature_counts_from_waiting_date"],
                ),
            ),
            make_rule(
                "asylum.bsn",
                PRACTICAL,
                msg(
                    gettext_noop(
                        "Has a BSN, needed for a bank account and payroll: registration is "
                        "possible after %(months)s months, and the wait is %(weeks)s weeks or "
                        "more."
                    ),
                    months=_shown(self.bsn_after),
                    weeks=_shown(self.bsn_wait),
                ),
                (r["asylum.bsn_after_months"], r["asylum.bsn_wait_weeks"]),
            ),
            make_rule(
                "asylum.weeks_cap",
                ADVISORY,
                msg(
                    gettext_noop("At most %(weeks)s weeks of work in any 52 weeks."),
                    weeks=_shown(self.cap_weeks),
                ),
                (
                    r["asylum.weeks_cap_applies"],
                    r["asylum.weeks_cap_per_year"],
                    r["convention.weeks_per_month"],
                ),
            ),
            make_rule(
                "temporary_protection.twv",
                LEGAL,
                msg(gettext_noop("People with temporary protection (Ukraine) need no TWV.")),
                (r["temporary_protection.twv_required"],),
            ),
            make_rule(
                "status_holder.twv",
                LEGAL,
                msg(
                    gettext_noop(
                        "Status holders have free access to the labour market: no TWV is needed."
                    )
                ),
                (r["status_holder.twv_required"],),
            ),
            make_rule(
                "status_holder.bijstand_exit",
                ADVISORY,
                msg(
                    gettext_noop(
                        "Only work of at least %(hours)s hours a week can end the bijstand."
                    ),
                    hours=_hours(self.bijstand_exit),
                ),
                (r["bijstand.exit_min_hours_per_week"],),
            ),
            make_rule(
                "status_holder.startbaan_norm",
                ADVISORY,
                msg(
                    gettext_noop(
                        "The municipality's startbaan norm: at least %(hours)s hours a week."
                    ),
                    hours=_hours(self.startbaan_min),
                ),
                (r["startbaan.min_hours_per_week"],),
            ),
        ]
        return {rule.code: rule for rule in rules}

    def _wage_rules(self, r: ResolvedParameters) -> dict[str, Rule]:
        rules = {}
        adult = (r["wage.minimum_hourly_gross"], r["wage.adult_minimum_age"])
        for band in (*_WAGE_KEYS, _YOUTH):
            parameters: tuple[ParameterVersion, ...] = (r["asylum.requires_minimum_wage"],)
            if band in (_ADULT, _YOUTH):
                parameters = (*parameters, *adult)
            else:
                parameters = (*parameters, r[_WAGE_KEYS[band]], *adult)
            rules[band] = make_rule(
                "asylum.minimum_wage",
                LEGAL,
                msg(
                    gettext_noop(
                        "Market-rate pay of at least the statutory minimum wage "
                        "(%(amount)s an hour gross)."
                    ),
                    amount=_shown(self.min_wage[band]),
                ),
                (*parameters, r["convention.weeks_per_month"]),
            )
        return rules

    # -- notes ------------------------------------------------------------------------------------

    def _notes(self, r: ResolvedParameters) -> dict[str, Message]:
        notes: dict[str, Message] = {
            "permit": msg(
                gettext_noop(
                    "A residence permit does not oblige anyone to stop working: the TWV lapses "
                    "because status holders have free access to the labour market."
                )
            ),
            "meldplicht": msg(
                gettext_noop(
                    "The weekly reporting duty (meldplicht) and appointments with COA, IND, lawyer "
                    "or doctor often cannot be moved: agree on them with the employer."
                )
            ),
            "loop": msg(
                gettext_noop(
                    "Employers often wait for a BSN before applying for a TWV, while the BSN waits "
                    "for the TWV. Break the loop: the employer applies for the TWV now; COA can "
                    "then ask for urgent BRP registration."
                )
            ),
            "temporary_protection": msg(
                gettext_noop(
                    "Temporary protection (Ukraine) is a different regime: no TWV and no waiting "
                    "period."
                )
            ),
            "reba_azc": msg_about(
                gettext_noop(
                    "While you live in COA reception, part of your income goes to COA (REBA): "
                    "ask for the calculation before you sign."
                ),
                gettext_noop(
                    "While the participant lives in COA reception, part of the income goes to COA "
                    "(REBA): go through the calculation together before the contract is signed."
                ),
            ),
            "koppeling": msg_about(
                gettext_noop(
                    "Work of at least %(hours)s hours a week, with a signed contract and the latest "
                    "payslip, is a hard criterion for linking you to a municipality within %(km)s "
                    "km of the workplace."
                ),
                gettext_noop(
                    "Work of at least %(hours)s hours a week, with a signed contract and the latest "
                    "payslip, is a hard criterion for linking the participant to a municipality "
                    "within %(km)s km of the workplace."
                ),
                hours=_hours(self.koppeling_hours),
                km=_shown(self.koppeling_km),
            ),
            "lessons": msg(
                gettext_noop(
                    "Inburgering lessons often take %(hours)s hours a week, spread over "
                    "%(half_days)s half-days: plan the work around them."
                ),
                hours=_hours(self.lesson_hours),
                half_days=_shown(self.lesson_half_days),
            ),
        }
        cap = r["asylum.weeks_cap_applies"]
        if self.cap_applies is False:
            assert cap.valid_from is not None
            notes["weeks_cap"] = msg(
                gettext_noop(
                    "The old rule that limited asylum seekers to 24 weeks of work a year no longer "
                    "applies (since %(date)s)."
                ),
                date=cap.valid_from,
            )
        elif self.cap_applies:
            notes["weeks_cap"] = msg(
                gettext_noop(
                    "On %(date)s the 24-weeks rule applies: an asylum seeker may work at most "
                    "%(weeks)s weeks in any 52 weeks."
                ),
                date=_LAW_DAY,
                weeks=_shown(self.cap_weeks),
            )
        duty = r["inburgering.municipal_duty"]
        if self.municipal_duty:
            assert duty.valid_from is not None
            notes["duty_after_housing"] = msg_about(
                gettext_noop(
                    "You are not yet bound by the inburgering duty: it starts after housing in a "
                    "municipality, which is responsible for it (since %(date)s)."
                ),
                gettext_noop(
                    "The participant is not yet bound by the inburgering duty: it starts after "
                    "housing in a municipality, which is responsible for it (since %(date)s)."
                ),
                date=duty.valid_from,
            )
            notes["municipality"] = msg_about(
                gettext_noop(
                    "The municipality is responsible for your inburgering (Wet inburgering 2021, "
                    "since %(date)s) and for work and income (Participatiewet)."
                ),
                gettext_noop(
                    "The municipality is responsible for the participant's inburgering (Wet "
                    "inburgering 2021, since %(date)s) and for work and income (Participatiewet)."
                ),
                date=duty.valid_from,
            )
        return notes

    def minimum_wage(self, age: int) -> tuple[str, Decimal | None]:
        """The band and the minimum gross hourly wage for someone of ``age`` (``None``: unknown)."""
        if self.adult_age is not None and age >= self.adult_age:
            band = _ADULT
        else:
            band = str(age) if str(age) in _WAGE_KEYS else _YOUTH
        return band, self.min_wage[band]


def _context(params: ParameterSet, on: date) -> _Context:
    """The context of the rules in force on ``on``: one per period in which no parameter changes,
    so evaluating many people with different dates builds few contexts. ``_Context.on`` is the
    first day of that period: never shown (sentences take their dates from the assessment)."""
    return params.cached(
        "eligibility", params.period_start(on), lambda day: _Context(params.resolve(day))
    )


# A placeholder for "the day the rules are applied", filled in per evaluation by _dated.
_LAW_DAY = date.min


def _dated(message: Message, day: date) -> Message:
    if message.params.get("date") != _LAW_DAY:
        return message
    return Message(message.msgid, {**message.params, "date": day}, message.variants)


def minimum_hourly_wage(params: ParameterSet, on: date, age: int | None = None) -> Decimal | None:
    """The statutory minimum gross hourly wage on ``on`` for someone of ``age`` (the adult
    amount when the age is unknown); ``None`` when the parameters do not give it ("unknown")."""
    c = _context(params, on)
    if age is None:
        return c.min_wage[_ADULT]
    return c.minimum_wage(age)[1]


# --- assessment: the decision, without sentences; shared by evaluate_work and work_window --------


class _Assessment:
    __slots__ = (
        "checks",
        "contexts",
        "earliest",
        "needs_twv",
        "outcome",
        "permit",
        "start",
        "today",
        "twv_from",
        "wage_band",
        "wage_proviso",
    )

    def __init__(self, today: date, start: date, needs_twv: bool | None) -> None:
        self.checks: dict[str, _Check] = {}
        # The date whose rules judged a condition, where it is not the start date (a condition
        # that holds only later is explained by the rules in force when it holds).
        self.contexts: dict[str, _Context] = {}
        self.today = today
        self.start = start
        self.needs_twv = needs_twv
        self.wage_band = _ADULT
        self.earliest: date | None = None
        self.outcome = Outcome.UNKNOWN
        self.twv_from: date | None = None
        self.wage_proviso = False
        self.permit: date | None = None


def _first_day(
    params: ParameterSet, key: str, start: date, since: date, holds: _Holds
) -> date | None:
    """The first day on or after ``start`` on which a time-bound condition holds, each day judged
    by the version of ``key`` in force on it: ``holds(since, value)`` is the day it holds under
    ``value`` (the birthday, the end of the waiting period).

    So a waiting period shortened from 1 July counts from 1 July on, and one lengthened counts the
    longer period from then on. ``None`` when no known version lets it hold.
    """
    days = (start, *params.boundaries(key, start))
    for index, day in enumerate(days):
        value = params.at(key, day).value
        if value is None:
            continue
        assert type(value) is int
        candidate = max(day, holds(since, value))
        if index + 1 == len(days) or candidate < days[index + 1]:
            return candidate
    return None


def _time_bound(
    a: _Assessment,
    params: ParameterSet,
    c: _Context,
    code: str,
    key: str,
    at_start: int | None,
    since: date | None,
    holds: _Holds,
) -> date | None:
    """Check a condition that holds from a date (age, waiting period); return that first date
    ever (for a premature TWV), or ``None`` when it cannot be known."""
    if at_start is None:
        a.checks[code] = (UNKNOWN, None, since, "param", a.start)
        return None
    if since is None:
        a.checks[code] = (UNKNOWN, None, None, "input", None)
        return None
    held = holds(since, at_start)  # under the rules in force on the start date
    if not params.boundaries(key, min(since, a.start)):
        # The usual case: the value does not change from ``since`` on.
        first: date | None = held
        day: date | None = max(a.start, held)
    else:
        day = _first_day(params, key, a.start, since, holds)
        first = _first_day(params, key, since, since, holds)
    if day is None:
        a.checks[code] = (UNKNOWN, None, since, "param", a.start)
        return None
    if day == a.start:
        a.checks[code] = (PASS, None, since, "pass", held)
    else:
        later = _context(params, day)
        if later is not c:
            a.contexts[code] = later
        a.checks[code] = (FAIL, day, since, "not_yet", day)
    return first


def _assess(
    p: Person,
    params: ParameterSet,
    c: _Context,
    today: date,
    start: date,
    twv_state: TwvStatus | None,
    twv_date: date | None,
    wage: Decimal | None,
    check_wage: bool,
) -> _Assessment:
    phase = p.phase
    permit = p.residence_permit_date
    if phase is Phase.ASYLUM_SEEKER and permit is not None and permit <= start:
        # A residence permit ends the asylum regime, whatever the phase field still says.
        phase = Phase.STATUS_HOLDER_AZC if p.coa_resident is not False else Phase.INBURGERING
    required = c.twv_required[phase]
    a = _Assessment(today, start, required)
    if phase is not p.phase:
        a.permit = permit
    checks = a.checks
    if phase is not Phase.ASYLUM_SEEKER:
        code = (
            "temporary_protection.twv"
            if phase is Phase.TEMPORARY_PROTECTION
            else "status_holder.twv"
        )
        a.twv_from = today
        checks[code] = _twv(c, start, today, required, twv_state, twv_date, today, None)
        return _decide(a)

    # 1. age; 2. waiting period: each by the rules in force on the day it holds
    birth, applied = p.birth_date, p.asylum_application_date
    adult_from = _time_bound(
        a,
        params,
        c,
        "asylum.age",
        "asylum.min_age",
        c.min_age,
        birth,
        anniversary,
    )
    waited = _time_bound(
        a,
        params,
        c,
        "asylum.waiting_period",
        "asylum.waiting_months",
        c.waiting_months,
        applied,
        add_months,
    )
    # 3. COA residence
    resident = p.coa_resident
    if c.requires_coa is None:
        checks["asylum.coa_residence"] = (UNKNOWN, None, resident, "param", start)
    elif not c.requires_coa:
        checks["asylum.coa_residence"] = (PASS, None, resident, "not_required", None)
    elif resident is None:
        checks["asylum.coa_residence"] = (UNKNOWN, None, None, "input", None)
    elif resident:
        checks["asylum.coa_residence"] = (PASS, None, True, "pass", None)
    else:
        checks["asylum.coa_residence"] = (FAIL, None, False, "fail", None)
    # TWV: the employer may apply once the time-bound conditions hold
    known = [day for day in (waited, adult_from) if day is not None]
    eligible = max(known) if known else None
    if waited is not None and adult_from is not None:
        a.twv_from = max(today, waited, adult_from)
    checks["asylum.twv"] = _twv(
        c, start, today, required, twv_state, twv_date, a.twv_from, eligible
    )
    # BSN (practical)
    checks["asylum.bsn"] = _bsn_check(p, c, start, today)
    # 4. minimum wage (with a job), by the age at the earliest start the dates allow and the
    # minimum in force then; 5. W-document, valid at that start
    earliest = max([start, *(ch[1] for ch in checks.values() if ch[1] is not None)])
    at_earliest = c if earliest == start else _context(params, earliest)
    if at_earliest is not c:
        a.contexts["asylum.minimum_wage"] = a.contexts["asylum.w_document"] = at_earliest
    if check_wage:
        checks["asylum.minimum_wage"] = _wage_check(p, at_earliest, a, earliest, wage)
    checks["asylum.w_document"] = _w_document_check(p, at_earliest, today, earliest)
    return _decide(a)


def _twv(
    c: _Context,
    law_day: date,
    today: date,
    required: bool | None,
    state: TwvStatus | None,
    when: date | None,
    can_from: date | None,
    eligible: date | None,
) -> _Check:
    if required is None:
        return UNKNOWN, None, None, "param", law_day
    if not required:
        return PASS, None, None, "not_required", None
    if state is TwvStatus.GRANTED:
        return PASS, None, when, "granted", None
    if state is TwvStatus.REFUSED:
        return FAIL, None, state.value, "refused", None
    if state is None:
        return UNKNOWN, None, None, "input", None
    if c.twv_practical is None:
        return UNKNOWN, None, state.value, "param", law_day
    if state is TwvStatus.APPLIED:
        if when is None:
            return UNKNOWN, None, state.value, "applied_no_date", None
        if eligible is not None and when < eligible:
            # Applied for before the conditions held: premature ([004] §2.2).
            if c.twv_premature is None:
                return UNKNOWN, None, when, "premature_unknown", eligible
            if c.twv_premature:
                decided = add_weeks(eligible, c.twv_practical)
                return FAIL, max(decided, today), when, "premature", eligible
            again = max(today, eligible)
            return FAIL, add_weeks(again, c.twv_practical), when, "premature_again", again
        return FAIL, max(add_weeks(when, c.twv_practical), today), when, "applied", None
    if can_from is None:
        return UNKNOWN, None, state.value, "can_from_unknown", None
    return FAIL, add_weeks(can_from, c.twv_practical), state.value, "none", can_from


def _wage_check(p: Person, c: _Context, a: _Assessment, at: date, wage: Decimal | None) -> _Check:
    if c.requires_min_wage is None:
        return UNKNOWN, None, wage, "param", at
    if not c.requires_min_wage:
        return PASS, None, wage, "not_required", None
    adult_minimum = c.min_wage[_ADULT]
    if p.birth_date is None:
        # Without the age only the adult minimum can decide: youth minimums are lower.
        if adult_minimum is None:
            return UNKNOWN, None, wage, "amount", at
        if wage is None:
            return UNKNOWN, None, None, "input", None
        if wage >= adult_minimum:
            return PASS, None, wage, "pass", adult_minimum
        return UNKNOWN, None, wage, "age_unknown", adult_minimum
    band, minimum = c.minimum_wage(age_on(p.birth_date, at))
    a.wage_band = band
    if minimum is None:
        # A youth minimum wage is lower than the adult one: at least the adult amount suffices.
        if adult_minimum is not None and wage is not None and wage >= adult_minimum:
            return PASS, None, wage, "pass", adult_minimum
        return UNKNOWN, None, wage, "amount", at
    if wage is None:
        return UNKNOWN, None, None, "input", None
    if wage >= minimum:
        return PASS, None, wage, "pass", minimum
    return FAIL, None, wage, "fail", minimum


def _bsn_check(p: Person, c: _Context, law_day: date, today: date) -> _Check:
    if c.bsn_wait is None:
        return UNKNOWN, None, None, "param", law_day
    if p.bsn is None:
        return UNKNOWN, None, None, "input", None
    if p.bsn is BsnStatus.RECEIVED:
        return PASS, None, p.bsn.value, "pass", None
    if p.bsn is BsnStatus.REQUESTED:
        if p.bsn_requested_on is None:
            return UNKNOWN, None, p.bsn.value, "requested_no_date", None
        expected = add_weeks(p.bsn_requested_on, c.bsn_wait)
        if expected < today:
            # Longer than the usual wait: overdue, it may come any day (or must be chased).
            return FAIL, today, p.bsn_requested_on, "overdue", expected
        return FAIL, expected, p.bsn_requested_on, "requested", None
    if c.bsn_after is None:
        return UNKNOWN, None, p.bsn.value, "param", law_day
    if p.asylum_application_date is None:
        return UNKNOWN, None, p.bsn.value, "input", None
    possible = max(today, add_months(p.asylum_application_date, c.bsn_after))
    return FAIL, add_weeks(possible, c.bsn_wait), possible, "none", None


def _w_document_check(p: Person, c: _Context, today: date, earliest: date) -> _Check:
    if c.requires_wdoc is None:
        return UNKNOWN, None, p.w_document_expiry, "param", earliest
    if not c.requires_wdoc:
        return PASS, None, p.w_document_expiry, "not_required", None
    if p.has_w_document is False:
        return FAIL, None, False, "none", None
    if p.w_document_expiry is None:
        return UNKNOWN, None, None, "input", None
    if p.w_document_expiry < today:
        return FAIL, None, p.w_document_expiry, "expired", today
    if p.w_document_expiry < earliest:
        return FAIL, None, p.w_document_expiry, "expires", earliest
    return PASS, None, p.w_document_expiry, "pass", None


_ADVISORY_CODES = frozenset(
    {"asylum.weeks_cap", "status_holder.bijstand_exit", "status_holder.startbaan_norm"}
)


def _decide(a: _Assessment) -> _Assessment:
    blocked = unknown = pending = proviso = False
    earliest = a.start
    for code, check in a.checks.items():
        status, holds_from = check[0], check[1]
        if status is PASS or code in _ADVISORY_CODES:
            continue
        if status is UNKNOWN:
            if code == "asylum.minimum_wage" and check[3] == "amount":
                # Only the amount is missing: the answer holds provided the pay is the minimum.
                proviso = True
            else:
                unknown = True
        elif holds_from is None:
            blocked = True
        else:
            pending = True
            earliest = max(earliest, holds_from)
    if blocked:
        a.outcome = Outcome.MAY_NOT
    elif unknown:
        a.outcome = Outcome.UNKNOWN
    else:
        a.outcome = Outcome.MAY_WORK_FROM if pending else Outcome.MAY_WORK
        a.earliest = earliest
        a.wage_proviso = proviso
    return a


# --- public API ------------------------------------------------------------------------------------


def _checked(person: Person, on: date, start: date) -> None:
    person.check_on(on)
    applied = person.asylum_application_date
    if person.phase is Phase.ASYLUM_SEEKER and applied is not None and start < applied:
        raise IncoherentInput(
            "start_date",
            f"the job would start on {start.isoformat()}, before the asylum application of "
            f"{applied.isoformat()}",
        )


def work_window(person: Person, on: date, params: ParameterSet) -> WorkWindow:
    """When could this person start *a* job, whatever the job? For matching many vacancies cheaply.

    Assumes a job that would start on ``on``, for which no TWV has been applied for yet (so, for an
    asylum seeker, the earliest start includes the practical TWV term from the day the employer may
    apply). Left to :func:`evaluate_work` are the job-specific aspects: the wage (returned here as
    the minimum gross hourly wage the job must pay, ``min_hourly_wage_gross``, ``None`` when not
    known), an existing TWV, and the W-document's expiry against the job's own start date.
    ``outcome`` and ``earliest_start`` equal those of ``evaluate_work`` for a job that starts on or
    before ``on``, has no TWV yet and pays at least that minimum.

    Raises :class:`IncoherentInput` (a ``ValueError``) for inputs that contradict each other.
    """
    _checked(person, on, on)
    c = _context(params, on)
    a = _assess(person, params, c, on, on, TwvStatus.NONE, None, None, check_wage=False)
    applies: bool | None = False
    minimum: Decimal | None = None
    if person.phase is Phase.ASYLUM_SEEKER and a.permit is None:
        at = a.earliest or on
        c = _context(params, at)
        applies = c.requires_min_wage
        if applies and person.birth_date is not None:
            minimum = c.minimum_wage(age_on(person.birth_date, at))[1]
    proviso = bool(applies) and minimum is None and a.earliest is not None
    return WorkWindow(a.outcome, a.earliest, a.needs_twv, applies, minimum, proviso)


def evaluate_work(person: Person, job: Job, on: date, params: ParameterSet) -> EligibilityResult:
    """May ``person`` work in ``job``? Judged on ``on`` (today), by the rules in force on the job's
    start date (and, for a condition that holds only later, on the day it holds).

    Raises :class:`IncoherentInput` (a ``ValueError`` naming the field) for inputs that contradict
    each other: a job starting before the asylum application, a birth date after ``on``.
    """
    start = on if job.start_date is None or job.start_date < on else job.start_date
    _checked(person, on, start)
    c = _context(params, start)
    wage = gross_hourly(job, c.weeks_per_month)
    a = _assess(person, params, c, on, start, job.twv, job.twv_date, wage, check_wage=True)
    phase = person.phase if a.permit is None else _permit_phase(person)
    if phase is Phase.ASYLUM_SEEKER:
        if c.cap_applies is not False:
            # The 24-weeks rule, where it applied: advisory, as it limited work but did not bar it.
            a.checks["asylum.weeks_cap"] = _weeks_cap_check(c, start, job)
    elif phase in STATUS_HOLDER_PHASES:
        hours = hours_of(job)
        if phase is not Phase.STATUS_HOLDER_AZC:
            a.checks["status_holder.bijstand_exit"] = _hours_check(c, start, hours, c.bijstand_exit)
        if phase is not Phase.AFTER_INBURGERING:
            a.checks["status_holder.startbaan_norm"] = _hours_check(
                c, start, hours, c.startbaan_min
            )
    return EligibilityResult(
        outcome=a.outcome,
        on=on,
        phase=phase,
        start=start,
        earliest_start=a.earliest,
        needs_twv=a.needs_twv,
        build_details=partial(_details, person, phase, c, a),
        wage_proviso=a.wage_proviso,
    )


def _permit_phase(p: Person) -> Phase:
    return Phase.STATUS_HOLDER_AZC if p.coa_resident is not False else Phase.INBURGERING


def _details(p: Person, phase: Phase, c: _Context, a: _Assessment) -> EligibilityDetails:
    conditions = []
    steps = []
    for code, (status, holds_from, value, reason, detail) in a.checks.items():
        ctx = a.contexts.get(code, c)
        rule = ctx.wage_rules[a.wage_band] if code == "asylum.minimum_wage" else ctx.rules[code]
        conditions.append(ConditionResult(rule, status, value, holds_from, reason, detail))
        make_step = STEPS.get(code)
        if make_step is not None and status is not PASS:
            step = make_step(ctx, holds_from, value, reason, detail)
            if step is not None:
                steps.append(step)
    return EligibilityDetails(tuple(conditions), tuple(steps), _notes(p, phase, c, a))


def _weeks_cap_check(c: _Context, day: date, job: Job) -> _Check:
    if c.cap_applies is None or c.cap_weeks is None or c.weeks_per_month is None:
        return UNKNOWN, None, job.contract_months, "param", day
    if job.permanent_contract:
        return FAIL, None, None, "fail", None
    if job.contract_months is None:
        return UNKNOWN, None, None, "input", None
    weeks = job.contract_months * c.weeks_per_month
    if weeks <= c.cap_weeks:
        return PASS, None, job.contract_months, "pass", None
    return FAIL, None, job.contract_months, "fail", None


def _hours_check(c: _Context, day: date, hours: Decimal | None, norm: Decimal | None) -> _Check:
    if norm is None:
        return UNKNOWN, None, hours, "param", day
    if hours is None:
        return UNKNOWN, None, None, "input", None
    if hours >= norm:
        return PASS, None, hours, "pass", norm
    return FAIL, None, hours, "fail", norm


def _notes(p: Person, phase: Phase, c: _Context, a: _Assessment) -> tuple[Message, ...]:
    n = c.notes
    first: list[Message] = []
    if a.permit is not None:
        first.append(
            msg_about(
                gettext_noop(
                    "You received a residence permit on %(date)s: the asylum rules and the TWV no "
                    "longer apply to you."
                ),
                gettext_noop(
                    "The file still says asylum seeker, but a residence permit was granted on "
                    "%(date)s: judged as a status holder (the TWV lapses). Update the phase in the "
                    "file."
                ),
                date=a.permit,
            )
        )
    if phase is Phase.ASYLUM_SEEKER:
        notes = [_dated(n["weeks_cap"], a.start)] if "weeks_cap" in n else []
        bsn, twv = a.checks["asylum.bsn"], a.checks["asylum.twv"]
        if bsn[0] is not PASS and twv[0] is not PASS and twv[3] != "refused":
            notes.append(n["loop"])
        notes += [n["meldplicht"], n["permit"]]
        if p.coa_resident:
            notes.append(n["reba_azc"])
        return tuple(notes)
    if phase is Phase.TEMPORARY_PROTECTION:
        return (n["temporary_protection"],)
    notes = [*first, n["permit"]]
    if phase is Phase.STATUS_HOLDER_AZC:
        if "duty_after_housing" in n:
            notes.append(n["duty_after_housing"])
        return (*notes, n["reba_azc"], n["koppeling"])
    if phase is Phase.INBURGERING:
        if "municipality" in n:
            notes.append(n["municipality"])
        notes.append(n["lessons"])
    return tuple(notes)
