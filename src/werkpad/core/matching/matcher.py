"""The matcher: parameters in the constructor, ``fit`` builds the arrays, then rank and score.

>>> from datetime import date
>>> from werkpad.core.matching import Candidate, Matcher, Point, Vacancy, WorkPermission
>>> from werkpad.core.schedule import FULL_WEEK, mask_of
>>> here = Point(52.09, 5.12)
>>> job = Vacancy("v1", here, date(2026, 3, 2), hours_per_week=8, roster=mask_of([(0, 0), (2, 0)]))
>>> anna = Candidate("c1", here, WorkPermission.free(), availability=FULL_WEEK)
>>> matcher = Matcher().fit([job])
>>> [pair.vacancy_id for pair in matcher.rank_vacancies(anna, k=5).matches]
['v1']
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Collection, Iterable, Sequence
from typing import Protocol, Self, TypeVar

import numpy as np
import numpy.typing as npt

from werkpad.core.matching._engine import (
    Block,
    CandidateArrays,
    CertificateVocabulary,
    VacancyArrays,
    encode_candidates,
    encode_vacancies,
    evaluate,
    top_k,
)
from werkpad.core.matching.explain import Explainer
from werkpad.core.matching.model import Candidate, Vacancy
from werkpad.core.matching.params import SkillParams, TravelLimits, Weights
from werkpad.core.matching.results import BatchRanking, PairScore, Ranking
from werkpad.core.matching.skills import SkillIndex, SkillSpace

__all__ = ["Matcher", "NotFittedError"]


class NotFittedError(RuntimeError):
    """The matcher was used before :meth:`Matcher.fit`."""


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


_T = TypeVar("_T", bound=_HasId)


def _sorted_unique(items: Iterable[_T], kind: str) -> list[_T]:
    ordered = sorted(items, key=lambda item: item.id)
    for before, after in itertools.pairwise(ordered):
        if before.id == after.id:
            raise ValueError(f"duplicate {kind} id {before.id!r}")
    return ordered


class Matcher:
    """Scores candidate-vacancy pairs: hard requirements exclude, soft components rank.

    Parameters (stored as given, used by :meth:`fit` and after):

    ``weights``, ``travel``, ``skill_params``
        See :class:`Weights`, :class:`TravelLimits`, :class:`SkillParams`.
    ``skill_space``
        Skill frequencies and hierarchy, normally
        :func:`werkpad.core.matching.esco.skill_space` of the ESCO taxonomy; ``None`` derives the
        frequencies from the fitted vacancies (no hierarchy).
    ``hours_per_dagdeel = 4.0``
        Working hours one dagdeel holds. A flexible roster of ``h`` hours a week needs
        ``ceil(h / hours_per_dagdeel)`` dagdelen that the candidate has free (available, no
        lessons, no fixed appointment) within the roster's working window; a fixed roster needs
        every rostered dagdeel free.
    ``near_miss_max_steps = 1``
        A pair is a near miss when it fails only fixable requirements (Dutch level, each missing
        or expired certificate), at most this many.
    ``chunk_cells = 1_000_000``
        Pairs per block in the batch methods (working memory: about 150 bytes per pair).

    Fitted attributes (after :meth:`fit`): ``vacancies_`` and ``candidates_`` (sorted by id,
    which is also the tie-break order), ``skill_index_``, ``certificates_``.
    """

    def __init__(
        self,
        *,
        weights: Weights | None = None,
        travel: TravelLimits | None = None,
        skill_params: SkillParams | None = None,
        skill_space: SkillSpace | None = None,
        hours_per_dagdeel: float = 4.0,
        near_miss_max_steps: int = 1,
        chunk_cells: int = 1_000_000,
    ) -> None:
        self.weights = weights
        self.travel = travel
        self.skill_params = skill_params
        self.skill_space = skill_space
        self.hours_per_dagdeel = hours_per_dagdeel
        self.near_miss_max_steps = near_miss_max_steps
        self.chunk_cells = chunk_cells

    # -- fitting ----------------------------------------------------------------------------

    def fit(self, vacancies: Iterable[Vacancy], candidates: Iterable[Candidate] = ()) -> Self:
        """Encode the vacancies (and optionally candidates, for :meth:`rank_candidates`)."""
        if self.hours_per_dagdeel <= 0:
            raise ValueError("hours_per_dagdeel must be positive")
        if self.near_miss_max_steps < 0 or self.chunk_cells < 1:
            raise ValueError("near_miss_max_steps must be >= 0 and chunk_cells >= 1")
        self.weights_ = self.weights or Weights()
        self.travel_ = self.travel or TravelLimits()
        self.skill_params_ = self.skill_params or SkillParams()
        vacancy_list = _sorted_unique(vacancies, "vacancy")
        candidate_list = _sorted_unique(candidates, "candidate")
        space = (
            self.skill_space
            if self.skill_space is not None
            else SkillSpace.from_vacancies(vacancy_list)
        )
        used_skills: set[str] = set()
        for vacancy in vacancy_list:
            used_skills |= vacancy.essential_skills | vacancy.optional_skills
        for candidate in candidate_list:
            used_skills |= candidate.skills
        self.skill_index_ = SkillIndex(space, self.skill_params_, used_skills)
        codes = {code for v in vacancy_list for code in v.required_certificates}
        codes |= {cert.code for c in candidate_list for cert in c.certificates}
        self.certificates_ = CertificateVocabulary(codes)
        self.vacancies_ = tuple(vacancy_list)
        self.vacancy_position_ = {v.id: i for i, v in enumerate(self.vacancies_)}
        self.candidates_ = tuple(candidate_list)
        self.vacancy_arrays_ = self._encode_vacancies(vacancy_list, self.certificates_)
        self.candidate_arrays_ = self._encode_candidates(candidate_list, self.certificates_)
        self.explainer_ = Explainer(
            self.weights_, self.travel_, self.near_miss_max_steps, self.hours_per_dagdeel
        )
        return self

    def _check_fitted(self) -> None:
        if not hasattr(self, "vacancy_arrays_"):
            raise NotFittedError("call fit() first")

    def _encode_candidates(
        self,
        candidates: Sequence[Candidate],
        certificates: CertificateVocabulary,
        skills: SkillIndex | None = None,
    ) -> CandidateArrays:
        return encode_candidates(
            candidates, skills or self.skill_index_, certificates, self.travel_, self.weights_
        )

    def _encode_vacancies(
        self,
        vacancies: Sequence[Vacancy],
        certificates: CertificateVocabulary,
        skills: SkillIndex | None = None,
    ) -> VacancyArrays:
        return encode_vacancies(
            vacancies,
            skills or self.skill_index_,
            certificates,
            self.weights_,
            self.hours_per_dagdeel,
        )

    def _evaluate(self, c: CandidateArrays, v: VacancyArrays) -> Block:
        raw = (c.skills @ v.skills_t).toarray()
        return evaluate(c, v, raw, self.weights_, self.skill_params_)

    # -- single queries ---------------------------------------------------------------------

    def rank_vacancies(
        self,
        candidate: Candidate,
        k: int = 10,
        among: Collection[str] | npt.NDArray[np.bool_] | None = None,
    ) -> Ranking:
        """The best ``k`` eligible vacancies for ``candidate``, and the best ``k`` near misses.

        ``among``: only the fitted vacancies with these ids count (ids that were not fitted are
        ignored), or a boolean mask over ``vacancies_``; the result is the same as fitting only
        those vacancies. So one matcher fitted on every open vacancy serves every user's scope.
        """
        self._check_fitted()
        c = self._encode_candidates([candidate], self.certificates_)
        block = self._evaluate(c, self.vacancy_arrays_)
        eligible = block.eligible
        near = block.near_miss(self.near_miss_max_steps)
        if among is not None:
            if isinstance(among, np.ndarray):
                if among.shape != (len(self.vacancies_),) or among.dtype != np.bool_:
                    raise ValueError("a mask over the fitted vacancies must be boolean, one each")
                allowed = among
            else:
                allowed = np.zeros(len(self.vacancies_), dtype=bool)
                allowed[self.vacancy_positions(among)] = True
            eligible = eligible & allowed
            near = near & allowed
        return self._ranking(
            candidate.id,
            block.score,
            eligible,
            near,
            k,
            lambda js: self._pairs(candidate, [self.vacancies_[j] for j in js]),
        )

    def vacancy_positions(self, ids: Iterable[str]) -> npt.NDArray[np.int64]:
        """Positions in ``vacancies_`` of the fitted vacancies among ``ids`` (others ignored)."""
        self._check_fitted()
        position = self.vacancy_position_
        return np.fromiter((position[i] for i in ids if i in position), dtype=np.int64)

    def rank_candidates(self, vacancy: Vacancy, k: int = 10) -> Ranking:
        """The best ``k`` eligible fitted candidates for ``vacancy``, and the best near misses."""
        self._check_fitted()
        v = self._encode_vacancies([vacancy], self.certificates_)
        block = self._evaluate(self.candidate_arrays_, v)
        return self._ranking(
            vacancy.id,
            block.score.T,
            block.eligible.T,
            block.near_miss(self.near_miss_max_steps).T,
            k,
            lambda js: [self._pair(self.candidates_[i], vacancy) for i in js],
        )

    def _ranking(
        self,
        query_id: str,
        scores: npt.NDArray[np.float64],
        eligible: npt.NDArray[np.bool_],
        near: npt.NDArray[np.bool_],
        k: int,
        pairs: Callable[[list[int]], list[PairScore]],
    ) -> Ranking:
        """``pairs``: the explained pairs of these positions, in their order (matches and near
        misses asked together, so that a batch explanation encodes them once)."""
        matches, _ = top_k(scores, eligible, k)
        misses, _ = top_k(scores, near, k)
        shown = [int(j) for j in matches[0] if j >= 0]
        missed = [int(j) for j in misses[0] if j >= 0]
        explained = pairs(shown + missed)
        found, near_found = explained[: len(shown)], explained[len(shown) :]
        return Ranking(
            query_id=query_id,
            matches=tuple(found),
            near_misses=tuple(near_found),
            eligible=int(eligible.sum()),
            near_misses_total=int(near.sum()),
        )

    def score_pair(self, candidate: Candidate, vacancy: Vacancy) -> PairScore:
        """Score one pair, with every component, exclusion and plan step."""
        self._check_fitted()
        skills = self.skill_index_
        shared = candidate.skills & (vacancy.essential_skills | vacancy.optional_skills)
        if not skills.covers(shared):
            skills = skills.extended(shared)
        return self._pair(candidate, vacancy, skills)

    def _pair(
        self, candidate: Candidate, vacancy: Vacancy, skills: SkillIndex | None = None
    ) -> PairScore:
        skills = skills or self.skill_index_
        codes = set(vacancy.required_certificates) | {c.code for c in candidate.certificates}
        certificates = CertificateVocabulary(codes)
        c = self._encode_candidates([candidate], certificates, skills)
        v = self._encode_vacancies([vacancy], certificates, skills)
        block = self._evaluate(c, v)
        return self.explainer_.pair_score(candidate, vacancy, block, skills, certificates)

    def _pairs(self, candidate: Candidate, vacancies: Sequence[Vacancy]) -> list[PairScore]:
        """:meth:`_pair` of ``candidate`` with each of ``vacancies`` (fitted), encoded and
        evaluated as one block: the same scores and explanations, one encoding instead of one
        per pair."""
        if not vacancies:
            return []
        skills = self.skill_index_
        codes = {c.code for c in candidate.certificates}
        for vacancy in vacancies:
            codes |= set(vacancy.required_certificates)
        certificates = CertificateVocabulary(codes)
        c = self._encode_candidates([candidate], certificates, skills)
        v = self._encode_vacancies(vacancies, certificates, skills)
        block = self._evaluate(c, v)
        return [
            self.explainer_.pair_score(candidate, vacancy, block.column(j), skills, certificates)
            for j, vacancy in enumerate(vacancies)
        ]

    # -- batches ----------------------------------------------------------------------------

    def rank_all(self, k: int = 10, candidates: Sequence[Candidate] | None = None) -> BatchRanking:
        """Top ``k`` eligible vacancies for every candidate (the fitted ones by default).

        Works in blocks of about ``chunk_cells`` pairs: sparse skill products, boolean masks,
        no explanation objects. Rows follow the order of ``candidates`` (fitted: by id).
        """
        self._check_fitted()
        people = self.candidates_ if candidates is None else tuple(candidates)
        c_all = (
            self.candidate_arrays_
            if candidates is None
            else self._encode_candidates(people, self.certificates_)
        )
        v = self.vacancy_arrays_
        indices, scores = self._batched(c_all, v, k, by_candidate=True)
        return BatchRanking(
            query_ids=tuple(c.id for c in people),
            result_ids=tuple(x.id for x in self.vacancies_),
            indices=indices,
            scores=scores,
        )

    def rank_all_candidates(
        self, k: int = 10, vacancies: Sequence[Vacancy] | None = None
    ) -> BatchRanking:
        """Top ``k`` eligible fitted candidates for every vacancy (the fitted ones by default)."""
        self._check_fitted()
        jobs = self.vacancies_ if vacancies is None else tuple(vacancies)
        v_all = (
            self.vacancy_arrays_
            if vacancies is None
            else self._encode_vacancies(jobs, self.certificates_)
        )
        indices, scores = self._batched(self.candidate_arrays_, v_all, k, by_candidate=False)
        return BatchRanking(
            query_ids=tuple(v.id for v in jobs),
            result_ids=tuple(c.id for c in self.candidates_),
            indices=indices,
            scores=scores,
        )

    def _batched(
        self, c: CandidateArrays, v: VacancyArrays, k: int, *, by_candidate: bool
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
        queries, others = (len(c), len(v)) if by_candidate else (len(v), len(c))
        indices = np.full((queries, max(k, 0)), -1, dtype=np.int64)
        scores = np.full((queries, max(k, 0)), np.nan)
        step = max(1, self.chunk_cells // max(1, others))
        for start in range(0, queries, step):
            rows = slice(start, min(queries, start + step))
            if by_candidate:
                block = self._evaluate(c.take(rows), v)
                chunk = top_k(block.score, block.eligible, k)
            else:
                block = self._evaluate(c, v.take(rows))
                chunk = top_k(block.score.T, block.eligible.T, k)
            indices[rows], scores[rows] = chunk
        return indices, scores
