"""Coded values: countries as ISO 3166-1 alpha-2 codes, languages as ISO 639 codes.

The code lists and their names in the reader's language come from CLDR through Babel, so "fa"
reads "Perzisch" to a Dutch coach and "الفارسية" in Arabic. Regions of origin (for breakdowns such
as the fairness report) come from ``data/regions_of_origin.toml``, which documents its source.

Decisions:

* Countries are the ISO 3166-1 alpha-2 codes CLDR names, plus ``XK`` (Kosovo, the code the EU
  and the IND use) and, for nationality only, ``XX`` = stateless (ISO's user-assigned range, as
  ICAO's ``XXA`` in passports).
* Languages are ISO 639-1 codes, or ISO 639-2/3 where a language has no two-letter code (``prs``
  Dari, ``ckb`` Central Kurdish), for living natural languages: constructed languages (Klingon,
  Esperanto, ...) and the special codes (``und``, ``mul``, ``zxx``) are not offered.
* Free text from before the codes is migrated by name (Dutch or English, case and accents
  ignored, common spellings); what cannot be matched stays as it was. The file then shows it
  marked "not a recognised ..." and the form asks the coach to choose a code: nothing is lost
  silently, and nothing unrecognised is saved again.
"""

from __future__ import annotations

import functools
import tomllib
import unicodedata
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from django.core.exceptions import ValidationError
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

STATELESS = "XX"

# CLDR territories that are not ISO 3166-1 countries (groupings, reserved and exceptional codes).
_NOT_COUNTRIES = frozenset(
    {"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB", "AC", "CP", "CQ", "DG", "EA", "IC", "TA"}
)
# CLDR languages Werkpad does not offer: constructed, special and deprecated codes.
_NOT_LANGUAGES = frozenset(
    {"tlh", "eo", "vo", "ia", "ie", "io", "jbo", "zxx", "und", "mul", "mis", "sh", "root"}
)
# ISO 639-3 codes CLDR names only as a regional variant of another language.
_EXTRA_LANGUAGES = {"prs": "fa_AF"}

# Languages newcomers in the Netherlands speak most, shown first in the choices ([002], COA).
COMMON_LANGUAGES = (
    "ar", "ti", "fa", "prs", "ps", "ku", "ckb", "tr", "so", "am", "uk", "ru", "en", "fr", "ur",
)  # fmt: skip


def _locale(language: str | None = None) -> Locale:
    code = (language or get_language() or "en").replace("-", "_")
    try:
        return Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


@functools.cache
def _country_names(language: str) -> dict[str, str]:
    names = _locale(language).territories
    return {
        code: names[code]
        for code in names
        if len(code) == 2 and code.isalpha() and code.isupper() and code not in _NOT_COUNTRIES
    }


@functools.cache
def _language_names(language: str) -> dict[str, str]:
    names = _locale(language).languages
    result = {
        code: names[code]
        for code in names
        if 2 <= len(code) <= 3 and code.isalpha() and code.islower() and code not in _NOT_LANGUAGES
    }
    for code, variant in _EXTRA_LANGUAGES.items():
        if variant in names:
            result[code] = names[variant]
    return result


def _lang() -> str:
    return (get_language() or "en").split("-")[0]


COUNTRY_CODES = frozenset(_country_names("en"))
LANGUAGE_CODES = frozenset(_language_names("en"))


def country_name(code: str, language: str | None = None) -> str:
    if code == STATELESS:
        return str(_("stateless"))
    return _country_names(language or _lang()).get(code, code)


def language_name(code: str, language: str | None = None) -> str:
    return _language_names(language or _lang()).get(code, code)


def is_country(code: str, *, stateless: bool = False) -> bool:
    return code in COUNTRY_CODES or (stateless and code == STATELESS)


def country_choices(*, stateless: bool = False) -> list[tuple[str, str]]:
    """Countries by their name in the reader's language (evaluated per request)."""
    names = dict(_country_names(_lang()))
    if stateless:
        names[STATELESS] = str(_("stateless"))
    return [("", "—"), *sorted(names.items(), key=lambda item: _fold(item[1]))]


