"""The monitoring overview's counts in one pass equal the counts per field."""

from __future__ import annotations

from werkpad.participants import aggregates


def test_overview_counts_equal_the_counts_per_field(db):
    from tests.factories import MunicipalityFactory, ParticipantFactory

    places = [MunicipalityFactory(), MunicipalityFactory(), None]
    for i in range(23):
        ParticipantFactory(
            phase=["inburgering", "werk", "intake"][i % 3],
            dutch_spoken=["", "A1", "B1", "A2"][i % 4],
            municipality=places[i % 3],
        )
    total, counts = aggregates.overview_counts()
    assert total == aggregates.total() == 23
    for field in aggregates.GROUPABLE:
        assert counts[field] == aggregates.counts_by(field), field
    assert counts["municipality"].get("") == aggregates.counts_by("municipality")[""] > 0
