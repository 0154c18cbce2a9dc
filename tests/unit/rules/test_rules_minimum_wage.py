"""``minimum_hourly_wage``: the one place the desk's "below the minimum wage" warning asks."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tests.unit.rules.rules_support import operator_params, package_params

from werkpad.core.rules import minimum_hourly_wage


def test_the_adult_amount_on_the_day_asked():
    params = operator_params()
    assert minimum_hourly_wage(params, date(2026, 6, 30)) == Decimal("14.00")
    assert minimum_hourly_wage(params, date(2026, 7, 1)) == Decimal("14.50")


def test_the_amount_for_an_age():
    params = operator_params()
    assert minimum_hourly_wage(params, date(2026, 7, 1), age=18) == Decimal("7.00")
    assert minimum_hourly_wage(params, date(2026, 7, 1), age=30) == Decimal("14.50")


def test_unknown_when_the_operator_has_not_set_it():
    assert minimum_hourly_wage(package_params(), date(2026, 7, 1)) is None
