"""The foundation journey in a real browser (issue 2's "done when").

Anna (coach) logs in, sees her caseload, opens Nadia's file, edits a field and sees the change in
the history; Ada (administrator) then finds that read and that write in the access log.
"""

from __future__ import annotations

import pytest

from tests.conftest import PASSWORD
from werkpad.audit.models import AccessLogEntry

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_coach_edits_file_and_admin_sees_it_in_the_access_log(world, open_as, live_server):
    anna = open_as("anna", PASSWORD)
    # The coach's home is her day (what needs attention); the caseload is one click away.
    assert anna.url.endswith("/pathway/day/")
    assert anna.get_by_role("heading", name="My day").is_visible()
    anna.get_by_role("navigation").get_by_role("link", name="Caseload", exact=True).first.click()
    anna.wait_for_url("**/participants/")
    assert anna.get_by_role("heading", name="My caseload").is_visible()
    anna.get_by_role("link", name="Haddad, Nadia").click()
    anna.wait_for_selector("h1:has-text('Nadia Haddad')")
    assert str(world.participant.public_id) in anna.url
    assert "Haddad" not in anna.url

    anna.get_by_role("link", name="Edit Languages and education").click()
    anna.select_option("#id_dutch_spoken", "B1")
    anna.get_by_role("button", name="Save").click()
    anna.wait_for_selector("text=change(s) recorded in the history")
    anna.get_by_role("link", name="History").click()
    row = anna.locator("tr", has_text="Dutch, spoken")
    assert row.locator("del").inner_text() == "A1"
    assert row.locator("ins").inner_text() == "B1"

    ada = open_as("ada", PASSWORD)
    assert ada.url.endswith("/audit/")
    ada.fill("#id_participant", world.participant.number)
    ada.get_by_role("button", name="Filter").click()
    ada.wait_for_load_state()
    table = ada.locator("table.list tbody").inner_text()
    assert "anna" in table
    assert "Viewed" in table and "Changed" in table
    assert AccessLogEntry.objects.filter(
        user=world.anna, action="update", participant=world.participant
    ).exists()


def test_caseload_is_usable_on_a_phone(world, browser, live_server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-GB")
    context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "anna")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_selector("h1:has-text('My day')")
    assert page.evaluate("document.documentElement.scrollWidth") <= 400
    page.goto(f"{live_server.url}/participants/")
    page.wait_for_selector("text=Haddad, Nadia")
    width = page.evaluate("document.documentElement.scrollWidth")
    overflowing = page.evaluate(
        "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 400)"
        ".slice(0, 5).map(e => e.tagName + '.' + e.className).join(', ')"
    )
    assert width <= 400, f"page scrolls sideways on a phone ({width}px): {overflowing}"
    context.close()
