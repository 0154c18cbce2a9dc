"""The care API: the same actions and access layer as the pages."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from tests.factories_employers import EmployerFactory, VacancyFactory
from werkpad.audit.models import AccessLogEntry


def test_contacts_appointments_check_ins_and_attention(world, login):
    from werkpad.employers import actions

    p = world.participant
    client = login(world.anna)
    base = f"/api/care/participants/{p.public_id}"
    today = timezone.localdate()
    created = client.post(
        f"{base}/contacts",
        {"on": today.isoformat(), "kind": "telefoon", "note": "Belde over rooster"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    assert client.get(f"{base}/contacts").json()[0]["kind"] == "telefoon"
    bad = client.post(
        f"{base}/contacts",
        {"on": (today + timedelta(days=9)).isoformat(), "kind": "telefoon"},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "on" in bad.json()["errors"]
    start = timezone.now() + timedelta(days=1)
    made = client.post(
        f"{base}/appointments",
        {
            "kind": "meldplicht",
            "starts_at": start.isoformat(),
            "ends_at": (start + timedelta(hours=1)).isoformat(),
        },
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    check = client.get(f"{base}/schedule-check").json()
    assert check["minimum_hours"] == 16 and check["exit_hours"] == 24
    employer = EmployerFactory(account_manager=world.bram)
    actions.register_placement(
        world.anna,
        p,
        employer=employer,
        vacancy=VacancyFactory(employer=employer),
        found_via="service",
        start_date=today - timedelta(days=7),
        hours_kind="fixed",
        hours_per_week=Decimal(20),
    )
    check = client.get(f"{base}/schedule-check").json()
    assert "below_exit" in check["warnings"] and check["work_hours"] == 20
    check_ins = client.get("/api/care/check-ins").json()
    mine = [c for c in check_ins if c["track"] == "newcomer"]
    assert mine and mine[0]["participant"] == str(p.public_id)
    recorded = client.post(
        f"/api/care/check-ins/{mine[0]['id']}",
        {"done_on": today.isoformat(), "how": "worried", "issues": ["discrimination"]},
        content_type="application/json",
    )
    assert recorded.status_code == 200, recorded.content
    assert recorded.json()["issues"] == ["discrimination"]
    items = client.get("/api/care/attention").json()["items"]
    assert any(i["kind"] == "aftercare_issue" for i in items)
    # Bram manages the employer, not the file: the employer track without a name.
    theirs = login(world.bram).get("/api/care/check-ins").json()
    assert theirs and {c["track"] for c in theirs} == {"employer"}
    assert {c["participant"] for c in theirs} == {None}
    # Another organisation: 404, logged as denied.
    baseline = AccessLogEntry.objects.order_by("-id").values_list("id", flat=True).first()
    assert login(world.cees).get(f"{base}/contacts").status_code == 404
    assert AccessLogEntry.objects.filter(id__gt=baseline, action="denied", participant=p).exists()
    assert login(world.eva).get("/api/care/attention").status_code == 403