def language_choices() -> list[tuple[str, object]]:
    """Common newcomer languages first, then all others, by name in the reader's language."""
    names = _language_names(_lang())
    common = [(code, names[code]) for code in COMMON_LANGUAGES if code in names]
    rest = sorted(
        ((c, n) for c, n in names.items() if c not in COMMON_LANGUAGES),
        key=lambda item: _fold(item[1]),
    )
    return [
        ("", "—"),
        (str(_("Common")), common),
        (str(_("All languages")), rest),
    ]


# --- validators (field validators on the models: forms, API and import share them) ---------------


def validate_country(value: str) -> None:
    if value and not is_country(value):
        raise ValidationError(
            gettext_lazy("Choose a country from the list (%(value)s is not a country code)."),
            code="country",
            params={"value": value[:40]},
        )


def validate_nationality(value: str) -> None:
    if value and not is_country(value, stateless=True):
        raise ValidationError(
            gettext_lazy("Choose a nationality from the list (%(value)s is not a country code)."),
            code="nationality",
            params={"value": value[:40]},
        )


def validate_language(value: str) -> None:
    if value and value not in LANGUAGE_CODES:
        raise ValidationError(
            gettext_lazy("Choose a language from the list (%(value)s is not a language code)."),
            code="language",
            params={"value": value[:40]},
        )


# --- free text -> code (migration of old values, imports) ----------------------------------------


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


# Spellings found in files and earlier demo data that CLDR's names do not cover.
_COUNTRY_ALIASES = {
    "palestina": "PS",
    "palestine": "PS",
    "congo": "CD",
    "dr congo": "CD",
    "democratische republiek congo": "CD",
    "birma": "MM",
    "burma": "MM",
    "ivoorkust": "CI",
    "ivory coast": "CI",
    "rusland": "RU",
    "russia": "RU",
    "sovjet-unie": "RU",
    "soviet union": "RU",
    "syria": "SY",
    "noord-macedonie": "MK",
    "macedonie": "MK",
    "macedonia": "MK",
    "bosnie": "BA",
    "bosnia": "BA",
    "wit-rusland": "BY",
    "tsjechie": "CZ",
    "saoedi arabie": "SA",
}
_EMPTY = frozenset({"", "onbekend", "unknown", "-", "—"})
_NATIONALITY_ALIASES = {
    "syrisch": "SY", "syrian": "SY", "eritrees": "ER", "eritrean": "ER", "iraans": "IR",
    "iranian": "IR", "afghaans": "AF", "afghan": "AF", "iraaks": "IQ", "iraqi": "IQ",
    "jemenitisch": "YE", "yemeni": "YE", "turks": "TR", "turkish": "TR", "somalisch": "SO",
    "somali": "SO", "soedanees": "SD", "sudanese": "SD", "egyptisch": "EG", "egyptian": "EG",
    "oegandees": "UG", "ugandan": "UG", "pakistaans": "PK", "pakistani": "PK",
    "ethiopisch": "ET", "ethiopian": "ET", "marokkaans": "MA", "moroccan": "MA",
    "palestijns": "PS", "palestinian": "PS", "congolees": "CD", "congolese": "CD",
    "guinees": "GN", "guinean": "GN", "saoedi-arabisch": "SA", "saudi": "SA",
    "vietnamees": "VN", "vietnamese": "VN", "russisch": "RU", "russian": "RU",
    "oekraiens": "UA", "ukrainian": "UA", "bengalees": "BD", "bangladeshi": "BD",
    "libanees": "LB", "lebanese": "LB", "libisch": "LY", "libyan": "LY",
    "burundees": "BI", "burundian": "BI", "nigeriaans": "NG", "nigerian": "NG",
    "algerijns": "DZ", "algerian": "DZ", "georgisch": "GE", "georgian": "GE",
    "colombiaans": "CO", "colombian": "CO", "nederlands": "NL", "dutch": "NL",
    "staatloos": STATELESS, "stateless": STATELESS,
}  # fmt: skip
_LANGUAGE_ALIASES = {
    "dari": "prs", "farsi": "fa", "perzisch": "fa", "persian": "fa", "pasjtoe": "ps",
    "pashto": "ps", "pasjto": "ps", "koerdisch": "ku", "kurdish": "ku", "kurmanci": "ku",
    "kurmanji": "ku", "sorani": "ckb", "tigrinya": "ti", "tigrinia": "ti", "amhaars": "am",
    "amharic": "am", "berbers": "zgh", "berber": "zgh", "tamazight": "zgh", "fula": "ff",
    "fulani": "ff", "luganda": "lg", "kirundi": "rn", "lingala": "ln", "swahili": "sw",
    "bengaals": "bn", "bengali": "bn", "punjabi": "pa", "panjabi": "pa", "oromo": "om",
    "azerbeidzjaans": "az", "azerbaijani": "az", "yoruba": "yo",
}  # fmt: skip


