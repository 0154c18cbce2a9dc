"""The rules engine: may a newcomer work, what do they keep under the REBA, and does a job count
for the kansrijke koppeling? Pure Python (no Django), driven by dated, sourced parameters.

Typical use::

    params = load_parameters(settings.WERKPAD_RULES_FILE)     # once, at start-up
    result = evaluate_work(person, job, date.today(), params)
    result.outcome, result.earliest_start, result.steps, result.explanation

Unknown inputs (``None``) and parameters the reports do not give (``"unknown"`` until the operator
sets them) make the conditions that need them *unknown*: never a guess. See ``RULES.md`` and
``data/parameters.toml`` for every value and its source.
"""

from werkpad.core.rules.dates import add_months, add_weeks, age_on, anniversary
from werkpad.core.rules.eligibility import evaluate_work, minimum_hourly_wage, work_window
from werkpad.core.rules.koppeling import combine, koppeling
from werkpad.core.rules.model import (
    BsnStatus,
    ConditionKind,
    ConditionResult,
    EligibilityDetails,
    EligibilityResult,
    IncoherentInput,
    Job,
    KoppelingResult,
    Outcome,
    Person,
    Phase,
    RebaExample,
    RebaExamples,
    RebaOutcome,
    RebaResult,
    Rule,
    Sector,
    Status,
    Step,
    TwvStatus,
    WorkWindow,
)
from werkpad.core.rules.parameters import (
    UNKNOWN,
    ParameterDefinition,
    ParameterSet,
    ParameterVersion,
    ParamKind,
    ResolvedParameters,
    RulesFileError,
    load_parameters,
    parameters_from_text,
    parse_parameters,
)
from werkpad.core.rules.reba import DEFAULT_EXAMPLE_HOURS, reba, reba_examples, reba_for_income

__all__ = [
    "DEFAULT_EXAMPLE_HOURS",
    "UNKNOWN",
    "BsnStatus",
    "ConditionKind",
    "ConditionResult",
    "EligibilityDetails",
    "EligibilityResult",
    "IncoherentInput",
    "Job",
    "KoppelingResult",
    "Outcome",
    "ParamKind",
    "ParameterDefinition",
    "ParameterSet",
    "ParameterVersion",
    "Person",
    "Phase",
    "RebaExample",
    "RebaExamples",
    "RebaOutcome",
    "RebaResult",
    "ResolvedParameters",
    "Rule",
    "RulesFileError",
    "Sector",
    "Status",
    "Step",
    "TwvStatus",
    "WorkWindow",
    "add_months",
    "add_weeks",
    "age_on",
    "anniversary",
    "combine",
    "evaluate_work",
    "koppeling",
    "load_parameters",
    "minimum_hourly_wage",
    "parameters_from_text",
    "parse_parameters",
    "reba",
    "reba_examples",
    "reba_for_income",
    "work_window",
]
