"""The demo's programmes, enrolments in every status, records and work after outflow."""

from __future__ import annotations

from datetime import date

from werkpad.core import pathway as core

TODAY = date(2026, 6, 1)


def test_demo_has_programmes_enrolments_in_every_status_and_records(db):
    from werkpad.demo.pathway import JOBHUNTING, PROJECT, STARTBAAN_TRIAL
    from werkpad.demo.seed import seed_database
    from werkpad.employers.models import Placement
    from werkpad.pathway.history import histories
    from werkpad.pathway.models import EmploymentSpell, Enrolment, Pretrajectory, Programme

    seed_database(300, seed=2025, today=TODAY)
    names = set(Programme.objects.values_list("name", flat=True))
    assert {STARTBAAN_TRIAL, JOBHUNTING, PROJECT} <= names
    statuses = set(Enrolment.objects.values_list("status", flat=True))
    assert statuses == {s.value for s in core.Status}
    assert Pretrajectory.objects.exists()
    assert EmploymentSpell.objects.exists()
    assert not Placement.objects.filter(enrolment__isnull=True).exists()
    # Every stored status agrees with the status computed from its history.
    enrolments = list(Enrolment.objects.all())
    hist = histories(e.pk for e in enrolments)
    for e in enrolments:
        core.check_history(hist[e.pk])
        assert core.current_status(hist[e.pk]) == e.status
        assert e.participant.status in {x.status for x in e.participant.enrolments.all()}
