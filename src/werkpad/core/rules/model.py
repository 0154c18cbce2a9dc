"""Inputs and results of the rules engine: plain frozen dataclasses.

Inputs use ``None`` for "not known": an unknown input makes the condition that needs it *unknown*,
never a guess. Results carry, for every condition, the status, the value used, the rule with the
parameter versions it rests on (version = the latest ``valid_from``, and their sources), and a
plain-language explanation as :class:`~werkpad.core.i18n.Message` values.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import cached_property

from werkpad.core.i18n import Message, gettext_noop, msg, msg_about
from werkpad.core.rules.parameters import ParameterValue, ParameterVersion

Value = str | int | Decimal | date | bool | None
Number = Decimal | int


# --- inputs --------------------------------------------------------------------------------------


class IncoherentInput(ValueError):
    """Inputs that contradict each other or cannot be read; ``field`` names the field at fault."""

    def __init__(self, field_name: str, problem: str) -> None:
        super().__init__(f"{field_name} {problem}")
        self.field = field_name
        self.problem = problem


def _enum(owner: object, name: str, kind: type[StrEnum]) -> None:
    """Turn a plain string in field ``name`` into ``kind``, or refuse it naming the field."""
    value = getattr(owner, name)
    if value is None or isinstance(value, kind):
        return
    try:
        converted = kind(value)
    except ValueError:
        allowed = ", ".join(member.value for member in kind)
        raise IncoherentInput(name, f"{value!r} is not one of {allowed}") from None
    object.__setattr__(owner, name, converted)


class Phase(StrEnum):
    ASYLUM_SEEKER = "asylum_seeker"  # asylum application pending (azc phase)
    TEMPORARY_PROTECTION = "temporary_protection"  # Ukraine: a different regime, no TWV
    STATUS_HOLDER_AZC = "status_holder_azc"  # residence permit, still in an azc awaiting housing
    INBURGERING = "inburgering"  # housed in a municipality, in inburgering
    AFTER_INBURGERING = "after_inburgering"


STATUS_HOLDER_PHASES = frozenset(
    {Phase.STATUS_HOLDER_AZC, Phase.INBURGERING, Phase.AFTER_INBURGERING}
)


class BsnStatus(StrEnum):
    RECEIVED = "received"
    REQUESTED = "requested"  # with Person.bsn_requested_on
    NONE = "none"  # not requested yet


class TwvStatus(StrEnum):
    NONE = "none"  # not applied for
    APPLIED = "applied"  # with Job.twv_date = the application date
    GRANTED = "granted"  # with Job.twv_date = the grant date (optional)
    REFUSED = "refused"


class Sector(StrEnum):
    """Common sector codes; ``Job.sector`` accepts any text, compared case-insensitively."""

    CLEANING = "cleaning"
    DISTRIBUTION = "distribution"
    LOGISTICS = "logistics"
    HOSPITALITY = "hospitality"
    CONSTRUCTION = "construction"
    PRODUCTION = "production"
    RETAIL = "retail"
    CARE = "care"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Person:
    """A newcomer as the rules need them; every field but ``phase`` may be unknown (``None``).

    ``lives_in_coa`` left ``None`` is read from the phase where the phase settles it (a status holder
    in an azc lives in COA reception; a housed status holder does not). ``housing_offered`` and
    ``inburgering_started`` likewise follow from the phases ``inburgering`` / ``after_inburgering``.
    """

    phase: Phase
    birth_date: date | None = None
    asylum_application_date: date | None = None
    lives_in_coa: bool | None = None
    has_w_document: bool | None = None  # False: no valid W-document at all
    w_document_expiry: date | None = None
    bsn: BsnStatus | None = None
    bsn_requested_on: date | None = None
    residence_permit_date: date | None = None
    household_size: int | None = None  # people in the household, for the REBA
    has_partner: bool | None = None  # for the bijstandsnorm (omkoppeling)
    housing_offered: bool | None = None
    inburgering_started: bool | None = None
    reba_paid: bool | None = None  # omkoppeling: the REBA is paid to COA
    linked_to_municipality: bool | None = None  # omkoppeling: COA has already linked them

    def __post_init__(self) -> None:
        _enum(self, "phase", Phase)
        _enum(self, "bsn", BsnStatus)
        if self.household_size is not None and self.household_size < 1:
            raise IncoherentInput("household_size", "must be at least 1")
        applied, permit = self.asylum_application_date, self.residence_permit_date
        if applied is not None and permit is not None and permit < applied:
            raise IncoherentInput(
                "residence_permit_date",
                f"{permit.isoformat()} is before the asylum application of {applied.isoformat()}",
            )

    def check_on(self, on: date) -> None:
        """Refuse facts dated after the evaluation date ``on`` that cannot be in the future."""
        if self.birth_date is not None and self.birth_date > on:
            raise IncoherentInput(
                "birth_date", f"{self.birth_date.isoformat()} is after {on.isoformat()}"
            )
        if self.bsn_requested_on is not None and self.bsn_requested_on > on:
            raise IncoherentInput(
                "bsn_requested_on",
                f"{self.bsn_requested_on.isoformat()} is after {on.isoformat()}",
            )

    @property
    def coa_resident(self) -> bool | None:
        if self.lives_in_coa is not None:
            return self.lives_in_coa
        if self.phase is Phase.STATUS_HOLDER_AZC:
            return True
        if self.phase in (Phase.INBURGERING, Phase.AFTER_INBURGERING):
            return False
        return None

    @property
    def housed(self) -> bool | None:
        """Housing offered in a municipality (known from the phase, else from the field)."""
        if self.phase in (Phase.INBURGERING, Phase.AFTER_INBURGERING):
            return True
        return self.housing_offered

    @property
    def in_inburgering(self) -> bool | None:
        """Inburgering started (known from the phase, else from the field)."""
        if self.phase in (Phase.INBURGERING, Phase.AFTER_INBURGERING):
            return True
        return self.inburgering_started


@dataclass(frozen=True, slots=True)
class Job:
    """A job or vacancy. Give wages gross or net, per hour or per month (money in euros).

    Gross→net is not in the reports: REBA needs a net wage, or the operator's
    ``wage.net_share_of_gross``. Monthly ↔ hourly uses ``convention.weeks_per_month`` (52/12).
    """

    hours_per_week: Number | None = None
    hourly_wage_gross: Decimal | None = None
    hourly_wage_net: Decimal | None = None
    monthly_wage_gross: Decimal | None = None
    monthly_wage_net: Decimal | None = None
    start_date: date | None = None
    contract_months: int | None = None
    permanent_contract: bool | None = None
    sector: str | None = None
    contract_signed: bool | None = None
    payslip_shown: bool | None = None  # the latest payslip was shown (to COA)
    twv: TwvStatus | None = None
    twv_date: date | None = None  # applied on (APPLIED) or granted on (GRANTED)
    matches_training: bool | None = None  # fits training/experience, not available elsewhere
    workplace: str | None = None  # municipality of the workplace, for explanations

    def __post_init__(self) -> None:
        _enum(self, "twv", TwvStatus)
        for name in (
            "hours_per_week",
            "hourly_wage_gross",
            "hourly_wage_net",
            "monthly_wage_gross",
            "monthly_wage_net",
            "contract_months",
        ):
            amount = getattr(self, name)
            if amount is not None and amount < 0:
                raise IncoherentInput(name, "must not be negative")


# --- results -------------------------------------------------------------------------------------


class Status(StrEnum):
    PASS = "pass"  # noqa: S105 (not a password)
    FAIL = "fail"
    UNKNOWN = "unknown"


class ConditionKind(StrEnum):
    LEGAL = "legal"  # a condition of the law: decides the outcome
    PRACTICAL = "practical"  # needed in practice (e.g. BSN for payroll): decides the start date
    ADVISORY = "advisory"  # worth knowing (bijstand exit, startbaan norm): never decides


class Outcome(StrEnum):
    MAY_WORK = "may_work"
    MAY_WORK_FROM = "may_work_from"
    MAY_NOT = "may_not"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule as applied on a date: its text and the parameter versions it rests on."""

    code: str
    kind: ConditionKind
    text: Message
    parameters: tuple[ParameterVersion, ...]
    version: date | None  # the latest version date among the parameters (valid_from or source date)
    source: str

    def value(self, key: str) -> ParameterValue | None:
        """The value of parameter ``key`` as this rule used it (``None``: unknown)."""
        for parameter in self.parameters:
            if parameter.key == key:
                return parameter.value
        raise KeyError(key)


