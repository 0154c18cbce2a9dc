"""Wage arithmetic shared by the rules: hourly ↔ monthly, gross → net (only when the operator says how).

All functions return ``None`` when the inputs do not determine the figure: never a guess.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from werkpad.core.rules.model import Job

CENT = Decimal("0.01")


def plain_number(value: Decimal | int) -> str:
    """A number as text without trailing zeros: 16, 7.9, 52.5."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def money(amount: Decimal) -> Decimal:
    """Round to cents, half up."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def hours_of(job: Job) -> Decimal | None:
    return None if job.hours_per_week is None else Decimal(job.hours_per_week)


def gross_hourly(job: Job, weeks_per_month: Decimal | None) -> Decimal | None:
    if job.hourly_wage_gross is not None:
        return job.hourly_wage_gross
    hours = hours_of(job)
    if job.monthly_wage_gross is None or not hours or weeks_per_month is None:
        return None
    return job.monthly_wage_gross / (hours * weeks_per_month)


def gross_monthly(job: Job, weeks_per_month: Decimal | None) -> Decimal | None:
    if job.monthly_wage_gross is not None:
        return job.monthly_wage_gross
    hours = hours_of(job)
    if job.hourly_wage_gross is None or hours is None or weeks_per_month is None:
        return None
    return job.hourly_wage_gross * hours * weeks_per_month


def net_hourly(
    job: Job, weeks_per_month: Decimal | None, net_share: Decimal | None
) -> Decimal | None:
    if job.hourly_wage_net is not None:
        return job.hourly_wage_net
    hours = hours_of(job)
    if job.monthly_wage_net is not None:
        if not hours or weeks_per_month is None:
            return None
        return job.monthly_wage_net / (hours * weeks_per_month)
    gross = gross_hourly(job, weeks_per_month)
    if gross is None or net_share is None:
        return None
    return gross * net_share


def net_monthly(
    job: Job, weeks_per_month: Decimal | None, net_share: Decimal | None
) -> Decimal | None:
    if job.monthly_wage_net is not None:
        return job.monthly_wage_net
    hours = hours_of(job)
    if job.hourly_wage_net is not None:
        if hours is None or weeks_per_month is None:
            return None
        return job.hourly_wage_net * hours * weeks_per_month
    gross = gross_monthly(job, weeks_per_month)
    if gross is None or net_share is None:
        return None
    return gross * net_share
