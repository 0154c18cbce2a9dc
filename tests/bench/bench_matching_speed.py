"""Speed and memory of the matcher on synthetic data.

1. Ranking ``--vacancies`` (100,000) synthetic vacancies for one candidate: the median (and p90)
   wall time of :meth:`Matcher.rank_vacancies` with ``k=10`` over ``--queries`` candidates,
   including the explanation objects of the top 10 and of the top 10 near misses.
2. Batch: the top 10 for each of ``--batch`` (10,000) candidates against as many vacancies with
   :meth:`Matcher.rank_all`.
3. Peak RSS of the process (``resource.getrusage``).

Synthetic data uses the real ESCO skill set (occupations with their essential and optional
skills) when ``--esco`` exists, else random skill ids. All components are on, every hard
requirement is exercised (work permission, TWV, Dutch, certificates with expiry, fixed and
flexible rosters with lessons and appointments, hours, distance).

Run: ``.venv/bin/python tests/bench/bench_matching_speed.py``
"""

from __future__ import annotations

import argparse
import platform
import resource
import statistics
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from werkpad.core.matching import (
    Candidate,
    Certificate,
    DutchLevel,
    Experience,
    Matcher,
    OccupationRef,
    Point,
    SelfDevelopment,
    SkillSpace,
    TransportMode,
    Vacancy,
    WorkPermission,
)
from werkpad.core.matching.esco import skill_space
from werkpad.core.schedule import FULL_WEEK, WORKDAY_DAYTIME
from werkpad.core.taxonomy import load_esco

DEFAULT_ESCO = Path(__file__).resolve().parents[2].parent / "shared/data/esco/en_v1.1.1"
CERTIFICATES = {"VCA": 0.2, "BHV": 0.1, "rijbewijs-B": 0.1, "BIG": 0.02, "diplomawaardering": 0.03}
TODAY = date(2026, 1, 5)


@dataclass(frozen=True)
class Catalogue:
    """Occupations to draw from: (ref, essential skills, optional skills), and all skills."""

    occupations: list[tuple[OccupationRef, tuple[str, ...], tuple[str, ...]]]
    skills: list[str]
    space: SkillSpace | None


def esco_catalogue(directory: Path) -> Catalogue:
    taxonomy = load_esco(directory)
    occupations = [
        (
            OccupationRef(uri, occupation.isco_group),
            taxonomy.essential_skills[uri],
            taxonomy.optional_skills[uri],
        )
        for uri, occupation in taxonomy.occupations.items()
        if taxonomy.essential_skills[uri]
    ]
    return Catalogue(occupations, list(taxonomy.skills), skill_space(taxonomy))


def random_catalogue(rng: np.random.Generator) -> Catalogue:
    skills = [f"skill:{i}" for i in range(14_000)]
    occupations = []
    for i in range(3_000):
        drawn = rng.choice(len(skills), 40, replace=False)
        occupations.append(
            (
                OccupationRef(f"occupation:{i}", str(1000 + i % 900)),
                tuple(skills[j] for j in drawn[:20]),
                tuple(skills[j] for j in drawn[20:]),
            )
        )
    return Catalogue(occupations, skills, None)


def random_mask(rng: np.random.Generator, count: int, within: int) -> int:
    slots = [bit for bit in range(21) if within >> bit & 1]
    return sum(1 << int(bit) for bit in rng.choice(slots, min(count, len(slots)), replace=False))


def random_point(rng: np.random.Generator) -> Point:
    return Point(float(rng.uniform(51.2, 53.2)), float(rng.uniform(4.2, 6.9)))


def make_vacancies(catalogue: Catalogue, n: int, rng: np.random.Generator) -> list[Vacancy]:
    out = []
    for i in range(n):
        ref, essential, optional = catalogue.occupations[rng.integers(len(catalogue.occupations))]
        hours = float(rng.choice([8, 16, 24, 32, 36, 40]))
        fixed = bool(rng.random() < 0.6)
        roster = (
            random_mask(rng, int(np.ceil(hours / 4)), WORKDAY_DAYTIME | (WORKDAY_DAYTIME << 1))
            if fixed
            else int(rng.choice([WORKDAY_DAYTIME, FULL_WEEK]))
        )
        out.append(
            Vacancy(
                id=f"v{i:06d}",
                location=random_point(rng),
                start=TODAY + timedelta(days=int(rng.integers(0, 180))),
                hours_per_week=hours,
                roster=roster,
                fixed_roster=fixed,
                occupation=ref,
                essential_skills=frozenset(essential),
                optional_skills=frozenset(optional),
                min_dutch=DutchLevel(int(rng.choice([0, 1, 2, 3], p=[0.4, 0.25, 0.2, 0.15]))),
                required_certificates=frozenset(
                    code for code, share in CERTIFICATES.items() if rng.random() < share
                ),
                employer_applies_twv=bool(rng.random() < 0.5),
                category=SelfDevelopment(int(rng.integers(1, 4))),
                language_rich=bool(rng.random() < 0.3),
                employer_status_holder_experience=bool(rng.random() < 0.4),
                years_experience=float(rng.choice([0, 0, 1, 2])),
            )
        )
    return out


