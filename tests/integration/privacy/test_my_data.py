"""Issue 14 point 8, "Mijn gegevens": a newcomer downloads their data (JSON, a readable page, a
PDF in their language), asks for a correction; the request reaches the administrators' queue
with a due date of one month; the privacy officer reads the queue but not the texts or files;
every step is in the access log. Pages and API."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from tests.factories import ParticipantFactory, UserFactory
from werkpad.accounts.models import Role
from werkpad.audit.models import AccessLogEntry, Action
from werkpad.privacy.models import DataRequest

pytestmark = pytest.mark.django_db


def _entries_since(baseline, **filters):
    return AccessLogEntry.objects.filter(pk__gt=baseline, **filters)


def _baseline():
    last = AccessLogEntry.objects.order_by("-pk").first()
    return last.pk if last else 0


def test_download_my_data_as_json_page_and_pdf(world, login):
    other = ParticipantFactory(first_name="Andere", last_name="Persoon", organisation=world.utrecht)
    baseline = _baseline()
    client = login(world.nadia)
    r = client.get(reverse("portal:my_data_json"))
    assert r.status_code == 200 and r["Content-Type"].startswith("application/json")
    assert "attachment" in r["Content-Disposition"]
    data = json.loads(r.content)
    person = {f["field"]: f["value"] for f in data["sections"][0]["records"][0]}
    assert person["first_name"] == "Nadia" and person["number"] == world.participant.number
    assert data["participant_number"] == world.participant.number
    assert "Persoon" not in r.content.decode() and other.number not in r.content.decode()
    page = client.get(reverse("portal:my_data_page"))
    assert page.status_code == 200 and "Haddad" in page.content.decode()
    assert "Who read or changed my file" in page.content.decode()
    pdf = client.get(reverse("portal:my_data_pdf"))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    exports = _entries_since(baseline, participant=world.participant, action=Action.EXPORT)
    assert exports.count() == 3
    # Each download is also in the queue, as a request carried out at once.
    assert DataRequest.objects.filter(kind="access", state="done").count() == 3


def test_my_data_in_arabic(world, login):
    from django.conf import settings

    client = login(world.nadia)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    world.nadia.language = "ar"
    world.nadia.save()
    r = client.get(reverse("portal:my_data"))
    assert r.status_code == 200
    html = r.content.decode()
    assert 'dir="rtl"' in html and "My data" not in html
    pdf = client.get(reverse("portal:my_data_pdf"))
    assert pdf.status_code == 200 and "my-data-ar.pdf" in pdf["Content-Disposition"]


def test_correction_reaches_the_queue_and_the_administrator_decides(world, login, privacy_officer):
    baseline = _baseline()
    newcomer = login(world.nadia)
    r = newcomer.post(reverse("portal:my_data"), {"c-kind": "correction", "c-text": ""})
    assert r.status_code == 200 and 'id="id_c-text_error"' in r.content.decode()
    r = newcomer.post(
        reverse("portal:my_data"),
        {"c-kind": "correction", "c-text": "Mijn geboortedatum is 17 juni 1990"},
    )
    assert r.status_code == 302
    request = DataRequest.objects.get(kind="correction")
    assert request.state == "open" and 28 <= (request.due_on - request.created_at.date()).days <= 31
    assert _entries_since(baseline, user=world.nadia, action=Action.CREATE).exists()

    # The privacy officer reads the queue and the request, but not its text nor any file.
    officer = login(privacy_officer)
    queue = officer.get(reverse("privacy:queue"))
    assert queue.status_code == 200 and world.participant.number in queue.content.decode()
    detail = officer.get(reverse("privacy:request", args=[request.public_id])).content.decode()
    assert "geboortedatum" not in detail and "Record the decision" not in detail
    assert (
        officer.post(
            reverse("privacy:request", args=[request.public_id]), {"decision": "grant"}
        ).status_code
        == 403
    )
    assert (
        officer.get(reverse("participants:detail", args=[world.participant.public_id])).status_code
        == 404
    )

    # Other roles do not reach the queue.
    for user in (world.anna, world.nadia, world.ali, world.eva):
        assert login(user).get(reverse("privacy:queue")).status_code == 403

    admin = login(world.ada)
    url = reverse("privacy:request", args=[request.public_id])
    assert "geboortedatum" in admin.get(url).content.decode()
    r = admin.post(url, {"decision": "refuse", "ground": "", "note": ""})
    assert r.status_code == 200 and 'id="id_note_error"' in r.content.decode()
    r = admin.post(url, {"decision": "grant", "note": "De coach heeft het aangepast."})
    assert r.status_code == 302
    request.refresh_from_db()
    assert request.state == "done" and request.decided_by == world.ada
    page = newcomer.get(reverse("portal:my_data")).content.decode()
    assert "De coach heeft het aangepast." in page and "Carried out" in page
    assert _entries_since(
        baseline, user=world.ada, participant=world.participant, action=Action.UPDATE
    ).exists()
    assert _entries_since(baseline, user=privacy_officer, action=Action.LIST).exists()


def test_other_roles_have_no_my_data(world, login):
    for user in (world.anna, world.ali, world.ada, world.eva):
        client = login(user)
        assert client.get(reverse("portal:my_data")).status_code == 403
        assert client.get(reverse("portal:my_data_json")).status_code == 403


def test_api_own_download_request_and_decision(world, login, privacy_officer):
    newcomer = login(world.nadia)
    r = newcomer.get("/api/privacy/my-data")
    assert r.status_code == 200 and r.json()["participant_number"] == world.participant.number
    r = newcomer.post(
        "/api/privacy/requests",
        {"kind": "correction", "text": ""},
        content_type="application/json",
    )
    assert r.status_code == 400 and "text" in r.json()["errors"]
    r = newcomer.post(
        "/api/privacy/requests",
        {"kind": "correction", "text": "Mijn telefoonnummer is veranderd"},
        content_type="application/json",
    )
    assert r.status_code == 201
    request_id = r.json()["id"]
    assert r.json()["due_on"]
    mine = newcomer.get("/api/privacy/requests").json()
    assert [x["kind"] for x in mine] == ["access", "correction"]  # the download counts too
    assert request_id in [x["id"] for x in mine]
    # Someone else's requests are not in a newcomer's list.
    stranger = UserFactory(username="sami", role=Role.PARTICIPANT, organisation=None)
    ParticipantFactory(organisation=world.utrecht, user=stranger)
    assert login(stranger).get("/api/privacy/requests").json() == []
    assert login(world.anna).get("/api/privacy/requests").status_code == 403
    assert login(world.anna).get("/api/privacy/my-data").status_code == 403
    officer = login(privacy_officer).get("/api/privacy/requests").json()
    listed = {x["id"]: x for x in officer}
    assert listed[request_id]["text"] is None and listed[request_id]["kind"] == "correction"
    decision = f"/api/privacy/requests/{request_id}/decision"
    body = {"decision": "grant", "note": "Aangepast"}
    assert (
        login(privacy_officer).post(decision, body, content_type="application/json").status_code
        == 403
    )
    r = login(world.ada).post(decision, body, content_type="application/json")
    assert r.status_code == 200 and r.json()["state"] == "done"
    r = login(world.ada).post(decision, body, content_type="application/json")
    assert r.status_code == 400  # already decided
