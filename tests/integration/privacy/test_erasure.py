"""Issue 19 point 3, the Done-when: a newcomer asks for erasure in the portal, an administrator
decides against AVG art. 17(3) and carries it out, all through HTTP. Afterwards the person is
gone (no name, contact, free text, exact date, account, consent or field history; the old
number nowhere), the history stays under a new pseudonymous number, the frozen reports are
byte-identical, and the audit chain still verifies (the person's audit key is destroyed)."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from werkpad.accounts.models import User
from werkpad.audit import chain
from werkpad.audit.models import AccessLogEntry, Action, ChainLink, PersonKey
from werkpad.participants.models import (
    Certificate,
    ChangeRecord,
    Consent,
    OtherLanguage,
    Participant,
    StatusChange,
)
from werkpad.pathway.models import Enrolment
from werkpad.privacy.models import DataRequest, PublishedReport

from .conftest import later

pytestmark = pytest.mark.django_db


def _publish(client, kind, **extra):
    r = client.post(reverse("privacy:reports"), {"kind": kind, **extra})
    assert r.status_code == 302, r.content.decode()[:2000]
    report = PublishedReport.objects.order_by("-id").first()
    payload = client.get(reverse("privacy:report_payload", args=[report.public_id]))
    assert payload.status_code == 200
    return report, payload.content


def _dump_all_tables() -> str:
    """Every row of every table, as text: to search for traces of the person."""
    out = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            out.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(out)


def test_erasure_from_the_portal_to_the_administrator(world, login, cohort, anchors):
    nadia = world.participant
    old_number, nadia_pk, account_pk = nadia.number, nadia.pk, world.nadia.pk
    analyst = login(world.ali)
    overview, overview_bytes = _publish(analyst, "overview")
    startbaan, startbaan_bytes = _publish(analyst, "startbaan", peildatum="2024-06-30")
    assert json.loads(startbaan_bytes)["cells"]

    # The coach works in the file; the newcomer reads her data and asks for erasure.
    assert (
        login(world.anna).get(reverse("participants:detail", args=[nadia.public_id])).status_code
        == 200
    )
    newcomer = login(world.nadia)
    page = newcomer.get(reverse("portal:my_data"))
    assert page.status_code == 200 and "Ask to erase my data" in page.content.decode()
    # Without ticking "I understand" the form comes back with the error next to the field.
    r = newcomer.post(reverse("portal:my_data"), {"e-kind": "erasure", "e-text": "Ik verhuis"})
    assert r.status_code == 200 and 'id="id_e-sure_error"' in r.content.decode()
    assert not DataRequest.objects.exists()
    r = newcomer.post(
        reverse("portal:my_data"), {"e-kind": "erasure", "e-text": "Ik verhuis", "e-sure": "on"}
    )
    assert r.status_code == 302
    request = DataRequest.objects.get(kind="erasure")
    assert request.state == "open" and (request.due_on - request.created_at.date()).days in range(
        28, 32
    )
    chain.seal(now=later())  # the entries so far are sealed under Nadia's keyed pseudonym
    sealed_pseudonyms = set(
        ChainLink.objects.exclude(pseudonym="").values_list("pseudonym", flat=True)
    )
    assert PersonKey.objects.filter(participant_number=old_number).exists()

    # The administrator sees it in the queue; refusing needs an art. 17(3) ground.
    admin = login(world.ada)
    queue = admin.get(reverse("privacy:queue"))
    assert old_number in queue.content.decode()
    url = reverse("privacy:request", args=[request.public_id])
    detail = admin.get(url).content.decode()
    assert "Ik verhuis" in detail and "Archiefwet" in detail  # the duty to keep is shown
    r = admin.post(url, {"decision": "refuse", "note": "Wettelijke plicht"})
    assert r.status_code == 200 and 'id="id_ground_error"' in r.content.decode()
    r = admin.post(url, {"decision": "grant", "note": ""})
    assert r.status_code == 302

    # The person is gone.
    p = Participant.objects.get(pk=nadia_pk)
    assert p.number != old_number and p.number.startswith("ANON-")
    assert (p.first_name, p.last_name, p.email, p.phone, p.notes, p.postcode) == ("",) * 6
    assert p.birth_date is None and p.user_id is None and p.regiehouder_id is None
    assert p.asylum_application_date is None or p.asylum_application_date.day == 1
    assert not User.objects.filter(pk=account_pk).exists()
    for model in (OtherLanguage, Certificate, Consent, ChangeRecord):
        assert not model.objects.filter(participant_id=nadia_pk).exists()
    dump = _dump_all_tables()
    for trace in (
        old_number,
        "Haddad",
        "nadia.haddad@example.org",
        "0612345678",
        "Aleppo",
        "Ik verhuis",
    ):
        assert trace not in dump, trace
    # ... her history stays, without exact dates, under the pseudonym.
    assert StatusChange.objects.get(participant_id=nadia_pk).date.day == 1
    assert Enrolment.objects.get(participant_id=nadia_pk).intake_date.day == 1
    # ... she can no longer log in, and her coach no longer sees the file.
    assert (
        login(world.anna).get(reverse("participants:detail", args=[nadia.public_id])).status_code
        == 404
    )
    request.refresh_from_db()
    assert request.state == "done" and request.text == ""

    # The frozen reports are byte-identical, although live figures may shift.
    assert (
        analyst.get(reverse("privacy:report_payload", args=[overview.public_id])).content
        == overview_bytes
    )
    assert (
        analyst.get(reverse("privacy:report_payload", args=[startbaan.public_id])).content
        == startbaan_bytes
    )

    # The audit chain still verifies: the key is destroyed, the entries keep a pseudonym only.
    assert not PersonKey.objects.filter(participant_number=old_number).exists()
    assert not AccessLogEntry.objects.filter(participant_number=old_number).exists()
    erased = AccessLogEntry.objects.filter(participant_id=nadia_pk, action=Action.DELETE).get()
    assert erased.participant_number == p.number and erased.user_id == world.ada.pk
    chain.seal(now=later())
    report = chain.verify()
    assert report.ok, report.problems
    assert sealed_pseudonyms <= set(ChainLink.objects.values_list("pseudonym", flat=True))
    call_command("verify_audit", anchors=anchors)
