"""Quality of the skill-similarity component on the real ESCO taxonomy.

For every ESCO occupation with at least 6 essential skills a candidate gets 3 random essential
skills of that occupation plus 2 random skills from the whole skill list (fixed seed); all
occupations are then ranked as vacancies (each with its essential and optional skills) by the
production :class:`werkpad.core.matching.Matcher`, with every component except the skills
switched off (these candidates have no other data). The target occupation is the relevant one.

Printed per seed:

* ``matcher``: Recall@10 and MRR of the production ranking (ties broken by vacancy id, as in
  production);
* tie-aware figures for the same scores: ``optimistic`` (the target first among equal scores),
  ``expected`` (random order among equal scores) and ``pessimistic`` (target last);
* ``bm25``: a BM25 baseline (essential skills weighted above optional ones), same tie rules;
* ``oracle``: the Bayes-optimal ranking for this sampling process, which knows that exactly 3
  skills are drawn uniformly from the target's essential skills and the rest uniformly from all
  skills: the posterior with a uniform prior. No scorer can beat its ``expected`` figures on
  average; it is a ceiling, not a scorer.

Run: ``.venv/bin/python tests/bench/bench_matching_quality.py [--seeds 0 1 2] [--esco DIR]``
"""

from __future__ import annotations

import argparse
import itertools
import math
import time
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from werkpad.core.matching import (
    Candidate,
    ComponentName,
    Matcher,
    Point,
    SkillParams,
    Vacancy,
    Weights,
    WorkPermission,
)
from werkpad.core.matching.esco import occupation_ref, occupation_skills, skill_space
from werkpad.core.schedule import FULL_WEEK
from werkpad.core.taxonomy import Taxonomy, load_esco

DEFAULT_ESCO = Path(__file__).resolve().parents[2].parent / "shared/data/esco/en_v1.1.1"
MIN_ESSENTIAL = 6
N_ESSENTIAL = 3
N_RANDOM = 2
HERE = Point(52.09, 5.12)
START = date(2026, 1, 5)


@dataclass(frozen=True)
class Figures:
    recall10: float
    mrr: float

    def __str__(self) -> str:
        return f"R@10 {self.recall10:.4f}  MRR {self.mrr:.4f}"


def make_vacancies(taxonomy: Taxonomy) -> list[Vacancy]:
    vacancies = []
    for uri in taxonomy.occupations:
        essential, optional = occupation_skills(taxonomy, uri)
        vacancies.append(
            Vacancy(
                id=uri,
                location=HERE,
                start=START,
                hours_per_week=0,
                roster=FULL_WEEK,
                fixed_roster=False,
                occupation=occupation_ref(taxonomy, uri),
                essential_skills=essential,
                optional_skills=optional,
            )
        )
    return vacancies


def make_candidates(taxonomy: Taxonomy, seed: int) -> tuple[list[Candidate], list[str]]:
    """One candidate per occupation with >= 6 essential skills; returns (candidates, targets)."""
    rng = np.random.default_rng(seed)
    all_skills = list(taxonomy.skills)
    candidates: list[Candidate] = []
    targets: list[str] = []
    for uri in taxonomy.occupations:
        essential = taxonomy.essential_skills.get(uri, ())
        if len(essential) < MIN_ESSENTIAL:
            continue
        picks = [essential[i] for i in rng.choice(len(essential), N_ESSENTIAL, replace=False)]
        noise = [all_skills[i] for i in rng.choice(len(all_skills), N_RANDOM, replace=False)]
        candidates.append(
            Candidate(
                id=f"c{len(candidates):05d}",
                location=HERE,
                permission=WorkPermission.free(),
                availability=FULL_WEEK,
                skills=frozenset(picks + noise),
            )
        )
        targets.append(uri)
    return candidates, targets


def tie_aware(scores: np.ndarray, target_scores: np.ndarray) -> tuple[Figures, Figures, Figures]:
    """Optimistic / expected / pessimistic figures from full score rows and target scores."""
    greater = (scores > target_scores[:, None]).sum(axis=1)
    ties = (scores == target_scores[:, None]).sum(axis=1)  # includes the target itself
    best, worst = greater + 1, greater + ties
    expected_recall = np.clip(10 - greater, 0, ties) / ties
    expected_mrr = np.array(
        [np.mean(1.0 / (g + np.arange(1, t + 1))) for g, t in zip(greater, ties, strict=True)]
    )
    return (
        Figures(float(np.mean(best <= 10)), float(np.mean(1.0 / best))),
        Figures(float(expected_recall.mean()), float(expected_mrr.mean())),
        Figures(float(np.mean(worst <= 10)), float(np.mean(1.0 / worst))),
    )


def relation_matrices(
    taxonomy: Taxonomy, candidates: list[Candidate]
) -> tuple[sp.csr_matrix, sp.csr_matrix, sp.csr_matrix]:
    """Occupation x skill essential / optional indicator matrices and candidate x skill."""
    index = {uri: i for i, uri in enumerate(taxonomy.skills)}

    def indicator(rows: list[tuple[str, ...]] | list[frozenset[str]]) -> sp.csr_matrix:
        r = [i for i, skills in enumerate(rows) for _ in skills]
        c = [index[uri] for skills in rows for uri in skills]
        return sp.csr_matrix(
            (np.ones(len(r)), (r, c)), shape=(len(rows), len(index)), dtype=np.float64
        )

    occupations = list(taxonomy.occupations)
    return (
        indicator([taxonomy.essential_skills[o] for o in occupations]),
        indicator([taxonomy.optional_skills[o] for o in occupations]),
        indicator([c.skills for c in candidates]),
    )


