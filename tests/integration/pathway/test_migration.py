"""The data migration moves every status history into enrolments without loss.

The database is migrated back to the schema before enrolments existed, rows are written with the
historical models, then it is migrated forward and the histories are compared change by change.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("participants", "0004_participant_search_name"),
    ("employers", "0003_vacancy_sector_distribution"),
    ("pathway", None),
]
AFTER = [
    ("participants", "0006_status_change_enrolment_required"),
    ("employers", "0004_placement_enrolment"),
    ("pathway", "0002_move_status_histories"),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


@pytest.mark.django_db(transaction=True)
def test_every_status_history_moves_into_enrolments_without_loss():
    old = _migrate(BEFORE)
    Organisation = old.get_model("accounts", "Organisation")
    Participant = old.get_model("participants", "Participant")
    StatusChange = old.get_model("participants", "StatusChange")
    Employer = old.get_model("employers", "Employer")
    Placement = old.get_model("employers", "Placement")
    utrecht = Organisation.objects.create(name="Gemeente Utrecht", kind="gemeente")
    coa = Organisation.objects.create(name="COA azc Utrecht", kind="coa")

    def person(org, number, status):
        return Participant.objects.create(
            organisation=org, number=number, first_name="A", last_name=number, status=status
        )

    # 1. a plain path; 2. on hold and back; 3. uitval, then back in mediation and a startbaan
    #    (legacy data allowed that: it becomes two enrolments); 4. no history at all;
    # 5. a stored status that differs from the last change (kept as an extra change).
    histories = {
        "WP-1": (
            utrecht,
            "startbaan",
            [("unknown", "2024-01-05"), ("mediation", "2024-03-01"), ("startbaan", "2024-06-01")],
        ),
        "WP-2": (
            utrecht,
            "mediation",
            [
                ("unknown", "2024-02-01"),
                ("on_hold", "2024-04-01", "medical"),
                ("mediation", "2024-05-01"),
            ],
        ),
        "WP-3": (
            coa,
            "startbaan",
            [
                ("unknown", "2023-09-01"),
                ("dropout", "2023-12-01", "medical"),
                ("mediation", "2024-02-01"),
                ("startbaan", "2024-03-15"),
            ],
        ),
        "WP-4": (coa, "needs_pretrajectory", []),
        "WP-5": (utrecht, "ended", [("unknown", "2024-01-01"), ("startbaan", "2024-02-01")]),
    }
    before: dict[str, list[tuple]] = {}
    for number, (org, status, changes) in histories.items():
        p = person(org, number, status)
        for i, (s, on, *code) in enumerate(changes):
            StatusChange.objects.create(
                participant=p,
                status=s,
                date=date.fromisoformat(on),
                reason_code=code[0] if code else "",
                reason=f"note {i}",
                recorded_at=datetime(2024, 1, 1, tzinfo=UTC),
            )
        before[number] = list(
            StatusChange.objects.filter(participant=p)
            .order_by("date", "recorded_at", "id")
            .values_list("id", "status", "date", "reason_code", "reason")
        )
    employer = Employer.objects.create(
        organisation=Organisation.objects.create(name="Bouw BV", kind="employer"),
        kind="regulier",
        sector="bouw_techniek",
        contact_name="Piet",
    )
    p3 = Participant.objects.get(number="WP-3")
    Placement.objects.create(
        participant=p3,
        employer=employer,
        found_via="service",
        start_date=date(2024, 3, 15),
        hours_kind="fixed",
        hours_per_week=32,
        occupation="Timmerman",
        sector="bouw_techniek",
    )

    new = _migrate(AFTER)
    Participant = new.get_model("participants", "Participant")
    StatusChange = new.get_model("participants", "StatusChange")
    Enrolment = new.get_model("pathway", "Enrolment")
    Programme = new.get_model("pathway", "Programme")
    Placement = new.get_model("employers", "Placement")

    # One default programme per organisation with participants.
    assert set(Programme.objects.values_list("default_for__name", flat=True)) == {
        "Gemeente Utrecht",
        "COA azc Utrecht",
    }
    for number, rows in before.items():
        p = Participant.objects.get(number=number)
        after = list(
            StatusChange.objects.filter(participant=p)
            .order_by("date", "recorded_at", "id")
            .values_list("id", "status", "date", "reason_code", "reason")
        )
        # Every change is still there, unchanged, and belongs to an enrolment of this person.
        assert after[: len(rows)] == rows
        assert not StatusChange.objects.filter(participant=p, enrolment__isnull=True).exists()
        enrolments = list(Enrolment.objects.filter(participant=p).order_by("intake_date", "id"))
        assert enrolments
        for e in enrolments:
            assert e.programme.default_for_id == p.organisation_id
            last = StatusChange.objects.filter(enrolment=e).order_by("date", "recorded_at", "id")
            assert e.status == list(last)[-1].status
        # At most one active enrolment per programme; the person's status is its status.
        active = [e for e in enrolments if e.status not in ("dropout", "ended")]
        assert len(active) <= 1
        assert p.status == (active[0].status if active else enrolments[-1].status)

    p3 = Participant.objects.get(number="WP-3")
    e1, e2 = Enrolment.objects.filter(participant=p3).order_by("intake_date")
    assert (e1.status, e1.outflow_date, e2.status) == ("dropout", date(2023, 12, 1), "startbaan")
    assert [c.status for c in StatusChange.objects.filter(enrolment=e2).order_by("date")] == [
        "mediation",
        "startbaan",
    ]
    assert Placement.objects.get(participant=p3).enrolment_id == e2.pk
    p4 = Participant.objects.get(number="WP-4")
    assert list(StatusChange.objects.filter(participant=p4).values_list("status", flat=True)) == [
        "needs_pretrajectory"
    ]
    p5 = Participant.objects.get(number="WP-5")
    assert list(
        StatusChange.objects.filter(participant=p5)
        .order_by("date", "recorded_at", "id")
        .values_list("status", flat=True)
    ) == ["unknown", "startbaan", "ended"]
    # Leave the database at the latest schema for the next tests.
    call_command("migrate", verbosity=0)