def make_candidates(catalogue: Catalogue, n: int, rng: np.random.Generator) -> list[Candidate]:
    out = []
    modes = list(TransportMode)
    for i in range(n):
        ref, essential, _ = catalogue.occupations[rng.integers(len(catalogue.occupations))]
        own = [essential[j] for j in rng.choice(len(essential), min(len(essential), 8))]
        own += [catalogue.skills[j] for j in rng.integers(0, len(catalogue.skills), 2)]
        roll = rng.random()
        if roll < 0.7:
            permission = WorkPermission.free()
        elif roll < 0.9:
            start = TODAY + timedelta(days=int(rng.integers(0, 120)))
            permission = WorkPermission(start, needs_twv=True)
        else:
            permission = WorkPermission(None)
        desired = catalogue.occupations[rng.integers(len(catalogue.occupations))][0]
        out.append(
            Candidate(
                id=f"c{i:06d}",
                location=random_point(rng),
                permission=permission,
                availability=FULL_WEEK & ~random_mask(rng, int(rng.integers(0, 8)), FULL_WEEK),
                lessons=random_mask(rng, 3, WORKDAY_DAYTIME) if rng.random() < 0.5 else 0,
                appointments=random_mask(rng, 1, WORKDAY_DAYTIME) if rng.random() < 0.3 else 0,
                max_hours_per_week=float(rng.choice([16, 24, 32, 40])),
                dutch=DutchLevel(int(rng.integers(0, 5))),
                certificates=tuple(
                    Certificate(code, TODAY + timedelta(days=int(rng.integers(-30, 700))))
                    for code, share in CERTIFICATES.items()
                    if rng.random() < 2 * share
                ),
                transport=frozenset(m for m in modes if rng.random() < 0.4),
                skills=frozenset(own),
                experience=(Experience(ref, float(rng.integers(0, 10))),),
                desired_occupation=desired if rng.random() < 0.5 else None,
                desired_category=SelfDevelopment(int(rng.integers(1, 4))),
            )
        )
    return out


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--esco", type=Path, default=DEFAULT_ESCO)
    parser.add_argument("--vacancies", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--batch", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    print(
        f"machine: {platform.processor() or platform.machine()}, python {platform.python_version()}"
    )

    started = time.perf_counter()
    if args.esco.is_dir():
        catalogue = esco_catalogue(args.esco)
        source = f"ESCO skills ({len(catalogue.skills)} skills)"
    else:
        catalogue = random_catalogue(rng)
        source = "random skill ids"
    print(f"catalogue: {source}, {time.perf_counter() - started:.1f} s")

    # 1. One candidate against many vacancies.
    started = time.perf_counter()
    vacancies = make_vacancies(catalogue, args.vacancies, rng)
    candidates = make_candidates(catalogue, args.queries, rng)
    print(f"generated {len(vacancies)} vacancies in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    matcher = Matcher(skill_space=catalogue.space).fit(vacancies)
    print(f"fit: {time.perf_counter() - started:.1f} s")
    matcher.rank_vacancies(candidates[0], k=10)  # warm-up
    times, eligible, shown = [], [], []
    for candidate in candidates:
        started = time.perf_counter()
        ranking = matcher.rank_vacancies(candidate, k=10)
        times.append(time.perf_counter() - started)
        eligible.append(ranking.eligible)
        shown.append(len(ranking.matches) + len(ranking.near_misses))
    times_ms = sorted(1000 * t for t in times)
    print(
        f"rank_vacancies over {len(vacancies)} vacancies, k=10: median "
        f"{statistics.median(times_ms):.1f} ms, p90 {times_ms[int(0.9 * len(times_ms))]:.1f} ms "
        f"({len(times)} candidates; median {statistics.median(eligible):.0f} eligible, "
        f"{statistics.mean(shown):.1f} PairScores built per query)"
    )
    print(f"peak RSS so far: {peak_rss_mb():.0f} MB")
    del matcher, vacancies

    # 2. Batch: every candidate against every vacancy.
    started = time.perf_counter()
    vacancies = make_vacancies(catalogue, args.batch, rng)
    candidates = make_candidates(catalogue, args.batch, rng)
    print(
        f"generated {len(candidates)} candidates and {len(vacancies)} vacancies in "
        f"{time.perf_counter() - started:.1f} s"
    )
    started = time.perf_counter()
    matcher = Matcher(skill_space=catalogue.space).fit(vacancies, candidates)
    print(f"fit: {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    batch = matcher.rank_all(k=10)
    elapsed = time.perf_counter() - started
    filled = float((batch.indices >= 0).sum(axis=1).mean())
    print(
        f"rank_all: top 10 for {len(candidates)} candidates x {len(vacancies)} vacancies in "
        f"{elapsed:.1f} s (mean {filled:.1f} results per candidate)"
    )
    print(f"peak RSS: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