def bm25_scores(
    essential: sp.csr_matrix,
    optional: sp.csr_matrix,
    queries: sp.csr_matrix,
    w_optional: float = 0.2,
    k1: float = 1.2,
    b: float = 0.75,
) -> np.ndarray:
    """BM25 with term frequency 1 for essential and ``w_optional`` for optional skills."""
    n = essential.shape[0]
    tf = (essential + w_optional * optional).tocoo()
    df = np.asarray(((essential + optional) > 0).sum(axis=0)).ravel()
    idf = np.log(1 + (n - df + 0.5) / (df + 0.5))
    length = np.asarray((essential + w_optional * optional).sum(axis=1)).ravel()
    norm = k1 * (1 - b + b * length / length.mean())
    values = tf.data * (k1 + 1) / (tf.data + norm[tf.row]) * idf[tf.col]
    weights = sp.csr_matrix((values, (tf.row, tf.col)), shape=tf.shape)
    return np.asarray((queries @ weights.T).todense())


def oracle_scores(essential: sp.csr_matrix, queries: sp.csr_matrix) -> np.ndarray:
    """Posterior (up to a constant) of each occupation under the benchmark's sampling process:
    sum over the 3-subsets of the candidate's skills that are all essential for the occupation of
    1 / C(n_essential, 3); the random skills have the same probability under every occupation."""
    lengths = np.asarray(essential.sum(axis=1)).ravel().astype(int)
    inverse = np.array(
        [1.0 / math.comb(n, N_ESSENTIAL) if n >= N_ESSENTIAL else 0.0 for n in lengths]
    )
    essential_csc = essential.tocsc()
    out = np.zeros((queries.shape[0], essential.shape[0]))
    for row in range(queries.shape[0]):
        skills = queries.indices[queries.indptr[row] : queries.indptr[row + 1]]
        columns = essential_csc[:, skills].toarray().astype(bool)
        for subset in itertools.combinations(range(len(skills)), N_ESSENTIAL):
            out[row] += columns[:, subset].all(axis=1) * inverse
    return out


def run_seed(
    taxonomy: Taxonomy,
    vacancies: list[Vacancy],
    matcher: Matcher,
    seed: int,
    *,
    baselines: bool,
) -> None:
    candidates, targets = make_candidates(taxonomy, seed)
    started = time.perf_counter()
    ranking = matcher.rank_all(k=len(vacancies), candidates=candidates)
    elapsed = time.perf_counter() - started
    position = {uri: i for i, uri in enumerate(ranking.result_ids)}
    target_index = np.array([position[t] for t in targets])
    found = ranking.indices == target_index[:, None]
    assert found.sum(axis=1).min() == 1, "every target must be ranked"
    rank = found.argmax(axis=1) + 1
    production = Figures(float(np.mean(rank <= 10)), float(np.mean(1.0 / rank)))
    # Full score rows in result order, for the tie-aware figures.
    scores = np.empty_like(ranking.scores)
    np.put_along_axis(scores, ranking.indices, ranking.scores, axis=1)
    optimistic, expected, pessimistic = tie_aware(
        scores, scores[np.arange(len(targets)), target_index]
    )
    print(f"seed {seed}: {len(candidates)} candidates x {len(vacancies)} vacancies")
    print(f"  matcher      {production}   ({elapsed:.1f} s for the full ranking)")
    print(f"    ties: optimistic {optimistic} | expected {expected} | pessimistic {pessimistic}")
    if baselines:
        essential, optional, queries = relation_matrices(taxonomy, candidates)
        in_taxonomy = {uri: i for i, uri in enumerate(taxonomy.occupations)}
        targets_in_taxonomy = np.array([in_taxonomy[t] for t in targets])
        rows = np.arange(len(targets))
        bm25 = bm25_scores(essential, optional, queries)
        opt, exp, _ = tie_aware(bm25, bm25[rows, targets_in_taxonomy])
        print(f"  bm25         optimistic {opt} | expected {exp}")
        oracle = oracle_scores(essential, queries)
        opt, exp, _ = tie_aware(oracle, oracle[rows, targets_in_taxonomy])
        print(f"  oracle       optimistic {opt} | expected {exp}   (ceiling)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--esco", type=Path, default=DEFAULT_ESCO)
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2, 3, 4])
    parser.add_argument("--no-baselines", action="store_true", help="skip BM25 and the oracle")
    parser.add_argument(
        "--ablation", action="store_true", help="also run without the skill-hierarchy credit"
    )
    args = parser.parse_args()

    started = time.perf_counter()
    taxonomy = load_esco(args.esco)
    vacancies = make_vacancies(taxonomy)
    space = skill_space(taxonomy)
    print(
        f"ESCO {args.esco.name}: {len(taxonomy.occupations)} occupations, "
        f"{len(taxonomy.skills)} skills, loaded in {time.perf_counter() - started:.1f} s"
    )
    configurations = [("default SkillParams", SkillParams())]
    if args.ablation:
        configurations.append(("broader_credit=0", replace(SkillParams(), broader_credit=0.0)))
    for label, params in configurations:
        matcher = Matcher(
            weights=Weights().only(ComponentName.SKILLS), skill_params=params, skill_space=space
        ).fit(vacancies)
        print(f"== matcher with {label}: {params}")
        for seed in args.seeds:
            run_seed(taxonomy, vacancies, matcher, seed, baselines=not args.no_baselines)


if __name__ == "__main__":
    main()
