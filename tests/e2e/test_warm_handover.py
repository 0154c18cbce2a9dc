"""A warm handover in real browsers: proposer, newcomer, receiver (issue 12's "done when")."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import PASSWORD
from werkpad.audit.models import AccessLogEntry
from werkpad.handovers.models import Handover, HandoverState

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.allow_console_errors
def test_warm_handover_to_another_organisation(world, open_as, live_server, console):
    p = world.participant
    file_url = f"{live_server.url}/participants/{p.public_id}/"

    # The regiehouder proposes a handover to a coach of another organisation.
    anna = open_as("anna", PASSWORD)
    anna.goto(file_url)
    anna.click("text=Propose a warm handover")
    anna.select_option("select[name=to_coach]", value=str(world.cees.pk))
    anna.click("button[type=submit].primary")
    anna.wait_for_url("**/handovers/*/")
    assert "Proposed" in anna.inner_text("#handover-state")
    handover = Handover.objects.get(participant=p)
    assert "documents" not in handover.shared_sections

    # The receiver cannot accept before the newcomer consents.
    cees = open_as("cees", PASSWORD)
    cees.goto(f"{live_server.url}/handovers/{handover.public_id}/")
    cees.click("button[name=accept]")
    assert "no ground" in cees.content()
    assert "Proposed" in cees.inner_text("#handover-state")

    # The newcomer consents in the portal.
    nadia = open_as("nadia", PASSWORD)
    nadia.goto(f"{live_server.url}/handovers/mine/")
    nadia.click("button[name=consent]")
    nadia.wait_for_load_state()
    assert p.consents.filter(purpose_code="handover", withdrawn_at__isnull=True).exists()

    # The receiver accepts and, before completion, sees only the shared sections.
    cees.goto(f"{live_server.url}/handovers/{handover.public_id}/")
    cees.click("button[name=accept]")
    assert "Accepted" in cees.inner_text("#handover-state")
    cees.click("text=Open the file")
    cees.wait_for_load_state("networkidle")  # the file page's htmx panels log too
    body = cees.inner_text("main")
    assert "Person" in body and "Work and ambitions" in body
    assert "Documents" not in body and "Procedure and phase" not in body
    # The file page loads the eligibility panel with htmx (refused here): let it finish first.
    cees.wait_for_load_state("networkidle")
    baseline = AccessLogEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    response = cees.goto(f"{file_url}edit/documents/")
    assert response is not None and response.status == 404
    response = cees.goto(f"{file_url}edit/person/")  # shared, but read-only
    assert response is not None and response.status == 404
    assert (
        AccessLogEntry.objects.filter(
            user=world.cees, participant=p, action="denied", id__gt=baseline
        ).count()
        == 2
    )

    # The meeting is recorded; both coaches and the newcomer confirm.
    cees.goto(f"{live_server.url}/handovers/{handover.public_id}/")
    cees.fill("input[name=meeting_date]", dt.date.today().isoformat())
    cees.click("button[name=meeting]")
    assert cees.inner_text("#meeting-date") != "—"
    cees.click("button[name=confirm]")
    anna.goto(f"{live_server.url}/handovers/{handover.public_id}/")
    anna.click("button[name=confirm]")
    nadia.goto(f"{live_server.url}/handovers/mine/")
    nadia.click("button[name=confirm]")
    nadia.wait_for_load_state()

    anna.goto(f"{live_server.url}/handovers/{handover.public_id}/")
    assert "Completed" in anna.inner_text("#handover-state")
    handover.refresh_from_db()
    p.refresh_from_db()
    assert handover.state == HandoverState.COMPLETED
    assert p.regiehouder == world.cees
    # The new regiehouder now reads and edits the whole file.
    assert cees.goto(f"{file_url}edit/documents/").status == 200
    # The only console errors are the two refused pages (404).
    assert all("404" in e for e in console.errors), console.errors
