"""Vectorised evaluation: candidates and vacancies as numpy arrays, pairs as 2-d blocks.

Every hard requirement is a boolean array over a block of ``(candidates, vacancies)`` pairs and
every soft component a float array of the same shape; the skill component comes from a sparse
matrix product computed by the caller. The same :func:`evaluate` serves one candidate against
all vacancies, one vacancy against all candidates, a chunk of a batch and a single pair, so that
rankings and explanations can never disagree.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from werkpad.core.matching.model import Candidate, OccupationRef, Vacancy
from werkpad.core.matching.params import SkillParams, TravelLimits, Weights
from werkpad.core.matching.results import ComponentName, ExclusionCode
from werkpad.core.matching.skills import SkillIndex

BoolArray = npt.NDArray[np.bool_]
FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
UIntArray = npt.NDArray[np.uint64]

EARTH_RADIUS_KM = 6371.0088
NO_EXPIRY = date.max.toordinal()
# Sentinels for unknown occupations / ISCO groups: they never equal a hash (>= 0) nor each other.
_UNKNOWN_ON_VACANCY = -1
_UNKNOWN_ON_CANDIDATE = -2


def occupation_key(uri: str) -> int:
    """A stable 62-bit integer for an occupation URI (no shared vocabulary needed)."""
    return int.from_bytes(hashlib.blake2b(uri.encode(), digest_size=8).digest(), "big") >> 2


def isco_keys(code: str, unknown: int) -> tuple[int, int]:
    """The 4-digit unit group and 3-digit minor group of an ISCO code as integers."""
    digits = code.strip()
    if not digits.isdigit():
        return unknown, unknown
    unit = int(digits[:4]) if len(digits) >= 4 else unknown
    minor = int(digits[:3]) if len(digits) >= 3 else unknown
    return unit, minor


def occupation_keys(ref: OccupationRef | None, unknown: int) -> tuple[int, int, int]:
    if ref is None:
        return unknown, unknown, unknown
    return (occupation_key(ref.uri), *isco_keys(ref.isco_group, unknown))


class CertificateVocabulary:
    """Certificate codes -> bit positions in masks of 64-bit words.

    Codes outside the vocabulary are not encoded: a candidate's unknown code is required by no
    fitted vacancy, and a vacancy's unknown codes are counted in
    :attr:`VacancyArrays.unknown_required` (no fitted candidate holds them).
    """

    __slots__ = ("bits", "words")

    def __init__(self, codes: Iterable[str]) -> None:
        self.bits = {code: position for position, code in enumerate(sorted(set(codes)))}
        self.words = max(1, (len(self.bits) + 63) // 64)

    def mask(self, codes: Iterable[str]) -> list[int]:
        """The mask of the known ``codes``, one Python int per 64-bit word."""
        words = [0] * self.words
        for code in codes:
            bit = self.bits.get(code)
            if bit is not None:
                words[bit // 64] |= 1 << (bit % 64)
        return words

    def codes(self, words: Sequence[int]) -> list[str]:
        """The codes whose bits are set in ``words``."""
        return [code for code, bit in self.bits.items() if int(words[bit // 64]) >> (bit % 64) & 1]


@dataclass(frozen=True, slots=True, eq=False)
class CandidateArrays:
    """Candidates as columns of arrays (rows in the order given)."""

    dutch: npt.NDArray[np.int8]
    no_permission: BoolArray
    earliest: IntArray
    needs_twv: BoolArray
    availability: IntArray
    lessons: IntArray
    appointments: IntArray
    max_hours: FloatArray
    lat: FloatArray
    lon: FloatArray
    cos_lat: FloatArray
    limit_km: FloatArray
    cert_bits: UIntArray  # (n, certificates, words)
    cert_expiry: IntArray  # (n, certificates)
    exp_occupation: IntArray  # (n, experiences)
    exp_unit: IntArray
    exp_minor: IntArray
    exp_years: FloatArray
    desired_occupation: IntArray
    desired_unit: IntArray
    desired_minor: IntArray
    desired_category: npt.NDArray[np.int8]
    learning_dutch: BoolArray
    skills: sp.csr_matrix

    def __len__(self) -> int:
        return int(self.dutch.shape[0])

    def take(self, rows: slice) -> CandidateArrays:
        return replace(self, **{f.name: getattr(self, f.name)[rows] for f in fields(self)})


@dataclass(frozen=True, slots=True, eq=False)
class VacancyArrays:
    """Vacancies as columns of arrays (rows in the order given)."""

    dutch: npt.NDArray[np.int8]
    start: IntArray
    twv: BoolArray
    fixed: BoolArray
    roster: IntArray
    dagdelen_needed: IntArray
    hours: FloatArray
    lat: FloatArray
    lon: FloatArray
    cos_lat: FloatArray
    required: UIntArray  # (n, words)
    unknown_required: IntArray  # required codes outside the certificate vocabulary
    occupation: IntArray
    unit: IntArray
    minor: IntArray
    category: npt.NDArray[np.int8]
    language_rich: BoolArray
    employer_experience: BoolArray
    target_years: FloatArray
    skills: sp.csr_matrix  # (n, vocabulary) weights
    skills_t: sp.csr_matrix  # (vocabulary, n)

    def __len__(self) -> int:
        return int(self.dutch.shape[0])

    def take(self, rows: slice) -> VacancyArrays:
        changes = {
            f.name: getattr(self, f.name)[rows] for f in fields(self) if f.name != "skills_t"
        }
        skills: sp.csr_matrix = changes["skills"]
        return replace(self, **changes, skills_t=sp.csr_matrix(skills.T))


def _padded(rows: Sequence[Sequence[Any]], width: int, fill: Any, dtype: Any) -> Any:
    out = np.full((len(rows), width), fill, dtype=dtype)
    for i, row in enumerate(rows):
        if row:
            out[i, : len(row)] = row
    return out


def encode_candidates(
    candidates: Sequence[Candidate],
    skills: SkillIndex,
    certificates: CertificateVocabulary,
    travel: TravelLimits,
    weights: Weights,
) -> CandidateArrays:
    n = len(candidates)
    words = certificates.words
    cert_rows: list[list[tuple[int, int]]] = []
    for c in candidates:
        held = []
        for cert in c.certificates:
            bit = certificates.bits.get(cert.code)
            if bit is not None:
                expiry = NO_EXPIRY if cert.expires is None else cert.expires.toordinal()
                held.append((bit, expiry))
        cert_rows.append(held)
    width = max((len(row) for row in cert_rows), default=0)
    cert_bits = np.zeros((n, width, words), dtype=np.uint64)
    cert_expiry = np.zeros((n, width), dtype=np.int64)
    for i, row in enumerate(cert_rows):
        for j, (bit, expiry) in enumerate(row):
            cert_bits[i, j, bit // 64] = np.uint64(1 << (bit % 64))
            cert_expiry[i, j] = expiry

    unknown = _UNKNOWN_ON_CANDIDATE
    experiences = [
        [occupation_keys(e.occupation, unknown) for e in c.experience] for c in candidates
    ]
    width = max((len(c.experience) for c in candidates), default=0)
    desired = [occupation_keys(c.desired_occupation, unknown) for c in candidates]
    lat = np.radians(np.array([c.location.lat for c in candidates], dtype=np.float64))
    return CandidateArrays(
        dutch=np.array([-1 if c.dutch is None else int(c.dutch) for c in candidates], np.int8),
        no_permission=np.array([c.permission.earliest_start is None for c in candidates], bool),
        earliest=np.array(
            [
                0
                if c.permission.earliest_start is None
                else c.permission.earliest_start.toordinal()
                for c in candidates
            ],
            np.int64,
        ),
        needs_twv=np.array([c.permission.needs_twv for c in candidates], bool),
        availability=np.array([c.availability for c in candidates], np.int64),
        lessons=np.array([c.lessons for c in candidates], np.int64),
        appointments=np.array([c.appointments for c in candidates], np.int64),
        max_hours=np.array(
            [
                math.inf if c.max_hours_per_week is None else c.max_hours_per_week
                for c in candidates
            ],
            np.float64,
        ),
        lat=lat,
        lon=np.radians(np.array([c.location.lon for c in candidates], dtype=np.float64)),
        cos_lat=np.cos(lat),
        limit_km=np.array([travel.limit_for(c.transport) for c in candidates], np.float64),
        cert_bits=cert_bits,
        cert_expiry=cert_expiry,
        exp_occupation=_padded([[k[0] for k in r] for r in experiences], width, unknown, np.int64),
        exp_unit=_padded([[k[1] for k in r] for r in experiences], width, unknown, np.int64),
        exp_minor=_padded([[k[2] for k in r] for r in experiences], width, unknown, np.int64),
        exp_years=_padded(
            [[max(0.0, e.years) for e in c.experience] for c in candidates], width, 0.0, np.float64
        ),
        desired_occupation=np.array([k[0] for k in desired], np.int64),
        desired_unit=np.array([k[1] for k in desired], np.int64),
        desired_minor=np.array([k[2] for k in desired], np.int64),
        desired_category=np.array(
            [0 if c.desired_category is None else int(c.desired_category) for c in candidates],
            np.int8,
        ),
        learning_dutch=np.array(
            [c.dutch is None or c.dutch < weights.learning_dutch_below for c in candidates], bool
        ),
        skills=skills.candidate_matrix([c.skills for c in candidates]),
    )


def encode_vacancies(
    vacancies: Sequence[Vacancy],
    skills: SkillIndex,
    certificates: CertificateVocabulary,
    weights: Weights,
    hours_per_dagdeel: float,
) -> VacancyArrays:
    n = len(vacancies)
    required = np.zeros((n, certificates.words), dtype=np.uint64)
    for i, v in enumerate(vacancies):
        if v.required_certificates:
            required[i] = certificates.mask(v.required_certificates)
    keys = [occupation_keys(v.occupation, _UNKNOWN_ON_VACANCY) for v in vacancies]
    lat = np.radians(np.array([v.location.lat for v in vacancies], dtype=np.float64))
    matrix = skills.vacancy_matrix(vacancies)
    return VacancyArrays(
        dutch=np.array([int(v.min_dutch) for v in vacancies], np.int8),
        start=np.array([v.start.toordinal() for v in vacancies], np.int64),
        twv=np.array([v.employer_applies_twv for v in vacancies], bool),
        fixed=np.array([v.fixed_roster for v in vacancies], bool),
        roster=np.array([v.roster for v in vacancies], np.int64),
        dagdelen_needed=np.array(
            [
                0 if v.fixed_roster else dagdelen_needed(v.hours_per_week, hours_per_dagdeel)
                for v in vacancies
            ],
            np.int64,
        ),
        hours=np.array([v.hours_per_week for v in vacancies], np.float64),
        lat=lat,
        lon=np.radians(np.array([v.location.lon for v in vacancies], dtype=np.float64)),
        cos_lat=np.cos(lat),
        required=required,
        unknown_required=np.array(
            [
                sum(code not in certificates.bits for code in v.required_certificates)
                for v in vacancies
            ],
            np.int64,
        ),
        occupation=np.array([k[0] for k in keys], np.int64),
        unit=np.array([k[1] for k in keys], np.int64),
        minor=np.array([k[2] for k in keys], np.int64),
        category=np.array(
            [0 if v.category is None else int(v.category) for v in vacancies], np.int8
        ),
        language_rich=np.array([v.language_rich for v in vacancies], bool),
        employer_experience=np.array(
            [v.employer_status_holder_experience for v in vacancies], bool
        ),
        target_years=np.array(
            [
                v.years_experience if v.years_experience > 0 else weights.experience_full_years
                for v in vacancies
            ],
            np.float64,
        ),
        skills=matrix,
        skills_t=sp.csr_matrix(matrix.T),
    )


def dagdelen_needed(hours_per_week: float, hours_per_dagdeel: float) -> int:
    """Free dagdelen a flexible roster needs: the hours in whole dagdelen, rounded up."""
    return max(0, math.ceil(hours_per_week / hours_per_dagdeel - 1e-9))


@dataclass(frozen=True, slots=True, eq=False)
class Block:
    """The evaluation of a block of pairs; every array has shape ``(candidates, vacancies)``."""

    fails: dict[ExclusionCode, BoolArray]
    """Per requirement except the certificates, where it fails (in :class:`ExclusionCode`
    order)."""
    missing_certificates: UIntArray | None
    """``(candidates, vacancies, words)``: required certificate bits not valid at the start."""
    fixable: IntArray
    """Number of failed fixable requirements (Dutch level counts 1, each certificate 1)."""
    blocked: BoolArray
    """Some requirement that no plan step can fix fails."""
    components: dict[ComponentName, FloatArray]
    score: FloatArray
    distance_km: FloatArray

    @property
    def eligible(self) -> BoolArray:
        result: BoolArray = ~self.blocked & (self.fixable == 0)
        return result

    def near_miss(self, max_steps: int) -> BoolArray:
        result: BoolArray = ~self.blocked & (self.fixable > 0) & (self.fixable <= max_steps)
        return result

    def column(self, j: int) -> Block:
        """The ``(candidates, 1)`` block of vacancy ``j`` alone."""
        cols = slice(j, j + 1)
        return Block(
            fails={code: a[:, cols] for code, a in self.fails.items()},
            missing_certificates=None
            if self.missing_certificates is None
            else self.missing_certificates[:, cols],
            fixable=self.fixable[:, cols],
            blocked=self.blocked[:, cols],
            components={name: a[:, cols] for name, a in self.components.items()},
            score=self.score[:, cols],
            distance_km=self.distance_km[:, cols],
        )


def haversine_km(
    lat1: FloatArray,
    lon1: FloatArray,
    cos1: FloatArray,
    lat2: FloatArray,
    lon2: FloatArray,
    cos2: FloatArray,
) -> FloatArray:
    """Great-circle distance in km between points given in radians (with their cosines)."""
    a = np.sin((lat2 - lat1) * 0.5) ** 2 + cos1 * cos2 * np.sin((lon2 - lon1) * 0.5) ** 2
    result: FloatArray = 2.0 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(a, 1.0)))
    return result


def _occupation_similarity(
    occupation: IntArray,
    unit: IntArray,
    minor: IntArray,
    v: VacancyArrays,
    weights: Weights,
) -> FloatArray:
    """Similarity of candidate occupations (shape ``(nc, 1)``) to the vacancies' (``(1, nv)``)."""
    result: FloatArray = np.where(
        occupation == v.occupation[None, :],
        1.0,
        np.where(
            unit == v.unit[None, :],
            weights.occupation_same_group,
            np.where(minor == v.minor[None, :], weights.occupation_same_minor_group, 0.0),
        ),
    )
    return result


