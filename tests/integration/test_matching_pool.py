"""The per-process pool of open vacancies (matching.pool): the same suggestions as reading the
vacancies on the spot, and every change seen on the next request, whichever process made it."""

from __future__ import annotations

import pytest
from django.db import connection

from werkpad.accounts.models import User
from werkpad.core.matching import DutchLevel
from werkpad.employers import access as employer_access
from werkpad.employers.models import Employer, EmployerLocation, Vacancy
from werkpad.matching import pool, services
from werkpad.participants import access
from werkpad.participants.models import Participant


def _same(a: services.Suggestions, b: services.Suggestions) -> None:
    def pairs(items: list[services.Suggestion]) -> list[tuple[int, float, tuple[str, ...]]]:
        return [(s.vacancy.pk, s.score, s.steps) for s in items]

    assert pairs(a.matches) == pairs(b.matches)
    assert pairs(a.near_misses) == pairs(b.near_misses)
    assert (a.eligible, a.considered, a.no_location, a.decided) == (
        b.eligible,
        b.considered,
        b.no_location,
        b.decided,
    )


def _forget_in_this_process() -> None:
    """As if another process: nothing of this one's pool survives."""
    pool.clear()


@pytest.fixture
def seeded(db):
    from werkpad.demo.seed import seed_database

    seed_database(size=60, seed=11)
    pool.clear()
    yield
    pool.clear()


def test_pooled_suggestions_equal_the_direct_ones_on_generated_data(seeded):
    assert pool.supported()
    compared = shown = 0
    for username in ("coach", "partner", "coa"):
        user = User.objects.get(username=username)
        vacancies = employer_access.vacancies_for(user)
        for participant in access.visible_participants(user).order_by("pk")[:12]:
            direct = services.vacancies_for_participant(participant, vacancies, pooled=False)
            pooled = services.vacancies_for_participant(participant, vacancies, pooled=True)
            _same(pooled, direct)
            compared += 1
            shown += len(pooled.matches) + len(pooled.near_misses)
    assert compared >= 12 and shown > 0  # the data gives something to compare
    # A narrower scope than "every vacancy" (as the portal passes): ranked among those only.
    user = User.objects.get(username="coach")
    participant = access.visible_participants(user).order_by("pk").first()
    every_other = list(Vacancy.objects.order_by("pk").values_list("pk", flat=True))[::2]
    some = Vacancy.objects.filter(pk__in=every_other)
    _same(
        services.vacancies_for_participant(participant, some, pooled=True),
        services.vacancies_for_participant(participant, some, pooled=False),
    )


def _suggested(participant: Participant) -> list[int]:
    result = services.vacancies_for_participant(participant, Vacancy.objects.all(), pooled=True)
    return [s.vacancy.pk for s in (*result.matches, *result.near_misses)]


def _a_participant_with_suggestions() -> tuple[Participant, list[int]]:
    for participant in Participant.objects.order_by("pk"):
        shown = _suggested(participant)
        if shown:
            return participant, shown
    raise AssertionError("the generated data suggests nothing")


def test_a_change_by_any_process_is_seen_on_the_next_request(seeded):
    participant, shown = _a_participant_with_suggestions()
    before = pool.database_version()
    built = pool._pool
    # Closing a vacancy by a plain UPDATE (as an import or another process would, without this
    # process's code running): the version row changes in the same statement.
    Vacancy.objects.filter(pk=shown[0]).update(status="closed")
    assert pool.database_version() != before
    assert shown[0] not in _suggested(participant)
    assert pool._pool is not built  # rebuilt, not patched
    # Reopened: back again.
    Vacancy.objects.filter(pk=shown[0]).update(status="open")
    assert _suggested(participant)[: len(shown)] == shown


def test_edits_to_vacancies_employers_and_locations_are_seen(seeded):
    participant, shown = _a_participant_with_suggestions()
    vacancy = Vacancy.objects.select_related("employer", "location").get(pk=shown[0])
    # An edit that changes the score: Dutch level C2 required (most fail it).
    with connection.cursor() as cursor:  # raw SQL: no Django code of this process involved
        cursor.execute(
            "UPDATE employers_vacancy SET dutch_level = 'C2' WHERE id = %s", [vacancy.pk]
        )
    after = services.vacancies_for_participant(participant, Vacancy.objects.all(), pooled=True)
    _same(
        after,
        services.vacancies_for_participant(participant, Vacancy.objects.all(), pooled=False),
    )
    pooled = {job.id: job for job in pool._pool.jobs}
    assert pooled[str(vacancy.pk)].min_dutch == DutchLevel.C2
    # The employer and the workplace are part of a pooled vacancy too.
    for change in (
        lambda: Employer.objects.filter(pk=vacancy.employer_id).update(
            experience_with_status_holders=not vacancy.employer.experience_with_status_holders
        ),
        lambda: EmployerLocation.objects.filter(employer_id=vacancy.employer_id).update(
            latitude=53.2, longitude=6.56
        ),
    ):
        version = pool.database_version()
        change()
        assert pool.database_version() != version
        _same(
            services.vacancies_for_participant(participant, Vacancy.objects.all(), pooled=True),
            services.vacancies_for_participant(participant, Vacancy.objects.all(), pooled=False),
        )


def test_a_rolled_back_change_never_brings_back_a_version(seeded):
    from django.db import transaction

    first = pool.database_version()
    seen = {first}
    for _ in range(3):
        try:
            with transaction.atomic():
                Vacancy.objects.filter(status="open").update(hours_per_week=1)
                seen.add(pool.database_version())
                raise RuntimeError
        except RuntimeError:
            pass
        assert pool.database_version() == first
    Vacancy.objects.filter(status="open").update(hours_per_week=2)
    assert pool.database_version() not in seen


def test_the_fragment_shows_the_pooled_suggestions(seeded, client):
    user = User.objects.get(username="coach")
    client.force_login(user)
    participant = access.visible_participants(user).order_by("pk").first()
    expected = services.vacancies_for_participant(
        participant, employer_access.vacancies_for(user), pooled=False
    )
    response = client.get(
        f"/matching/participants/{participant.public_id}/vacancies/", HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    page = response.content.decode()
    for suggestion in (*expected.matches, *expected.near_misses):
        assert f"/employers/vacancies/{suggestion.vacancy.pk}/" in page


def test_warm_builds_the_pool_and_fits_the_matcher_before_any_request(seeded):
    from django.utils import timezone

    from werkpad.matching.taxonomy import current
    from werkpad.matching.weights import active_weights

    assert pool._pool is None
    pool.warm()
    built = pool._pool
    assert built is not None and built.jobs
    assert services.weights_version(active_weights()) in built.matchers
    # The first request finds it fresh: no second build.
    assert pool.current(current(), timezone.localdate()) is built


@pytest.mark.django_db(transaction=True)
def test_serve_warms_up_and_starts_without_a_migrated_database_too(monkeypatch):
    import io

    from django.db import DatabaseError

    from werkpad.accounts.management.commands.serve import Command

    out, err = io.StringIO(), io.StringIO()
    pool.clear()
    Command(stdout=out, stderr=err)._warm_up()
    assert "Warmed up in" in out.getvalue()

    def broken() -> None:
        raise DatabaseError("no such table")

    monkeypatch.setattr(pool, "warm", broken)
    out, err = io.StringIO(), io.StringIO()
    Command(stdout=out, stderr=err)._warm_up()
    assert "Warm-up skipped (DatabaseError)" in err.getvalue()
    pool.clear()
