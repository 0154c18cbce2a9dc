"""Bands derived from exact values, as the reports tabulate them (REGISTRATION.md)."""

from __future__ import annotations

from datetime import date


def age_band(age: int | None) -> str:
    if age is None:
        return "onbekend"
    if age < 25:
        return "<25"
    if age < 45:
        return "25–45"
    if age < 65:
        return "45–65"
    return "≥65"


def hours_band(hours: float | None) -> str:
    if hours is None:
        return "onbekend"
    if hours <= 16:
        return "0–16"
    if hours <= 24:
        return "17–24"
    if hours <= 32:
        return "25–32"
    return "33–40"


def contract_band(months: int | None) -> str:
    if months is None:
        return "onbekend"
    if months <= 6:
        return "1–6"
    if months <= 12:
        return "7–12"
    if months <= 24:
        return "13–24"
    return "≥25"


def permit_band(permit_date: date | None) -> str:
    if permit_date is None:
        return "onbekend"
    if permit_date.year < 2018:
        return "<2018"
    if permit_date.year <= 2021:
        return "2018–21"
    return "≥2022"


def duration_band_days(days: int | None) -> str:
    if days is None:
        return "onbekend"
    if days < 30:
        return "<30"
    if days < 60:
        return "30–59"
    if days < 90:
        return "60–89"
    return "≥90"
