"""The import's bulk writer (``monitoring.fastinsert.Inserter``): on PostgreSQL it streams COPY
with keys drawn from the sequence, elsewhere multi-row INSERT ... RETURNING. Either way the keys
come back in the order of the rows, every field left out gets its model default, and the values
read back through the ORM are the values given (text with tabs and newlines, JSON, dates,
decimals, booleans, NULL)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.factories import ParticipantFactory
from werkpad.employers.models import Placement
from werkpad.monitoring.fastinsert import Inserter
from werkpad.participants.models import Participant
from werkpad.pathway.models import Enrolment, Programme

pytestmark = pytest.mark.django_db


def test_keys_in_row_order_and_values_read_back() -> None:
    owner = ParticipantFactory()
    rows = [
        {
            "number": f"WP-T{i:07d}",
            "last_name": f"tab\there\nline {i}\\",
            "birth_date": date(1990, 1, 1 + i),
            "speaks_english": [True, False, None][i % 3],
            "children_count": None if i % 2 else i,
            "organisation_id": owner.organisation_id,
        }
        for i in range(7)
    ]
    keys = Inserter(Participant).insert(rows)
    assert len(keys) == 7 and len(set(keys)) == 7
    for key, row in zip(keys, rows, strict=True):
        p = Participant.objects.get(pk=key)
        assert p.number == row["number"]
        assert p.last_name == row["last_name"]
        assert p.birth_date == row["birth_date"]
        assert p.speaks_english is row["speaks_english"]
        assert p.children_count == row["children_count"]
        assert p.first_name == ""  # a default
        assert p.created_at is not None  # auto_now_add


def test_json_and_defaults_on_another_model() -> None:
    person = ParticipantFactory()
    programme = Programme.objects.create(name="bulk", kind="startbaan", start_date=date(2024, 1, 1))
    [key] = Inserter(Enrolment).insert(
        [
            {
                "participant_id": person.pk,
                "programme_id": programme.pk,
                "intake_date": date(2024, 2, 1),
                "intake_profile": {"engels": "ja", "note": 'a\tb\nc \\ "q" é'},
            }
        ]
    )
    e = Enrolment.objects.get(pk=key)
    assert e.intake_profile == {"engels": "ja", "note": 'a\tb\nc \\ "q" é'}
    assert e.intake_date == date(2024, 2, 1)
    assert Inserter(Placement).insert([]) == []


def test_decimal_and_list_values() -> None:
    from tests.factories_employers import EmployerFactory

    person = ParticipantFactory()
    employer = EmployerFactory()
    [key] = Inserter(Placement).insert(
        [
            {
                "participant_id": person.pk,
                "employer_id": employer.pk,
                "start_date": date(2024, 3, 1),
                "hours_per_week": Decimal("32.5"),
                "unknown_fields": ["kind", "lks"],
            }
        ]
    )
    placed = Placement.objects.get(pk=key)
    assert placed.hours_per_week == Decimal("32.5")
    assert placed.unknown_fields == ["kind", "lks"]
    assert placed.end_date is None
