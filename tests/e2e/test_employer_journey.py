"""The employer journey in a real browser, each person logging in through the login form.

Eva (employer) submits a vacancy; Anna (coach) shortlists Nadia; Eva sees a pseudonymous profile;
Nadia consents; Eva sees the name; Anna tracks the TWV to granted and registers the placement; the
status changes and the first aftercare contact moments appear on the account manager's dashboard.
"""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from tests.conftest import PASSWORD
from tests.factories import CertificateFactory
from tests.factories_employers import EmployerFactory
from werkpad.employers import terms
from werkpad.participants.models import WorkExperience
from werkpad.pathway import aftercare

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_employer_journey(world, open_as, live_server):
    EmployerFactory(organisation=world.employer_org, account_manager=world.anna)
    nadia = world.participant
    nadia.dutch_spoken = "A2"
    nadia.availability_mask = 0b11 | (0b11 << 3)
    nadia.max_hours_per_week = 32
    nadia.status = "mediation"
    nadia.save()
    WorkExperience.objects.create(participant=nadia, occupation="metselaar", years=5)
    CertificateFactory(participant=nadia, kind="vca")

    # 1. The employer submits a vacancy in the portal.
    eva = open_as("eva", PASSWORD)
    assert eva.url.endswith("/employers/portal/")
    eva.click("text=Submit a vacancy")
    eva.fill("#id_title", "Metselaar Leidsche Rijn")
    eva.fill("#id_occupation", "metselaar")
    eva.fill("#id_hours_per_week", "32")
    for code in ("mon_morning", "mon_afternoon", "tue_morning", "tue_afternoon"):
        eva.check(f"input[name=roster][value={code}]")
    eva.select_option("#id_contract_kind", "fixed_term")
    eva.fill("#id_contract_months", "12")
    eva.fill("#id_wage_hourly", "15.20")
    eva.select_option("#id_dutch_level", "A2")
    eva.check("input[name=certificates][value=vca]")
    eva.check("#id_twv_willing")
    eva.select_option("#id_self_development", "minimal")
    eva.click("button[name=intent][value=submit]")
    eva.wait_for_selector("text=Vacancy submitted")
    vacancy_url = eva.url
    assert re.search(r"/employers/portal/vacancies/\d+/$", vacancy_url)
    assert "No candidates proposed yet" in eva.content()

    # 2. The coach shortlists the participant.
    anna = open_as("anna", PASSWORD)
    anna.goto(f"{live_server.url}/employers/vacancies/")
    anna.click("text=Metselaar Leidsche Rijn")
    anna.select_option("#id_participant", str(nadia.public_id))
    anna.fill("#id_reason", "Vijf jaar ervaring als metselaar")
    anna.click("text=Add to shortlist")
    anna.wait_for_selector("text=Added to the shortlist.")
    coach_vacancy_url = anna.url

    # 3. The employer sees a pseudonymous profile, without the name.
    eva.goto(vacancy_url)
    profile = eva.locator(".candidate-profile")
    assert profile.count() == 1
    text = profile.inner_text()
    assert re.search(r"Candidate K-[0-9A-Z]{4}", text)
    assert "metselaar" in text and "VCA" in text and "A2" in text
    page_html = eva.content()
    for identifying in ("Nadia", "Haddad", "Syrië", str(nadia.public_id), nadia.number):
        assert identifying not in page_html

    # 4. The newcomer consents to share her profile with this employer.
    newcomer = open_as("nadia", PASSWORD)
    assert newcomer.url.endswith("/portal/")  # the newcomer's home: "My path"
    newcomer.goto(f"{live_server.url}/portal/consent/")
    newcomer.click("text=Share my profile with Bouwbedrijf De Vries")
    newcomer.wait_for_selector("text=can now see your name")

    # 5. The employer now sees the name.
    eva.goto(vacancy_url)
    assert "Nadia Haddad" in eva.locator(".candidate-profile").inner_text()

    # 6. The TWV is tracked to granted.
    anna.goto(coach_vacancy_url)
    anna.click("text=Prepare TWV")
    anna.click("button:has-text('Save')")
    anna.wait_for_selector("text=TWV application prepared.")
    today = timezone.localdate()
    expected = terms.expected_twv_decision(today)
    anna.fill("#id_submitted_on", today.isoformat())
    anna.click("text=Record submission")
    anna.wait_for_selector("text=Expected decision")
    assert f"legal term of {expected.legal_weeks} weeks" in anna.content()
    anna.select_option("#id_outcome", "granted")
    anna.fill("#id_decided_on", today.isoformat())
    anna.click("text=Record decision")
    anna.wait_for_selector("text=TWV status saved.")
    assert anna.locator("#twv-status").inner_text() == "Granted"
    eva.goto(f"{live_server.url}/employers/portal/twv/")
    assert "Granted" in eva.content() and "Nadia Haddad" in eva.content()

    # 7. A placement is registered; the participant's status changes.
    anna.goto(coach_vacancy_url)
    anna.click("text=Register placement")
    anna.select_option("#id_kind", "paid")
    anna.check("#id_lks")
    anna.check("#id_jobcoach")
    anna.click("button:has-text('Register placement')")
    anna.wait_for_selector("text=Placement registered")
    assert "Has a startbaan" in anna.content()
    nadia.refresh_from_db()
    assert nadia.status == "startbaan"

    # 8. The first aftercare contact moments appear on the account manager's dashboard.
    first_due = aftercare.planned_dates(today)[0][1]
    anna.click("text=Employer desk")
    anna.wait_for_selector("#contact-moments")
    rows = anna.locator("#contact-moments tbody tr")
    assert rows.count() >= 1
    assert "weekly aftercare" in rows.first.inner_text()
    assert "Bouwbedrijf De Vries" in rows.first.inner_text()
    assert first_due > today
