"""Ranking: top k, near misses, deterministic ties, batch and single paths agree."""

from __future__ import annotations

import math
import random
from datetime import date

import numpy as np
import pytest

from werkpad.core.matching import (
    Candidate,
    Certificate,
    ComponentName,
    DutchLevel,
    Matcher,
    NotFittedError,
    Point,
    TransportMode,
    Vacancy,
    WorkPermission,
)
from werkpad.core.schedule import FULL_WEEK

from .factories import AMSTERDAM, candidate, vacancy

JOBS = [
    vacancy(id="v-skills", essential_skills=frozenset({"a", "b"})),
    vacancy(id="v-one", essential_skills=frozenset({"a", "x"})),
    vacancy(id="v-none", essential_skills=frozenset({"y"})),
    vacancy(id="v-dutch", essential_skills=frozenset({"a", "b"}), min_dutch=DutchLevel.C1),
    vacancy(id="v-vca", essential_skills=frozenset({"a"}), required_certificates={"VCA"}),
    vacancy(id="v-far", essential_skills=frozenset({"a", "b"}), location=AMSTERDAM),
    vacancy(id="v-two", required_certificates=frozenset({"VCA", "BHV"})),
]
PEOPLE = [
    candidate(id="c-ab", skills=frozenset({"a", "b"})),
    candidate(id="c-a", skills=frozenset({"a"}), certificates=(Certificate("VCA"),)),
    candidate(id="c-none", permission=WorkPermission(None)),
]


@pytest.fixture
def matcher() -> Matcher:
    return Matcher().fit(JOBS, PEOPLE)


def test_rank_vacancies_orders_by_score_and_separates_near_misses(matcher: Matcher) -> None:
    ranking = matcher.rank_vacancies(PEOPLE[0], k=10)
    assert ranking.query_id == "c-ab"
    assert [p.vacancy_id for p in ranking.matches] == ["v-skills", "v-one", "v-none"]
    scores = [p.score for p in ranking.matches]
    assert scores == sorted(scores, reverse=True)
    assert ranking.eligible == 3
    assert [p.vacancy_id for p in ranking.near_misses] == ["v-dutch", "v-vca"]
    assert ranking.near_misses_total == 2
    assert [str(s) for s in ranking.near_misses[0].plan_steps] == ["Dutch C1 needed"]
    assert [str(s) for s in ranking.near_misses[1].plan_steps] == ["VCA needed"]
    assert all(p.near_miss and not p.eligible for p in ranking.near_misses)


def test_k_limits_both_lists(matcher: Matcher) -> None:
    ranking = matcher.rank_vacancies(PEOPLE[0], k=1)
    assert len(ranking.matches) == 1 and len(ranking.near_misses) == 1
    assert ranking.eligible == 3
    assert matcher.rank_vacancies(PEOPLE[0], k=0).matches == ()


def test_not_allowed_to_work_gets_nothing(matcher: Matcher) -> None:
    ranking = matcher.rank_vacancies(PEOPLE[2])
    assert ranking.matches == () and ranking.near_misses == () and ranking.eligible == 0


def test_rank_candidates(matcher: Matcher) -> None:
    ranking = matcher.rank_candidates(JOBS[0], k=5)
    assert [p.candidate_id for p in ranking.matches] == ["c-ab", "c-a"]
    vca = matcher.rank_candidates(JOBS[4])
    assert [p.candidate_id for p in vca.matches] == ["c-a"]
    assert [p.candidate_id for p in vca.near_misses] == ["c-ab"]


def test_ranked_pairs_equal_score_pair(matcher: Matcher) -> None:
    for person in PEOPLE[:2]:
        ranking = matcher.rank_vacancies(person)
        by_id = {v.id: v for v in JOBS}
        for shown in ranking.matches + ranking.near_misses:
            assert shown == matcher.score_pair(person, by_id[shown.vacancy_id])


