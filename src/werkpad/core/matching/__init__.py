"""Candidate <-> vacancy matching: hard requirements, soft fit, explanations, fairness.

Plain data in (:class:`Candidate`, :class:`Vacancy`), scored pairs out (:class:`PairScore`).
Parameters go into :class:`Matcher`'s constructor, :meth:`Matcher.fit` encodes the vacancies
(and candidates) into numpy arrays, after which :meth:`Matcher.rank_vacancies`,
:meth:`Matcher.rank_candidates`, :meth:`Matcher.score_pair` and the batch
:meth:`Matcher.rank_all` answer from boolean masks and sparse matrix products. Every sentence is a
translatable :class:`werkpad.core.i18n.Message`.
"""

from werkpad.core.matching.fairness import ExposureReport, GroupExposure, exposure_report
from werkpad.core.matching.matcher import Matcher, NotFittedError
from werkpad.core.matching.model import (
    Candidate,
    Certificate,
    DutchLevel,
    Experience,
    OccupationRef,
    Point,
    SelfDevelopment,
    TransportMode,
    Vacancy,
    WorkPermission,
)
from werkpad.core.matching.params import SkillParams, TravelLimits, Weights
from werkpad.core.matching.results import (
    BatchRanking,
    Component,
    ComponentName,
    Exclusion,
    ExclusionCode,
    PairScore,
    Ranking,
)
from werkpad.core.matching.skills import SkillSpace

__all__ = [
    "BatchRanking",
    "Candidate",
    "Certificate",
    "Component",
    "ComponentName",
    "DutchLevel",
    "Exclusion",
    "ExclusionCode",
    "Experience",
    "ExposureReport",
    "GroupExposure",
    "Matcher",
    "NotFittedError",
    "OccupationRef",
    "PairScore",
    "Point",
    "Ranking",
    "SelfDevelopment",
    "SkillParams",
    "SkillSpace",
    "TransportMode",
    "TravelLimits",
    "Vacancy",
    "Weights",
    "WorkPermission",
    "exposure_report",
]
