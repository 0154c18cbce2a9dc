"""The example operator file in docs/ must stay loadable, and dates it does not cover stay unknown."""

from datetime import date
from decimal import Decimal
from pathlib import Path

from werkpad.core.rules import load_parameters

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "rules-operator.example.toml"


def test_example_operator_file_sets_the_minimum_wage_for_its_periods_only():
    params = load_parameters(EXAMPLE)
    assert params.resolve(date(2026, 3, 1)).number("wage.minimum_hourly_gross") == Decimal("14.71")
    assert params.resolve(date(2025, 9, 1)).number("wage.minimum_hourly_gross") == Decimal("14.40")
    assert params.resolve(date(2026, 8, 1)).number("wage.minimum_hourly_gross") is None
    assert (
        load_parameters(None).resolve(date(2026, 3, 1)).number("wage.minimum_hourly_gross") is None
    )