def test_ties_are_broken_by_id_whatever_the_input_order() -> None:
    twins = [vacancy(id=name, essential_skills=frozenset({"a"})) for name in "dbeac"]
    person = candidate(skills=frozenset({"a"}))
    orders = set()
    for seed in range(5):
        shuffled = twins[:]
        random.Random(seed).shuffle(shuffled)
        matcher = Matcher().fit(shuffled, [person])
        orders.add(tuple(p.vacancy_id for p in matcher.rank_vacancies(person, k=3).matches))
        assert matcher.rank_all(k=3).ids(0) == ["a", "b", "c"]
    assert orders == {("a", "b", "c")}


def test_tie_at_the_cut_off_keeps_the_lowest_ids() -> None:
    jobs = [vacancy(id=f"t{i}", essential_skills=frozenset({"a"})) for i in range(6)]
    jobs.append(vacancy(id="z-best", essential_skills=frozenset({"a", "b"})))
    person = candidate(skills=frozenset({"a", "b"}))
    matcher = Matcher().fit(jobs)
    assert [p.vacancy_id for p in matcher.rank_vacancies(person, k=3).matches] == [
        "z-best",
        "t0",
        "t1",
    ]


def world(seed: int, n_jobs: int = 40, n_people: int = 25) -> tuple[list[Vacancy], list[Candidate]]:
    rng = np.random.default_rng(seed)
    skills = [f"s{i}" for i in range(30)]

    def point() -> Point:
        return Point(float(rng.uniform(52.0, 52.4)), float(rng.uniform(4.8, 5.3)))

    jobs = [
        vacancy(
            id=f"v{i:03d}",
            location=point(),
            essential_skills=frozenset(rng.choice(skills, 4, replace=False).tolist()),
            optional_skills=frozenset(rng.choice(skills, 3, replace=False).tolist()),
            min_dutch=DutchLevel(int(rng.integers(0, 3))),
            required_certificates=frozenset({"VCA"}) if rng.random() < 0.3 else frozenset(),
            hours_per_week=float(rng.choice([8, 16])),
            fixed_roster=bool(rng.random() < 0.5),
            roster=int(rng.integers(0, FULL_WEEK + 1)) & FULL_WEEK,
        )
        for i in range(n_jobs)
    ]
    people = [
        candidate(
            id=f"c{i:03d}",
            location=point(),
            skills=frozenset(rng.choice(skills, 5, replace=False).tolist()),
            availability=int(rng.integers(0, FULL_WEEK + 1)) | int(rng.integers(0, FULL_WEEK + 1)),
            dutch=DutchLevel(int(rng.integers(0, 3))),
            certificates=(Certificate("VCA"),) if rng.random() < 0.5 else (),
            transport=frozenset(
                TransportMode(m) for m in rng.choice(["bicycle", "car"], int(rng.integers(0, 3)))
            ),
        )
        for i in range(n_people)
    ]
    return jobs, people


@pytest.mark.parametrize("chunk_cells", [1, 7, 1_000_000])
def test_rank_all_equals_rank_vacancies(chunk_cells: int) -> None:
    jobs, people = world(1)
    matcher = Matcher(chunk_cells=chunk_cells).fit(jobs, people)
    batch = matcher.rank_all(k=5)
    assert batch.query_ids == tuple(sorted(c.id for c in people))
    for row, person_id in enumerate(batch.query_ids):
        person = next(c for c in people if c.id == person_id)
        single = matcher.rank_vacancies(person, k=5)
        assert batch.ids(row) == [p.vacancy_id for p in single.matches]
        scores = batch.scores[row][: len(single.matches)]
        assert scores.tolist() == pytest.approx([p.score for p in single.matches], abs=1e-12)
    assert sum(len(ids) for ids in batch.as_dict().values()) > 0