def make_rule(
    code: str, kind: ConditionKind, text: Message, parameters: tuple[ParameterVersion, ...]
) -> Rule:
    # The rule's version: the latest day one of its parameters took effect; for parameters in force
    # since before their source, the latest date of those sources.
    starts = [p.valid_from for p in parameters if p.valid_from is not None]
    dated = [p.source_date for p in parameters if p.source_date is not None]
    sources = dict.fromkeys(p.source for p in parameters)
    version = max(starts) if starts else max(dated, default=None)
    return Rule(code, kind, text, parameters, version, "; ".join(sources))


Explainer = Callable[["ConditionResult"], Message]
_EXPLAINERS: dict[str, Explainer] = {}


def register_explainer(code: str, explainer: Explainer) -> None:
    """Let conditions of rule ``code`` build their explanation on demand (see ConditionResult)."""
    _EXPLAINERS[code] = explainer


@dataclass(frozen=True, slots=True)
class ConditionResult:
    """One condition: pass / fail / unknown, the value used, the rule, and why.

    ``holds_from`` is set when a failing condition is expected to hold from a date (waiting period,
    TWV decision, BSN): the outcome is then "may work from" rather than "may not".

    ``explanation`` is the plain-language sentence. It is either given (``text``) or built when
    asked for, from ``reason`` and ``detail``, by the explainer registered for the rule's code: so
    evaluating many people does not pay for sentences nobody reads. ``reason`` is a short code of
    why the status was given (e.g. ``"param"`` when a parameter the rule needs is unknown).
    """

    rule: Rule
    status: Status
    value: Value
    holds_from: date | None = None
    reason: str = ""
    detail: Value = None
    text: Message | None = None

    @property
    def explanation(self) -> Message:
        if self.text is not None:
            return self.text
        return _EXPLAINERS[self.rule.code](self)

    @property
    def code(self) -> str:
        return self.rule.code

    @property
    def kind(self) -> ConditionKind:
        return self.rule.kind

    @property
    def version(self) -> date | None:
        return self.rule.version

    @property
    def source(self) -> str:
        return self.rule.source


