"""The startbaan report counted by the database (monitoring.aggregate) gives exactly the tables of
the core's own counting over the records (sources.persons + core.stats.startbaan.report), on
generated enrolments with awkward histories: several changes on one date, snapshots, changes
after the peildatum, evidence-only histories, unknown placement fields, profiles with and
without the registry's codes, breakdowns."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

import pytest

from tests.factories import OrganisationFactory, ParticipantFactory
from tests.factories_employers import EmployerFactory
from werkpad.core.stats.startbaan import BREAKDOWNS, cells, report
from werkpad.employers.models import Placement
from werkpad.monitoring import aggregate, sources
from werkpad.monitoring.reports import Filters, enrolments, startbaan_cells
from werkpad.participants.models import Participant, StatusChange, _next_number
from werkpad.pathway.models import Enrolment, OnHoldPeriod, Pretrajectory, Programme

STATUSES = [
    "unknown",
    "needs_pretrajectory",
    "in_pretrajectory",
    "mediation",
    "startbaan",
    "on_hold",
    "dropout",
    "ended",
]
REASONS = ["", "medical", "family", "inburgering_completed", "pregnancy", "other"]
PROFILE_KEYS = ["opleiding", "engels", "vervoer", "uitkering", "voortraject", "gezinssituatie"]
PEILDATUMS = [date(2023, 6, 30), date(2024, 3, 31), date(2024, 12, 31), date(2025, 10, 31)]


def _day(rng: random.Random, start: date = date(2023, 1, 1), days: int = 1000) -> date:
    return start + timedelta(days=rng.randrange(days))


def _maybe(rng: random.Random, values: list[object]) -> object:
    return rng.choice(values)


def _generate(seed: int, n: int) -> Programme:
    rng = random.Random(seed)
    prog = Programme.objects.create(
        name=f"gen-{seed}", kind="startbaan", start_date=date(2023, 1, 1)
    )
    org = OrganisationFactory()
    employers = [
        EmployerFactory(
            kind=rng.choice(["regulier", "werkleerbedrijf", "uitzendbureau", "anders"]),
            sector=rng.choice(["logistiek", "horeca", "zorg", "anders"]),
            size_band=rng.choice(["lt5", "5_9", "ge500", ""]),
            report_size=rng.choice(["", "10-19", "<5"]),
            experience_with_status_holders=rng.choice([True, False, None]),
        )
        for _ in range(4)
    ]
    parts = Participant.objects.bulk_create(
        ParticipantFactory.build(
            organisation=org,
            number=_next_number(),
            gender=rng.choice(["man", "woman", "other", ""]),
            birth_date=_maybe(rng, [None, _day(rng, date(1960, 1, 1), 20000)]),
            residence_permit_date=_maybe(rng, [None, _day(rng, date(2015, 1, 1), 3000)]),
            dutch_spoken=rng.choice(["", "A0", "A1", "A2", "B1", "C1"]),
            speaks_english=rng.choice([True, False, None]),
            children_count=rng.choice([None, 0, 1, 2, 3, 5]),
            job_at_intake=rng.choice(["", "none", "prospect", "had_job"]),
            household=rng.choice(["", "alone", "partner", "partner_children", "azc"]),
            residence=rng.choice(["", "home", "azc"]),
            has_bicycle=rng.random() < 0.3,
            has_car=rng.random() < 0.2,
            uses_public_transport=rng.random() < 0.5,
            inburgering_route=rng.choice(["", "b1", "z", "education"]),
            inburgering_status=rng.choice(["", "not_started", "started", "completed"]),
            inburgering_start_date=_maybe(rng, [None, _day(rng, date(2016, 1, 1), 3000)]),
            has_benefit=rng.choice([True, False, None]),
            education=rng.choice(["", "none"]),
            country_of_origin=rng.choice(["", "SY", "ER", "UA", "AF"]),
        )
        for _ in range(n)
    )
    enrols = []
    for p in parts:
        profile: dict[str, str] = {}
        if rng.random() < 0.6:
            profile = {
                k: rng.choice(["", "ja", "nee", "geen", "fiets", "anders"])
                for k in rng.sample(PROFILE_KEYS, rng.randrange(len(PROFILE_KEYS) + 1))
            }
        enrols.append(
            Enrolment(
                participant=p,
                programme=prog,
                intake_date=_day(rng, days=900),
                participation=rng.choice(["verplicht", "vrijwillig", ""]),
                status="mediation",
                intake_profile=profile,
            )
        )
    enrols = Enrolment.objects.bulk_create(enrols)
    changes, pres, placements, holds = [], [], [], []
    for p, e in zip(parts, enrols, strict=True):
        for _ in range(rng.choice([0, 0, 1, 2, 4])):
            on = e.intake_date + timedelta(days=rng.randrange(500))
            for _same in range(rng.choice([1, 1, 2])):
                changes.append(
                    StatusChange(
                        participant=p,
                        enrolment=e,
                        status=rng.choice(STATUSES),
                        date=on,
                        reason_code=rng.choice(REASONS),
                        reason=rng.choice(["", "", sources.SNAPSHOT_NOTE]),
                    )
                )
        for _ in range(rng.choice([0, 0, 1, 2, 3])):
            start = e.intake_date + timedelta(days=rng.randrange(400))
            end = _maybe(rng, [None, start + timedelta(days=rng.randrange(200))])
            pres.append(
                Pretrajectory(
                    enrolment=e,
                    start_date=start,
                    end_date=end,
                    completed=rng.choice([True, False, None]),
                    kind=rng.choice(["", "standaard", "maatwerk"]),
                    type=rng.choice(["vrijwilligerswerk", "onbetaalde_werkstage", "anders"]),
                    weeks=rng.choice([None, 4, 12, 30]),
                )
            )
        for _ in range(rng.choice([0, 0, 1, 1, 2, 6])):
            start = e.intake_date + timedelta(days=rng.randrange(600))
            placements.append(
                Placement(
                    participant=p,
                    employer=rng.choice(employers),
                    enrolment=e,
                    kind=rng.choice(["paid", "paid_internship", "other"]),
                    found_via=rng.choice(["service", "self"]),
                    start_date=start,
                    end_date=_maybe(rng, [None, start + timedelta(days=rng.randrange(300))]),
                    contract_months=rng.choice([None, 3, 12, 30]),
                    hours_kind=rng.choice(["fixed", "flexible"]),
                    hours_per_week=Decimal(rng.choice(["0", "16", "24.5", "32", "38", "45"])),
                    occupation="x",
                    sector="anders",
                    lks=rng.random() < 0.5,
                    jobcoach=rng.random() < 0.5,
                    unknown_fields=rng.sample(["kind", "hours_per_week", "lks", "found_via"], 2)
                    if rng.random() < 0.3
                    else [],
                )
            )
        for _ in range(rng.choice([0, 0, 0, 1, 2])):
            start = e.intake_date + timedelta(days=rng.randrange(500))
            holds.append(
                OnHoldPeriod(
                    enrolment=e,
                    start_date=start,
                    end_date=_maybe(rng, [None, start + timedelta(days=rng.randrange(90))]),
                    reason_code=rng.choice(REASONS),
                )
            )
    StatusChange.objects.bulk_create(changes)
    Pretrajectory.objects.bulk_create(pres)
    Placement.objects.bulk_create(placements)
    OnHoldPeriod.objects.bulk_create(holds)
    return prog


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [1, 2])
def test_database_counting_equals_the_core(seed: int) -> None:
    prog = _generate(seed, 160)
    by = tuple(BREAKDOWNS)
    for peil in PEILDATUMS:
        qs = enrolments(peil, Filters(programme=prog.pk))
        people = sources.persons(qs)
        for k in (0, 5):
            expected = report(people, peil, k, by)
            got = cells(aggregate.tally(qs, peil, by), peil, k, by)
            assert got == expected, (seed, peil, k)
        # The report the pages and exports use is the database's.
        assert startbaan_cells(peil, Filters(programme=prog.pk), 0) == report(people, peil, 0)


@pytest.mark.django_db
def test_database_counting_respects_the_selection() -> None:
    prog = _generate(3, 60)
    other = _generate(4, 40)
    peil = date(2025, 10, 31)
    one = aggregate.tally(enrolments(peil, Filters(programme=prog.pk)), peil)
    both = aggregate.tally(enrolments(peil), peil)
    assert one.persons.total() == 60
    assert both.persons.total() == 100
    assert sum(one.people.values()) == 60
    assert other.pk != prog.pk


@pytest.mark.django_db
def test_no_enrolments_gives_empty_tables() -> None:
    peil = date(2025, 10, 31)
    t = aggregate.tally(enrolments(peil, Filters(programme=-1)), peil, ("geslacht",))
    assert t.persons.total() == 0
    assert cells(t, peil, 0, ("geslacht",)) == report([], peil, 0, ("geslacht",))


@pytest.mark.django_db
def test_counting_without_a_temporary_table_gives_the_same_tables(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """On PostgreSQL the selection goes to a temporary table first; a database role without the
    TEMPORARY privilege gets the same tables from the selection itself (on SQLite that is the only
    way, so both sides are the same path there)."""
    from django.db import DatabaseError

    prog = _generate(5, 80)
    peil = date(2025, 6, 30)
    by = ("geslacht",)
    qs = enrolments(peil, Filters(programme=prog.pk))
    expected = cells(aggregate.tally(qs, peil, by), peil, 0, by)

    def refused(*args: object) -> None:
        raise DatabaseError("permission denied to create temporary tables")

    monkeypatch.setattr(aggregate, "_write_selection", refused)
    assert cells(aggregate.tally(qs, peil, by), peil, 0, by) == expected
    # Twice in one transaction: the temporary table of the first call is gone again.
    monkeypatch.undo()
    assert cells(aggregate.tally(qs, peil, by), peil, 0, by) == expected
    assert cells(aggregate.tally(qs, peil, by), peil, 0, by) == expected


@pytest.mark.django_db
@pytest.mark.parametrize("peil", [date(2025, 10, 31), date(2024, 2, 29), date(2025, 3, 1)])
def test_ages_and_years_at_the_band_edges(peil: date) -> None:
    """The database passes a birth date as the whole years it gives at the peildatum, and the other
    banded dates as their year; the bands must come out as from the real dates: people turning 25,
    45 or 65 on the peildatum, the day before and the day after, born on 29 February, permits on
    31 December 2017 and 1 January 2018."""
    prog = Programme.objects.create(name="edges", kind="startbaan", start_date=date(2020, 1, 1))
    org = OrganisationFactory()
    births: list[date | None] = [None, date(2000, 2, 29), date(1960, 2, 29)]
    for years in (25, 45, 65):
        try:
            birthday = peil.replace(year=peil.year - years)
        except ValueError:  # 29 February in a year without it
            birthday = date(peil.year - years, 2, 28)
        births += [birthday, birthday + timedelta(days=1), birthday - timedelta(days=1)]
    permits = [date(2017, 12, 31), date(2018, 1, 1), date(2021, 12, 31), date(2022, 1, 1), None]
    for i, born in enumerate(births):
        person = ParticipantFactory(
            organisation=org,
            birth_date=born,
            residence_permit_date=permits[i % len(permits)],
            inburgering_start_date=permits[(i + 2) % len(permits)],
        )
        Enrolment.objects.create(
            participant=person, programme=prog, intake_date=date(2020, 6, 1), participation="x"
        )
    qs = enrolments(peil, Filters(programme=prog.pk))
    by = tuple(BREAKDOWNS)
    assert cells(aggregate.tally(qs, peil, by), peil, 0, by) == report(
        sources.persons(qs), peil, 0, by
    )
