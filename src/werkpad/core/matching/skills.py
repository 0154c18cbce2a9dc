"""Skill similarity: the skill vocabulary, its background frequencies and the skill matrices.

:class:`SkillSpace` is what the matcher knows about skills beyond the vacancies themselves: how
common each skill is among ESCO occupations and which skill is broader than which. Build it with
:func:`werkpad.core.matching.esco.skill_space` from a loaded ESCO taxonomy; without one the
matcher derives the frequencies from the fitted vacancies and uses no hierarchy.

:class:`SkillIndex` is the fitted form (internal): vocabulary positions, background
probabilities and the sparse matrices of :class:`werkpad.core.matching.SkillParams`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from werkpad.core.matching.model import Vacancy
from werkpad.core.matching.params import SkillParams

__all__ = ["SkillIndex", "SkillSpace"]

FloatArray = npt.NDArray[np.float64]


class SkillSpace:
    """Skill URIs with how often each occurs (e.g. in ESCO occupation-skill relations) and the
    skill hierarchy (skill URI -> broader skill URIs). Immutable after construction."""

    __slots__ = ("_broader", "_counts", "_index", "_skills", "_total")

    def __init__(
        self,
        counts: Mapping[str, float],
        broader: Mapping[str, Iterable[str]] | None = None,
    ) -> None:
        self._skills = tuple(counts)
        self._index = {uri: position for position, uri in enumerate(self._skills)}
        self._counts = np.fromiter(counts.values(), dtype=np.float64, count=len(self._skills))
        if np.any(self._counts < 0):
            raise ValueError("skill counts must not be negative")
        self._total = float(self._counts.sum())
        known = self._index
        self._broader = {
            uri: tuple(b for b in uris if b in known and b != uri)
            for uri, uris in (broader or {}).items()
            if uri in known
        }

    @classmethod
    def from_vacancies(cls, vacancies: Iterable[Vacancy]) -> SkillSpace:
        """Frequencies from the vacancies themselves (no hierarchy): the fallback without ESCO."""
        counts: dict[str, float] = {}
        for vacancy in vacancies:
            for uri in vacancy.essential_skills | vacancy.optional_skills:
                counts[uri] = counts.get(uri, 0.0) + 1.0
        return cls(dict(sorted(counts.items())))

    @property
    def skills(self) -> tuple[str, ...]:
        return self._skills

    @property
    def total(self) -> float:
        return self._total

    def __len__(self) -> int:
        return len(self._skills)

    def __contains__(self, uri: object) -> bool:
        return uri in self._index

    def count(self, uri: str) -> float:
        position = self._index.get(uri)
        return 0.0 if position is None else float(self._counts[position])

    def counts(self) -> FloatArray:
        return self._counts.copy()

    def broader(self, uri: str) -> tuple[str, ...]:
        """The direct broader skills of ``uri`` that are skills of this space."""
        return self._broader.get(uri, ())


class SkillIndex:
    """A :class:`SkillSpace` fitted to the vacancies and candidates at hand (internal).

    The vocabulary is the space's skills followed by any other skill URI the fitted vacancies or
    candidates use (sorted). Background probabilities are normalised over the space only, so
    that adding skills to the vocabulary never changes the weight of a known skill.
    """

    __slots__ = ("background", "index", "params", "space", "up", "uris")

    def __init__(self, space: SkillSpace, params: SkillParams, extra: Iterable[str] = ()) -> None:
        self.space = space
        self.params = params
        new = sorted({uri for uri in extra if uri not in space})
        self.uris: tuple[str, ...] = space.skills + tuple(new)
        self.index = {uri: position for position, uri in enumerate(self.uris)}
        counts = np.concatenate([space.counts(), np.zeros(len(new))])
        denominator = space.total + params.smoothing * max(1, len(space))
        self.background: FloatArray = params.background * (counts + params.smoothing) / denominator
        rows: list[int] = []
        cols: list[int] = []
        for uri in space.skills:
            for broader in space.broader(uri):
                rows.append(self.index[uri])
                cols.append(self.index[broader])
        size = len(self.uris)
        self.up = sp.csr_matrix(
            (np.ones(len(rows)), (np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64))),
            shape=(size, size),
        )

    def covers(self, uris: Iterable[str]) -> bool:
        return all(uri in self.index for uri in uris)

    def extended(self, uris: Iterable[str]) -> SkillIndex:
        """A copy whose vocabulary also holds ``uris`` (for pairs outside the fitted data)."""
        return SkillIndex(self.space, self.params, (*self.uris[len(self.space) :], *uris))

    def vacancy_matrix(self, vacancies: Sequence[Vacancy]) -> sp.csr_matrix:
        """Per vacancy and skill the log-likelihood-ratio weight ``log(1 + P_v(s) / bg(s))``.

        The essential and optional list lengths count every listed skill, also those outside the
        vocabulary (which no candidate in the fitted data can match anyway).
        """
        params = self.params
        index = self.index
        rows: list[int] = []
        cols: list[int] = []
        probs: list[float] = []
        for row, vacancy in enumerate(vacancies):
            essential = vacancy.essential_skills
            optional = vacancy.optional_skills - essential
            for skills, mass in ((essential, params.essential), (optional, params.optional)):
                if not skills or mass == 0:
                    continue
                share = mass / len(skills)
                positions = [index[uri] for uri in skills if uri in index]
                rows.extend([row] * len(positions))
                cols.extend(positions)
                probs.extend([share] * len(positions))
        col_array = np.array(cols, dtype=np.int64)
        values = np.log1p(np.array(probs, dtype=np.float64) / self.background[col_array])
        matrix = sp.csr_matrix(
            (values, (np.array(rows, dtype=np.int64), col_array)),
            shape=(len(vacancies), len(self.uris)),
        )
        matrix.sort_indices()
        return matrix

    def candidate_matrix(self, skill_sets: Sequence[Collection[str]]) -> sp.csr_matrix:
        """Per candidate the skill weights ``q``: 1 for own skills, ``broader_credit`` for the
        direct broader skills of own skills (unknown URIs are dropped: nothing can match them)."""
        index = self.index
        rows: list[int] = []
        cols: list[int] = []
        for row, skills in enumerate(skill_sets):
            positions = [index[uri] for uri in skills if uri in index]
            rows.extend([row] * len(positions))
            cols.extend(positions)
        own = sp.csr_matrix(
            (
                np.ones(len(rows)),
                (np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64)),
            ),
            shape=(len(skill_sets), len(self.uris)),
        )
        credit = self.params.broader_credit
        if credit > 0 and self.up.nnz:
            reached = own @ self.up
            reached.data[:] = credit
            own = sp.csr_matrix(own.maximum(reached))
        own.sort_indices()
        return own

    def broader_matches(self, skills: Iterable[str], targets: Collection[str]) -> tuple[str, ...]:
        """Skills of ``targets`` that are broader than one of ``skills`` but not among them."""
        own = set(skills)
        found = {
            broader
            for uri in own
            for broader in self.space.broader(uri)
            if broader in targets and broader not in own
        }
        return tuple(sorted(found))
