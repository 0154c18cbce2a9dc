"""Start-up validation of WERKPAD_RULES_FILE and the adapters' parameter cache."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from werkpad.eligibility import adapters
from werkpad.eligibility.apps import check_rules_file


@pytest.fixture(autouse=True)
def fresh_cache():
    adapters.clear_parameters_cache()
    yield
    adapters.clear_parameters_cache()


def _write(tmp_path, text: str):
    path = tmp_path / "rules.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_invalid_rules_file_is_refused_at_start(tmp_path):
    path = _write(
        tmp_path,
        '[[param]]\nkey = "reba.keep_share"\nvalue = 1.5\nvalid_from = 2027-01-01\nsource = "x"\n',
    )
    with override_settings(WERKPAD_RULES_FILE=path), pytest.raises(ImproperlyConfigured) as caught:
        apps.get_app_config("eligibility").ready()
    message = str(caught.value)
    assert "WERKPAD_RULES_FILE" in message
    assert "reba.keep_share" in message
    assert "not a share between 0 and 1" in message


def test_unknown_key_is_named(tmp_path):
    path = _write(
        tmp_path,
        '[[param]]\nkey = "wage.maximum"\nvalue = 3\nvalid_from = 2027-01-01\nsource = "x"\n',
    )
    with override_settings(WERKPAD_RULES_FILE=path), pytest.raises(ImproperlyConfigured) as caught:
        check_rules_file()
    assert "wage.maximum: unknown key" in str(caught.value)


def test_missing_file_is_refused(tmp_path):
    missing = str(tmp_path / "missing.toml")
    with (
        override_settings(WERKPAD_RULES_FILE=missing),
        pytest.raises(ImproperlyConfigured, match="cannot be read"),
    ):
        check_rules_file()


def test_valid_file_is_loaded_once_per_path(tmp_path):
    path = _write(
        tmp_path,
        '[[param]]\nkey = "wage.minimum_hourly_gross"\nvalue = 14.40\n'
        'valid_from = 2026-01-01\nsource = "Operator"\n',
    )
    with override_settings(WERKPAD_RULES_FILE=path):
        check_rules_file()
        params = adapters.get_parameters()
        assert adapters.get_parameters() is params
        version = params.at("wage.minimum_hourly_gross", date(2026, 6, 1))
        assert version.value == Decimal("14.40") and version.source == "Operator"
    package_only = adapters.get_parameters()
    assert package_only is not params
    assert package_only.at("wage.minimum_hourly_gross", date(2026, 6, 1)).value is None
