"""The demo's bulk writer (``demo.bulk.write``): COPY on PostgreSQL, bulk_create elsewhere —
the rows read back exactly as written, keys set for the foreign keys that follow."""

from __future__ import annotations

from datetime import date

from django.db import connection

from tests.factories import ParticipantFactory
from werkpad.demo import bulk
from werkpad.participants.models import CoachLink, Participant, WorkExperience


def test_rows_read_back_as_written_with_their_keys(world):
    template = ParticipantFactory.build(
        organisation=world.utrecht, regiehouder=world.anna, municipality=None
    )
    people = []
    for i in range(3):
        p = ParticipantFactory.build(
            organisation=world.utrecht,
            regiehouder=world.anna,
            municipality=template.municipality,
            first_name=f"Bulk{i}",
            last_name="Ås-Ørsted",  # not ASCII
            number=f"WP-BULK{i:04d}",
        )
        p.search_name = p.first_name.lower()
        people.append(p)
    bulk.write(Participant, people)
    assert all(p.pk is not None for p in people)
    links = [
        CoachLink(
            participant=p,
            coach=world.cees,
            role="taalcoach",
            since=date(2026, 1, 5),
            read_sections=["languages", "work"],
            edit_sections=[],
        )
        for p in people
    ]
    bulk.write(CoachLink, links)
    bulk.write(
        WorkExperience,
        [WorkExperience(participant=p, occupation="kok", years="2.5") for p in people],
    )
    for p in people:
        stored = Participant.objects.get(pk=p.pk)
        assert (stored.number, stored.last_name, stored.public_id) == (
            p.number,
            "Ås-Ørsted",
            p.public_id,
        )
        assert stored.created_at is not None  # auto_now_add through pre_save, as in an insert
        link = CoachLink.objects.get(participant=stored)
        assert link.read_sections == ["languages", "work"] and link.edit_sections == []
        assert str(stored.experiences.get().years) in ("2.5", "2.50")
    # The sequence moved on: a normal insert after the bulk write gets a new key.
    later = ParticipantFactory(organisation=world.utrecht, regiehouder=world.anna)
    assert later.pk > max(p.pk for p in people)
    assert connection.vendor in ("sqlite", "postgresql")
