"""Results of the rules engine as plain, translated values for templates and the JSON API.

Presentation only: every decision, date and amount comes from ``werkpad.core.rules``. Messages are
rendered with Django's ``gettext`` in the language active for the request, in the wording for the
reader: the panel and the API speak to the coach about the participant (``audience=COACH``); a
newcomer's page renders the same messages with ``audience=NEWCOMER`` ("you").

Missing rule parameters are named in words (``missing_words``) for everyone; their configuration
keys (``missing``) are for administrators only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from werkpad import formats
from werkpad.core import rules
from werkpad.core.i18n import COACH, NEWCOMER, Message
from werkpad.core.rules.explain import parameter_label

PROVISO_LABELS = {
    rules.Outcome.MAY_WORK: _("May work, provided the pay is at least the minimum wage"),
    rules.Outcome.MAY_WORK_FROM: _(
        "May work from %(date)s, provided the pay is at least the minimum wage"
    ),
}
OUTCOME_LABELS = {
    rules.Outcome.MAY_WORK: _("May work"),
    rules.Outcome.MAY_WORK_FROM: _("May work from %(date)s"),
    rules.Outcome.MAY_NOT: _("May not work"),
    rules.Outcome.UNKNOWN: _("Unknown: information is missing"),
}
STATUS_LABELS = {
    rules.Status.PASS: _("met"),
    rules.Status.FAIL: _("not met"),
    rules.Status.UNKNOWN: _("unknown"),
}
KIND_LABELS = {
    rules.ConditionKind.LEGAL: _("Legal condition"),
    rules.ConditionKind.PRACTICAL: _("Practical condition"),
    rules.ConditionKind.ADVISORY: _("Worth knowing"),
}
ACTOR_LABELS = {
    "person": _("the newcomer"),
    "employer": _("the employer"),
    "coa": _("COA"),
    "uwv": _("the UWV"),
    "municipality": _("the municipality"),
}
# Codes that appear as condition values (TWV and BSN states).
VALUE_LABELS = {
    "none": _("none"),
    "applied": _("applied for"),
    "granted": _("granted"),
    "refused": _("refused"),
    "requested": _("requested"),
    "received": _("received"),
}
# Steps that belong to the BSN–TWV loop: shown together, as parallel tracks.
LOOP_STEPS = frozenset({"employer_applies_twv", "uwv_decides_twv", "request_bsn", "bsn_expected"})


def render(message: Message, audience: str = COACH) -> str:
    return message.for_audience(audience).render(gettext, formats.message_param)


def outcome_label(outcome: rules.Outcome, earliest: date | None, proviso: bool = False) -> str:
    label = str((PROVISO_LABELS if proviso else OUTCOME_LABELS)[outcome])
    if outcome is rules.Outcome.MAY_WORK_FROM and earliest is not None:
        return label % {"date": date_format(earliest, "DATE_FORMAT")}
    return label


def value_text(value: Any) -> str:
    """A condition's value as a person reads it."""
    if value is None:
        return str(_("unknown"))
    if isinstance(value, bool):
        return str(_("yes")) if value else str(_("no"))
    if isinstance(value, date):
        return formats.day(value)
    if isinstance(value, Decimal):
        if value.as_tuple().exponent < -4:  # type: ignore[operator]
            return "≈ " + formats.number(round(value, 4))  # e.g. 52/12
        return formats.number(value)
    if isinstance(value, str) and value in VALUE_LABELS:
        return str(VALUE_LABELS[value])
    return str(value)