@functools.cache
def _name_tables() -> tuple[dict[str, str], dict[str, str]]:
    countries: dict[str, str] = {}
    languages: dict[str, str] = {}
    for lang in ("en", "nl"):
        for code, name in _country_names(lang).items():
            countries.setdefault(_fold(name), code)
        for code, name in _language_names(lang).items():
            languages.setdefault(_fold(name), code)
    return countries, languages


def country_code(text: str, *, nationality: bool = False) -> str | None:
    """The code of a country written as a name or a code (Dutch or English, also an adjective
    such as "Syrisch"); ``""`` for empty or "unknown"; ``None`` when not recognised."""
    key = _fold(text)
    if key in _EMPTY:
        return ""
    if len(key) == 2 and is_country(key.upper(), stateless=nationality):
        return key.upper()
    countries, _languages = _name_tables()
    found = _COUNTRY_ALIASES.get(key) or countries.get(key) or _NATIONALITY_ALIASES.get(key)
    if found == STATELESS and not nationality:
        return None
    return found


def language_code(text: str) -> str | None:
    """The code of a language written as a name or a code; ``""`` for empty; ``None`` when not
    recognised."""
    key = _fold(text)
    if key in _EMPTY:
        return ""
    if key in LANGUAGE_CODES:
        return key
    _countries, languages = _name_tables()
    found = _LANGUAGE_ALIASES.get(key, languages.get(key))
    return found if found in LANGUAGE_CODES else None


# --- regions of origin ---------------------------------------------------------------------------

REGIONS_FILE = Path(__file__).with_name("data") / "regions_of_origin.toml"


@functools.cache
def _regions() -> tuple[tuple[str, ...], dict[str, str]]:
    data = tomllib.loads(REGIONS_FILE.read_text(encoding="utf-8"))
    order = tuple(data["order"])
    table: dict[str, str] = {}
    for region, codes in data["regions"].items():
        for code in codes:
            table[code] = region
    return order, table


def regions() -> tuple[str, ...]:
    """Region keys in display order (the last two are ``other`` and ``unknown``)."""
    return _regions()[0]


def region_of(code: str) -> str:
    """The region of a country code: ``unknown`` when empty, ``other`` when not grouped (also
    for an unrecognised old free-text value)."""
    if not code:
        return "unknown"
    return _regions()[1].get(code, "other")


# --- form fields ---------------------------------------------------------------------------------


def code_field(kind: str, *, label: object, required: bool = False, help_text: object = "") -> Any:
    """A select of codes for ``kind`` ("country", "nationality", "language"), names in the
    reader's language. Validation stays with the model's validators."""
    from django import forms

    choices: Any
    if kind == "language":
        choices = language_choices
    elif kind == "nationality":
        choices = functools.partial(country_choices, stateless=True)
    else:
        choices = country_choices
    return forms.ChoiceField(label=label, required=required, choices=choices, help_text=help_text)


def keep_unrecognised(field: Any, value: str, kind: str) -> None:
    """Show an old free-text ``value`` that is not a code as a choice of its own, marked, so the
    coach sees what was registered and picks the right code (saving it unchanged is refused)."""
    if not value:
        return
    known = (
        value in LANGUAGE_CODES
        if kind == "language"
        else is_country(value, stateless=kind == "nationality")
    )
    if known:
        return
    label = _("%(value)s (not recognised: choose from the list)") % {"value": value}
    field.choices = [(value, label), *field.choices]


def show_code(value: str, kind: str) -> str:
    """A stored code as the reader reads it; an unrecognised old value marked as such."""
    if not value:
        return ""
    if kind == "language":
        if value in LANGUAGE_CODES:
            return language_name(value)
    elif is_country(value, stateless=kind == "nationality"):
        return country_name(value)
    return _("%(value)s (not recognised)") % {"value": value}