def test_rank_all_for_new_candidates_keeps_their_order() -> None:
    jobs, people = world(2)
    matcher = Matcher().fit(jobs)
    newcomers = list(reversed(people[:4]))
    batch = matcher.rank_all(k=3, candidates=newcomers)
    assert batch.query_ids == tuple(c.id for c in newcomers)
    for row, person in enumerate(newcomers):
        assert batch.ids(row) == [p.vacancy_id for p in matcher.rank_vacancies(person, 3).matches]


@pytest.mark.parametrize("chunk_cells", [3, 1_000_000])
def test_rank_all_candidates_equals_rank_candidates(chunk_cells: int) -> None:
    jobs, people = world(3)
    matcher = Matcher(chunk_cells=chunk_cells).fit(jobs, people)
    batch = matcher.rank_all_candidates(k=4)
    assert batch.result_ids == tuple(sorted(c.id for c in people))
    for row, job in enumerate(sorted(jobs, key=lambda v: v.id)):
        assert batch.ids(row) == [p.candidate_id for p in matcher.rank_candidates(job, 4).matches]
    extra = matcher.rank_all_candidates(k=2, vacancies=jobs[:2])
    assert extra.query_ids == (jobs[0].id, jobs[1].id)


def test_batch_padding() -> None:
    matcher = Matcher().fit([vacancy()], [candidate(), candidate(id="c2", dutch=None)])
    batch = matcher.rank_all(k=3)
    assert batch.indices.tolist() == [[0, -1, -1], [0, -1, -1]]
    assert math.isnan(batch.scores[0, 1])
    assert batch.ids(1) == ["v1"]
    assert matcher.rank_all(k=0).indices.shape == (2, 0)


def test_empty_fits() -> None:
    matcher = Matcher().fit([])
    assert matcher.rank_vacancies(candidate()).matches == ()
    assert matcher.rank_all(k=2, candidates=[candidate()]).ids(0) == []
    assert matcher.rank_candidates(vacancy()).matches == ()


def test_components_are_reported_in_order(matcher: Matcher) -> None:
    pair = matcher.score_pair(PEOPLE[0], JOBS[0])
    assert [c.name for c in pair.components] == list(ComponentName)
    assert pair.component(ComponentName.SKILLS).contribution == pytest.approx(
        0.35 * pair.component(ComponentName.SKILLS).value
    )
    narrow = Matcher(weights=matcher.weights_.only(ComponentName.SKILLS)).fit(JOBS)
    with pytest.raises(KeyError):
        narrow.score_pair(PEOPLE[0], JOBS[0]).component(ComponentName.DISTANCE)


def test_fit_is_required_and_checks_its_input() -> None:
    with pytest.raises(NotFittedError):
        Matcher().rank_vacancies(candidate())
    with pytest.raises(ValueError, match="duplicate vacancy id"):
        Matcher().fit([vacancy(), vacancy()])
    with pytest.raises(ValueError, match="duplicate candidate id"):
        Matcher().fit([], [candidate(), candidate()])
    with pytest.raises(ValueError, match="hours_per_dagdeel"):
        Matcher(hours_per_dagdeel=0).fit([])
    with pytest.raises(ValueError, match="near_miss_max_steps"):
        Matcher(near_miss_max_steps=-1).fit([])


def test_constructor_only_stores_parameters() -> None:
    matcher = Matcher(hours_per_dagdeel=-5)  # validated by fit, not here (sklearn convention)
    assert matcher.hours_per_dagdeel == -5 and matcher.weights is None


def test_model_validation() -> None:
    with pytest.raises(ValueError, match="WGS84"):
        Point(91, 0)
    with pytest.raises(ValueError, match="21-bit"):
        candidate(availability=1 << 21)
    with pytest.raises(ValueError, match="21-bit"):
        vacancy(roster=-1)
    with pytest.raises(ValueError, match="negative"):
        vacancy(hours_per_week=-1)
    assert Certificate("VCA").valid_on(date.max)
    assert candidate(availability=0b111, lessons=0b1, appointments=0b10).free == 0b100