def evaluate(
    c: CandidateArrays,
    v: VacancyArrays,
    raw_skill: FloatArray,
    weights: Weights,
    skill_params: SkillParams,
) -> Block:
    """Evaluate every pair of ``c`` x ``v``; ``raw_skill`` is ``c.skills @ v.skills.T``."""
    shape = (len(c), len(v))
    col = (slice(None), None)  # candidate attribute as a column
    fails: dict[ExclusionCode, BoolArray] = {}

    fails[ExclusionCode.NOT_ALLOWED_TO_WORK] = np.broadcast_to(c.no_permission[col], shape)
    fails[ExclusionCode.STARTS_TOO_EARLY] = ~c.no_permission[col] & (
        v.start[None, :] < c.earliest[col]
    )
    fails[ExclusionCode.NO_TWV] = c.needs_twv[col] & ~v.twv[None, :]
    dutch_fail = (v.dutch[None, :] > 0) & (c.dutch[col] < v.dutch[None, :])
    fails[ExclusionCode.DUTCH_LEVEL] = dutch_fail

    roster = v.roster[None, :]
    fixed = v.fixed[None, :]
    fails[ExclusionCode.ROSTER_UNAVAILABLE] = fixed & ((roster & ~c.availability[col]) != 0)
    fails[ExclusionCode.ROSTER_LESSONS] = fixed & ((roster & c.lessons[col]) != 0)
    fails[ExclusionCode.ROSTER_APPOINTMENTS] = fixed & ((roster & c.appointments[col]) != 0)
    free = c.availability & ~c.lessons & ~c.appointments
    free_in_window = np.bitwise_count(free[col] & roster)
    fails[ExclusionCode.TOO_FEW_DAGDELEN] = ~fixed & (free_in_window < v.dagdelen_needed[None, :])
    fails[ExclusionCode.TOO_MANY_HOURS] = v.hours[None, :] > c.max_hours[col]

    distance = haversine_km(
        c.lat[col], c.lon[col], c.cos_lat[col], v.lat[None, :], v.lon[None, :], v.cos_lat[None, :]
    )
    fails[ExclusionCode.TOO_FAR] = distance > c.limit_km[col]

    blocked = np.zeros(shape, dtype=bool)
    for code, failed in fails.items():
        if not code.fixable:
            blocked |= failed
    fixable = dutch_fail.astype(np.int64) + v.unknown_required[None, :]
    missing: UIntArray | None = None
    if v.required.any():
        missing = _missing_certificates(c, v)
        fixable = fixable + np.bitwise_count(missing).sum(axis=2, dtype=np.int64)

    components = _components(c, v, raw_skill, distance, weights, skill_params)
    score = np.zeros(shape)
    for name, values in components.items():
        score += weights.weight(name) * values
    score = np.round(score / weights.total, 12)
    return Block(
        fails=fails,
        missing_certificates=missing,
        fixable=fixable,
        blocked=blocked,
        components=components,
        score=score,
        distance_km=distance,
    )


