"""Access: a newcomer reaches only their own things — pages, API, downloads — and every read and
write is in the access log; coaches, employers, analysts and other newcomers get nothing."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from tests import portal_case
from tests.factories import ParticipantFactory, UserFactory
from werkpad.accounts.models import Role
from werkpad.audit.models import AccessLogEntry
from werkpad.portal.models import Message

pytestmark = pytest.mark.django_db

PAGES = [
    "portal:home",
    "portal:documents",
    "portal:may_i_work",
    "portal:calculator",
    "portal:vacancies",
    "portal:permissions",
    "portal:consent",
    "portal:contact",
    "portal:plan_pdf",
]
API_READS = [
    "/api/portal/plan",
    "/api/portal/messages",
    "/api/portal/vacancies",
    "/api/portal/consents",
]


@pytest.fixture
def case(world):
    return portal_case.build(world)


@pytest.fixture
def other(world):
    """Another newcomer with her own file and message."""
    user = UserFactory(username="omar", role=Role.PARTICIPANT, organisation=None)
    p = ParticipantFactory(organisation=world.utrecht, regiehouder=world.anna, user=user)
    Message.objects.create(participant=p, author=user, from_newcomer=True, body="Van Omar")
    return p


def _last_id():
    last = AccessLogEntry.objects.order_by("-id").first()
    return last.id if last else 0


def test_every_portal_page_and_api_read_is_logged_for_the_own_file(world, login, case):
    client = login(world.nadia)
    for name in PAGES:
        since = _last_id()
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        entries = AccessLogEntry.objects.filter(id__gt=since, user=world.nadia)
        assert [e.participant_id for e in entries] == [world.participant.pk], name
    for url in API_READS:
        since = _last_id()
        assert client.get(url).status_code == 200, url
        entries = AccessLogEntry.objects.filter(id__gt=since, user=world.nadia)
        assert [e.participant_id for e in entries] == [world.participant.pk], url


def test_api_writes_are_the_same_actions_and_logged(world, login, case):
    client = login(world.nadia)
    since = _last_id()
    plan = client.get("/api/portal/plan").json()
    assert plan["version"] == 2 and plan["earlier_versions"] == [1]
    r = client.post(
        "/api/portal/plan/confirm",
        json.dumps({"version_id": plan["version_id"]}),
        content_type="application/json",
    )
    assert r.status_code == 200 and r.json()["confirmed_by_me"]
    again = client.post(
        "/api/portal/plan/confirm",
        json.dumps({"version_id": plan["version_id"]}),
        content_type="application/json",
    )
    assert again.status_code == 400
    r = client.post(
        "/api/portal/plan/steps", json.dumps({"title": "Zwemles"}), content_type="application/json"
    )
    assert r.status_code == 201 and r.json()["owner"] == "newcomer"
    key = r.json()["key"]
    assert client.post(f"/api/portal/plan/steps/{key}/done").json()["status"] == "done"
    r = client.post(
        "/api/portal/messages",
        json.dumps({"kind": "checkin", "mood": "good"}),
        content_type="application/json",
    )
    assert r.status_code == 201
    bad = client.post(
        "/api/portal/messages", json.dumps({"body": ""}), content_type="application/json"
    )
    assert bad.status_code == 400 and "body" in bad.json()["errors"]
    jobs = client.get("/api/portal/vacancies").json()
    proposed = next(j for j in jobs if j["proposed_by_coach"])
    r = client.post(
        f"/api/portal/vacancies/{proposed['id']}/interest",
        json.dumps({"interested": False, "reason": "Nachtwerk past niet"}),
        content_type="application/json",
    )
    assert r.status_code == 200 and r.json()["my_answer"] == "not_interested"
    writes = AccessLogEntry.objects.filter(
        id__gt=since, user=world.nadia, participant=world.participant
    ).exclude(action="view")
    assert writes.count() >= 5


def test_other_roles_and_other_newcomers_reach_nothing(world, login, case, other):
    from werkpad.participants import actions as pa

    mine = pa.give_consent(world.anna, world.participant, "research", purpose_code="evaluation")
    for user in (world.anna, world.cees, world.eva, world.ali, world.ada):
        client = login(user)
        for name in PAGES:
            assert client.get(reverse(name)).status_code in (403, 404), (user, name)
        for url in API_READS:
            assert client.get(url).status_code == 404, (user, url)
    omar = login(other.user)
    # Omar's own pages show only Omar's file.
    text = omar.get(reverse("portal:contact")).text
    assert "Van Omar" in text and "Nadia" not in text
    assert omar.get("/api/portal/plan").json()["version"] is None
    # Nadia's things by id: 404, logged as refused.
    since = _last_id()
    assert omar.post(f"/api/portal/consents/{mine.pk}/withdraw").status_code == 404
    step = case.my_step
    assert omar.post(f"/api/portal/plan/steps/{step.public_id}/done").status_code == 404
    assert omar.post(reverse("portal:step_done", args=[step.public_id])).status_code == 404
    refused = AccessLogEntry.objects.filter(id__gt=since, user=other.user, action="denied")
    assert refused.exists()
    assert not AccessLogEntry.objects.filter(
        id__gt=since, user=other.user, participant=world.participant
    ).exclude(action="denied")
    mine.refresh_from_db()
    step.refresh_from_db()
    assert mine.withdrawn_at is None and step.status == "open"


def test_coach_thread_is_logged(world, login, case):
    client = login(world.anna)
    since = _last_id()
    assert (
        client.get(reverse("portal:coach_thread", args=[world.participant.public_id])).status_code
        == 200
    )
    assert AccessLogEntry.objects.filter(
        id__gt=since, user=world.anna, participant=world.participant
    ).exists()
