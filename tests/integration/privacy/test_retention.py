"""Issue 19 point 3: dated retention periods per kind of record, and ``werkpad apply-retention``
anonymising what has expired (exact dates and small groups go too), idempotently."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.factories import ParticipantFactory
from werkpad.core.anonymity import add_months
from werkpad.participants.models import Participant, StatusChange
from werkpad.pathway.models import Enrolment, Programme
from werkpad.privacy import retention
from werkpad.privacy.models import DataRequest

pytestmark = pytest.mark.django_db


def _enrol(p, prog, *, ended: date | None):
    e = Enrolment.objects.create(
        participant=p, programme=prog, intake_date=date(2024, 2, 3), status="mediation"
    )
    StatusChange.objects.create(
        participant=p, enrolment=e, status="mediation", date=date(2024, 2, 3)
    )
    if ended:
        Enrolment.objects.filter(pk=e.pk).update(outflow_date=ended, status="ended")
    return e


def test_every_kind_is_dated_sourced_and_has_a_period_or_follows_one():
    rules = retention.rules_on(date(2026, 6, 1))
    assert {"participant_file", "data_request", "handover_note", "access_log"} <= set(rules)
    for r in rules.values():
        assert r.source and r.valid_from and r.counted_from
        assert (r.months is None) != (not r.follows)
    assert retention.rules_on(date(2025, 12, 31)) == {}  # nothing before the first version


def test_apply_retention_anonymises_expired_files_only(world, capsys):
    prog = Programme.objects.create(name="Proef", start_date=date(2024, 1, 1))
    today = timezone.localdate()
    ended = [
        ParticipantFactory(organisation=world.utrecht, regiehouder=world.anna) for _ in range(3)
    ]
    for p in ended:
        _enrol(p, prog, ended=today)
    running = ParticipantFactory(organisation=world.utrecht, regiehouder=world.anna)
    _enrol(running, prog, ended=None)
    recent = ParticipantFactory(organisation=world.utrecht)
    _enrol(recent, prog, ended=add_months(today, 2))
    request = DataRequest.objects.create(
        participant=running,
        kind="correction",
        text="Mijn naam is fout",
        due_on=today,
        state="done",
        decided_at=timezone.now(),
        note="Aangepast",
    )
    day = add_months(today, 61)

    call_command("apply_retention", "--day", day.isoformat())
    result = json.loads(capsys.readouterr().out)
    # The three ended files and Nadia's file without enrolment (unchanged for 61 months).
    assert result["participant_file"] == 4 and result["data_request"] == 1
    for p in [*ended, world.participant]:
        p.refresh_from_db()
        assert p.number.startswith("ANON-") and p.first_name == "" and p.birth_date is None
        # Four anonymous rows < the small-cell threshold: the describing values go too.
        assert p.country_of_origin == "" and p.municipality_id is None and p.gender == ""
    for e in Enrolment.objects.filter(participant__in=ended):
        assert e.intake_date.day == 1 and e.outflow_date.day == 1
    running.refresh_from_db()
    recent.refresh_from_db()
    assert running.first_name and recent.first_name and not running.number.startswith("ANON-")
    request.refresh_from_db()
    assert request.text == "" and request.note == ""
    assert Participant.objects.filter(anonymisation__isnull=False).count() == 4

    call_command("apply_retention", "--day", day.isoformat())  # idempotent
    assert json.loads(capsys.readouterr().out)["participant_file"] == 0


def test_retention_page_for_administrator_and_privacy_officer(world, login, privacy_officer):
    for user in (world.ada, privacy_officer):
        r = login(user).get(reverse("privacy:retention"))
        assert r.status_code == 200 and "Participant file" in r.content.decode()
    for user in (world.anna, world.nadia, world.ali, world.eva):
        assert login(user).get(reverse("privacy:retention")).status_code == 403
