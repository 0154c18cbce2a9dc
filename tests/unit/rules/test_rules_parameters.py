"""Dated, sourced parameters: the package file, operator overrides and refused files."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.unit.rules.rules_support import OPERATOR_TEXT, entry, package_params

from werkpad.core.rules import (
    ParameterSet,
    ParamKind,
    RulesFileError,
    load_parameters,
    parameters_from_text,
    parse_parameters,
)

# What the reports do not give: unknown until the operator sets it (RULES.md).
UNKNOWN_UNTIL_SET = {
    "wage.minimum_hourly_gross",
    "wage.minimum_hourly_gross_age_18",
    "wage.minimum_hourly_gross_age_19",
    "wage.minimum_hourly_gross_age_20",
    "wage.net_share_of_gross",
    "reba.family_keep_share",
    "reba.family_keep_cap_monthly",
    "reba.family_extra_per_member_monthly",
    "reba.family_max_contribution_share",
    "bijstand.norm_single_monthly_net",
    "bijstand.norm_couple_monthly_net",
    "startbaan.min_hours_per_week",
    "koppeling.national_taakstelling_persons",
}


# No rule of law: a convention, and Werkpad's own assumption (its source says so).
UNDATED = {"convention.weeks_per_month", "asylum.twv_premature_counts_from_waiting_date"}


def test_every_package_value_is_dated_and_sourced() -> None:
    params = package_params()
    assert len(params.keys()) >= 30
    for key in params:
        versions = params.versions(key)
        assert versions, key
        for version in versions:
            # A known value is dated: from when it applies, or the date of its source (the
            # convention of 52/12 weeks a month has neither: it is no rule of law).
            if version.known and key not in UNDATED:
                assert version.version_date is not None, key
            assert version.version_date is None or version.version_date > date(2000, 1, 1), key
            assert version.source.strip()
            assert version.unit.strip()
            assert version.origin == "package"


def test_values_the_reports_do_not_give_are_unknown() -> None:
    resolved = package_params().resolve(date(2026, 3, 2))
    unknown = {
        key for key in resolved if resolved[key].origin == "package" and not resolved[key].known
    }
    assert unknown == UNKNOWN_UNTIL_SET
    # a rule no longer in force has no version on the date, which is not the same as unknown
    assert resolved["asylum.weeks_cap_per_year"].origin == "none"


def test_the_sourced_figures() -> None:
    r = package_params().resolve(date(2026, 3, 2))
    assert r.integer("asylum.min_age") == 18
    assert r.integer("asylum.waiting_months") == 6
    assert r.integer("asylum.twv_legal_weeks") == 5
    assert r.integer("asylum.twv_practical_weeks") == 9
    assert r.integer("asylum.bsn_wait_weeks") == 6
    assert r.number("reba.keep_share") == Decimal("0.25")
    assert r.number("reba.keep_cap_monthly") == 273
    assert r.number("koppeling.hard_min_hours_per_week") == 8
    assert r.integer("koppeling.radius_km") == 50
    assert r.integer("koppeling.omkoppeling_min_contract_months") == 6
    assert r.sectors("koppeling.omkoppeling_excluded_sectors") == ("cleaning", "distribution")
    assert r.number("bijstand.exit_min_hours_per_week") == 24
    assert r.number("convention.weeks_per_month") == Decimal(52) / Decimal(12)
    assert r.flag("asylum.weeks_cap_applies") is False
    assert "reba.keep_share" in r
    assert r["reba.keep_share"].source.startswith("[003]")


def test_typed_accessors_refuse_the_wrong_kind() -> None:
    r = package_params().resolve(date(2026, 3, 2))
    with pytest.raises(TypeError, match=r"asylum\.min_age is a int parameter"):
        r.number("asylum.min_age")


def test_the_24_weeks_rule_changes_on_a_date() -> None:
    params = package_params()
    before = params.at("asylum.weeks_cap_applies", date(2023, 11, 28))
    after = params.at("asylum.weeks_cap_applies", date(2023, 11, 29))
    assert (before.value, after.value) == (True, False)
    assert after.valid_from == date(2023, 11, 29)
    assert params.at("asylum.weeks_cap_per_year", date(2023, 11, 28)).value == 24
    gone = params.at("asylum.weeks_cap_per_year", date(2023, 11, 29))
    assert gone.value is None and gone.valid_from is None and gone.origin == "none"
    assert "no version in force on 2023-11-29" in gone.source


def test_operator_versions_add_and_override() -> None:
    text = "\n".join(
        [
            entry("reba.keep_cap_monthly", 300, "2027-01-01"),
            entry("asylum.waiting_months", 4, "2026-06-01"),
            entry("convention.weeks_per_month", "4.35", "2026-01-01", "2026-12-31"),
        ]
    )
    params = parameters_from_text(text, origin="rules.toml")
    assert params.at("reba.keep_cap_monthly", date(2026, 12, 31)).value == 273
    override = params.at("reba.keep_cap_monthly", date(2027, 1, 1))
    assert (override.value, override.origin, override.source) == (300, "rules.toml", "test value")
    assert params.at("asylum.waiting_months", date(2026, 5, 31)).value == 6
    assert params.at("asylum.waiting_months", date(2026, 6, 1)).value == 4
    assert params.at("convention.weeks_per_month", date(2026, 6, 1)).value == Decimal("4.35")
    assert params.at("convention.weeks_per_month", date(2027, 1, 1)).value == Decimal(52) / 12
    assert params.versions("asylum.waiting_months")[0].origin == "rules.toml"


def test_load_parameters_reads_the_operator_file(tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(OPERATOR_TEXT, encoding="utf-8")
    params = load_parameters(path)
    assert params.at("wage.minimum_hourly_gross", date(2026, 3, 2)).value == Decimal("14.00")
    assert params.at("wage.minimum_hourly_gross", date(2026, 3, 2)).origin == str(path)
    assert load_parameters(None).at("wage.minimum_hourly_gross", date(2026, 3, 2)).value is None


def test_a_missing_operator_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(RulesFileError, match="cannot be read"):
        load_parameters(tmp_path / "absent.toml")


def test_resolution_is_cached_per_date() -> None:
    params = parameters_from_text(None)
    first = params.resolve(date(2026, 3, 2))
    assert params.resolve(date(2026, 3, 2)) is first
    assert params.resolve(date(2026, 3, 3)) is not first


def test_the_cache_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    from werkpad.core.rules import parameters

    monkeypatch.setattr(parameters, "_CACHE_LIMIT", 3)
    params = parameters_from_text(None)
    for day in range(1, 10):
        params.resolve(date(2026, 1, day))
    assert len(params._cache) <= 3


def _valid(key: str = "reba.keep_cap_monthly", **fields: str) -> str:
    base = {
        "key": f'"{key}"',
        "value": "300",
        "valid_from": "2027-01-01",
        "source": '"operator decision"',
    }
    base.update(fields)
    return "[[param]]\n" + "\n".join(f"{k} = {v}" for k, v in base.items() if v != "") + "\n"


REFUSED = [
    ("not toml", "[[param]\nkey=", "rules.toml: not valid TOML"),
    ("other top-level table", "[rules]\nx = 1\n", "unknown top-level entry 'rules'"),
    ("param not a list", "param = 3\n", "'param' must be an array of tables"),
    ("entry not a table", "param = [1]\n", "param entry 1 is not a table"),
    ("no key", _valid(key="").replace('key = ""\n', ""), "param entry 1: key None"),
    ("malformed key", _valid(key="Reba"), "key 'Reba' is missing or malformed"),
    ("unknown field", _valid(vaild_from="2027-01-01"), "reba.keep_cap_monthly: unknown field"),
    ("no value", _valid(value=""), "reba.keep_cap_monthly: value is missing"),
    ("no valid_from", _valid(valid_from=""), "reba.keep_cap_monthly: valid_from is missing"),
    ("no source", _valid(source=""), "reba.keep_cap_monthly: source is missing"),
    ("unknown key", _valid(key="reba.keep_everything"), "reba.keep_everything: unknown key"),
    (
        "impossible date",
        _valid(key="reba.keep_share", value="0.3", valid_from='"2026-13-01"'),
        "reba.keep_share: valid_from 2026-13-01 is not a date",
    ),
    ("date-time", _valid(valid_from="2027-01-01T10:00:00"), "is a date-time, not a date"),
    ("number as date", _valid(valid_from="20270101"), "valid_from 20270101 is not a date"),
    ("text as date", _valid(valid_from='"1 januari"'), "valid_from 1 januari is not a date"),
    (
        "until before from",
        _valid(valid_until="2026-12-31"),
        "valid_until 2026-12-31 is before valid_from 2027-01-01",
    ),
    ("empty source", _valid(source='"  "'), "source must be a non-empty text"),
    ("note not text", _valid(note="3"), "note must be a text"),
    ("type differs", _valid(type='"int"'), "type 'int' differs from the declared 'money'"),
    ("unit differs", _valid(unit='"USD"'), "unit 'USD' differs from the declared"),
    ("bad type", _valid(type='"float"'), "type 'float' is not one of"),
    ("empty unit", _valid(unit='""'), "unit must be a non-empty text"),
    ("bool not bool", _valid(key="asylum.weeks_cap_applies", value="1"), "is not true, false"),
    (
        "sectors not a list",
        _valid(key="koppeling.omkoppeling_excluded_sectors", value='"cleaning"'),
        "is not a list of sector names",
    ),
    (
        "sectors with a blank",
        _valid(key="koppeling.omkoppeling_excluded_sectors", value='["cleaning", " "]'),
        "is not a list of sector names",
    ),
    ("int not whole", _valid(key="asylum.waiting_months", value="6.5"), "is not a whole number"),
    ("int as bool", _valid(key="asylum.waiting_months", value="true"), "is not a whole number"),
    ("int negative", _valid(key="asylum.waiting_months", value="-1"), "value -1 is negative"),
    ("money negative", _valid(value="-5"), "value -5 is negative"),
    ("share above 1", _valid(key="reba.keep_share", value="1.5"), "not a share between 0 and 1"),
    ("text not a number", _valid(value='"much"'), "value 'much' is not a number"),
    ("division by zero", _valid(value='"52/0"'), "value '52/0' is not a number"),
    ("bool not a number", _valid(value="true"), "value True is not a number"),
    ("list not a number", _valid(value="[1]"), "value [1] is not a number"),
    ("infinite", _valid(value="inf"), "is not a finite number"),
    ("not a number", _valid(value='"NaN"'), "is not a finite number"),
    (
        "overlapping versions",
        _valid() + _valid(valid_from="2027-06-01"),
        "reba.keep_cap_monthly: the versions valid from 2027-01-01 and 2027-06-01 overlap",
    ),
    (
        "overlapping closed versions",
        _valid(valid_until="2027-12-31") + _valid(valid_from="2027-12-31"),
        "overlap",
    ),
]


@pytest.mark.parametrize(("text", "message"), [pytest.param(t, m, id=n) for n, t, m in REFUSED])
def test_an_invalid_operator_file_is_refused_naming_key_and_problem(
    text: str, message: str
) -> None:
    with pytest.raises(RulesFileError) as error:
        parameters_from_text(text, origin="rules.toml")
    assert message in str(error.value)


def test_the_issue_example_message_exactly() -> None:
    text = _valid(key="reba.keep_share", value="0.3", valid_from='"2026-13-01"')
    with pytest.raises(RulesFileError) as error:
        parameters_from_text(text)
    assert str(error.value) == "reba.keep_share: valid_from 2026-13-01 is not a date"


def test_accepted_spellings() -> None:
    text = "\n".join(
        [
            _valid(value='"300.50"', valid_from='"2027-01-01"', type='"money"', unit='"EUR/month"'),
            _valid(key="convention.weeks_per_month", value='"52 / 12"'),
            _valid(key="koppeling.omkoppeling_excluded_sectors", value='["Cleaning", "Security"]'),
            _valid(key="reba.keep_share", value='"unknown"', note='"waiting for COA"'),
        ]
    )
    params = parameters_from_text(text)
    on = date(2027, 1, 1)
    assert params.at("reba.keep_cap_monthly", on).value == Decimal("300.50")
    assert params.at("convention.weeks_per_month", on).value == Decimal(52) / 12
    sectors = params.at("koppeling.omkoppeling_excluded_sectors", on).value
    assert sectors == ("cleaning", "security")
    assert params.at("reba.keep_share", on).value is None
    assert params.at("reba.keep_share", on).note == "waiting for COA"
    assert parameters_from_text("").keys() == package_params().keys()


def test_a_declaring_file_needs_type_and_unit() -> None:
    text = '[[param]]\nkey = "new.thing"\nvalue = 1\nvalid_from = 2020-01-01\nsource = "x"\n'
    with pytest.raises(RulesFileError, match=r"new\.thing: type and unit are required"):
        parse_parameters(text, origin="package")
    definitions, versions = parse_parameters(
        text.replace("value = 1", 'value = 1\ntype = "int"\nunit = "things"'), origin="package"
    )
    assert definitions["new.thing"].kind is ParamKind.INT
    assert versions["new.thing"][0].value == 1
    empty = ParameterSet(definitions, {})
    assert empty.at("new.thing", date(2020, 1, 1)).value is None
    assert set(empty.definitions) == {"new.thing"}


@settings(max_examples=25, deadline=None)
@given(st.randoms(use_true_random=False), st.dates(date(2022, 1, 1), date(2028, 12, 31)))
def test_the_order_of_entries_does_not_matter(rng: random.Random, day: date) -> None:
    entries = [
        entry("wage.minimum_hourly_gross", 14.00, "2023-01-01", "2026-06-30"),
        entry("wage.minimum_hourly_gross", 14.50, "2026-07-01"),
        entry("asylum.waiting_months", 4, "2027-01-01", "2027-12-31"),
        entry("reba.keep_cap_monthly", 290, "2027-01-01"),
        entry("startbaan.min_hours_per_week", 16, "2023-01-01"),
    ]
    shuffled = entries[:]
    rng.shuffle(shuffled)
    first = parameters_from_text("\n".join(entries)).resolve(day)
    second = parameters_from_text("\n".join(shuffled)).resolve(day)
    assert [first[k] for k in first] == [second[k] for k in second]