def _missing_certificates(c: CandidateArrays, v: VacancyArrays) -> UIntArray:
    """Required certificate bits that the candidate does not hold valid on the start date."""
    nc, nv, words = len(c), len(v), v.required.shape[1]
    missing = np.empty((nc, nv, words), dtype=np.uint64)
    start = v.start[None, :]
    for word in range(words):
        valid = np.zeros((nc, nv), dtype=np.uint64)
        for slot in range(c.cert_bits.shape[1]):
            bits = c.cert_bits[:, slot, word]
            if not bits.any():
                continue
            still_valid = c.cert_expiry[:, slot, None] >= start
            valid |= np.where(still_valid, bits[:, None], np.uint64(0))
        missing[:, :, word] = v.required[None, :, word] & ~valid
    return missing


def _components(
    c: CandidateArrays,
    v: VacancyArrays,
    raw_skill: FloatArray,
    distance: FloatArray,
    weights: Weights,
    skill_params: SkillParams,
) -> dict[ComponentName, FloatArray]:
    col = (slice(None), None)
    shape = (len(c), len(v))
    out: dict[ComponentName, FloatArray] = {}
    active = {name for name in ComponentName if weights.weight(name) > 0}
    if ComponentName.SKILLS in active:
        out[ComponentName.SKILLS] = -np.expm1(-raw_skill / skill_params.evidence_scale)
    if active & {ComponentName.OCCUPATION, ComponentName.EXPERIENCE}:
        best = np.zeros(shape)
        years = np.zeros(shape)
        for j in range(c.exp_occupation.shape[1]):
            similarity = _occupation_similarity(
                c.exp_occupation[:, j, None],
                c.exp_unit[:, j, None],
                c.exp_minor[:, j, None],
                v,
                weights,
            )
            best = np.maximum(best, similarity)
            years = np.maximum(years, similarity * c.exp_years[:, j, None])
        if ComponentName.OCCUPATION in active:
            out[ComponentName.OCCUPATION] = best
        if ComponentName.EXPERIENCE in active:
            out[ComponentName.EXPERIENCE] = np.minimum(1.0, years / v.target_years[None, :])
    if ComponentName.DESIRED_OCCUPATION in active:
        out[ComponentName.DESIRED_OCCUPATION] = _occupation_similarity(
            c.desired_occupation[col], c.desired_unit[col], c.desired_minor[col], v, weights
        )
    if ComponentName.DESIRED_CATEGORY in active:
        wish = c.desired_category[col].astype(np.float64)
        offer = v.category[None, :].astype(np.float64)
        out[ComponentName.DESIRED_CATEGORY] = np.where(
            (wish > 0) & (offer > 0), 1.0 - np.abs(wish - offer) / 2.0, 0.0
        )
    if ComponentName.LANGUAGE_RICH in active:
        out[ComponentName.LANGUAGE_RICH] = (
            c.learning_dutch[col] & v.language_rich[None, :]
        ).astype(np.float64)
    if ComponentName.EMPLOYER_EXPERIENCE in active:
        out[ComponentName.EMPLOYER_EXPERIENCE] = np.broadcast_to(
            v.employer_experience[None, :].astype(np.float64), shape
        )
    if ComponentName.DISTANCE in active:
        limit = c.limit_km[col]
        out[ComponentName.DISTANCE] = np.where(
            limit > 0, np.clip(1.0 - distance / np.where(limit > 0, limit, 1.0), 0.0, 1.0), 0.0
        )
    for name in active:
        out[name] = np.broadcast_to(out[name], shape)
    return out


