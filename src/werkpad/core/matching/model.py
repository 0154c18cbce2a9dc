"""Plain input data of the matching core: candidates and vacancies.

The Django adapter maps participants and vacancies to these frozen values; nothing here knows
about the database. Conventions:

* Week schedules (availability, lessons, fixed appointments, rosters) are 21-bit dagdeel masks
  as defined in :mod:`werkpad.core.schedule` (bit ``day * 3 + part``, Monday morning is bit 0).
* Occupations and skills are ESCO URIs; an occupation also carries its 4-digit ISCO-08 code so
  that the core needs no taxonomy at ranking time (see :func:`werkpad.core.matching.esco`).
* Dates are plain :class:`datetime.date` values; coordinates are WGS84 degrees.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum, StrEnum

from werkpad.core.i18n import Message
from werkpad.core.schedule import FULL_WEEK

__all__ = [
    "Candidate",
    "Certificate",
    "DutchLevel",
    "Experience",
    "OccupationRef",
    "Point",
    "SelfDevelopment",
    "TransportMode",
    "Vacancy",
    "WorkPermission",
]


class DutchLevel(IntEnum):
    """CEFR level of Dutch; ``A0`` means no functional Dutch (as registered at intake)."""

    A0 = 0
    A1 = 1
    A2 = 2
    B1 = 3
    B2 = 4
    C1 = 5
    C2 = 6


class TransportMode(StrEnum):
    """How a candidate can travel to work. Walking is always possible and need not be listed."""

    WALKING = "walking"
    BICYCLE = "bicycle"
    PUBLIC_TRANSPORT = "public_transport"
    CAR = "car"


class SelfDevelopment(IntEnum):
    """Job categories by self-development (RULES.md section 5)."""

    MINIMAL = 1
    """Minimale zelfontwikkelingskansen: quick start, Dutch work experience."""
    SOME = 2
    """Enige zelfontwikkelingskansen: some link to interests, language, social contact."""
    STRONG = 3
    """Sterke zelfontwikkelingskansen: own or desired field, longer voortraject."""


@dataclass(frozen=True, slots=True)
class Point:
    """A WGS84 position in degrees (the address, or the municipality centroid when unknown)."""

    lat: float
    lon: float

    def __post_init__(self) -> None:
        if not (-90.0 <= self.lat <= 90.0 and -180.0 <= self.lon <= 180.0):
            raise ValueError(f"not a WGS84 position: {self.lat}, {self.lon}")


@dataclass(frozen=True, slots=True)
class OccupationRef:
    """An ESCO occupation by URI, with its 4-digit ISCO-08 unit group code (``"9412"``).

    ``isco_group`` may be empty when unknown; a shorter code (``"941"``) is used as far as it goes.
    """

    uri: str
    isco_group: str = ""


@dataclass(frozen=True, slots=True)
class Experience:
    """Work experience: an occupation and the years spent in it (in any country)."""

    occupation: OccupationRef
    years: float = 0.0


@dataclass(frozen=True, slots=True)
class Certificate:
    """A certificate or licence the candidate holds, by a code shared with vacancies.

    Codes are free strings agreed between the adapter and the vacancy form, e.g. ``"VCA"``,
    ``"BHV"``, ``"rijbewijs-B"``, ``"BIG"``, ``"diplomawaardering"``. ``expires`` is the last day
    on which it is valid (``None``: does not expire).
    """

    code: str
    expires: date | None = None

    def valid_on(self, day: date) -> bool:
        return self.expires is None or day <= self.expires


@dataclass(frozen=True, slots=True)
class WorkPermission:
    """Whether and from when the candidate may work, as worked out by the rules engine.

    ``earliest_start`` is the first day the candidate may start a job (``None``: may not work, or
    unknown); ``needs_twv`` says the employer must apply for a work permit (TWV), in which case
    ``earliest_start`` already includes the TWV lead time. ``reason`` is the rules engine's own
    sentence, shown when the candidate may not work.
    """

    earliest_start: date | None
    needs_twv: bool = False
    reason: Message | None = None

    @classmethod
    def free(cls) -> WorkPermission:
        """Free access to the labour market (status holders, EU citizens)."""
        return cls(earliest_start=date.min)


def _check_mask(name: str, mask: int) -> None:
    if not 0 <= mask <= FULL_WEEK:
        raise ValueError(f"{name} must be a 21-bit dagdeel mask, got {mask}")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A participant as the matching core sees them.

    ``availability`` holds the dagdelen the candidate says they can work; ``lessons`` (inburgering
    or other classes) and ``appointments`` (weekly meldplicht and other fixed appointments that
    recur every week) are taken out of it, see :attr:`free`. ``dutch`` is the level to compare with
    vacancy requirements: the adapter passes the lower of spoken and written, ``None`` when unknown
    (an unknown level fails every Dutch requirement above A0). ``transport`` lists the modes the
    candidate can use to get to work (``CAR`` only with a licence and a car); walking is implied.
    ``skills`` are ESCO skill URIs.
    """

    id: str
    location: Point
    permission: WorkPermission
    availability: int
    lessons: int = 0
    appointments: int = 0
    max_hours_per_week: float | None = None
    dutch: DutchLevel | None = None
    certificates: tuple[Certificate, ...] = ()
    transport: frozenset[TransportMode] = field(default_factory=frozenset)
    skills: frozenset[str] = field(default_factory=frozenset)
    experience: tuple[Experience, ...] = ()
    desired_occupation: OccupationRef | None = None
    desired_category: SelfDevelopment | None = None

    def __post_init__(self) -> None:
        _check_mask("availability", self.availability)
        _check_mask("lessons", self.lessons)
        _check_mask("appointments", self.appointments)

    @property
    def free(self) -> int:
        """Dagdelen the candidate is available and has no lesson or fixed appointment."""
        return self.availability & ~self.lessons & ~self.appointments & FULL_WEEK


@dataclass(frozen=True, slots=True)
class Vacancy:
    """A vacancy as the matching core sees it.

    With ``fixed_roster`` the job is worked in exactly the dagdelen of ``roster``. Otherwise the
    roster is flexible: ``hours_per_week`` are planned within the dagdelen of ``roster`` (its
    working window, e.g. :data:`werkpad.core.schedule.WORKDAY_DAYTIME`), as many dagdelen as the
    hours need (see :class:`werkpad.core.matching.Matcher`, ``hours_per_dagdeel``).
    ``employer_applies_twv`` says the employer is willing to apply for a TWV; ``years_experience``
    is the experience in the occupation the employer hopes for (0: none asked).
    """

    id: str
    location: Point
    start: date
    hours_per_week: float
    roster: int
    fixed_roster: bool = True
    occupation: OccupationRef | None = None
    essential_skills: frozenset[str] = field(default_factory=frozenset)
    optional_skills: frozenset[str] = field(default_factory=frozenset)
    min_dutch: DutchLevel = DutchLevel.A0
    required_certificates: frozenset[str] = field(default_factory=frozenset)
    employer_applies_twv: bool = False
    category: SelfDevelopment | None = None
    language_rich: bool = False
    employer_status_holder_experience: bool = False
    years_experience: float = 0.0

    def __post_init__(self) -> None:
        _check_mask("roster", self.roster)
        if self.hours_per_week < 0:
            raise ValueError("hours_per_week must not be negative")
