"""JSON API of the rules engine: structure, access, validation, language, anonymous evaluation."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import override_settings
from django.utils import timezone, translation
from django.utils.translation import gettext

from tests.factories import ParticipantFactory
from werkpad import formats
from werkpad.audit.models import AccessLogEntry, Action
from werkpad.core.i18n import Message
from werkpad.core.rules import add_months, add_weeks
from werkpad.eligibility import adapters

OPERATOR_RULES = """
[[param]]
key = "wage.minimum_hourly_gross"
value = 14.40
valid_from = 2000-01-01
source = "Test: statutory minimum wage"

[[param]]
key = "wage.net_share_of_gross"
value = 0.80
valid_from = 2000-01-01
source = "Test: approximate net share"
"""


@pytest.fixture
def operator_rules(tmp_path):
    path = tmp_path / "rules.toml"
    path.write_text(OPERATOR_RULES, encoding="utf-8")
    adapters.clear_parameters_cache()
    with override_settings(WERKPAD_RULES_FILE=str(path)):
        yield path
    adapters.clear_parameters_cache()


@pytest.fixture
def seeker(world):
    today = timezone.localdate()
    return ParticipantFactory(
        organisation=world.utrecht,
        regiehouder=world.anna,
        phase="asylum_seeker",
        asylum_application_date=add_months(today, -8),
        w_document_expiry=today + timedelta(days=400),
        residence="azc",
        household="alone",
    )


def _url(p, suffix: str = "") -> str:
    return f"/api/eligibility/participants/{p.public_id}{suffix}"


def test_structure_of_the_result(world, login, seeker, operator_rules):
    client = login(world.anna)
    today = timezone.localdate()
    response = client.get(
        _url(seeker),
        {"hours": "32", "hourly_wage": "15.00", "contract_months": "12", "twv": "none"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert set(data) >= {
        "outcome",
        "earliest_start",
        "needs_twv",
        "conditions",
        "steps",
        "notes",
        "explanation",
    }
    assert data["outcome"] == "may_work_from"
    assert data["earliest_start"] == add_weeks(today, 9).isoformat()
    assert data["needs_twv"] is True
    codes = {c["code"] for c in data["conditions"]}
    assert {"asylum.age", "asylum.waiting_period", "asylum.twv", "asylum.bsn"} <= codes
    assert "asylum.minimum_wage" in codes and "asylum.w_document" in codes
    for condition in data["conditions"]:
        assert set(condition) >= {
            "code",
            "status",
            "value",
            "rule_version",
            "source",
            "explanation",
        }
        assert condition["status"] in {"pass", "fail", "unknown"}
        assert condition["source"]
    wage = next(c for c in data["conditions"] if c["code"] == "asylum.minimum_wage")
    assert wage["status"] == "pass" and wage["value"] == "15.00"
    assert "Test: statutory minimum wage" in wage["source"]
    steps = {s["code"]: s for s in data["steps"]}
    assert steps["employer_applies_twv"]["expected_date"] == add_weeks(today, 9).isoformat()
    assert "request_bsn" in steps
    assert data["explanation"][0].startswith("The participant may work in this job from")
    assert any("no longer applies" in n for n in data["notes"])


def test_unknown_parameters_are_named(world, login, seeker):
    data = login(world.anna).get(_url(seeker), {"hourly_wage": "15"}).json()
    wage = next(c for c in data["conditions"] if c["code"] == "asylum.minimum_wage")
    assert wage["status"] == "unknown"
    assert wage["missing_parameters"] == ["wage.minimum_hourly_gross"]
    assert data["outcome"] == "unknown"
    assert data["earliest_start"] is None


@pytest.mark.parametrize("name", ["cees", "eva", "ali", "ada"])
def test_others_get_404_and_the_attempt_is_logged(world, login, seeker, name):
    user = getattr(world, name)
    client = login(user)
    assert client.get(_url(seeker)).status_code == 404
    assert client.get(_url(seeker, "/reba")).status_code == 404
    assert (
        AccessLogEntry.objects.filter(
            user=user, participant=seeker, what="eligibility", action=Action.DENIED
        ).count()
        == 2
    )


def test_anonymous_requests_are_refused(client, world, seeker):
    assert client.get(_url(seeker)).status_code == 401
    assert (
        client.post("/api/eligibility/evaluate", {}, content_type="application/json").status_code
        == 401
    )


def test_reads_are_logged(world, login, seeker):
    login(world.anna).get(_url(seeker))
    assert AccessLogEntry.objects.filter(
        user=world.anna, participant=seeker, what="eligibility", action=Action.VIEW
    ).exists()


def test_invalid_query_gives_specific_translated_errors(world, login, seeker):
    response = login(world.anna).get(
        _url(seeker), {"hours": "-3", "twv": "maybe", "on": "yesterday"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert set(errors) == {"hours", "twv", "on"}
    assert errors["hours"] == ["Enter the hours per week as a number from 0 to 60, e.g. 24 or 7.5."]
    assert errors["twv"] == ["Choose one of the TWV states in the list."]


def test_reba_examples(world, login, seeker, operator_rules):
    response = login(world.anna).get(_url(seeker, "/reba"), {"hours": "40", "hourly_wage": "15.00"})
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["hourly_net"] == "12.00"
    rows = {row["hours_per_week"]: row for row in data["rows"]}
    assert set(rows) == {"16", "24", "32", "40"}
    assert rows["40"]["is_contract"] is True
    assert rows["40"]["monthly_net"] == "2080.00"
    assert rows["40"]["kept"] == "273.00" and rows["40"]["cap_reached"] is True
    assert rows["40"]["to_coa"] == "1807.00"
    assert rows["16"]["kept"] == "208.00" and rows["16"]["cap_reached"] is False
    assert data["missing_parameters"] == []


def test_reba_examples_unknown_without_net_share(world, login, seeker):
    data = login(world.anna).get(_url(seeker, "/reba"), {"hourly_wage": "15.00"}).json()
    assert all(row["outcome"] == "unknown" for row in data["rows"])
    assert all(row["kept"] is None for row in data["rows"])
    assert data["missing_parameters"] == ["wage.net_share_of_gross"]


def test_reba_examples_with_a_net_wage(world, login, seeker):
    data = login(world.anna).get(_url(seeker, "/reba"), {"hourly_wage_net": "12.00"}).json()
    rows = {row["hours_per_week"]: row for row in data["rows"]}
    assert rows["24"]["monthly_net"] == "1248.00" and rows["24"]["kept"] == "273.00"


def test_language_english_and_dutch(world, login, seeker):
    """English msgids for an English user; the Dutch rendering goes through the Dutch catalogue
    (identical text until Dutch translations exist)."""
    world.anna.language = "en"
    world.anna.save()
    client = login(world.anna)
    english = client.get(_url(seeker), {"twv": "granted"}).json()
    assert english["explanation"][0].startswith("The participant may work in this job from")
    assert response_language(client.get(_url(seeker))) == "en"

    world.anna.language = "nl"
    world.anna.save()
    dutch = client.get(_url(seeker), {"twv": "granted"}).json()
    headline = Message(
        "The participant may work in this job from %(date)s at the earliest, after the steps "
        "below, provided the pay is at least the statutory minimum wage (the amount is not "
        "configured in Werkpad).",
        {"date": date.fromisoformat(english["earliest_start"])},
    )
    with translation.override("nl"):
        assert dutch["explanation"][0] == headline.render(gettext, formats.message_param)
    assert response_language(client.get(_url(seeker))) == "nl"


def test_accept_language_decides_without_a_user_language(world, login, seeker):
    client = login(world.anna)
    response = client.get(_url(seeker), HTTP_ACCEPT_LANGUAGE="en")
    assert response_language(response) == "en"
    assert response.json()["conditions"][0]["explanation"].startswith(
        "The participant is 18 or older"
    )


def response_language(response) -> str:
    return response.headers["Content-Language"]


def test_evaluate_anonymous_inputs_without_logging(world, login):
    client = login(world.cees)  # any signed-in user; no participant involved
    today = timezone.localdate()
    before = AccessLogEntry.objects.count()
    payload = {
        "phase": "asylum_seeker",
        "birth_date": "1995-01-01",
        "asylum_application_date": add_months(today, -7).isoformat(),
        "lives_in_coa": True,
        "w_document_expiry": (today + timedelta(days=300)).isoformat(),
        "bsn": "received",
        "household_size": 1,
        "hours_per_week": "24",
        "hourly_wage_net": "12.00",
        "twv": "granted",
        "reba": True,
    }
    response = client.post("/api/eligibility/evaluate", payload, content_type="application/json")
    assert response.status_code == 200, response.content
    data = response.json()
    # The minimum wage is unknown in the package rules: the outcome holds with a proviso.
    assert data["outcome"] == "may_work"
    assert data["wage_proviso"] is True
    assert "provided the pay is at least the minimum wage" in data["outcome_label"]
    assert {c["code"]: c["status"] for c in data["conditions"]}["asylum.twv"] == "pass"
    assert data["reba"]["rows"][0]["hours_per_week"] == "16"
    assert AccessLogEntry.objects.count() == before


def test_evaluate_status_holder(world, login):
    response = login(world.anna).post(
        "/api/eligibility/evaluate",
        {"phase": "inburgering", "hours_per_week": "16"},
        content_type="application/json",
    )
    data = response.json()
    assert data["outcome"] == "may_work"
    assert data["needs_twv"] is False
    assert any("does not oblige anyone to stop working" in n for n in data["notes"])
    bijstand = next(c for c in data["conditions"] if c["code"] == "status_holder.bijstand_exit")
    assert bijstand["status"] == "fail"


def test_evaluate_rejects_bad_input(world, login):
    response = login(world.anna).post(
        "/api/eligibility/evaluate",
        {"phase": "tourist", "household_size": 0, "hours_per_week": "-1"},
        content_type="application/json",
    )
    assert response.status_code == 422


def test_newcomer_reads_only_her_own_situation(world, login):
    """The access layer lets a newcomer open her own file (for the portal), nobody else's."""
    client = login(world.nadia)
    assert client.get(_url(world.participant)).status_code == 200
    other = ParticipantFactory(organisation=world.utrecht)
    assert client.get(_url(other)).status_code == 404
