"""Plain builders for matching tests: defaults that pass every hard requirement."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date
from typing import Any

from werkpad.core.matching import (
    Candidate,
    Certificate,
    DutchLevel,
    ExclusionCode,
    Point,
    TransportMode,
    TravelLimits,
    Vacancy,
    WorkPermission,
)
from werkpad.core.schedule import FULL_WEEK, mask_of

UTRECHT = Point(52.0907, 5.1214)
AMSTERDAM = Point(52.3676, 4.9041)
START = date(2026, 3, 2)
MON_WED_MORNING = mask_of([(0, 0), (2, 0)])

_CANDIDATE = Candidate(
    id="c1",
    location=UTRECHT,
    permission=WorkPermission.free(),
    availability=FULL_WEEK,
    dutch=DutchLevel.B1,
)
_VACANCY = Vacancy(
    id="v1",
    location=UTRECHT,
    start=START,
    hours_per_week=8,
    roster=MON_WED_MORNING,
)


def candidate(**changes: Any) -> Candidate:
    return replace(_CANDIDATE, **changes)


def vacancy(**changes: Any) -> Vacancy:
    return replace(_VACANCY, **changes)


def haversine(a: Point, b: Point) -> float:
    """Textbook haversine in km, written independently of the engine."""
    radius = 6371.0088
    phi1, phi2 = math.radians(a.lat), math.radians(b.lat)
    dphi = phi2 - phi1
    dlmb = math.radians(b.lon - a.lon)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * radius * math.asin(min(1.0, math.sqrt(h)))


def failed_requirements(
    c: Candidate,
    v: Vacancy,
    travel: TravelLimits | None = None,
    hours_per_dagdeel: float = 4.0,
) -> list[ExclusionCode]:
    """A straightforward per-pair checker of every hard requirement (one entry per failure;
    one certificate entry per missing or expired certificate)."""
    travel = travel or TravelLimits()
    failed: list[ExclusionCode] = []
    earliest = c.permission.earliest_start
    if earliest is None:
        failed.append(ExclusionCode.NOT_ALLOWED_TO_WORK)
    elif v.start < earliest:
        failed.append(ExclusionCode.STARTS_TOO_EARLY)
    if c.permission.needs_twv and not v.employer_applies_twv:
        failed.append(ExclusionCode.NO_TWV)
    if v.min_dutch > DutchLevel.A0 and (c.dutch is None or c.dutch < v.min_dutch):
        failed.append(ExclusionCode.DUTCH_LEVEL)
    for code in sorted(v.required_certificates):
        held = [cert for cert in c.certificates if cert.code == code]
        if not held:
            failed.append(ExclusionCode.CERTIFICATE_MISSING)
        elif not any(cert.expires is None or cert.expires >= v.start for cert in held):
            failed.append(ExclusionCode.CERTIFICATE_EXPIRED)
    if v.fixed_roster:
        clashes: set[ExclusionCode] = set()
        for day in range(7):
            for part in range(3):
                if not v.roster >> (day * 3 + part) & 1:
                    continue
                if not c.availability >> (day * 3 + part) & 1:
                    clashes.add(ExclusionCode.ROSTER_UNAVAILABLE)
                if c.lessons >> (day * 3 + part) & 1:
                    clashes.add(ExclusionCode.ROSTER_LESSONS)
                if c.appointments >> (day * 3 + part) & 1:
                    clashes.add(ExclusionCode.ROSTER_APPOINTMENTS)
        failed.extend(sorted(clashes))
    else:
        free = 0
        for bit in range(21):
            busy = (c.lessons | c.appointments) >> bit & 1
            if v.roster >> bit & 1 and c.availability >> bit & 1 and not busy:
                free += 1
        if free * hours_per_dagdeel < v.hours_per_week - 1e-9:
            failed.append(ExclusionCode.TOO_FEW_DAGDELEN)
    if c.max_hours_per_week is not None and v.hours_per_week > c.max_hours_per_week:
        failed.append(ExclusionCode.TOO_MANY_HOURS)
    limit = max([travel.walking, *(getattr(travel, m.value) for m in c.transport)])
    if haversine(c.location, v.location) > limit:
        failed.append(ExclusionCode.TOO_FAR)
    return failed


def certificate(code: str, expires: date | None = None) -> Certificate:
    return Certificate(code, expires)


__all__ = [
    "AMSTERDAM",
    "MON_WED_MORNING",
    "START",
    "UTRECHT",
    "TransportMode",
    "candidate",
    "certificate",
    "failed_requirements",
    "haversine",
    "vacancy",
]
