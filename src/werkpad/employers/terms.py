"""Dated terms the employer desk needs: the TWV decision term and the aftercare rhythm.

The TWV terms are the rules engine's parameters (``asylum.twv_legal_weeks`` and
``asylum.twv_practical_weeks`` in ``werkpad/core/rules/data/parameters.toml``, plus the operator's
``WERKPAD_RULES_FILE``). The aftercare rhythm is not a rule of law; it is this service's own dated
parameter, kept in ``employers/data/aftercare.toml`` in the same layout and read with the same parser.
No term is written as a literal in code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings

if TYPE_CHECKING:
    from werkpad.core.rules.parameters import ParameterSet

# The rules engine is imported inside the functions: a page that needs no term never depends on it.

TWV_LEGAL_KEY = "asylum.twv_legal_weeks"
TWV_PRACTICAL_KEY = "asylum.twv_practical_weeks"
AFTERCARE_WEEKLY_KEY = "aftercare.weekly_weeks"
AFTERCARE_MONTHLY_KEY = "aftercare.monthly_until_months"


@dataclass(frozen=True)
class TwvTerms:
    """Expected decision dates for a TWV submitted on ``submitted_on`` (``None`` = unknown)."""

    submitted_on: date
    legal: date | None
    practical: date | None
    legal_weeks: int | None
    practical_weeks: int | None
    source: str


@lru_cache(maxsize=1)
def rule_parameters() -> ParameterSet:
    from werkpad.core.rules.parameters import load_parameters

    extra = getattr(settings, "WERKPAD_RULES_FILE", None)
    return load_parameters(Path(extra) if extra else None)


@lru_cache(maxsize=1)
def aftercare_parameters() -> ParameterSet:
    from werkpad.core.rules.parameters import ParameterSet, parse_parameters

    text = resources.files("werkpad.employers").joinpath("data/aftercare.toml").read_text("utf-8")
    definitions, versions = parse_parameters(text, origin="employers/data/aftercare.toml")
    return ParameterSet(definitions, versions)


def expected_twv_decision(submitted_on: date) -> TwvTerms:
    from werkpad.core.rules.dates import add_weeks

    params = rule_parameters().resolve(submitted_on)
    legal_weeks = params.integer(TWV_LEGAL_KEY)
    practical_weeks = params.integer(TWV_PRACTICAL_KEY)
    return TwvTerms(
        submitted_on=submitted_on,
        legal=add_weeks(submitted_on, legal_weeks) if legal_weeks is not None else None,
        practical=add_weeks(submitted_on, practical_weeks) if practical_weeks is not None else None,
        legal_weeks=legal_weeks,
        practical_weeks=practical_weeks,
        source=params[TWV_LEGAL_KEY].source,
    )


@dataclass(frozen=True)
class PlannedContact:
    phase: str  # "weekly" or "monthly"
    due_on: date


def aftercare_schedule(
    start: date, *, weekly_weeks: int | None = None, monthly_until_months: int | None = None
) -> list[PlannedContact]:
    """The contact moments after a placement starting on ``start``.

    Weekly for the first ``aftercare.weekly_weeks`` weeks (from week 1), then monthly from the first
    whole month after the weekly phase up to ``aftercare.monthly_until_months``; after that, contact
    is on request (no planned moments). A programme with its own rhythm passes it as
    ``weekly_weeks`` / ``monthly_until_months`` (``None``: the default from the data file).
    """
    from werkpad.core.rules.dates import add_months, add_weeks

    params = aftercare_parameters().resolve(start)
    weeks = weekly_weeks if weekly_weeks is not None else params.integer(AFTERCARE_WEEKLY_KEY) or 0
    months = (
        monthly_until_months
        if monthly_until_months is not None
        else params.integer(AFTERCARE_MONTHLY_KEY) or 0
    )
    planned = [PlannedContact("weekly", add_weeks(start, n)) for n in range(1, weeks + 1)]
    last_weekly = planned[-1].due_on if planned else start
    for month in range(1, months + 1):
        due = add_months(start, month)
        if due > last_weekly:
            planned.append(PlannedContact("monthly", due))
    return planned