def top_k(scores: FloatArray, mask: BoolArray, k: int) -> tuple[IntArray, FloatArray]:
    """Best ``k`` columns per row among ``mask``: score descending, then column ascending.

    Columns are in id order (the matcher sorts its fitted data by id), so ties go to the lower
    id. Returns ``(indices, scores)`` of shape ``(rows, k)``, padded with ``-1`` / ``nan``.
    """
    rows, cols = scores.shape
    indices = np.full((rows, k), -1, dtype=np.int64)
    best = np.full((rows, k), np.nan)
    if k <= 0 or cols == 0:
        return indices, best
    masked = np.where(mask, scores, -np.inf)
    if cols > k:
        kth = np.partition(masked, cols - k, axis=1)[:, cols - k]
        selected = mask & (masked >= kth[:, None])
    else:
        selected = mask
    row_of, col_of = np.nonzero(selected)
    values = masked[row_of, col_of]
    order = np.lexsort((col_of, -values, row_of))
    row_of, col_of, values = row_of[order], col_of[order], values[order]
    starts = np.searchsorted(row_of, np.arange(rows))
    position = np.arange(row_of.size) - starts[row_of]
    keep = position < k
    indices[row_of[keep], position[keep]] = col_of[keep]
    best[row_of[keep], position[keep]] = values[keep]
    return indices, best


__all__ = [
    "Block",
    "CandidateArrays",
    "CertificateVocabulary",
    "VacancyArrays",
    "dagdelen_needed",
    "encode_candidates",
    "encode_vacancies",
    "evaluate",
    "haversine_km",
    "occupation_key",
    "top_k",
]