def value_json(value: Any) -> Any:
    """A condition's value for JSON: dates as ISO text, amounts as decimal text."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def missing_parameters(condition: rules.ConditionResult) -> list[str]:
    """For an unknown condition: the parameter keys its rule needs that are unknown on the date
    (the operator sets them in ``WERKPAD_RULES_FILE``). For administrators."""
    if condition.status is not rules.Status.UNKNOWN:
        return []
    return [p.key for p in condition.rule.parameters if not p.known]


def missing_words(keys: list[str]) -> list[str]:
    """The same parameters in words a coach can act on."""
    return [render(parameter_label(key)) for key in keys]


INCOHERENT = {
    "start_date": _(
        "The job would start before the asylum application in the file: check the planned start "
        "date and the application date."
    ),
    "birth_date": _("The date of birth in the file is in the future: correct it in the file."),
    "bsn_requested_on": _(
        "The date the BSN was requested is in the future: correct it in the file."
    ),
    "residence_permit_date": _(
        "The residence permit is dated before the asylum application: correct the dates in the "
        "file."
    ),
}


def incoherence_text(error: rules.IncoherentInput) -> str:
    """What to correct, in the reader's language (the error's own text is for developers)."""
    text = INCOHERENT.get(error.field)
    if text is None:
        return str(_("The file holds information that contradicts itself: check the dates."))
    return str(text)


@dataclass
class ParameterRow:
    key: str
    value: str
    valid_from: date | None
    valid_until: date | None
    source: str
    origin: str
    source_date: date | None = None
    label: str = ""  # the parameter in words (the key is for administrators)


@dataclass
class ConditionRow:
    code: str
    status: str
    status_label: str
    kind: str
    kind_label: str
    value: str
    rule: str
    explanation: str
    version: date | None
    source: str
    holds_from: date | None
    parameters: list[ParameterRow]
    missing: list[str]
    missing_words: list[str] = field(default_factory=list)


@dataclass
class StepRow:
    code: str
    actor: str
    text: str
    expected: date | None
    in_loop: bool


@dataclass
class EligibilityView:
    outcome: str
    outcome_label: str
    headline: str
    on: date
    start: date
    earliest_start: date | None
    needs_twv: bool | None
    conditions: list[ConditionRow]
    steps: list[StepRow]
    notes: list[str]
    loop: bool = False
    extra: dict[str, Any] = field(default_factory=dict)
    wage_proviso: bool = False


def parameter_row(p: rules.ParameterVersion) -> ParameterRow:
    if p.value is None:
        value = str(_("unknown"))
    elif isinstance(p.value, tuple):
        value = ", ".join(p.value)
    else:
        value = value_text(p.value)
    return ParameterRow(
        key=p.key,
        value=value,
        valid_from=p.valid_from,
        valid_until=p.valid_until,
        source=p.source,
        origin=p.origin,
        source_date=p.source_date,
        label=render(parameter_label(p.key)),
    )


def condition_row(c: rules.ConditionResult, audience: str = COACH) -> ConditionRow:
    return ConditionRow(
        code=c.code,
        status=c.status.value,
        status_label=str(STATUS_LABELS[c.status]),
        kind=c.kind.value,
        kind_label=str(KIND_LABELS[c.kind]),
        value=value_text(c.value),
        rule=render(c.rule.text, audience),
        explanation=render(c.explanation, audience),
        version=c.version,
        source=c.source,
        holds_from=c.holds_from,
        parameters=[parameter_row(p) for p in c.rule.parameters],
        missing=missing_parameters(c),
        missing_words=missing_words(missing_parameters(c)),
    )


def actor_label(actor: str, audience: str = COACH) -> str:
    if audience == NEWCOMER and actor == "person":
        return str(_("you"))
    return str(ACTOR_LABELS.get(actor, actor))


def eligibility_view(result: rules.EligibilityResult, audience: str = COACH) -> EligibilityView:
    """The result for a page; ``audience`` chooses the wording (``NEWCOMER``: "you")."""
    steps = [
        StepRow(s.code, actor_label(s.actor, audience), render(s.text, audience), s.expected, False)
        for s in result.steps
    ]
    loop_codes = {s.code for s in steps} & LOOP_STEPS
    has_twv = bool(loop_codes & {"employer_applies_twv", "uwv_decides_twv"})
    has_bsn = bool(loop_codes & {"request_bsn", "bsn_expected"})
    loop = has_twv and has_bsn
    if loop:
        for s in steps:
            s.in_loop = s.code in LOOP_STEPS
    return EligibilityView(
        outcome=result.outcome.value,
        outcome_label=outcome_label(result.outcome, result.earliest_start, result.wage_proviso),
        headline=render(result.headline, audience),
        on=result.on,
        start=result.start,
        earliest_start=result.earliest_start,
        needs_twv=result.needs_twv,
        conditions=[condition_row(c, audience) for c in result.conditions],
        steps=steps,
        notes=[render(n, audience) for n in result.notes],
        loop=loop,
        wage_proviso=result.wage_proviso,
    )


def eligibility_json(result: rules.EligibilityResult) -> dict[str, Any]:
    """The structured result of the API, rendered in the active language."""
    return {
        "outcome": result.outcome.value,
        "outcome_label": outcome_label(result.outcome, result.earliest_start, result.wage_proviso),
        "wage_proviso": result.wage_proviso,
        "on": result.on.isoformat(),
        "phase": result.phase.value,
        "start": result.start.isoformat(),
        "earliest_start": result.earliest_start.isoformat() if result.earliest_start else None,
        "needs_twv": result.needs_twv,
        "conditions": [
            {
                "code": c.code,
                "kind": c.kind.value,
                "status": c.status.value,
                "value": value_json(c.value),
                "holds_from": c.holds_from.isoformat() if c.holds_from else None,
                "rule": render(c.rule.text),
                "rule_version": c.version.isoformat() if c.version else None,
                "source": c.source,
                "missing_parameters": missing_parameters(c),
                "explanation": render(c.explanation),
            }
            for c in result.conditions
        ],
        "steps": [
            {
                "code": s.code,
                "actor": s.actor,
                "expected_date": s.expected.isoformat() if s.expected else None,
                "explanation": render(s.text),
            }
            for s in result.steps
        ],
        "notes": [render(n) for n in result.notes],
        "explanation": [render(m) for m in result.explanation],
    }


def window_view(window: rules.WorkWindow) -> dict[str, Any]:
    return {
        "outcome": window.outcome.value,
        "outcome_label": outcome_label(window.outcome, window.earliest_start, window.wage_proviso),
        "earliest_start": window.earliest_start,
        "needs_twv": window.needs_twv,
        "min_wage_applies": window.min_wage_applies,
        "min_hourly_wage_gross": window.min_hourly_wage_gross,
    }


# --- REBA ----------------------------------------------------------------------------------------


@dataclass
class RebaRow:
    hours: str
    is_contract: bool
    outcome: str
    monthly_net: Decimal | None
    kept: Decimal | None
    to_coa: Decimal | None
    cap_reached: bool | None
    headline: str
    reasons: list[str]
    missing: list[str]


@dataclass
class RebaView:
    on: date
    hourly_net: Decimal | None
    intro: list[str]
    rule: str
    source: str
    version: date | None
    rows: list[RebaRow]
    missing: list[str]
    missing_words: list[str] = field(default_factory=list)

    @property
    def any_unknown(self) -> bool:
        return any(r.outcome == rules.RebaOutcome.UNKNOWN for r in self.rows)


def _reba_row(example: rules.RebaExample) -> RebaRow:
    r = example.result
    unknown = [c for c in r.conditions if c.status is rules.Status.UNKNOWN]
    if r.outcome is not rules.RebaOutcome.UNKNOWN:
        unknown = []
    missing = sorted({key for c in unknown for key in missing_parameters(c)})
    return RebaRow(
        hours=value_text(example.hours_per_week),
        is_contract=example.is_contract,
        outcome=r.outcome.value,
        monthly_net=r.monthly_net,
        kept=r.kept,
        to_coa=r.to_coa,
        cap_reached=r.cap_reached,
        headline=render(r.headline),
        reasons=[render(c.explanation) for c in unknown],
        missing=missing,
    )


def reba_view(examples: rules.RebaExamples) -> RebaView:
    rows = [_reba_row(e) for e in examples.rows]
    # The rate rule (single or family): the same for every row.
    rate = next(
        (
            c
            for c in (examples.rows[0].result.conditions if examples.rows else ())
            if c.code in ("reba.single", "reba.family")
        ),
        None,
    )
    return RebaView(
        on=examples.on,
        hourly_net=examples.hourly_net,
        intro=[render(m) for m in examples.explanation],
        rule=render(rate.rule.text) if rate else "",
        source=rate.source if rate else "",
        version=rate.version if rate else None,
        rows=rows,
        missing=sorted({key for row in rows for key in row.missing}),
        missing_words=missing_words(sorted({key for row in rows for key in row.missing})),
    )


def reba_json(examples: rules.RebaExamples) -> dict[str, Any]:
    view = reba_view(examples)
    return {
        "on": view.on.isoformat(),
        "hourly_net": str(view.hourly_net) if view.hourly_net is not None else None,
        "rule": view.rule,
        "rule_version": view.version.isoformat() if view.version else None,
        "source": view.source,
        "explanation": view.intro,
        "missing_parameters": view.missing,
        "rows": [
            {
                "hours_per_week": row.hours,
                "is_contract": row.is_contract,
                "outcome": row.outcome,
                "monthly_net": value_json(row.monthly_net),
                "kept": value_json(row.kept),
                "to_coa": value_json(row.to_coa),
                "cap_reached": row.cap_reached,
                "explanation": [row.headline, *row.reasons],
                "missing_parameters": row.missing,
            }
            for row in view.rows
        ],
    }
