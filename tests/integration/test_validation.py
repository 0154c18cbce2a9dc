"""One validation per model (issue 8, section 1): every example of the issue through real requests.

Each test here failed on the code before the shared validation (``werkpad.validation`` and the
models' ``validate``) and passes now.
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from tests.factories import ParticipantFactory
from tests.factories_employers import EmployerFactory, VacancyFactory
from tests.integration.test_intake import PERSON, created, situation_data, start, step_url
from werkpad.eligibility import adapters
from werkpad.employers import tabular
from werkpad.employers.models import Employer, Placement, TwvApplication, Vacancy
from werkpad.participants.models import Participant
from werkpad.pathway.models import AftercareCheckIn


@pytest.fixture
def coach(world, login):
    client = login(world.anna)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def vacancy(world):
    employer = EmployerFactory(organisation=world.employer_org, account_manager=world.bram)
    return VacancyFactory(employer=employer, title="Timmerman Utrecht", places=1)


def _placement(vacancy, **extra):
    data = {
        "employer": vacancy.employer_id,
        "vacancy": vacancy.pk,
        "kind": "paid",
        "found_via": "service",
        "start_date": timezone.localdate().isoformat(),
        "contract_months": "12",
        "hours_kind": "fixed",
        "hours_per_week": "32",
        "wage_hourly": "16.00",
    }
    data.update(extra)
    return data


# --- "Plaatsing registreren" ----------------------------------------------------------------------


def test_placement_with_negative_wage_endless_contract_and_start_in_2035_is_refused_at_once(
    world, coach, vacancy
):
    response = coach.post(
        reverse("employers:placement_new", args=[world.participant.public_id]),
        _placement(vacancy, wage_hourly="-3", contract_months="9999", start_date="2035-01-01"),
    )
    assert response.status_code == 200
    page = response.text
    # All three errors in one answer, next to their fields, with what was typed kept.
    assert page.count('class="error"') >= 3
    assert "Enter a value from 0 to 100." in page
    assert "Enter a value from 1 to 60." in page
    assert "Enter a date on or before" in page
    assert 'value="9999"' in page and 'value="-3"' in page and 'value="2035-01-01"' in page
    assert not Placement.objects.exists()
    assert not AftercareCheckIn.objects.exists()  # no aftercare planned in 2035
    world.participant.refresh_from_db()
    assert world.participant.status != "startbaan"


def test_placement_start_in_2001_is_refused(world, coach, vacancy):
    response = coach.post(
        reverse("employers:placement_new", args=[world.participant.public_id]),
        _placement(vacancy, start_date="2001-03-01"),
    )
    assert response.status_code == 200
    assert "Enter a date on or after" in response.text
    assert not Placement.objects.exists()


# --- "Vacature indienen" (employer portal) --------------------------------------------------------


def _portal_vacancy(**extra):
    data = {
        "title": "Stukadoor",
        "occupation": "stukadoor",
        "sector": "bouw_techniek",
        "hours_per_week": "36",
        "roster_flexible": "on",
        "contract_kind": "permanent",
        "dutch_level": "A2",
        "self_development": "some",
        "places": "2",
        "intent": "submit",
    }
    data.update(extra)
    return data


def test_vacancy_with_negative_wage_endless_contract_old_start_and_no_places_shows_all_errors(
    world, login
):
    EmployerFactory(organisation=world.employer_org)
    client = login(world.eva)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    response = client.post(
        reverse("employers:portal_vacancy_new"),
        _portal_vacancy(
            wage_hourly="-1", contract_months="5000", start_date="2001-01-01", places="0"
        ),
    )
    assert response.status_code == 200
    page = response.text
    assert "vacancy_places_at_least_one" not in page
    assert "geschonden" not in page
    assert "Beperking" not in page
    # Every error at once, in Dutch, next to its field.
    assert page.count('class="error"') >= 4
    assert "Vul een waarde in van 0 tot 100." in page  # wage
    assert "Vul een waarde in van 1 tot 60." in page  # contract months
    assert "Vul een waarde in van 1 tot 500." in page  # places
    assert "Vul een datum in op of na" in page  # start date
    assert not Vacancy.objects.filter(title="Stukadoor").exists()


def test_vacancy_places_zero_never_shows_the_database_message(world, coach, vacancy):
    response = coach.post(
        reverse("employers:vacancy_edit", args=[vacancy.pk]),
        {
            "title": vacancy.title,
            "occupation": vacancy.occupation,
            "sector": vacancy.sector,
            "hours_per_week": "24",
            "roster_flexible": "on",
            "contract_kind": "permanent",
            "dutch_level": "A2",
            "self_development": "some",
            "places": "0",
            "status": "open",
        },
    )
    assert response.status_code == 200
    assert "vacancy_places_at_least_one" not in response.text
    assert "Enter a value from 1 to 500." in response.text


# --- the intake -----------------------------------------------------------------------------------


def test_intake_refuses_asylum_application_before_arrival(coach):
    response = start(coach, arrival_date="2023-05-10", asylum_application_date="2023-05-01")
    assert response.status_code == 200
    assert "The asylum application cannot be earlier than the arrival." in response.text
    assert not Participant.objects.filter(last_name="Tesfaye").exists()


def test_intake_residence_permit_date_is_explained_and_not_before_the_application(coach):
    page = coach.get(reverse("participants:intake_start"))
    assert "usually the date of the asylum application" in page.text
    response = start(coach, residence_permit_date="2023-04-01")  # application 2023-05-02
    assert response.status_code == 200
    assert "A residence permit takes effect on the asylum application date" in response.text
    # Before the decision but from the application on is what permits do: accepted.
    ok = start(coach, residence_permit_date="2023-05-02")
    assert ok.status_code == 302


def test_intake_refuses_bsn_received_before_requested_and_inburgering_in_1900(coach):
    assert start(coach).status_code == 302
    p = created()
    response = coach.post(
        step_url(p, "situation"),
        situation_data(
            bsn_requested_date="2024-02-01",
            bsn_received_date="2024-01-15",
            inburgering_start_date="1900-01-01",
        ),
    )
    assert response.status_code == 200
    assert "The BSN cannot be received before it was requested." in response.text
    assert "Enter a date on or after 1 January 1990." in response.text
    assert 'value="1900-01-01"' in response.text  # what was typed is kept
    p.refresh_from_db()
    assert p.inburgering_start_date is None and p.bsn_received_date is None


def test_section_edit_refuses_the_same_as_the_intake(world, coach):
    response = coach.post(
        reverse("participants:edit_section", args=[world.participant.public_id, "procedure"]),
        {
            "phase": "inburgering",
            "arrival_date": "2023-06-01",
            "asylum_application_date": "2023-05-01",
            "status_decision_date": "",
            "residence_permit_date": "",
        },
    )
    assert response.status_code in (200, 400)
    assert "The asylum application cannot be earlier than the arrival." in response.text


# --- API and import: text --------------------------------------------------------------------------


def _api_vacancy(**extra):
    data = {
        "title": "Schilder",
        "occupation": "schilder",
        "hours_per_week": "32",
        "roster_flexible": True,
        "contract_kind": "permanent",
        "self_development": "some",
    }
    data.update(extra)
    return data


def test_api_refuses_a_title_with_a_nul_byte(world, login):
    EmployerFactory(organisation=world.employer_org)
    client = login(world.eva)
    response = client.post(
        "/api/employers/vacancies",
        data=json.dumps(_api_vacancy(title="Schil\x00der")),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "title" in response.json()["errors"]
    assert not Vacancy.objects.exists()


def test_api_refuses_a_100000_character_certificate_detail(world, login):
    EmployerFactory(organisation=world.employer_org)
    client = login(world.eva)
    response = client.post(
        "/api/employers/vacancies",
        data=json.dumps(_api_vacancy(certificates=[{"kind": "diploma", "detail": "x" * 100_000}])),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "certificates" in response.json()["errors"]
    assert not Vacancy.objects.exists()


def test_import_upload_refuses_an_employer_name_with_a_nul_byte(world, coach):
    from django.core.files.uploadedfile import SimpleUploadedFile

    text = "name,kind,sector,contact_name\nBakker\x00ij,regulier,horeca,Jan\n"
    upload = SimpleUploadedFile("employers.csv", text.encode("utf-8"), content_type="text/csv")
    response = coach.post(reverse("employers:import"), {"what": "employers", "file": upload})
    assert response.status_code == 400
    assert "control characters" in response.text
    assert {(e.row, e.column) for e in response.context["errors"]} == {(2, "name")}
    assert not Employer.objects.exists()


def test_import_refuses_an_employer_name_with_a_nul_byte(world):
    header = ["name", "kind", "sector", "contact_name"]
    row = {"name": "Bakker\x00ij", "kind": "regulier", "sector": "horeca", "contact_name": "Jan"}
    table = tabular.validate("employers", [row], header)
    assert [(e.row, e.column) for e in table.errors] == [(2, "name")]
    assert not table.objects


def test_import_refuses_places_zero_instead_of_making_it_one(world, vacancy):
    header = [name for name, _doc in tabular.VACANCY_COLUMNS]
    row = dict.fromkeys(header, "")
    row.update(
        employer=vacancy.employer.name,
        title="Nieuwe vacature",
        occupation="timmerman",
        hours_per_week="24",
        roster_flexible="yes",
        contract_kind="permanent",
        self_development="some",
        places="0",
        wage_hourly="-1",
    )
    table = tabular.validate("vacancies", [row], header)
    assert {e.column for e in table.errors} == {"places", "wage_hourly"}


# --- the rules engine speaks before saving ---------------------------------------------------------


def test_twv_for_a_status_holder_is_warned_before_saving(world, coach, vacancy):
    holder = ParticipantFactory(
        status_holder=True, organisation=world.utrecht, regiehouder=world.anna
    )
    data = {
        "participant": str(holder.public_id),
        "vacancy": vacancy.pk,
        "prepared_on": timezone.localdate().isoformat(),
        "notes": "",
    }
    response = coach.post(reverse("employers:twv_new"), data)
    assert response.status_code == 200
    assert "needs no work permit (TWV)" in response.text
    assert "save anyway" in response.text
    assert not TwvApplication.objects.exists()
    confirmed = coach.post(reverse("employers:twv_new"), {**data, "confirm": "on"})
    assert confirmed.status_code == 302
    assert TwvApplication.objects.count() == 1
    # An asylum seeker does need one: no warning.
    seeker = coach.post(
        reverse("employers:twv_new"), {**data, "participant": str(world.participant.public_id)}
    )
    assert seeker.status_code == 302


@pytest.fixture
def minimum_wage(tmp_path):
    today = timezone.localdate()
    rules = tmp_path / "rules.toml"
    rules.write_text(
        "[[param]]\n"
        'key = "wage.minimum_hourly_gross"\n'
        "value = 14.71\n"
        f"valid_from = {(today - timedelta(days=400)).isoformat()}\n"
        f"valid_until = {(today + timedelta(days=400)).isoformat()}\n"
        'source = "test"\n',
        encoding="utf-8",
    )
    with override_settings(WERKPAD_RULES_FILE=str(rules)):
        adapters.clear_parameters_cache()
        yield
    adapters.clear_parameters_cache()


def test_placement_below_the_minimum_wage_is_flagged(world, coach, vacancy, minimum_wage):
    url = reverse("employers:placement_new", args=[world.participant.public_id])
    response = coach.post(url, _placement(vacancy, wage_hourly="9.50"))
    assert response.status_code == 200
    assert "below the statutory minimum wage" in response.text
    assert "14.71" in response.text
    assert not Placement.objects.exists()
    confirmed = coach.post(url, _placement(vacancy, wage_hourly="9.50", confirm="on"))
    assert confirmed.status_code == 302
    assert Placement.objects.count() == 1


def test_vacancy_below_the_minimum_wage_is_flagged(world, login, minimum_wage):
    EmployerFactory(organisation=world.employer_org)
    client = login(world.eva)
    response = client.post(
        reverse("employers:portal_vacancy_new"), _portal_vacancy(wage_hourly="8")
    )
    assert response.status_code == 200
    assert "below the statutory minimum wage for adults" in response.text
    assert not Vacancy.objects.exists()


def test_minimum_wage_unknown_flags_nothing(world, coach, vacancy):
    # Without an operator rules file the minimum wage for today is "unknown": no guess, no flag.
    response = coach.post(
        reverse("employers:placement_new", args=[world.participant.public_id]),
        _placement(vacancy, wage_hourly="9.50"),
    )
    assert response.status_code == 302


# --- coded values ----------------------------------------------------------------------------------


def test_klingon_is_not_a_preferred_language(coach):
    response = start(coach, contact_language="klingon")
    assert response.status_code == 200
    assert not Participant.objects.filter(last_name="Tesfaye").exists()
    response = start(coach, contact_language="tlh")  # Klingon's ISO 639-2 code: not offered
    assert response.status_code == 200
    assert start(coach, contact_language="fa").status_code == 302


def test_language_codes_show_as_names_in_the_readers_language(world, login):
    p = world.participant
    Participant.objects.filter(pk=p.pk).update(contact_language="fa", mother_tongue="ti")
    p.languages.create(language="prs", level="B1")
    client = login(world.anna)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    page = client.get(reverse("participants:detail", args=[p.public_id])).text
    assert "Perzisch" in page and "Tigrinya" in page and "Dari" in page
    assert "Syrië" in page  # country of origin SY
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("participants:detail", args=[p.public_id])).text
    assert "Persian" in page and "Syria" in page


def test_unrecognised_old_text_stays_visible_until_a_coach_chooses_a_code(world, coach):
    p = world.participant
    Participant.objects.filter(pk=p.pk).update(country_of_origin="Atlantis")
    page = coach.get(reverse("participants:detail", args=[p.public_id])).text
    assert "Atlantis (not recognised)" in page
    form = coach.get(reverse("participants:edit_section", args=[p.public_id, "person"])).text
    assert "Atlantis (not recognised: choose from the list)" in form
    data = {k: v for k, v in PERSON.items() if k in ("first_name", "last_name", "gender")}
    response = coach.post(
        reverse("participants:edit_section", args=[p.public_id, "person"]),
        {**data, "country_of_origin": "Atlantis"},
    )
    assert "Choose a country from the list" in response.text
    p.refresh_from_db()
    assert p.country_of_origin == "Atlantis"


def test_existing_free_text_is_migrated_to_codes(world):
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "werkpad.participants.migrations.0003_coded_countries_and_languages"
    )
    p = world.participant
    Participant.objects.filter(pk=p.pk).update(
        country_of_origin="Syrië",
        nationality="Staatloos",
        mother_tongue="Arabisch",
        contact_language="ti",
    )
    other = ParticipantFactory(country_of_origin="Atlantis", mother_tongue="Klingon")
    p.languages.create(language="Farsi")
    p.diplomas.create(title="Bachelor", country="Eritrea")
    migration.to_codes(apps, None)
    p.refresh_from_db()
    other.refresh_from_db()
    assert (p.country_of_origin, p.nationality, p.mother_tongue, p.contact_language) == (
        "SY",
        "XX",
        "ar",
        "ti",
    )
    assert p.languages.get().language == "fa"
    assert p.diplomas.get().country == "ER"
    assert (other.country_of_origin, other.mother_tongue) == ("Atlantis", "Klingon")


def test_employer_name_with_a_nul_byte_is_refused_in_the_form(world, coach):
    response = coach.post(
        reverse("employers:employer_new"),
        {"name": "Bakker\x01ij", "kind": "regulier", "sector": "horeca", "contact_name": "Jan"},
    )
    assert response.status_code == 200
    assert "control characters" in response.text
    assert not Employer.objects.exists()


# --- the other forms use the same rules ------------------------------------------------------------


def test_twv_forms_check_dates_with_the_model(world, coach, vacancy):
    from tests.factories_employers import TwvFactory

    twv = TwvFactory(
        participant=world.participant,
        employer=vacancy.employer,
        vacancy=vacancy,
        prepared_on=timezone.localdate() - timedelta(days=10),
    )
    url = reverse("employers:twv_step", args=[twv.public_id, "submit"])
    early = (timezone.localdate() - timedelta(days=20)).isoformat()
    response = coach.post(url, {"submitted_on": early, "uwv_reference": "AB\x01C"})
    assert response.status_code == 400
    assert "The submission cannot be before the preparation." in response.text
    assert "control characters" in response.text
    twv.refresh_from_db()
    assert twv.status == "prepared" and twv.submitted_on is None


def test_ending_a_placement_before_its_start_is_refused_next_to_the_field(world, coach, vacancy):
    response = coach.post(
        reverse("employers:placement_new", args=[world.participant.public_id]),
        _placement(vacancy),
    )
    placement = Placement.objects.get()
    before = (placement.start_date - timedelta(days=5)).isoformat()
    response = coach.post(
        reverse("employers:placement_detail", args=[placement.public_id]),
        {"end_date": before, "reason": "other", "note": "", "new_status": ""},
    )
    assert response.status_code == 200
    assert "The end date cannot be before the start date." in response.text
    placement.refresh_from_db()
    assert placement.end_date is None


def test_text_rules_in_one_function():
    from hypothesis import given
    from hypothesis import strategies as st

    from werkpad.validation import control_characters, text_error

    @given(st.text(max_size=50))
    def check(text):
        has_control = any(ord(c) < 32 or 127 <= ord(c) < 160 for c in text) or any(
            0xD800 <= ord(c) <= 0xDFFF for c in text
        )
        assert control_characters(text) == has_control
        assert (text_error(text, max_length=20) is None) == (not has_control and len(text) <= 20)

    check()


def test_a_constraint_that_still_fires_becomes_a_field_error(world, vacancy):
    """The database stays the last line; its message never reaches a user."""
    from django.core.exceptions import ValidationError

    from werkpad.employers.actions import _save

    vacancy.places = 0  # skipping validation on purpose, as a race or a careless path would
    with pytest.raises(ValidationError) as caught:
        _save(vacancy)
    assert caught.value.message_dict == {"places": ["Enter at least one place."]}
    vacancy.refresh_from_db()
    assert vacancy.places == 1
