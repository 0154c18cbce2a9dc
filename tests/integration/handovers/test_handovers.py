"""Warm handovers: states, grounds, what the receiver sees, revocation, the API (issue 12)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import ConsentFactory, UserFactory
from werkpad.accounts.models import Role
from werkpad.audit.models import AccessLogEntry
from werkpad.handovers import actions
from werkpad.handovers.models import HandoverState, Notice
from werkpad.participants.choices import ConsentScope

SHARED = ["person", "work"]


def _consent(world):
    return ConsentFactory(
        participant=world.participant,
        scope=ConsentScope.ORGANISATION_OTHER,
        recipient=world.vwn,
        purpose_code="handover",
    )


def _accepted(world):
    _consent(world)
    h = actions.propose(world.anna, world.participant, world.cees, shared_sections=SHARED)
    actions.accept(world.cees, h)
    return h


def test_cannot_accept_without_a_ground(world):
    h = actions.propose(world.anna, world.participant, world.cees, shared_sections=SHARED)
    assert h.ground == ""
    with pytest.raises(ValidationError) as exc:
        actions.accept(world.cees, h)
    assert "ground" in exc.value.message_dict
    h.refresh_from_db()
    assert h.state == HandoverState.PROPOSED
    assert Notice.objects.filter(user=world.cees).exists()


def test_cannot_complete_without_both_confirmations(world):
    h = _accepted(world)
    with pytest.raises(ValidationError):
        actions.confirm(world.anna, h)  # no meeting recorded yet
    actions.record_meeting(world.anna, h, dt.date.today())
    actions.confirm(world.anna, h)
    actions.confirm(world.nadia, h)
    with pytest.raises(ValidationError):
        actions.complete(world.anna, h)  # the receiver has not confirmed
    h.refresh_from_db()
    assert h.state == HandoverState.ACCEPTED
    world.participant.refresh_from_db()
    assert world.participant.regiehouder == world.anna
    actions.confirm(world.cees, h)
    h.refresh_from_db()
    world.participant.refresh_from_db()
    assert h.state == HandoverState.COMPLETED
    assert world.participant.regiehouder == world.cees
    assert world.participant.changes.filter(field="regiehouder").exists()
    assert [e.event for e in h.events.all()][-1] == "completed"


def test_cannot_complete_when_the_consent_was_withdrawn(world):
    h = _accepted(world)
    actions.record_meeting(world.anna, h, dt.date.today())
    actions.confirm(world.anna, h)
    actions.confirm(world.nadia, h)
    world.participant.consents.update(withdrawn_at=dt.datetime.now(dt.UTC))
    with pytest.raises(ValidationError) as exc:
        actions.confirm(world.cees, h)
    assert "ground" in exc.value.message_dict
    world.participant.refresh_from_db()
    assert world.participant.regiehouder == world.anna


def test_legal_ground_for_the_koppeling_transfer(world):
    """COA -> municipality at koppeling rests on a legal task, not on consent."""
    gemeente_coach = UserFactory(role=Role.COACH, organisation=world.utrecht)
    world.participant.regiehouder = world.cees
    world.participant.organisation = world.vwn
    world.participant.save()
    h = actions.propose(world.cees, world.participant, gemeente_coach, purpose="koppeling")
    assert h.ground == "legal"
    h2 = actions.propose(world.cees, world.participant, world.anna, purpose="handover")
    assert h2.ground == ""


def test_override_needs_the_permission_and_a_reason_and_is_logged(world):
    with pytest.raises(ValidationError):
        actions.propose(
            world.anna, world.participant, world.cees, override_reason="urgent: moved today"
        )
    world.anna.user_permissions.add(Permission.objects.get(codename="override_consent"))
    from werkpad.accounts.models import User

    anna = User.objects.get(pk=world.anna.pk)
    h = actions.propose(anna, world.participant, world.cees, override_reason="urgent: moved today")
    actions.accept(world.cees, h)
    assert h.events.filter(event="consent overridden").exists()
    assert AccessLogEntry.objects.filter(
        user=anna, participant=world.participant, what__contains="override"
    ).exists()


def test_receiver_sees_only_the_shared_sections_before_completion(world, login):
    p = world.participant
    detail = reverse("participants:detail", args=[p.public_id])
    assert login(world.cees).get(detail).status_code == 404  # proposed is not yet shared
    _accepted(world)
    client = login(world.cees)
    page = client.get(detail)
    assert page.status_code == 200
    body = page.content.decode()
    assert 'id="section-person"' in body or "Person" in body
    assert "Documents" not in body
    baseline = AccessLogEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    # Another section: 404, logged as denied (page and API); a shared section is read-only.
    assert (
        client.get(
            reverse("participants:edit_section", args=[p.public_id, "documents"])
        ).status_code
        == 404
    )
    assert client.get(f"/api/participants/{p.public_id}/sections/documents").status_code == 404
    assert (
        client.get(reverse("participants:edit_section", args=[p.public_id, "person"])).status_code
        == 404
    )
    assert client.get(reverse("participants:history", args=[p.public_id])).status_code == 200
    denied = AccessLogEntry.objects.filter(
        user=world.cees, participant=p, action="denied", id__gt=baseline
    )
    assert denied.count() == 3
    api = client.get(f"/api/participants/{p.public_id}/sections/work")
    assert api.status_code == 200 and api.json()["section"] == "work"


def test_revoking_stops_access_at_once(world, login):
    h = _accepted(world)
    client = login(world.cees)
    detail = reverse("participants:detail", args=[world.participant.public_id])
    assert client.get(detail).status_code == 200
    response = login(world.anna).post(reverse("handovers:step", args=[h.public_id, "revoke"]))
    assert response.status_code == 302
    client = login(world.cees)
    assert client.get(detail).status_code == 404
    assert AccessLogEntry.objects.filter(user=world.cees, action="denied").exists()
    h.refresh_from_db()
    assert h.state == HandoverState.REVOKED
    with pytest.raises(ValidationError):
        actions.accept(world.cees, h)


def test_others_cannot_drive_a_handover(world, login):
    h = _accepted(world)
    url = reverse("handovers:detail", args=[h.public_id])
    assert login(world.bram).get(url).status_code == 404
    assert login(world.eva).get(url).status_code == 404
    assert (
        login(world.bram).post(reverse("handovers:step", args=[h.public_id, "confirm"])).status_code
        == 404
    )
    assert AccessLogEntry.objects.filter(user=world.bram, action="denied").exists()


def test_handover_through_the_api(world, login):
    client = login(world.anna)
    p = world.participant
    response = client.post(
        "/api/handovers/",
        {"participant": str(p.public_id), "to_coach": "cees", "shared_sections": SHARED},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    hid = response.json()["id"]
    cees = login(world.cees)
    refused = cees.post(f"/api/handovers/{hid}/accept", {}, content_type="application/json")
    assert refused.status_code == 400 and "ground" in refused.json()["errors"]
    _consent(world)
    assert (
        cees.post(f"/api/handovers/{hid}/accept", {}, content_type="application/json").json()[
            "state"
        ]
        == "accepted"
    )
    assert (
        cees.post(
            f"/api/handovers/{hid}/meeting",
            {"meeting_date": "2026-12-01"},
            content_type="application/json",
        ).status_code
        == 200
    )
    for user in (world.cees, world.anna, world.nadia):
        if user is world.nadia:
            # The newcomer confirms through the portal page.
            login(user).post(reverse("handovers:step", args=[hid, "confirm"]))
        else:
            login(user).post(f"/api/handovers/{hid}/confirm", {}, content_type="application/json")
    assert login(world.anna).get(f"/api/handovers/{hid}").json()["state"] == "completed"
    p.refresh_from_db()
    assert p.regiehouder == world.cees


def test_newcomer_consents_in_the_portal(world, login):
    h = actions.propose(world.anna, world.participant, world.cees, shared_sections=SHARED)
    client = login(world.nadia)
    page = client.get(reverse("handovers:portal"))
    assert page.status_code == 200
    assert "VluchtelingenWerk Amersfoort" in page.content.decode()
    client.post(reverse("handovers:step", args=[h.public_id, "consent"]))
    consent = world.participant.consents.get(purpose_code="handover")
    assert consent.recipient == world.vwn
    # Consent for a handover does not open the file to the whole receiving organisation.
    other = UserFactory(role=Role.COACH, organisation=world.vwn)
    assert (
        login(other)
        .get(reverse("participants:detail", args=[world.participant.public_id]))
        .status_code
        == 404
    )
    actions.accept(world.cees, h)


def test_completion_changes_the_enrolment_when_the_handover_says_so(world):
    from werkpad.pathway.actions import default_programme

    programme = default_programme(world.vwn)
    _consent(world)
    h = actions.propose(
        world.anna,
        world.participant,
        world.cees,
        shared_sections=SHARED,
        change_enrolment_to=programme,
    )
    actions.accept(world.cees, h)
    actions.record_meeting(world.cees, h, dt.date.today())
    for user in (world.anna, world.cees, world.nadia):
        actions.confirm(user, h)
    assert world.participant.enrolments.filter(programme=programme).exists()
    assert world.participant.changes.filter(section="enrolment").exists()


def test_only_the_file_manager_proposes(world, login):
    from werkpad.participants.actions import link_coach

    link_coach(world.anna, world.participant, world.cees)
    response = login(world.cees).post(
        "/api/handovers/",
        {"participant": str(world.participant.public_id), "to_coach": "bram"},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert AccessLogEntry.objects.filter(user=world.cees, action="denied").exists()


def test_coach_records_consent_for_a_purpose(world, login):
    url = reverse("participants:consent_add", args=[world.participant.public_id])
    login(world.anna).post(
        url,
        {
            "scope": "other_organisation",
            "recipient": world.vwn.pk,
            "purpose_code": "handover",
            "purpose": "warm handover to VWN",
        },
    )
    consent = world.participant.consents.get()
    assert consent.purpose_code == "handover"
    assert actions.ground_for(world.participant, "handover", world.vwn)[0] == "consent"
