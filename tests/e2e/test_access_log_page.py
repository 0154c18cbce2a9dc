"""The access-log page and the analyst overview in a real browser (issue 8, sections 3 and 4)."""

from __future__ import annotations

import pytest

from tests.conftest import PASSWORD
from tests.factories import ParticipantFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.allow_console_errors
def test_admin_searches_part_of_a_number_gets_a_clear_range_message_and_exports(
    world, open_as, live_server, tmp_path, console
):
    anna = open_as("anna", PASSWORD)
    anna.goto(f"{live_server.url}/participants/")
    anna.get_by_role("link", name="Haddad, Nadia").click()
    anna.wait_for_selector("h1:has-text('Nadia Haddad')")

    ada = open_as("ada", PASSWORD)
    ada.fill("#id_participant", world.participant.number[3:8].lower())
    ada.get_by_role("button", name="Filter").click()
    ada.wait_for_load_state()
    table = ada.locator("table.list tbody").inner_text()
    assert world.participant.number in table
    assert "Participant file" in table  # a label, not the internal word "file"

    with ada.expect_download() as download_info:
        ada.get_by_role("link", name="Export as CSV").click()
    path = tmp_path / "log.csv"
    download_info.value.save_as(path)
    text = path.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == "Time,User,Participant number,Action,What"
    assert world.participant.number in text and "Haddad" not in text

    ada.fill("#id_date_from", "2026-03-10")
    ada.fill("#id_date_to", "2026-03-01")
    ada.get_by_role("button", name="Filter").click()
    ada.wait_for_load_state()
    error = ada.locator("#id_date_to-error")
    assert error.is_visible()
    assert "lies before the start date" in error.inner_text()
    assert ada.input_value("#id_date_from") == "2026-03-10"  # what was typed is kept
    assert ada.get_by_text("Correct the filter to see entries.").is_visible()
    # The bad range is answered 400 (Chromium reports that status in the console); nothing else.
    assert all("status of 400" in e and "/audit/?" in e for e in console.errors), console.errors


def test_analyst_sees_small_and_hidden_cells_explained(world, open_as):
    for status, n in (("in_pretrajectory", 40), ("mediation", 15), ("startbaan", 5)):
        ParticipantFactory.create_batch(n, organisation=world.utrecht, status=status)
    ali = open_as("ali", PASSWORD)
    assert ali.locator("#suppression-note").is_visible()
    row = ali.locator("#h-status + table tr", has_text="In job mediation")
    cell = row.locator("td").first
    assert cell.inner_text() == "hidden"
    assert cell.locator("abbr").get_attribute("title") == "Hidden to protect a small group"
    empty = ali.locator("#h-status + table tr", has_text="Dropped out")
    assert empty.locator("td").first.inner_text() == "<10"