@dataclass(frozen=True, slots=True)
class Step:
    """Something that must happen first, by whom, and when it is expected (if known)."""

    code: str
    actor: str  # person | employer | coa | uwv | municipality
    text: Message
    expected: date | None = None


@dataclass(frozen=True, slots=True)
class EligibilityDetails:
    """Why, and what must happen first: the conditions, the steps and the notes."""

    conditions: tuple[ConditionResult, ...]
    steps: tuple[Step, ...]
    notes: tuple[Message, ...]


@dataclass(frozen=True, eq=False)
class EligibilityResult:
    """May this person work in this job, from when, why, and what must happen first.

    ``start`` is the planned start (the job's start date, or ``on`` if earlier or unknown);
    ``earliest_start`` is set for ``MAY_WORK`` (= ``start``) and ``MAY_WORK_FROM`` (later than or
    equal to ``start``, after the steps).

    The decision (outcome, dates, TWV) is computed at once. The details — ``conditions``, ``steps``,
    ``notes`` — are built from the same assessment on first access and then kept, so that matching
    many candidates against many vacancies pays only for the decision. Equality compares the
    decision and the details.
    """

    outcome: Outcome
    on: date
    phase: Phase
    start: date
    earliest_start: date | None
    needs_twv: bool | None
    build_details: Callable[[], EligibilityDetails] = field(repr=False)
    #: The outcome holds provided the pay is at least the statutory minimum wage, whose amount is
    #: not configured for the date (the only unknown): "may work from DATE, provided …".
    wage_proviso: bool = False

    @cached_property
    def details(self) -> EligibilityDetails:
        return self.build_details()

    @property
    def conditions(self) -> tuple[ConditionResult, ...]:
        return self.details.conditions

    @property
    def steps(self) -> tuple[Step, ...]:
        return self.details.steps

    @property
    def notes(self) -> tuple[Message, ...]:
        return self.details.notes

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, EligibilityResult):
            return NotImplemented
        return self._key() == other._key() and self.details == other.details

    __hash__ = None  # type: ignore[assignment]

    def _key(self) -> tuple[object, ...]:
        return (
            self.outcome,
            self.on,
            self.phase,
            self.start,
            self.earliest_start,
            self.needs_twv,
            self.wage_proviso,
        )

    @property
    def headline(self) -> Message:
        if self.outcome is Outcome.MAY_WORK and self.wage_proviso:
            return msg_about(
                gettext_noop(
                    "You may work in this job from %(date)s, provided the pay is at least the "
                    "statutory minimum wage (the amount is not configured in Werkpad)."
                ),
                gettext_noop(
                    "The participant may work in this job from %(date)s, provided the pay is at "
                    "least the statutory minimum wage (the amount is not configured in Werkpad)."
                ),
                date=self.start,
            )
        if self.outcome is Outcome.MAY_WORK:
            return msg_about(
                gettext_noop("You may work in this job from %(date)s."),
                gettext_noop("The participant may work in this job from %(date)s."),
                date=self.start,
            )
        if self.outcome is Outcome.MAY_WORK_FROM:
            assert self.earliest_start is not None
            if self.wage_proviso:
                return msg_about(
                    gettext_noop(
                        "You may work in this job from %(date)s at the earliest, after the steps "
                        "below, provided the pay is at least the statutory minimum wage (the "
                        "amount is not configured in Werkpad)."
                    ),
                    gettext_noop(
                        "The participant may work in this job from %(date)s at the earliest, after "
                        "the steps below, provided the pay is at least the statutory minimum wage "
                        "(the amount is not configured in Werkpad)."
                    ),
                    date=self.earliest_start,
                )
            return msg_about(
                gettext_noop(
                    "You may work in this job from %(date)s at the earliest, after the steps below."
                ),
                gettext_noop(
                    "The participant may work in this job from %(date)s at the earliest, after the "
                    "steps below."
                ),
                date=self.earliest_start,
            )
        if self.outcome is Outcome.MAY_NOT:
            return msg_about(
                gettext_noop("You may not work in this job: a condition is not met (see below)."),
                gettext_noop(
                    "The participant may not work in this job: a condition is not met (see below)."
                ),
            )
        return msg_about(
            gettext_noop(
                "Werkpad cannot yet say whether you may work in this job: some information is "
                "missing (see below)."
            ),
            gettext_noop(
                "Werkpad cannot yet say whether the participant may work in this job: some "
                "information is missing (see below)."
            ),
        )

    @property
    def explanation(self) -> tuple[Message, ...]:
        """Headline; why (legal/practical conditions not passed); the steps; the advice (advisory
        conditions, whatever their status); the notes."""
        why = []
        advice = []
        for c in self.conditions:
            if c.kind is ConditionKind.ADVISORY:
                advice.append(c.explanation)
            elif c.status is not Status.PASS:
                why.append(c.explanation)
        return (self.headline, *why, *(s.text for s in self.steps), *advice, *self.notes)

    def condition(self, code: str) -> ConditionResult:
        for result in self.conditions:
            if result.code == code:
                return result
        raise KeyError(code)


