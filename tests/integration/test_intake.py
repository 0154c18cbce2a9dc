"""The intake wizard through real requests: create, step by step, resume halfway, finish."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from werkpad.audit.models import AccessLogEntry
from werkpad.participants.models import Participant


@pytest.fixture
def coach(world, login):
    client = login(world.anna)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


PERSON = {
    "first_name": "Yonas",
    "last_name": "Tesfaye",
    "birth_date": "1995-03-14",
    "gender": "man",
    "country_of_origin": "ER",
    "nationality": "ER",
    "mother_tongue": "ti",
    "contact_language": "ti",
    "email": "",
    "phone": "",
    "phase": "status_holder_azc",
    "arrival_date": "2023-05-01",
    "asylum_application_date": "2023-05-02",
    "status_decision_date": "2024-01-10",
    "residence_permit_date": "2024-01-10",
}


def management(prefix, total=1, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def step_url(p, step):
    return reverse("participants:intake_step", args=[p.public_id, step])


def start(client, **extra):
    return client.post(reverse("participants:intake_start"), {**PERSON, "nav": "next", **extra})


def created():
    return Participant.objects.get(last_name="Tesfaye")


def test_caseload_offers_start_intake(coach):
    page = coach.get(reverse("participants:caseload"))
    assert reverse("participants:intake_start") in page.text
    assert "Start intake" in page.text


def test_first_step_creates_participant_with_coach_as_regiehouder(world, coach):
    page = coach.get(reverse("participants:intake_start"))
    assert page.status_code == 200
    assert 'aria-current="step"' in page.text
    response = start(coach)
    p = created()
    assert response.status_code == 302
    assert response["Location"] == step_url(p, "languages")
    assert p.regiehouder == world.anna
    assert p.organisation == world.utrecht
    assert p.intake_step == "languages"
    assert p.intake_completed_at is None
    assert p.birth_date == date(1995, 3, 14)
    assert p.phase == "status_holder_azc"
    assert AccessLogEntry.objects.filter(participant=p, action="create", user=world.anna).exists()
    fields = set(p.changes.values_list("field", flat=True))
    assert {"birth_date", "country_of_origin", "phase", "status_decision_date"} <= fields
    assert "Yonas" not in response["Location"]


def test_first_step_errors_keep_input_and_create_nothing(coach):
    response = start(
        coach,
        first_name="",
        birth_date=(timezone.localdate() + timedelta(days=3)).isoformat(),
        country_of_origin="ER",
    )
    assert response.status_code == 200
    assert Participant.objects.filter(last_name="Tesfaye").count() == 0
    assert "This field is required." in response.text
    assert "This date lies in the future." in response.text
    assert 'value="Tesfaye"' in response.text
    assert '<option value="ER" selected>' in response.text
    # Procedure rule from the shared section form.
    response = start(coach, status_decision_date="2023-01-01")
    assert "The decision cannot be earlier than the application." in response.text
    assert Participant.objects.filter(last_name="Tesfaye").count() == 0


def test_coach_without_organisation_cannot_start(world, login):
    from tests.factories import UserFactory

    loner = UserFactory(username="loner", role="coach", organisation=None)
    client = login(loner)
    response = client.post(reverse("participants:intake_start"), {**PERSON, "nav": "next"})
    assert response.status_code == 302
    assert not Participant.objects.filter(last_name="Tesfaye").exists()


def languages_data(**extra):
    data = {
        "dutch_spoken": "A2",
        "dutch_written": "A1",
        "speaks_english": "true",
        "english_level": "B1",
        "education": "middle",
        "diploma_valuation": "requested",
        **management("languages", total=2),
        "languages-0-language": "ar",
        "languages-0-level": "B2",
        "languages-1-language": "",
        "languages-1-level": "",
        **management("diplomas", total=1),
        "diplomas-0-title": "Electrician (MBO-2 equivalent)",
        "diplomas-0-level": "middle",
        "diplomas-0-country": "ER",
        "diplomas-0-valuation": "requested",
        "nav": "next",
    }
    data.update(extra)
    return data


def work_data(**extra):
    soon = (timezone.localdate() + timedelta(days=30)).isoformat()
    data = {
        "job_at_intake": "none",
        "desired_occupation": "Electrician",
        "desired_self_development": "strong",
        **management("experiences"),
        "experiences-0-occupation": "Electrician",
        "experiences-0-years": "6",
        "experiences-0-sector": "Construction",
        "experiences-0-country": "ER",
        **management("certificates"),
        "certificates-0-kind": "vca",
        "certificates-0-detail": "VCA basis",
        "certificates-0-expires_on": soon,
        "nav": "next",
    }
    data.update(extra)
    return data


def situation_data(**extra):
    data = {
        "household": "alone",
        "children_count": "0",
        "childcare_need": "false",
        "residence": "azc",
        "coa_location": "",
        "municipality": "",
        "postcode": "3511 AB",
        "has_bicycle": "on",
        "driving_licence": "",
        "inburgering_route": "b1",
        "inburgering_status": "started",
        "inburgering_start_date": "2024-03-01",
        "lesson_hours_per_week": "12",
        "has_benefit": "true",
        "participatiewet_obligations": "",
        "w_document_expiry": "",
        "bsn_status": "received",
        "bsn_requested_date": "2024-01-15",
        "bsn_received_date": "2024-02-01",
        "nav": "next",
    }
    data.update(extra)
    return data


def availability_data(**extra):
    data = {
        "max_hours_per_week": "24",
        "availability": ["mon_morning", "mon_afternoon", "tue_morning", "wed_morning"],
        "lessons": ["thu_morning", "fri_morning"],
        **management("appointments"),
        "appointments-0-weekday": "2",
        "appointments-0-dagdeel": "1",
        "appointments-0-description": "Meldplicht COA",
        "nav": "next",
    }
    data.update(extra)
    return data


def test_full_intake_flow(world, coach):
    start(coach)
    p = created()

    response = coach.post(step_url(p, "languages"), languages_data())
    assert response.status_code == 302, response.content
    assert response["Location"] == step_url(p, "work")
    p.refresh_from_db()
    assert (p.dutch_spoken, p.english_level, p.education) == ("A2", "B1", "middle")
    assert [(lang.language, lang.level) for lang in p.languages.all()] == [("ar", "B2")]
    assert p.diplomas.get().country == "ER"

    response = coach.post(step_url(p, "work"), work_data())
    assert response["Location"] == step_url(p, "situation")
    assert p.experiences.get().years == 6
    assert p.certificates.get().kind == "vca"

    response = coach.post(step_url(p, "situation"), situation_data())
    assert response["Location"] == step_url(p, "availability"), response.content
    p.refresh_from_db()
    assert p.postcode == "3511AB"
    assert p.inburgering_route == "b1"
    assert p.bsn_status == "received"

    response = coach.post(step_url(p, "availability"), availability_data())
    assert response["Location"] == step_url(p, "consent")
    p.refresh_from_db()
    assert p.max_hours_per_week == 24
    assert len(p.availability_slots) == 4
    assert p.lesson_slots == {(3, 0), (4, 0)}
    assert p.appointments.get().description == "Meldplicht COA"

    page = coach.get(step_url(p, "consent"))
    assert "Finish intake" in page.text
    response = coach.post(
        step_url(p, "consent"),
        {
            "organisation_access": "on",
            "organisation_purpose": "Guidance on the path to work",
            "share_with": str(world.vwn.pk),
            "share_purpose": "Language coaching",
            "research": "on",
            "research_purpose": "Evaluation",
            "nav": "next",
        },
    )
    assert response["Location"] == reverse("participants:detail", args=[p.public_id])
    p.refresh_from_db()
    assert p.intake_completed_at is not None
    assert set(p.consents.values_list("scope", flat=True)) == {
        "organisation",
        "other_organisation",
        "research",
    }
    assert p.consents.get(scope="other_organisation").recipient == world.vwn

    # Every step left history rows, by section, and was logged as a change.
    sections = set(p.changes.values_list("section", flat=True))
    assert {
        "person",
        "procedure",
        "languages",
        "diplomas",
        "work",
        "experiences",
        "certificates",
        "situation",
        "inburgering",
        "documents",
        "availability",
        "appointments",
        "consent",
        "intake",
    } <= sections
    # One access-log entry per request (each step is a change of the file).
    assert AccessLogEntry.objects.filter(participant=p, action="update").exists()

    detail = coach.get(response["Location"])
    assert "Arabic (B2)" in detail.text
    assert "expires soon" in detail.text  # the VCA certificate runs out within 60 days
    assert "The intake is not finished yet." not in detail.text
    # Shared with VWN: their coach can now open the file.
    assert coach.get(reverse("participants:caseload")).status_code == 200


def test_save_and_continue_later_then_resume(world, coach):
    start(coach)
    p = created()
    response = coach.post(step_url(p, "languages"), languages_data(nav="later"))
    assert response.status_code == 302
    assert response["Location"] == reverse("participants:caseload")
    p.refresh_from_db()
    assert p.intake_step == "languages"
    assert p.dutch_spoken == "A2"  # saved, not lost

    caseload = coach.get(reverse("participants:caseload"))
    assert "Intake in progress" in caseload.text
    resume = reverse("participants:intake_resume", args=[p.public_id])
    assert resume in caseload.text
    response = coach.get(resume)
    assert response["Location"] == step_url(p, "languages")
    page = coach.get(response["Location"])
    assert '<option value="ar" selected>' in page.text  # the saved row is shown again
    assert '<option value="A2" selected>' in page.text

    # Continue from there: next, then later on step 3 again.
    coach.post(step_url(p, "languages"), languages_data_existing(p))
    coach.post(step_url(p, "work"), work_data(nav="later"))
    p.refresh_from_db()
    assert p.intake_step == "work"
    assert p.languages.count() == 1  # re-saving an unchanged row adds nothing
    assert coach.get(resume)["Location"] == step_url(p, "work")


def languages_data_existing(p):
    lang = p.languages.get()
    diploma = p.diplomas.get()
    return {
        "dutch_spoken": "A2",
        "dutch_written": "A1",
        "speaks_english": "true",
        "english_level": "B1",
        "education": "middle",
        "diploma_valuation": "requested",
        **management("languages", total=2, initial=1),
        "languages-0-id": str(lang.pk),
        "languages-0-participant": str(p.pk),
        "languages-0-language": "ar",
        "languages-0-level": "B2",
        "languages-1-language": "",
        "languages-1-level": "",
        **management("diplomas", total=1, initial=1),
        "diplomas-0-id": str(diploma.pk),
        "diplomas-0-participant": str(p.pk),
        "diplomas-0-title": diploma.title,
        "diplomas-0-level": "middle",
        "diplomas-0-country": "ER",
        "diplomas-0-valuation": "requested",
        "nav": "next",
    }


def test_back_saves_and_goes_to_previous_step(coach):
    start(coach)
    p = created()
    response = coach.post(step_url(p, "languages"), languages_data(nav="back"))
    assert response["Location"] == step_url(p, "person")
    p.refresh_from_db()
    assert p.intake_step == "person"
    assert p.dutch_spoken == "A2"
    page = coach.get(step_url(p, "person"))
    assert 'value="Yonas"' in page.text
    assert "Back" not in page.text.split("intake-actions")[-1]  # no back on the first step


def test_step_errors_keep_everything_typed(coach):
    start(coach)
    p = created()
    data = work_data(**{"experiences-0-years": "75", "desired_occupation": "Welder"})
    data["experiences-0-occupation"] = "Plumber"
    response = coach.post(step_url(p, "work"), data)
    assert response.status_code == 200
    assert "Enter between 0 and 60 years." in response.text
    assert 'value="Plumber"' in response.text
    assert 'value="75"' in response.text
    assert 'value="Welder"' in response.text
    assert 'aria-current="step"' in response.text
    p.refresh_from_db()
    assert p.desired_occupation == ""  # nothing of the step was saved
    assert p.experiences.count() == 0
    assert p.certificates.count() == 0

    bad = situation_data(postcode="12AB", bsn_received_date="", children_count="2")
    response = coach.post(step_url(p, "situation"), bad)
    assert response.status_code == 200
    assert "A Dutch postcode has four digits and two letters" in response.text
    assert "Enter the date the BSN was received." in response.text
    assert 'value="12AB"' in response.text
    assert 'value="2"' in response.text


def test_add_row_button_shows_an_extra_row_without_saving(coach):
    start(coach)
    p = created()
    response = coach.post(step_url(p, "languages"), languages_data(add="diplomas"))
    assert response.status_code == 200
    assert 'name="diplomas-1-title"' in response.text
    assert 'value="Electrician (MBO-2 equivalent)"' in response.text
    assert p.diplomas.count() == 0


def test_removing_a_row_in_the_intake(coach):
    start(coach)
    p = created()
    coach.post(step_url(p, "languages"), languages_data())
    data = languages_data_existing(p)
    data["languages-0-DELETE"] = "on"
    coach.post(step_url(p, "languages"), data)
    assert p.languages.count() == 0
    change = p.changes.filter(section="languages", field="languages").first()
    assert change.old_value == "Arabic (B2)" and change.new_value == ""


def test_consent_step_needs_a_purpose(world, coach):
    start(coach)
    p = created()
    response = coach.post(
        step_url(p, "consent"),
        {"research": "on", "research_purpose": "", "share_with": "", "nav": "next"},
    )
    assert response.status_code == 200
    assert "State the purpose: consent is given for a purpose." in response.text
    p.refresh_from_db()
    assert p.intake_completed_at is None
    assert p.consents.count() == 0


def test_others_cannot_open_an_intake(world, login):
    client = login(world.anna)
    client.post(reverse("participants:intake_start"), {**PERSON, "nav": "next"})
    p = created()
    for who in ("bram", "cees", "eva", "ali"):
        other = login(getattr(world, who))
        assert other.get(step_url(p, "languages")).status_code in (403, 404)
        assert other.post(step_url(p, "languages"), languages_data()).status_code in (403, 404)
    assert p.languages.count() == 0


def test_unknown_step_is_404(coach):
    start(coach)
    assert coach.get(step_url(created(), "nonsense")).status_code == 404


def test_tampered_post_without_formset_management_data_is_refused_cleanly(coach):
    start(coach)
    p = created()
    response = coach.post(step_url(p, "languages"), {"dutch_spoken": "B1", "nav": "next"})
    assert response.status_code == 200
    assert 'value="B1" selected' in response.text or '<option value="B1" selected>' in response.text
    p.refresh_from_db()
    assert p.dutch_spoken == ""
    response = coach.post(step_url(p, "languages"), {"add": "languages", "nav": "next"})
    assert response.status_code == 200
