"""The "May work?" panel on a participant's file: outcomes, steps, notes, what-if form, REBA."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from tests.factories import ParticipantFactory
from werkpad.audit.models import AccessLogEntry, Action
from werkpad.core.rules import add_months, add_weeks
from werkpad.eligibility import adapters

HX = {"HTTP_HX_REQUEST": "true"}

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


def long_date(day):
    """How the pages write a date in English: "6 December 2026" (one style, month as a word)."""
    return f"{day.day} {day:%B} {day.year}"


@pytest.fixture
def operator_rules(tmp_path):
    """An operator rules file with the minimum wage and the net share set."""
    path = tmp_path / "rules.toml"
    path.write_text(OPERATOR_RULES, encoding="utf-8")
    adapters.clear_parameters_cache()
    with override_settings(WERKPAD_RULES_FILE=str(path)):
        yield path
    adapters.clear_parameters_cache()


@pytest.fixture
def coach(world, login):
    world.anna.language = "en"
    world.anna.save()
    return login(world.anna)


def _asylum_seeker(world, months_ago: int, **extra):
    today = timezone.localdate()
    fields = {
        "organisation": world.utrecht,
        "regiehouder": world.anna,
        "phase": "asylum_seeker",
        "asylum_application_date": add_months(today, -months_ago),
        "w_document_expiry": today + timedelta(days=400),
        "residence": "azc",
        "household": "alone",
        "bsn_status": "",
    }
    fields.update(extra)
    return ParticipantFactory(**fields)


def _panel_url(p) -> str:
    return reverse("eligibility:panel", args=[p.public_id])


def test_detail_page_lazy_loads_the_panel(world, coach):
    p = world.participant
    response = coach.get(reverse("participants:detail", args=[p.public_id]))
    html = response.content.decode()
    assert f'hx-get="{_panel_url(p)}"' in html
    assert 'hx-trigger="load"' in html
    assert f'<a href="{_panel_url(p)}">' in html  # the plain-link fallback


def test_asylum_seeker_at_five_months_waits_for_the_six_months(world, coach, operator_rules):
    p = _asylum_seeker(world, 5)
    today = timezone.localdate()
    six_months = add_months(p.asylum_application_date, 6)
    twv_decision = add_weeks(six_months, 9)
    response = coach.post(
        _panel_url(p), {"hours_per_week": "32", "hourly_wage_gross": "15.00", "twv": "none"}, **HX
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "elig-may_work_from" in html
    assert (
        "Wait until the asylum application has been pending 6 months, on " + long_date(six_months)
        in html
    )
    assert f"Decision expected by {long_date(twv_decision)}" in html
    # Both loop tracks are shown, with the loop explained.
    assert "The participant registers at a BRP-straat for a BSN" in html
    assert "BSN and TWV wait for each other" in html
    assert "no longer applies" in html  # the 24-weeks rule
    assert "does not oblige anyone to stop working" in html
    assert twv_decision > today


def test_asylum_seeker_at_seven_months_can_start_after_the_twv_term(world, coach, operator_rules):
    p = _asylum_seeker(world, 7)
    today = timezone.localdate()
    response = coach.post(
        _panel_url(p), {"hours_per_week": "32", "hourly_wage_gross": "15.00", "twv": "none"}, **HX
    )
    html = response.content.decode()
    assert "elig-may_work_from" in html
    assert "Wait until the asylum application has been pending" not in html
    assert f"Decision expected by {long_date(add_weeks(today, 9))}" in html
    assert "has been pending 6 months since" in html


def test_panel_without_the_minimum_wage_answers_with_a_proviso(world, coach):
    """Issue 9: with only the minimum wage amount unknown, not "unknown" for every asylum seeker
    but "may work from DATE, provided the pay is at least the minimum"; the coach reads the missing
    value in words, not as a configuration key."""
    p = _asylum_seeker(world, 7)
    response = coach.get(_panel_url(p), **HX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Unknown: information is missing" not in html
    assert "provided the pay is at least the minimum wage" in html
    assert "provided the pay is at least the statutory minimum wage" in html
    assert "Any job paying at least the minimum wage" in html
    assert "the statutory minimum wage (age 21 and over)" in html
    assert "ask your Werkpad administrator" in html
    assert "wage.minimum_hourly_gross" not in html
    assert "WERKPAD_RULES_FILE" not in html
    # No version dated 1 January 2000 (a placeholder), but the date of the source.
    assert "2000-01-01" not in html and "1 januari 2000" not in html and "Jan. 1, 2000" not in html


def test_expired_w_document_fails_with_a_step(world, coach, operator_rules):
    p = _asylum_seeker(world, 8, w_document_expiry=timezone.localdate() - timedelta(days=1))
    response = coach.post(
        _panel_url(p), {"hours_per_week": "32", "hourly_wage_gross": "15.00", "twv": "none"}, **HX
    )
    html = response.content.decode()
    assert "elig-may_not" in html
    assert "May not work" in html
    assert "W-document expired on" in html
    assert "expires on" not in html
    assert "The participant renews the W-document" in html
    start = html.index('id="cond-asylumw_document"')
    assert 'class="badge elig-status fail"' in html[start : start + 200]


def test_status_holder_shows_free_access_and_notes(world, coach):
    p = ParticipantFactory(
        organisation=world.utrecht, regiehouder=world.anna, status_holder=True, residence="home"
    )
    html = coach.get(_panel_url(p), **HX).content.decode()
    assert "The participant has a residence permit: no TWV is needed." in html
    assert "Status holders have free access to the labour market" in html
    assert "A residence permit does not oblige anyone to stop working" in html
    assert "The municipality is responsible for the participant" in html
    assert "Inburgering lessons often take 9 hours a week" in html
    assert "Only work of at least 24 hours a week can end the bijstand" in html
    assert "startbaan norm" in html
    assert "REBA: what is kept" not in html  # housed: no REBA


def test_status_holder_in_azc_is_not_yet_bound_by_inburgering(world, coach):
    p = ParticipantFactory(
        organisation=world.utrecht, regiehouder=world.anna, phase="status_holder_azc"
    )
    html = coach.get(_panel_url(p), **HX).content.decode()
    assert "The participant is not yet bound by the inburgering duty" in html
    assert "REBA: what is kept" in html


def test_what_if_form_re_evaluates_and_keeps_the_input(world, coach, operator_rules):
    p = _asylum_seeker(world, 8)
    applied = timezone.localdate() - timedelta(days=7)
    data = {
        "hours_per_week": "24",
        "hourly_wage_gross": "15.50",
        "start_date": (timezone.localdate() + timedelta(days=30)).isoformat(),
        "contract_months": "6",
        "twv": "applied",
        "twv_date": applied.isoformat(),
    }
    response = coach.post(_panel_url(p), data, **HX)
    html = response.content.decode()
    assert response.status_code == 200
    assert f"The UWV decides on the TWV applied for on {long_date(applied)}" in html
    assert 'name="hours_per_week" value="24"' in html
    assert 'name="hourly_wage_gross" value="15.50"' in html
    assert 'name="contract_months" value="6"' in html
    assert f'name="twv_date" value="{applied.isoformat()}"' in html
    assert '<option value="applied" selected>' in html
    # A partial for htmx, a full page without it.
    assert "<html" not in html
    full = coach.post(_panel_url(p), data).content.decode()
    assert "<html" in full and "The UWV decides on the TWV" in full


def test_invalid_what_if_input_shows_specific_errors_and_keeps_it(world, coach):
    p = _asylum_seeker(world, 8)
    response = coach.post(
        _panel_url(p),
        {"hours_per_week": "80", "twv": "applied", "on": "31-02-2026", "contract_months": "x"},
        **HX,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter the hours per week as a number from 0 to 60" in html
    assert "Enter the date the TWV was applied for." in html
    assert "Enter a valid date, for example 2026-05-01." in html
    assert "Enter the contract length as a whole number of months" in html
    assert 'name="hours_per_week" value="80"' in html
    assert 'value="31-02-2026"' in html
    assert "elig-outcome" not in html  # no result for invalid input


def test_reba_examples_show_amounts_and_the_cap(world, coach, operator_rules):
    p = _asylum_seeker(world, 8)
    response = coach.post(
        _panel_url(p),
        {"hours_per_week": "40", "hourly_wage_gross": "15.00", "twv": "granted"},
        **HX,
    )
    html = response.content.decode()
    assert "REBA: what is kept of the income" in html
    assert "keeps 25 % of net income, at most 273.00 a month" in html
    # 15.00 gross x 0.80 = 12.00 net an hour; x 40 h x 52/12 = 2080.00 a month.
    assert "€ 2,080.00" in html and "€ 273.00" in html and "€ 1,807.00" in html
    assert "cap reached" in html
    # 16 h: 832.00 net, 25 % = 208.00 kept, 624.00 to COA (below the cap).
    assert "€ 832.00" in html and "€ 208.00" in html and "€ 624.00" in html
    assert "this contract" in html


def test_reba_unknown_names_the_parameter_to_set(world, coach):
    p = _asylum_seeker(world, 8)
    html = coach.post(
        _panel_url(p), {"hours_per_week": "24", "hourly_wage_gross": "15.00"}, **HX
    ).content.decode()
    assert "REBA: what is kept of the income" in html
    assert "the share of the gross wage paid out net" in html
    assert "wage.net_share_of_gross" not in html  # keys are for administrators
    assert "The net monthly income is not known" in html


def test_reba_for_a_family_names_the_family_parameters(world, coach, operator_rules):
    p = _asylum_seeker(world, 8, household="partner")
    html = coach.post(
        _panel_url(p), {"hours_per_week": "24", "hourly_wage_gross": "15.00"}, **HX
    ).content.decode()
    assert "reba.family_keep_share" in html
    assert "For a household of 2 the REBA family rules are not in the reports" in html


def test_panel_for_a_vacancy_uses_its_job_and_twv(world, coach, operator_rules):
    from tests.factories_employers import VacancyFactory
    from werkpad.employers.models import TwvApplication

    p = _asylum_seeker(world, 8)
    vacancy = VacancyFactory(title="Timmerman Utrecht", hours_per_week=32, wage_hourly="15.00")
    submitted = timezone.localdate() - timedelta(days=14)
    TwvApplication.objects.create(
        participant=p,
        employer=vacancy.employer,
        vacancy=vacancy,
        status="submitted",
        prepared_on=submitted,
        submitted_on=submitted,
    )
    url = reverse("eligibility:vacancy", args=[p.public_id, vacancy.pk])
    response = coach.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "May work? — Timmerman Utrecht" in html
    assert f"The UWV decides on the TWV applied for on {long_date(submitted)}" in html
    assert 'name="hours_per_week" value="32' in html
    assert "elig-may_work_from" in html
    assert coach.get(reverse("eligibility:vacancy", args=[p.public_id, 999999])).status_code == 404


@pytest.mark.parametrize("name", ["cees", "eva", "ali", "ada", "nadia"])
def test_panel_is_not_found_for_others(world, login, name):
    client = login(getattr(world, name))
    p = world.participant
    assert client.get(_panel_url(p), **HX).status_code == 404
    assert client.post(_panel_url(p), {"hours_per_week": "8"}).status_code == 404


def test_panel_reads_are_logged(world, coach):
    p = world.participant
    coach.get(_panel_url(p), **HX)
    entry = AccessLogEntry.objects.filter(participant=p, what="eligibility").get()
    assert entry.user == world.anna and entry.action == Action.VIEW


def test_refused_panel_read_is_logged_as_denied(world, login):
    login(world.cees).get(_panel_url(world.participant), **HX)
    assert AccessLogEntry.objects.filter(
        participant=world.participant, what="eligibility", action=Action.DENIED
    ).exists()
