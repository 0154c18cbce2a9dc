"""May this person work in this job, and from when? (RULES.md §1 and §3)

The rules in force on the evaluation date ``on`` are used throughout (a later start is judged by
today's rules: announced changes are not anticipated). Conditions are judged at the planned start,
``max(on, job.start_date)``.

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

from datetime import date
from decimal import Decimal
from functools import partial

from werkpad.core.i18n import Message, gettext_noop, msg
from werkpad.core.rules.dates import add_months, add_weeks, age_on, anniversary
from werkpad.core.rules.model import (
    STATUS_HOLDER_PHASES,
    BsnStatus,
    ConditionKind,
    ConditionResult,
    EligibilityDetails,
    EligibilityResult,
    Job,
    Outcome,
    Person,
    Phase,
    Rule,
    Status,
    Step,
    TwvStatus,
    Value,
    WorkWindow,
    make_rule,
    register_explainer,
)
from werkpad.core.rules.parameters import ParameterSet, ParameterVersion, ResolvedParameters
from werkpad.core.rules.wages import gross_hourly, hours_of, money, plain_number

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

# A checked condition: status, the date it will hold (if it will), the value used, a reason code
# that selects the explanation, and a detail the explanation needs (a date or an amount).
_Check = tuple[Status, date | None, Value, str, Value]


def _unknown_value() -> Message:
    return msg(gettext_noop("unknown"))


def _shown(value: int | Decimal | None) -> int | Decimal | Message:
    return _unknown_value() if value is None else value


def _hours(value: Decimal | None) -> str | Message:
    """Hours without trailing zeros (16, 7.5)."""
    return _unknown_value() if value is None else plain_number(value)


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
            "reba_azc": msg(
                gettext_noop(
                    "While you live in COA reception, part of your income goes to COA (REBA): "
                    "ask for the calculation before you sign."
                )
            ),
            "koppeling": msg(
                gettext_noop(
                    "Work of at least %(hours)s hours a week, with a signed contract and the latest "
                    "payslip, is a hard criterion for linking you to a municipality within %(km)s "
                    "km of the workplace."
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
                date=self.on,
                weeks=_shown(self.cap_weeks),
            )
        duty = r["inburgering.municipal_duty"]
        if self.municipal_duty:
            assert duty.valid_from is not None
            notes["duty_after_housing"] = msg(
                gettext_noop(
                    "You are not yet bound by the inburgering duty: it starts after housing in a "
                    "municipality, which is responsible for it (since %(date)s)."
                ),
                date=duty.valid_from,
            )
            notes["municipality"] = msg(
                gettext_noop(
                    "The municipality is responsible for your inburgering (Wet inburgering 2021, "
                    "since %(date)s) and for work and income (Participatiewet)."
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
    return params.cached("eligibility", on, lambda day: _Context(params.resolve(day)))


def minimum_hourly_wage(params: ParameterSet, on: date, age: int | None = None) -> Decimal | None:
    """The statutory minimum gross hourly wage on ``on`` for someone of ``age`` (the adult
    amount when the age is unknown); ``None`` when the parameters do not give it ("unknown")."""
    c = _context(params, on)
    if age is None:
        return c.min_wage[_ADULT]
    return c.minimum_wage(age)[1]


# --- assessment: the decision, without sentences; shared by evaluate_work and work_window --------


class _Assessment:
    __slots__ = ("checks", "earliest", "needs_twv", "outcome", "start", "twv_from", "wage_band")

    def __init__(self, start: date, needs_twv: bool | None) -> None:
        self.checks: dict[str, _Check] = {}
        self.start = start
        self.needs_twv = needs_twv
        self.wage_band = _ADULT
        self.earliest: date | None = None
        self.outcome = Outcome.UNKNOWN
        self.twv_from: date | None = None


def _assess(
    p: Person,
    c: _Context,
    start: date,
    twv_state: TwvStatus | None,
    twv_date: date | None,
    wage: Decimal | None,
    check_wage: bool,
) -> _Assessment:
    required = c.twv_required[p.phase]
    a = _Assessment(start, required)
    checks = a.checks
    on = c.on
    if p.phase is not Phase.ASYLUM_SEEKER:
        code = (
            "temporary_protection.twv"
            if p.phase is Phase.TEMPORARY_PROTECTION
            else "status_holder.twv"
        )
        a.twv_from = on
        checks[code] = _twv(c, required, twv_state, twv_date, on)
        return _decide(a)

    # 1. age
    adult_from: date | None = None
    if c.min_age is None:
        checks["asylum.age"] = (UNKNOWN, None, p.birth_date, "param", on)
    elif p.birth_date is None:
        checks["asylum.age"] = (UNKNOWN, None, None, "input", None)
    else:
        adult_from = anniversary(p.birth_date, c.min_age)
        checks["asylum.age"] = (
            (PASS, None, p.birth_date, "pass", start)
            if adult_from <= start
            else (FAIL, adult_from, p.birth_date, "not_yet", None)
        )
    # 2. waiting period
    waited: date | None = None
    if c.waiting_months is None:
        checks["asylum.waiting_period"] = (UNKNOWN, None, p.asylum_application_date, "param", on)
    elif p.asylum_application_date is None:
        checks["asylum.waiting_period"] = (UNKNOWN, None, None, "input", None)
    else:
        waited = add_months(p.asylum_application_date, c.waiting_months)
        checks["asylum.waiting_period"] = (
            (PASS, None, p.asylum_application_date, "pass", waited)
            if waited <= start
            else (FAIL, waited, p.asylum_application_date, "not_yet", waited)
        )
    # 3. COA residence
    resident = p.coa_resident
    if c.requires_coa is None:
        checks["asylum.coa_residence"] = (UNKNOWN, None, resident, "param", on)
    elif not c.requires_coa:
        checks["asylum.coa_residence"] = (PASS, None, resident, "not_required", None)
    elif resident is None:
        checks["asylum.coa_residence"] = (UNKNOWN, None, None, "input", None)
    elif resident:
        checks["asylum.coa_residence"] = (PASS, None, True, "pass", None)
    else:
        checks["asylum.coa_residence"] = (FAIL, None, False, "fail", None)
    # TWV: the employer may apply once the time-bound conditions hold
    if waited is not None and adult_from is not None:
        a.twv_from = max(on, waited, adult_from)
    checks["asylum.twv"] = _twv(c, required, twv_state, twv_date, a.twv_from)
    # BSN (practical)
    checks["asylum.bsn"] = _bsn_check(p, c)
    # 4. minimum wage (with a job), by the age at the earliest start the dates allow;
    # 5. W-document, valid at that start
    earliest = max([start, *(ch[1] for ch in checks.values() if ch[1] is not None)])
    if check_wage:
        checks["asylum.minimum_wage"] = _wage_check(p, c, a, earliest, wage)
    checks["asylum.w_document"] = _w_document_check(p, c, earliest)
    return _decide(a)


def _twv(
    c: _Context,
    required: bool | None,
    state: TwvStatus | None,
    when: date | None,
    can_from: date | None,
) -> _Check:
    if required is None:
        return UNKNOWN, None, None, "param", c.on
    if not required:
        return PASS, None, None, "not_required", None
    if state is TwvStatus.GRANTED:
        return PASS, None, when, "granted", None
    if state is TwvStatus.REFUSED:
        return FAIL, None, state.value, "refused", None
    if state is None:
        return UNKNOWN, None, None, "input", None
    if c.twv_practical is None:
        return UNKNOWN, None, state.value, "param", c.on
    if state is TwvStatus.APPLIED:
        if when is None:
            return UNKNOWN, None, state.value, "applied_no_date", None
        return FAIL, max(add_weeks(when, c.twv_practical), c.on), when, "applied", None
    if can_from is None:
        return UNKNOWN, None, state.value, "can_from_unknown", None
    return FAIL, add_weeks(can_from, c.twv_practical), state.value, "none", can_from


def _wage_check(p: Person, c: _Context, a: _Assessment, at: date, wage: Decimal | None) -> _Check:
    if c.requires_min_wage is None:
        return UNKNOWN, None, wage, "param", c.on
    if not c.requires_min_wage:
        return PASS, None, wage, "not_required", None
    if wage is None:
        return UNKNOWN, None, None, "input", None
    adult_minimum = c.min_wage[_ADULT]
    if p.birth_date is None:
        # Without the age only the adult minimum can decide: youth minimums are lower.
        if adult_minimum is not None and wage >= adult_minimum:
            return PASS, None, wage, "pass", adult_minimum
        if adult_minimum is None:
            return UNKNOWN, None, wage, "param", c.on
        return UNKNOWN, None, wage, "age_unknown", adult_minimum
    band, minimum = c.minimum_wage(age_on(p.birth_date, at))
    a.wage_band = band
    if minimum is None:
        # A youth minimum wage is lower than the adult one: at least the adult amount suffices.
        if adult_minimum is not None and wage >= adult_minimum:
            return PASS, None, wage, "pass", adult_minimum
        return UNKNOWN, None, wage, "param", c.on
    if wage >= minimum:
        return PASS, None, wage, "pass", minimum
    return FAIL, None, wage, "fail", minimum


def _bsn_check(p: Person, c: _Context) -> _Check:
    if c.bsn_wait is None:
        return UNKNOWN, None, None, "param", c.on
    if p.bsn is None:
        return UNKNOWN, None, None, "input", None
    if p.bsn is BsnStatus.RECEIVED:
        return PASS, None, p.bsn.value, "pass", None
    if p.bsn is BsnStatus.REQUESTED:
        if p.bsn_requested_on is None:
            return UNKNOWN, None, p.bsn.value, "requested_no_date", None
        expected = max(add_weeks(p.bsn_requested_on, c.bsn_wait), c.on)
        return FAIL, expected, p.bsn_requested_on, "requested", None
    if c.bsn_after is None:
        return UNKNOWN, None, p.bsn.value, "param", c.on
    if p.asylum_application_date is None:
        return UNKNOWN, None, p.bsn.value, "input", None
    possible = max(c.on, add_months(p.asylum_application_date, c.bsn_after))
    return FAIL, add_weeks(possible, c.bsn_wait), possible, "none", None


def _w_document_check(p: Person, c: _Context, earliest: date) -> _Check:
    if c.requires_wdoc is None:
        return UNKNOWN, None, p.w_document_expiry, "param", c.on
    if not c.requires_wdoc:
        return PASS, None, p.w_document_expiry, "not_required", None
    if p.has_w_document is False:
        return FAIL, None, False, "none", None
    if p.w_document_expiry is None:
        return UNKNOWN, None, None, "input", None
    if p.w_document_expiry < earliest:
        return FAIL, None, p.w_document_expiry, "expires", earliest
    return PASS, None, p.w_document_expiry, "pass", None


_ADVISORY_CODES = frozenset(
    {"asylum.weeks_cap", "status_holder.bijstand_exit", "status_holder.startbaan_norm"}
)


def _decide(a: _Assessment) -> _Assessment:
    blocked = unknown = pending = False
    earliest = a.start
    for code, check in a.checks.items():
        status, holds_from = check[0], check[1]
        if status is PASS or code in _ADVISORY_CODES:
            continue
        if status is UNKNOWN:
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
    return a


# --- public API ------------------------------------------------------------------------------------


def work_window(person: Person, on: date, params: ParameterSet) -> WorkWindow:
    """When could this person start *a* job, whatever the job? For matching many vacancies cheaply.

    Assumes a job that would start on ``on``, for which no TWV has been applied for yet (so, for an
    asylum seeker, the earliest start includes the practical TWV term from the day the employer may
    apply). Left to :func:`evaluate_work` are the job-specific aspects: the wage (returned here as
    the minimum gross hourly wage the job must pay, ``min_hourly_wage_gross``, ``None`` when not
    known), an existing TWV, and the W-document's expiry against the job's own start date.
    ``outcome`` and ``earliest_start`` equal those of ``evaluate_work`` for a job that starts on or
    before ``on``, has no TWV yet and pays at least that minimum.
    """
    c = _context(params, on)
    a = _assess(person, c, on, TwvStatus.NONE, None, None, check_wage=False)
    applies: bool | None = False
    minimum: Decimal | None = None
    if person.phase is Phase.ASYLUM_SEEKER:
        applies = c.requires_min_wage
        if applies and person.birth_date is not None:
            minimum = c.minimum_wage(age_on(person.birth_date, a.earliest or on))[1]
    return WorkWindow(a.outcome, a.earliest, a.needs_twv, applies, minimum)


def evaluate_work(person: Person, job: Job, on: date, params: ParameterSet) -> EligibilityResult:
    """May ``person`` work in ``job``, judged on ``on`` with the rules then in force?"""
    c = _context(params, on)
    start = on if job.start_date is None or job.start_date < on else job.start_date
    wage = gross_hourly(job, c.weeks_per_month)
    a = _assess(person, c, start, job.twv, job.twv_date, wage, check_wage=True)
    phase = person.phase
    if phase is Phase.ASYLUM_SEEKER:
        if c.cap_applies is not False:
            # The 24-weeks rule, where it applied: advisory, as it limited work but did not bar it.
            a.checks["asylum.weeks_cap"] = _weeks_cap_check(c, job)
    elif phase in STATUS_HOLDER_PHASES:
        hours = hours_of(job)
        if phase is not Phase.STATUS_HOLDER_AZC:
            a.checks["status_holder.bijstand_exit"] = _hours_check(c, hours, c.bijstand_exit)
        if phase is not Phase.AFTER_INBURGERING:
            a.checks["status_holder.startbaan_norm"] = _hours_check(c, hours, c.startbaan_min)
    return EligibilityResult(
        outcome=a.outcome,
        on=on,
        phase=phase,
        start=start,
        earliest_start=a.earliest,
        needs_twv=a.needs_twv,
        build_details=partial(_details, person, c, a),
    )


def _details(p: Person, c: _Context, a: _Assessment) -> EligibilityDetails:
    rules = c.rules
    conditions = []
    steps = []
    for code, (status, holds_from, value, reason, detail) in a.checks.items():
        rule = c.wage_rules[a.wage_band] if code == "asylum.minimum_wage" else rules[code]
        conditions.append(ConditionResult(rule, status, value, holds_from, reason, detail))
        make_step = _STEPS.get(code)
        if make_step is not None and status is not PASS:
            step = make_step(c, holds_from, value, reason, detail)
            if step is not None:
                steps.append(step)
    return EligibilityDetails(tuple(conditions), tuple(steps), _notes(p, c, a))


def _weeks_cap_check(c: _Context, job: Job) -> _Check:
    if c.cap_applies is None or c.cap_weeks is None or c.weeks_per_month is None:
        return UNKNOWN, None, job.contract_months, "param", c.on
    if job.permanent_contract:
        return FAIL, None, None, "fail", None
    if job.contract_months is None:
        return UNKNOWN, None, None, "input", None
    weeks = job.contract_months * c.weeks_per_month
    if weeks <= c.cap_weeks:
        return PASS, None, job.contract_months, "pass", None
    return FAIL, None, job.contract_months, "fail", None


def _hours_check(c: _Context, hours: Decimal | None, norm: Decimal | None) -> _Check:
    if norm is None:
        return UNKNOWN, None, hours, "param", c.on
    if hours is None:
        return UNKNOWN, None, None, "input", None
    if hours >= norm:
        return PASS, None, hours, "pass", norm
    return FAIL, None, hours, "fail", norm


def _notes(p: Person, c: _Context, a: _Assessment) -> tuple[Message, ...]:
    n = c.notes
    if p.phase is Phase.ASYLUM_SEEKER:
        notes = [n["weeks_cap"]] if "weeks_cap" in n else []
        bsn, twv = a.checks["asylum.bsn"], a.checks["asylum.twv"]
        if bsn[0] is not PASS and twv[0] is not PASS and twv[3] != "refused":
            notes.append(n["loop"])
        notes += [n["meldplicht"], n["permit"]]
        if p.coa_resident:
            notes.append(n["reba_azc"])
        return tuple(notes)
    if p.phase is Phase.TEMPORARY_PROTECTION:
        return (n["temporary_protection"],)
    notes = [n["permit"]]
    if p.phase is Phase.STATUS_HOLDER_AZC:
        if "duty_after_housing" in n:
            notes.append(n["duty_after_housing"])
        return (*notes, n["reba_azc"], n["koppeling"])
    if p.phase is Phase.INBURGERING:
        if "municipality" in n:
            notes.append(n["municipality"])
        notes.append(n["lessons"])
    return tuple(notes)


# --- explanations, built on first use from a condition's reason and detail -------------------------


def _param(cr: ConditionResult, key: str) -> int | Decimal | Message:
    value = cr.rule.value(key)
    assert value is None or isinstance(value, int | Decimal)
    return _shown(value)


def _param_unknown(cr: ConditionResult) -> Message:
    return msg(
        gettext_noop(
            "The rules give no value for %(keys)s on %(date)s, so this condition cannot be checked."
        ),
        keys=", ".join(p.key for p in cr.rule.parameters if not p.known),
        date=_date(cr.detail),
    )


def _date(value: Value) -> date:
    assert isinstance(value, date)
    return value


def _amount(value: Value) -> Decimal:
    assert isinstance(value, Decimal)
    return value


def _explain_age(cr: ConditionResult) -> Message:
    if cr.reason == "param":
        return _param_unknown(cr)
    age = _param(cr, "asylum.min_age")
    if cr.reason == "pass":
        return msg(
            gettext_noop("You are %(age)s or older at the start (%(date)s)."),
            age=age,
            date=_date(cr.detail),
        )
    if cr.reason == "not_yet":
        return msg(
            gettext_noop("You turn %(age)s on %(date)s."), age=age, date=_date(cr.holds_from)
        )
    return msg(
        gettext_noop(
            "Your date of birth is not known, so the minimum age of %(age)s cannot be checked."
        ),
        age=age,
    )


def _explain_waiting(cr: ConditionResult) -> Message:
    if cr.reason == "param":
        return _param_unknown(cr)
    months = _param(cr, "asylum.waiting_months")
    if cr.reason == "input":
        return msg(
            gettext_noop(
                "The date of your asylum application is not known, so the waiting period of "
                "%(months)s months cannot be checked."
            ),
            months=months,
        )
    if cr.reason == "pass":
        return msg(
            gettext_noop(
                "Your asylum application of %(applied)s has been pending %(months)s months since "
                "%(date)s."
            ),
            applied=_date(cr.value),
            months=months,
            date=_date(cr.detail),
        )
    return msg(
        gettext_noop(
            "Your asylum application of %(applied)s will have been pending %(months)s months on "
            "%(date)s."
        ),
        applied=_date(cr.value),
        months=months,
        date=_date(cr.detail),
    )


def _explain_coa(cr: ConditionResult) -> Message:
    reason = cr.reason
    if reason == "param":
        return _param_unknown(cr)
    if reason == "not_required":
        return msg(gettext_noop("Living in COA reception is not a condition on this date."))
    if reason == "pass":
        return msg(gettext_noop("You live in a COA reception facility."))
    if reason == "fail":
        return msg(
            gettext_noop(
                "You do not live in a COA reception facility: an asylum seeker may only work while "
                "living in one."
            )
        )
    return msg(gettext_noop("It is not known whether you live in a COA reception facility."))


def _explain_wage(cr: ConditionResult) -> Message:
    reason = cr.reason
    if reason == "param":
        return _param_unknown(cr)
    if reason == "not_required":
        return msg(gettext_noop("No minimum-wage condition applies on this date."))
    if reason == "input":
        return msg(
            gettext_noop("The job's gross hourly wage is not known, so the pay cannot be checked.")
        )
    wage = money(_amount(cr.value))
    minimum = _amount(cr.detail)
    if reason == "age_unknown":
        return msg(
            gettext_noop(
                "The job pays %(wage)s an hour gross, less than the adult minimum wage of "
                "%(minimum)s, and your age is not known: a lower youth minimum wage may apply."
            ),
            wage=wage,
            minimum=minimum,
        )
    if reason == "pass":
        return msg(
            gettext_noop(
                "The job pays %(wage)s an hour gross: at least the minimum wage of %(minimum)s."
            ),
            wage=wage,
            minimum=minimum,
        )
    return msg(
        gettext_noop(
            "The job pays %(wage)s an hour gross: less than the minimum wage of %(minimum)s."
        ),
        wage=wage,
        minimum=minimum,
    )


def _explain_w_document(cr: ConditionResult) -> Message:
    reason = cr.reason
    if reason == "param":
        return _param_unknown(cr)
    if reason == "not_required":
        return msg(gettext_noop("A W-document is not a condition on this date."))
    if reason == "none":
        return msg(gettext_noop("You have no valid W-document: it must be issued first."))
    if reason == "input":
        return msg(gettext_noop("It is not known until when your W-document is valid."))
    if reason == "expires":
        return msg(
            gettext_noop(
                "Your W-document expires on %(expiry)s, before the earliest start on %(date)s: "
                "renew it first."
            ),
            expiry=_date(cr.value),
            date=_date(cr.detail),
        )
    return msg(gettext_noop("Your W-document is valid until %(date)s."), date=_date(cr.value))


def _explain_twv(cr: ConditionResult) -> Message:
    reason = cr.reason
    if reason == "param":
        return _param_unknown(cr)
    if reason == "not_required":
        if cr.code == "temporary_protection.twv":
            return msg(gettext_noop("No TWV is needed with temporary protection."))
        return msg(gettext_noop("You have a residence permit: you may work without a TWV."))
    if reason == "granted":
        return msg(gettext_noop("The TWV for this job has been granted."))
    if reason == "refused":
        return msg(gettext_noop("The TWV for this job was refused: this job cannot start with it."))
    if reason == "input":
        return msg(gettext_noop("It is not known whether a TWV has been applied for."))
    if reason == "applied_no_date":
        return msg(gettext_noop("A TWV was applied for, but the date is not known."))
    if reason == "can_from_unknown":
        return msg(
            gettext_noop(
                "No TWV has been applied for yet, and when it can be is not known: the other "
                "conditions cannot be checked."
            )
        )
    if reason == "applied":
        return msg(
            gettext_noop(
                "The TWV was applied for on %(applied)s: a decision is expected by %(date)s."
            ),
            applied=_date(cr.value),
            date=_date(cr.holds_from),
        )
    return msg(
        gettext_noop(
            "No TWV has been applied for yet: if the employer applies on %(from)s, a decision is "
            "expected by %(date)s."
        ),
        date=_date(cr.holds_from),
        **{"from": _date(cr.detail)},
    )


def _explain_bsn(cr: ConditionResult) -> Message:
    reason = cr.reason
    if reason == "param":
        return _param_unknown(cr)
    if reason == "pass":
        return msg(gettext_noop("You have a BSN."))
    if reason == "input":
        return msg(gettext_noop("It is not known whether you have a BSN."))
    if reason == "requested_no_date":
        return msg(gettext_noop("Your BSN was requested, but the date is not known."))
    if reason == "requested":
        return msg(
            gettext_noop("Your BSN was requested on %(requested)s: expect it around %(date)s."),
            requested=_date(cr.value),
            date=_date(cr.holds_from),
        )
    return msg(
        gettext_noop(
            "You have no BSN yet: registration is possible from %(from)s; expect it around "
            "%(date)s."
        ),
        date=_date(cr.holds_from),
        **{"from": _date(cr.value)},
    )


def _explain_weeks_cap(cr: ConditionResult) -> Message:
    if cr.reason == "param":
        return _param_unknown(cr)
    weeks = _param(cr, "asylum.weeks_cap_per_year")
    if cr.reason == "pass":
        return msg(
            gettext_noop("The contract fits within the limit of %(weeks)s weeks in 52 weeks."),
            weeks=weeks,
        )
    if cr.reason == "fail":
        return msg(
            gettext_noop(
                "The contract is longer than %(weeks)s weeks: the TWV covers at most %(weeks)s "
                "weeks in 52 weeks."
            ),
            weeks=weeks,
        )
    return msg(
        gettext_noop("The contract length is not known: at most %(weeks)s weeks in 52 weeks."),
        weeks=weeks,
    )


def _explain_bijstand(cr: ConditionResult) -> Message:
    if cr.reason == "param":
        return _param_unknown(cr)
    if cr.reason == "input":
        return msg(gettext_noop("The hours of this job are not known."))
    hours = _hours(_amount(cr.value))
    if cr.reason == "pass":
        return msg(
            gettext_noop("At %(hours)s hours a week this job can end the bijstand."), hours=hours
        )
    return msg(
        gettext_noop(
            "At %(hours)s hours a week this job does not end the bijstand (from %(norm)s hours): "
            "part of the income is offset against it."
        ),
        hours=hours,
        norm=_hours(_amount(cr.detail)),
    )


def _explain_startbaan(cr: ConditionResult) -> Message:
    if cr.reason == "param":
        return _param_unknown(cr)
    if cr.reason == "input":
        return msg(gettext_noop("The hours of this job are not known."))
    hours = _hours(_amount(cr.value))
    if cr.reason == "pass":
        return msg(
            gettext_noop(
                "At %(hours)s hours a week this job meets the municipality's startbaan norm."
            ),
            hours=hours,
        )
    return msg(
        gettext_noop(
            "At %(hours)s hours a week this job is below the municipality's startbaan norm of "
            "%(norm)s hours."
        ),
        hours=hours,
        norm=_hours(_amount(cr.detail)),
    )


for _code, _explainer in {
    "asylum.age": _explain_age,
    "asylum.waiting_period": _explain_waiting,
    "asylum.coa_residence": _explain_coa,
    "asylum.minimum_wage": _explain_wage,
    "asylum.w_document": _explain_w_document,
    "asylum.twv": _explain_twv,
    "temporary_protection.twv": _explain_twv,
    "status_holder.twv": _explain_twv,
    "asylum.bsn": _explain_bsn,
    "asylum.weeks_cap": _explain_weeks_cap,
    "status_holder.bijstand_exit": _explain_bijstand,
    "status_holder.startbaan_norm": _explain_startbaan,
}.items():
    register_explainer(_code, _explainer)


# --- steps: what must happen first -----------------------------------------------------------------


def _step_age(
    c: _Context, holds_from: date | None, value: Value, reason: str, detail: Value
) -> Step | None:
    if holds_from is None:
        return None
    return Step(
        "wait_age",
        "person",
        msg(
            gettext_noop("Wait until you turn %(age)s, on %(date)s."),
            age=_shown(c.min_age),
            date=holds_from,
        ),
        holds_from,
    )


def _step_waiting(
    c: _Context, holds_from: date | None, value: Value, reason: str, detail: Value
) -> Step | None:
    if holds_from is None:
        return None
    return Step(
        "wait_waiting_period",
        "person",
        msg(
            gettext_noop(
                "Wait until the asylum application has been pending %(months)s months, on %(date)s."
            ),
            months=_shown(c.waiting_months),
            date=holds_from,
        ),
        holds_from,
    )


def _step_w_document(
    c: _Context, holds_from: date | None, value: Value, reason: str, detail: Value
) -> Step | None:
    if reason not in ("expires", "none"):
        return None
    return Step(
        "renew_w_document",
        "person",
        msg(gettext_noop("Renew the W-document (ask COA how): it must be valid when you start.")),
        None,
    )


def _step_twv(
    c: _Context, holds_from: date | None, value: Value, reason: str, detail: Value
) -> Step | None:
    if reason == "none":
        return Step(
            "employer_applies_twv",
            "employer",
            msg(
                gettext_noop(
                    "The employer applies for a TWV for this job at the UWV, from %(from)s, without "
                    "waiting for the BSN. Decision expected by %(date)s (legal term %(legal)s "
                    "weeks, in practice up to %(practical)s)."
                ),
                date=_date(holds_from),
                legal=_shown(c.twv_legal),
                practical=_shown(c.twv_practical),
                **{"from": _date(detail)},
            ),
            holds_from,
        )
    if reason == "applied":
        applied = _date(value)
        return Step(
            "uwv_decides_twv",
            "uwv",
            msg(
                gettext_noop(
                    "The UWV decides on the TWV applied for on %(applied)s: by law by %(legal)s, "
                    "in practice expected by %(date)s."
                ),
                applied=applied,
                legal=_unknown_value() if c.twv_legal is None else add_weeks(applied, c.twv_legal),
                date=_date(holds_from),
            ),
            holds_from,
        )
    return None


def _step_bsn(
    c: _Context, holds_from: date | None, value: Value, reason: str, detail: Value
) -> Step | None:
    if reason == "requested":
        return Step(
            "bsn_expected",
            "coa",
            msg(
                gettext_noop(
                    "BSN requested on %(requested)s, expected around %(date)s. Once the TWV is "
                    "applied for, COA can ask for urgent registration."
                ),
                requested=_date(value),
                date=_date(holds_from),
            ),
            holds_from,
        )
    if reason == "none":
        return Step(
            "request_bsn",
            "person",
            msg(
                gettext_noop(
                    "Register at a BRP-straat for a BSN, from %(from)s; expect it around %(date)s. "
                    "Once the TWV is applied for, COA can ask for urgent registration."
                ),
                date=_date(holds_from),
                **{"from": _date(value)},
            ),
            holds_from,
        )
    return None


_STEPS = {
    "asylum.age": _step_age,
    "asylum.waiting_period": _step_waiting,
    "asylum.twv": _step_twv,
    "temporary_protection.twv": _step_twv,
    "status_holder.twv": _step_twv,
    "asylum.bsn": _step_bsn,
    "asylum.w_document": _step_w_document,
}