@dataclass(frozen=True, slots=True)
class WorkWindow:
    """A job-independent summary per person, for matching (see :func:`work_window`)."""

    outcome: Outcome
    earliest_start: date | None
    needs_twv: bool | None
    min_wage_applies: bool | None
    min_hourly_wage_gross: Decimal | None  # None with min_wage_applies: amount unknown
    wage_proviso: bool = False  # the outcome holds provided the pay is at least that minimum


def _known(amount: Decimal | None) -> Decimal:
    assert amount is not None
    return amount


class RebaOutcome(StrEnum):
    CONTRIBUTION = "contribution"  # REBA applies: amounts computed
    NOT_APPLICABLE = "not_applicable"  # not a COA resident: keeps the whole net income
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class RebaResult:
    """What a working COA resident keeps each month (net, euros) and what goes to COA."""

    outcome: RebaOutcome
    on: date
    monthly_net: Decimal | None
    kept: Decimal | None
    to_coa: Decimal | None
    cap_reached: bool | None
    conditions: tuple[ConditionResult, ...]

    @property
    def headline(self) -> Message:
        if self.outcome is RebaOutcome.CONTRIBUTION:
            return msg(
                gettext_noop(
                    "Of a net income of %(net)s a month you keep %(kept)s; %(coa)s goes to COA "
                    "(REBA)."
                ),
                net=_known(self.monthly_net),
                kept=_known(self.kept),
                coa=_known(self.to_coa),
            )
        if self.outcome is RebaOutcome.NOT_APPLICABLE:
            if self.monthly_net is None:
                return msg(gettext_noop("The REBA does not apply: you keep your whole net income."))
            return msg(
                gettext_noop("The REBA does not apply: you keep your whole net income of %(net)s."),
                net=self.monthly_net,
            )
        return msg(
            gettext_noop(
                "What you would keep cannot be computed yet: some information is missing (see "
                "below)."
            )
        )

    @property
    def explanation(self) -> tuple[Message, ...]:
        """The headline; why, for each condition not passed; and the rate that was applied."""
        return (
            self.headline,
            *(
                c.explanation
                for c in self.conditions
                if c.status is not Status.PASS or c.code in ("reba.single", "reba.family")
            ),
        )


@dataclass(frozen=True, slots=True)
class RebaExample:
    hours_per_week: Decimal
    is_contract: bool
    result: RebaResult


@dataclass(frozen=True, slots=True)
class RebaExamples:
    """Monthly REBA outcomes for a vacancy at its contract hours and at common hour counts."""

    on: date
    hourly_net: Decimal | None
    rows: tuple[RebaExample, ...]
    explanation: tuple[Message, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class KoppelingResult:
    """Kansrijke koppeling: is the job a hard criterion, and is omkoppeling possible?"""

    on: date
    hard_criterion: Status
    omkoppeling: Status
    radius_km: int | None
    hard_conditions: tuple[ConditionResult, ...]
    omkoppeling_conditions: tuple[ConditionResult, ...]
    explanation: tuple[Message, ...]
