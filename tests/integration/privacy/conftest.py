from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone


@pytest.fixture
def login(db):
    """A fresh client per user (several users act in one test), reading English."""

    def _login(user):
        client = Client()
        client.force_login(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return _login


@pytest.fixture
def anchors(tmp_path, settings):
    settings.AUDIT_ANCHOR_FILE = str(tmp_path / "anchors.jsonl")
    return tmp_path / "anchors.jsonl"


@pytest.fixture
def privacy_officer(world):
    from tests.factories import UserFactory
    from werkpad.accounts.models import Role

    return UserFactory(username="pia", role=Role.PRIVACY, organisation=world.utrecht)


def later():
    return timezone.now() + timedelta(minutes=5)


@pytest.fixture
def cohort(world, settings):
    """60 participants of Utrecht in a startbaan programme since February 2024 (enough for the
    startbaan report at a small-cell threshold of 10), plus Nadia herself with a rich file."""
    from tests.factories import CertificateFactory, ConsentFactory, ParticipantFactory
    from werkpad.participants.models import ChangeRecord, OtherLanguage, StatusChange
    from werkpad.pathway.models import Enrolment, Programme

    settings.WERKPAD_SMALL_CELL = 10
    prog = Programme.objects.create(name="Proef", kind="startbaan", start_date=date(2024, 1, 1))
    prog.organisations.add(world.utrecht)
    people = [
        ParticipantFactory(organisation=world.utrecht, regiehouder=world.anna) for _ in range(60)
    ]
    people.append(world.participant)
    for i, p in enumerate(people):
        e = Enrolment.objects.create(
            participant=p,
            programme=prog,
            intake_date=date(2024, 2, 3),
            participation="verplicht" if i % 2 else "vrijwillig",
            status="mediation",
        )
        StatusChange.objects.create(
            participant=p, enrolment=e, status="mediation", date=date(2024, 2, 3)
        )
    nadia = world.participant
    nadia.email = "nadia.haddad@example.org"
    nadia.phone = "0612345678"
    nadia.notes = "Vertelde over haar broer in Aleppo"
    nadia.postcode = "3511AB"
    nadia.save()
    OtherLanguage.objects.create(participant=nadia, language="ar", level="C2")
    CertificateFactory(participant=nadia)
    ConsentFactory(participant=nadia, scope="organisation")
    ChangeRecord.objects.create(
        participant=nadia,
        user=world.anna,
        section="person",
        field="phone",
        label="phone",
        old_value="0600000000",
        new_value="0612345678",
    )
    return prog, people
