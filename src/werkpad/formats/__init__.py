"""Numbers and dates in the reader's language, one style everywhere.

Dates are written with the month as a word ("6 december 2026", "6 December 2026"): never a
numeric date that one reader takes for 6 December and another for 12 June. Decimal numbers use
the language's separators ("5,5 jaar"); money has two decimals and grouped thousands
("€ 1.248,00"). ``FORMAT_MODULE_PATH`` points here for the languages whose Django default differs
(English: "Dec. 6, 2026").
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.utils.formats import date_format, number_format


def day(value: date) -> str:
    """A date as the reader's language writes it, month as a word."""
    if isinstance(value, datetime):
        return date_format(value, "DATETIME_FORMAT")
    return date_format(value, "DATE_FORMAT")


def number(value: Decimal | float | int) -> str:
    """A number with the language's decimal separator and no needless zeros (12 -> "12",
    5.50 -> "5,5")."""
    if isinstance(value, int):
        return str(value)
    text = f"{Decimal(str(value)).normalize():f}"
    places = len(text.split(".")[1]) if "." in text else 0
    return number_format(Decimal(text), places or None)


def money(value: Decimal | float) -> str:
    """An amount in euros: "€ 1.248,00" (Dutch), "€ 1,248.00" (English)."""
    return "€\u00a0" + number_format(value, 2, force_grouping=True)


def message_param(value: object) -> str | None:
    """How a core ``Message`` shows a date or number parameter in the reader's language (``None``:
    the core's own rendering)."""
    if isinstance(value, date):
        return day(value)
    if isinstance(value, Decimal):
        # The cores pass amounts of money as Decimals: two decimals, thousands grouped.
        return number_format(value, 2, force_grouping=True)
    if isinstance(value, float):
        return number(value)
    return None
