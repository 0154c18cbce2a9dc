"""Property: no ranking ever holds a pair that breaks a hard requirement.

Random small worlds of candidates and vacancies; every returned pair is checked with the
straightforward per-pair checker of :mod:`.factories` (written apart from the engine).
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from werkpad.core.matching import (
    Candidate,
    Certificate,
    DutchLevel,
    ExclusionCode,
    Experience,
    Matcher,
    OccupationRef,
    Point,
    SelfDevelopment,
    TransportMode,
    Vacancy,
    WorkPermission,
)
from werkpad.core.schedule import FULL_WEEK

from .factories import failed_requirements

DAY0 = date(2026, 3, 1)
SKILLS = [f"s{i}" for i in range(8)]
CODES = ["VCA", "BHV", "B"]
OCCUPATIONS = [OccupationRef("o1", "9412"), OccupationRef("o2", "9411"), OccupationRef("o3", "")]

days = st.integers(-20, 40).map(lambda n: DAY0 + timedelta(days=n))
points = st.builds(Point, st.floats(52.0, 52.4), st.floats(4.8, 5.4))
masks = st.integers(0, FULL_WEEK)
levels = st.sampled_from(DutchLevel)
skill_sets = st.frozensets(st.sampled_from(SKILLS), max_size=4)

permissions = st.one_of(
    st.just(WorkPermission.free()),
    st.builds(WorkPermission, days, st.booleans()),
    st.just(WorkPermission(None)),
)
certificates = st.lists(
    st.builds(Certificate, st.sampled_from(CODES), st.one_of(st.none(), days)), max_size=3
).map(tuple)


@st.composite
def candidates(draw: st.DrawFn, index: int) -> Candidate:
    return Candidate(
        id=f"c{index}",
        location=draw(points),
        permission=draw(permissions),
        availability=draw(masks) | draw(masks),
        lessons=draw(st.sampled_from([0, 0b111, 1 << 10])),
        appointments=draw(st.sampled_from([0, 1 << 3, 1 << 12])),
        max_hours_per_week=draw(st.one_of(st.none(), st.sampled_from([12.0, 24.0, 40.0]))),
        dutch=draw(st.one_of(st.none(), levels)),
        certificates=draw(certificates),
        transport=draw(st.frozensets(st.sampled_from(TransportMode))),
        skills=draw(skill_sets),
        experience=tuple(
            Experience(o, y)
            for o, y in draw(
                st.lists(st.tuples(st.sampled_from(OCCUPATIONS), st.integers(0, 6)), max_size=2)
            )
        ),
        desired_occupation=draw(st.one_of(st.none(), st.sampled_from(OCCUPATIONS))),
        desired_category=draw(st.one_of(st.none(), st.sampled_from(SelfDevelopment))),
    )


@st.composite
def vacancies(draw: st.DrawFn, index: int) -> Vacancy:
    return Vacancy(
        id=f"v{index}",
        location=draw(points),
        start=draw(days),
        hours_per_week=float(draw(st.sampled_from([0, 4, 8, 12, 16, 24, 36]))),
        roster=draw(masks),
        fixed_roster=draw(st.booleans()),
        occupation=draw(st.one_of(st.none(), st.sampled_from(OCCUPATIONS))),
        essential_skills=draw(skill_sets),
        optional_skills=draw(skill_sets),
        min_dutch=draw(levels),
        required_certificates=draw(st.frozensets(st.sampled_from(CODES), max_size=2)),
        employer_applies_twv=draw(st.booleans()),
        category=draw(st.one_of(st.none(), st.sampled_from(SelfDevelopment))),
        language_rich=draw(st.booleans()),
        employer_status_holder_experience=draw(st.booleans()),
        years_experience=float(draw(st.integers(0, 3))),
    )


@st.composite
def worlds(draw: st.DrawFn) -> tuple[list[Candidate], list[Vacancy]]:
    n_people = draw(st.integers(1, 5))
    n_jobs = draw(st.integers(1, 7))
    return (
        [draw(candidates(i)) for i in range(n_people)],
        [draw(vacancies(i)) for i in range(n_jobs)],
    )


@settings(max_examples=120, deadline=None)
@given(worlds(), st.integers(1, 3), st.integers(0, 2))
def test_no_top_k_pair_violates_a_hard_requirement(
    world: tuple[list[Candidate], list[Vacancy]], k: int, max_steps: int
) -> None:
    people, jobs = world
    matcher = Matcher(near_miss_max_steps=max_steps).fit(jobs, people)
    failures = {(c.id, v.id): failed_requirements(c, v) for c in people for v in jobs}

    def is_near_miss(failed: list[ExclusionCode]) -> bool:
        return 0 < len(failed) <= max_steps and all(code.fixable for code in failed)

    for person in people:
        ranking = matcher.rank_vacancies(person, k)
        assert len(ranking.matches) <= k and len(ranking.near_misses) <= k
        for pair in ranking.matches:
            assert failures[person.id, pair.vacancy_id] == []
        for pair in ranking.near_misses:
            assert is_near_miss(failures[person.id, pair.vacancy_id])
        assert ranking.eligible == sum(not failures[person.id, v.id] for v in jobs)
        assert ranking.near_misses_total == sum(
            is_near_miss(failures[person.id, v.id]) for v in jobs
        )
    for job in jobs:
        ranking = matcher.rank_candidates(job, k)
        for pair in ranking.matches:
            assert failures[pair.candidate_id, job.id] == []
        for pair in ranking.near_misses:
            assert is_near_miss(failures[pair.candidate_id, job.id])
    batch = matcher.rank_all(k)
    for row, person_id in enumerate(batch.query_ids):
        for job_id in batch.ids(row):
            assert failures[person_id, job_id] == []


@settings(max_examples=60, deadline=None)
@given(worlds())
def test_score_pair_names_exactly_the_failed_requirements(
    world: tuple[list[Candidate], list[Vacancy]],
) -> None:
    people, jobs = world
    matcher = Matcher().fit(jobs)
    for person in people:
        for job in jobs:
            pair = matcher.score_pair(person, job)
            expected = failed_requirements(person, job)
            assert Counter(e.code for e in pair.exclusions) == Counter(expected)
            assert pair.eligible == (not expected)
            assert 0.0 <= pair.score <= 1.0
            assert all(0.0 <= c.value <= 1.0 for c in pair.components)
            assert all(str(e.message) for e in pair.exclusions)
            assert all(str(c.explanation) for c in pair.components)
