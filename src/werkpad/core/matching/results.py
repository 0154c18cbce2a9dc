"""What the matcher returns: scored pairs with their components, exclusions and plan steps."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import numpy.typing as npt

from werkpad.core.i18n import Message

__all__ = [
    "BatchRanking",
    "Component",
    "ComponentName",
    "Exclusion",
    "ExclusionCode",
    "PairScore",
    "Ranking",
]


class ComponentName(StrEnum):
    """The soft-fit components; the value is the name of the field in :class:`Weights`."""

    SKILLS = "skills"
    OCCUPATION = "occupation"
    EXPERIENCE = "experience"
    DESIRED_OCCUPATION = "desired_occupation"
    DESIRED_CATEGORY = "desired_category"
    LANGUAGE_RICH = "language_rich"
    EMPLOYER_EXPERIENCE = "employer_experience"
    DISTANCE = "distance"


class ExclusionCode(StrEnum):
    """Hard requirements; a pair failing any of them is excluded."""

    NOT_ALLOWED_TO_WORK = "not_allowed_to_work"
    """The rules engine says the candidate may not work (or it is unknown)."""
    STARTS_TOO_EARLY = "starts_too_early"
    """The job starts before the first day the candidate may work."""
    NO_TWV = "no_twv"
    """The candidate needs a TWV and the employer does not apply for one."""
    DUTCH_LEVEL = "dutch_level"
    """Dutch level below the requirement (fixable: a plan step)."""
    CERTIFICATE_MISSING = "certificate_missing"
    """A required certificate the candidate does not have (fixable: a plan step)."""
    CERTIFICATE_EXPIRED = "certificate_expired"
    """A required certificate that expires before the job starts (fixable: a plan step)."""
    ROSTER_UNAVAILABLE = "roster_unavailable"
    """A fixed roster needs a dagdeel the candidate is not available."""
    ROSTER_LESSONS = "roster_lessons"
    """A fixed roster needs a dagdeel in which the candidate has lessons."""
    ROSTER_APPOINTMENTS = "roster_appointments"
    """A fixed roster needs a dagdeel with a fixed appointment (e.g. meldplicht)."""
    TOO_FEW_DAGDELEN = "too_few_dagdelen"
    """A flexible roster needs more dagdelen than the candidate has free in its working window."""
    TOO_MANY_HOURS = "too_many_hours"
    """More hours per week than the candidate can work."""
    TOO_FAR = "too_far"
    """Further from home than the candidate's transport allows."""

    @property
    def fixable(self) -> bool:
        """Whether a plan step can lift this exclusion (a course, an exam, a renewal)."""
        return self in _FIXABLE


_FIXABLE = frozenset(
    {
        ExclusionCode.DUTCH_LEVEL,
        ExclusionCode.CERTIFICATE_MISSING,
        ExclusionCode.CERTIFICATE_EXPIRED,
    }
)


@dataclass(frozen=True, slots=True)
class Exclusion:
    """A failed hard requirement; ``step`` is the plan step that fixes it (fixable ones only).

    ``subject`` names what failed where that helps the adapter: the certificate code, or the
    Dutch level needed; empty otherwise.
    """

    code: ExclusionCode
    message: Message
    step: Message | None = None
    subject: str = ""


@dataclass(frozen=True, slots=True)
class Component:
    """One soft-fit component of a pair: ``value`` in [0, 1], its weight and an explanation.

    ``evidence`` lists the ESCO URIs behind the value (matched skills, the matching occupation),
    for the adapter to show with labels in the user's language.
    """

    name: ComponentName
    value: float
    weight: float
    explanation: Message
    evidence: tuple[str, ...] = ()

    @property
    def contribution(self) -> float:
        return self.value * self.weight


@dataclass(frozen=True, slots=True)
class PairScore:
    """The full assessment of one candidate-vacancy pair.

    ``score`` is the weighted soft fit in [0, 1]; it is computed for excluded pairs too (a near
    miss is ranked by it). ``exclusions`` is empty for an eligible pair. ``near_miss`` is set
    when every exclusion is fixable and there are at most ``near_miss_max_steps`` of them;
    ``plan_steps`` are then the steps to add to the person's plan.
    """

    candidate_id: str
    vacancy_id: str
    score: float
    components: tuple[Component, ...]
    exclusions: tuple[Exclusion, ...]
    near_miss: bool
    distance_km: float

    @property
    def eligible(self) -> bool:
        return not self.exclusions

    @property
    def plan_steps(self) -> tuple[Message, ...]:
        return tuple(exclusion.step for exclusion in self.exclusions if exclusion.step is not None)

    def component(self, name: ComponentName) -> Component:
        for component in self.components:
            if component.name is name:
                return component
        raise KeyError(name)


@dataclass(frozen=True, slots=True)
class Ranking:
    """The top matches for one candidate (or vacancy), and the top near misses.

    ``eligible`` and ``near_misses_total`` count all eligible pairs and all near misses, of which
    ``matches`` and ``near_misses`` are the best ``k`` (score descending, ties by id ascending).
    """

    query_id: str
    matches: tuple[PairScore, ...]
    near_misses: tuple[PairScore, ...]
    eligible: int
    near_misses_total: int


@dataclass(frozen=True, slots=True, eq=False)
class BatchRanking:
    """Top-k results of a batch run, as arrays (no explanation objects).

    Row ``i`` belongs to ``query_ids[i]``; ``indices[i, j]`` is the position in ``result_ids``
    of the ``j``-th best eligible result, ``-1`` when there are fewer than ``k``; ``scores[i, j]``
    its score (``nan`` for padding). Use :meth:`Matcher.score_pair` for the full :class:`PairScore` of a pair.
    """

    query_ids: tuple[str, ...]
    result_ids: tuple[str, ...]
    indices: npt.NDArray[np.int64]
    scores: npt.NDArray[np.float64]

    def ids(self, row: int) -> list[str]:
        """The ranked result ids of row ``row``."""
        return [self.result_ids[index] for index in self.indices[row] if index >= 0]

    def as_dict(self) -> dict[str, list[str]]:
        """``{query id: ranked result ids}``, e.g. for :func:`exposure_report`."""
        return {query: self.ids(row) for row, query in enumerate(self.query_ids)}