def _random_jobs(
    rng: random.Random,
    skills: list[str],
    n: int,
    certificates: list[str],
    *,
    max_certificates: int,
    optional: bool = False,
) -> list[Vacancy]:
    """``n`` vacancies with random skills, Dutch level and required certificates (and, with
    ``optional``, optional skills besides one outside the skill space)."""
    jobs = []
    for i in range(n):
        essential = frozenset(rng.sample(skills, rng.randint(0, 3)))
        extra = (
            {"optional_skills": frozenset([*rng.sample(skills, rng.randint(0, 2)), "extra"])}
            if optional
            else {}
        )
        jobs.append(
            vacancy(
                id=f"v{i:03d}",
                essential_skills=essential,
                min_dutch=rng.choice(list(DutchLevel)),
                required_certificates=frozenset(
                    rng.sample(certificates, rng.randint(0, max_certificates))
                ),
                **extra,
            )
        )
    return jobs


def test_ranking_among_a_subset_equals_fitting_only_that_subset() -> None:
    # With a fixed skill space (as the application always passes), a matcher fitted on every
    # vacancy and asked to rank among some gives exactly what a matcher fitted on those gives.
    from werkpad.core.matching import SkillSpace

    rng = random.Random(7)
    skills = [f"s{i}" for i in range(12)]
    space = SkillSpace({s: float(1 + i) for i, s in enumerate(skills)}, {"s1": ["s0"]})
    jobs = _random_jobs(rng, skills, 60, ["VCA", "BHV", "HACCP"], max_certificates=1, optional=True)
    people = [
        candidate(
            id=f"c{i}",
            skills=frozenset(rng.sample(skills, rng.randint(0, 4))),
            certificates=(Certificate("VCA"),) if i % 2 else (),
            dutch=rng.choice(list(DutchLevel)),
        )
        for i in range(8)
    ]
    everything = Matcher(skill_space=space).fit(jobs)
    for person in people:
        subset = rng.sample(jobs, 25)
        alone = Matcher(skill_space=space).fit(subset).rank_vacancies(person, k=5)
        among = everything.rank_vacancies(person, k=5, among={v.id for v in subset} | {"x"})
        assert [(p.vacancy_id, p.score) for p in among.matches] == [
            (p.vacancy_id, p.score) for p in alone.matches
        ]
        assert [p.vacancy_id for p in among.near_misses] == [
            p.vacancy_id for p in alone.near_misses
        ]
        assert (among.eligible, among.near_misses_total) == (
            alone.eligible,
            alone.near_misses_total,
        )
        assert among.matches or among.near_misses  # the data gives something to compare
    nothing = everything.rank_vacancies(people[0], k=5, among=())
    assert (nothing.matches, nothing.near_misses, nothing.eligible) == ((), (), 0)


def test_pairs_explained_in_one_block_equal_those_explained_one_by_one() -> None:
    from werkpad.core.matching import SkillSpace

    rng = random.Random(11)
    skills = [f"s{i}" for i in range(10)]
    space = SkillSpace({s: float(1 + i) for i, s in enumerate(skills)}, {"s2": ["s1"]})
    jobs = _random_jobs(rng, skills, 30, ["VCA", "BHV", "HACCP", "rijbewijs-B"], max_certificates=2)
    matcher = Matcher(skill_space=space).fit(jobs)
    for i in range(6):
        person = candidate(
            id=f"c{i}",
            skills=frozenset(rng.sample(skills, rng.randint(0, 4))),
            certificates=(Certificate("VCA", date(2020, 1, 1)),)
            if i % 2
            else (Certificate("BHV"),),
            dutch=rng.choice(list(DutchLevel)),
        )
        together = matcher._pairs(person, matcher.vacancies_)
        alone = [matcher._pair(person, job) for job in matcher.vacancies_]
        assert together == alone
        assert any(p.exclusions for p in alone) and any(p.eligible for p in alone)
