"""Shared builders for the rules tests: a base person and job, and operator parameter files.

The operator values below are TEST VALUES, not the real statutory amounts: the reports do not give
them, and the tests only need known numbers to check the arithmetic and the date logic.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal
from functools import cache

from werkpad.core.rules import (
    BsnStatus,
    Job,
    ParameterSet,
    Person,
    Phase,
    TwvStatus,
    parameters_from_text,
)

D = Decimal
ON = date(2026, 3, 2)


def entry(key: str, value: object, valid_from: str, valid_until: str | None = None) -> str:
    """One ``[[param]]`` table of an operator file."""
    if isinstance(value, str):
        rendered = f'"{value}"'
    elif isinstance(value, bool):
        rendered = "true" if value else "false"
    elif isinstance(value, list):
        rendered = "[" + ", ".join(f'"{v}"' for v in value) + "]"
    else:
        rendered = str(value)
    lines = [
        "[[param]]",
        f'key = "{key}"',
        f"value = {rendered}",
        f"valid_from = {valid_from}",
    ]
    if valid_until is not None:
        lines.append(f"valid_until = {valid_until}")
    lines.append('source = "test value"')
    return "\n".join(lines) + "\n"


# Test values for what the reports leave to the operator (NOT the real amounts).
OPERATOR_TEXT = "\n".join(
    [
        entry("wage.minimum_hourly_gross", 14.00, "2023-01-01", "2026-06-30"),
        entry("wage.minimum_hourly_gross", 14.50, "2026-07-01"),
        entry("wage.minimum_hourly_gross_age_18", 7.00, "2023-01-01"),
        entry("wage.minimum_hourly_gross_age_19", 8.50, "2023-01-01"),
        entry("wage.minimum_hourly_gross_age_20", 11.00, "2023-01-01"),
        entry("bijstand.norm_single_monthly_net", 1400, "2023-01-01"),
        entry("bijstand.norm_couple_monthly_net", 2000, "2023-01-01"),
        entry("startbaan.min_hours_per_week", 16, "2023-01-01"),
    ]
)

FAMILY_TEXT = "\n".join(
    [
        entry("reba.family_keep_share", 0.25, "2026-01-01"),
        entry("reba.family_keep_cap_monthly", 400, "2026-01-01"),
        entry("reba.family_extra_per_member_monthly", 50, "2026-01-01"),
        entry("reba.family_max_contribution_share", 0.75, "2026-01-01"),
    ]
)


@cache
def package_params() -> ParameterSet:
    """The package parameters alone: every operator value still unknown."""
    return parameters_from_text(None)


@cache
def operator_params() -> ParameterSet:
    """The package parameters plus the test operator values."""
    return parameters_from_text(OPERATOR_TEXT, origin="test")


@cache
def family_params() -> ParameterSet:
    return parameters_from_text(OPERATOR_TEXT + FAMILY_TEXT, origin="test")


def params_with(text: str) -> ParameterSet:
    """Operator test values plus ``text`` (later tables for other keys)."""
    return parameters_from_text(OPERATOR_TEXT + "\n" + text, origin="test")


BASE_ASYLUM = Person(
    phase=Phase.ASYLUM_SEEKER,
    birth_date=date(1995, 5, 10),
    asylum_application_date=date(2025, 6, 1),
    lives_in_coa=True,
    w_document_expiry=date(2027, 6, 1),
    bsn=BsnStatus.RECEIVED,
    household_size=1,
)

BASE_JOB = Job(
    hours_per_week=24,
    hourly_wage_gross=D("15.00"),
    hourly_wage_net=D("13.00"),
    contract_months=12,
    sector="hospitality",
    contract_signed=True,
    payslip_shown=True,
    twv=TwvStatus.GRANTED,
    twv_date=date(2026, 2, 1),
)


def asylum(**changes: object) -> Person:
    return dataclasses.replace(BASE_ASYLUM, **changes)  # type: ignore[arg-type]


def person(phase: Phase, **changes: object) -> Person:
    """The base person in another phase; COA residence then follows from the phase."""
    changes.setdefault("lives_in_coa", None)
    return dataclasses.replace(BASE_ASYLUM, phase=phase, **changes)  # type: ignore[arg-type]


def job(**changes: object) -> Job:
    return dataclasses.replace(BASE_JOB, **changes)  # type: ignore[arg-type]
