"""Background tasks: a task queued in the database backend is run by ``werkpad worker``; the daily
digest carries counts and links only."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from tests.factories import CertificateFactory, ParticipantFactory
from werkpad.pathway.digest import digest_for
from werkpad.pathway.models import Appointment, DigestSubscription

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.mark.django_db(transaction=True)
def test_a_task_queued_in_the_database_is_run_by_the_worker(world):
    from django_tasks_db.models import DBTaskResult

    from werkpad.pathway.tasks import send_daily_digests

    world.anna.email = "anna@example.nl"
    world.anna.save()
    DigestSubscription.objects.create(user=world.anna)
    with override_settings(TASKS=DATABASE_TASKS):
        result = send_daily_digests.enqueue()
        stored = DBTaskResult.objects.get(id=result.id)
        assert stored.status == "READY"
        assert mail.outbox == []  # queued, not run
        call_command("worker", "--batch", verbosity=0)
        stored.refresh_from_db()
        assert stored.status == "SUCCESSFUL"
        assert stored.return_value == 1
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["anna@example.nl"]
    assert DigestSubscription.objects.get(user=world.anna).last_sent_on == timezone.localdate()


def test_the_digest_holds_no_personal_data(world):
    today = timezone.localdate()
    p = world.participant
    p.first_name, p.last_name = "Yonas", "Tesfamariam"
    p.w_document_expiry = today + timedelta(days=10)
    p.save()
    CertificateFactory(participant=p, expires_on=today + timedelta(days=5))
    other = ParticipantFactory(
        organisation=world.utrecht,
        regiehouder=world.anna,
        first_name="Samira",
        last_name="Abdi",
        w_document_expiry=today - timedelta(days=3),
    )
    now = timezone.now()
    Appointment.objects.create(
        participant=other,
        kind="medical",
        starts_at=now + timedelta(days=1),
        ends_at=now + timedelta(days=1, hours=1),
        place="Huisartsenpraktijk Lombok",
        details="Longarts",
    )
    digest = digest_for(world.anna, today)
    assert digest.total >= 3
    text = digest.subject + "\n" + digest.body
    for secret in (
        "Yonas",
        "Tesfamariam",
        "Samira",
        "Abdi",
        p.number,
        other.number,
        str(p.public_id),
        str(other.public_id),
        "Huisarts",
        "Longarts",
        "Lombok",
        "Medical",
    ):
        assert secret.lower() not in text.lower(), secret
    assert "W-documents expiring: 2" in digest.body
    assert "/pathway/day/?kind=w_document" in digest.body
