"""Intake and "Mag werken?" in a real browser: a coach starts an intake, stops halfway, resumes it
from the caseload, and then uses the eligibility panel's what-if form (htmx) on the new file."""

from __future__ import annotations

import pytest

from tests.conftest import PASSWORD
from werkpad.participants.models import Participant

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_intake_halfway_resume_and_what_if(world, open_as, live_server):
    anna = open_as("anna", PASSWORD)
    anna.goto(f"{live_server.url}/participants/")
    anna.get_by_role("link", name="Start intake").click()
    anna.fill("#id_first_name", "Yonas")
    anna.fill("#id_last_name", "Tesfaye")
    anna.fill("#id_birth_date", "1995-03-14")
    anna.select_option("#id_phase", "status_holder_azc")
    anna.get_by_role("button", name="Save and next").click()
    assert (
        anna.locator("[aria-current=step]").inner_text().strip().endswith("Languages and education")
    )

    # Stop halfway: the caseload shows the unfinished intake with a way back in.
    anna.get_by_role("button", name="Save and continue later").click()
    row = anna.locator("tr", has_text="Tesfaye, Yonas")
    assert "Intake in progress" in row.inner_text()
    row.get_by_role("link", name="Resume").click()
    assert "Languages and education" in anna.locator("[aria-current=step]").inner_text()
    assert Participant.objects.get(last_name="Tesfaye").intake_step == "languages"

    # The file exists already; the eligibility panel loads by itself and re-evaluates in place.
    yonas = Participant.objects.get(last_name="Tesfaye")
    anna.goto(anna.url.split("/participants/")[0] + f"/participants/{yonas.public_id}/")
    anna.wait_for_selector("#eligibility-panel form.elig-whatif")  # swapped in by htmx on load
    panel = anna.locator("#eligibility-panel")
    assert "TWV" in panel.inner_text()
    anna.fill("#eligibility-panel input[name=hours_per_week]", "99")
    panel.get_by_role("button", name="Check again").click()
    anna.wait_for_selector("#eligibility-panel .errors")
    assert anna.input_value("#eligibility-panel input[name=hours_per_week]") == "99"  # kept
    anna.fill("#eligibility-panel input[name=hours_per_week]", "24")
    anna.locator("#eligibility-panel").get_by_role("button", name="Check again").click()
    anna.locator("#eligibility-panel .errors").wait_for(state="detached")
    assert anna.input_value("#eligibility-panel input[name=hours_per_week]") == "24"
