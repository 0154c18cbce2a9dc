"""Dated terms the employer desk needs: the TWV decision term.

The TWV terms are the rules engine's parameters (``asylum.twv_legal_weeks`` and
``asylum.twv_practical_weeks`` in ``werkpad/core/rules/data/parameters.toml``, plus the operator's
``WERKPAD_RULES_FILE``). The aftercare rhythm lives in ``werkpad.pathway.aftercare`` (one source).
No term is written as a literal in code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings

if TYPE_CHECKING:
    from werkpad.core.rules.parameters import ParameterSet

# The rules engine is imported inside the functions: a page that needs no term never depends on it.

TWV_LEGAL_KEY = "asylum.twv_legal_weeks"
TWV_PRACTICAL_KEY = "asylum.twv_practical_weeks"


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
