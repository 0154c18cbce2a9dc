"""From Werkpad's records to the matching core's plain values: mapping only, no scoring.

* :func:`candidate_from_participant` -- a :class:`~werkpad.participants.models.Participant` as a
  core :class:`~werkpad.core.matching.Candidate`;
* :func:`vacancy_from_record` -- an employers :class:`~werkpad.employers.models.Vacancy` as a
  core :class:`~werkpad.core.matching.Vacancy`;
* :func:`region_of` -- a country of origin as a region, for the fairness report.

Conventions (documented here because they are choices):

* **Dutch level**: the lower of spoken and written where both are registered, the one registered
  otherwise, ``None`` (fails every requirement above A0) when neither is.
* **Location**: the participant's municipality centroid, else that of their COA location's or
  their organisation's municipality; a vacancy's workplace coordinates, else its municipality,
  else the employer organisation's municipality. ``None`` when none is known: such a record is
  left out of the ranking and the page says so (a distance cannot be guessed).
* **Occupations**: the record's ESCO URI when the taxonomy knows it; otherwise the typed text is
  looked up in the occupation search and used only when the best hit is a clear one.
* **Skills**: a candidate's skills are the essential skills of the occupations they worked in; a
  vacancy's skills are its occupation's essential and optional skills.
* **Certificates**: codes shared by both sides (``"VCA"``, ``"BHV"``, ``"rijbewijs-B"``, ...),
  see :data:`CERTIFICATE_CODES`; a driving licence of category C, D or E implies B.
* **Start date**: a vacancy without a start date (or with one in the past) is taken to start
  :data:`OPEN_START_DAYS` days from today: about the practical TWV term (RULES.md section 1),
  so that asylum seekers are not excluded from jobs that can wait for the permit.
* **Right to work**: from the rules engine (:func:`werkpad.eligibility.adapters.work_window_for`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_noop

from werkpad.core.i18n import msg
from werkpad.core.matching import (
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
from werkpad.core.matching.esco import occupation_ref, occupation_skills
from werkpad.core.rules import Outcome
from werkpad.core.schedule import mask_of
from werkpad.eligibility.adapters import work_window_for
from werkpad.participants import codes

if TYPE_CHECKING:
    from werkpad.employers.models import Vacancy as VacancyRecord
    from werkpad.participants.models import Participant

    from .taxonomy import TaxonomyBundle

OPEN_START_DAYS = 63

_DUTCH = {level.name: level for level in DutchLevel}
_CATEGORY = {
    "minimal": SelfDevelopment.MINIMAL,
    "some": SelfDevelopment.SOME,
    "strong": SelfDevelopment.STRONG,
}

#: Certificate kind (participants ``CertificateKind``) -> the code both sides share. A driving
#: licence gets its category appended (``rijbewijs-B``).
CERTIFICATE_CODES = {
    "vca": "VCA",
    "bhv": "BHV",
    "driving_licence": "rijbewijs",
    "diploma": "diploma",
    "big": "BIG",
    "forklift": "heftruckcertificaat",
    "hygiene": "HACCP",
    "other": "certificaat",
}
_IMPLIES_B = ("C", "D", "E")


def _licence_codes(categories: str) -> set[str]:
    codes = {CERTIFICATE_CODES["driving_licence"]}
    for category in re.split(r"[\s,;/]+", categories.upper()):
        if category:
            codes.add(f"rijbewijs-{category}")
            if category.startswith(_IMPLIES_B):
                codes.add("rijbewijs-B")
    return codes


def certificate_codes(kind: str, detail: str = "") -> set[str]:
    """The shared codes of one certificate (a driving licence gives one per category)."""
    if kind == "driving_licence":
        return _licence_codes(detail) if detail.strip() else {CERTIFICATE_CODES[kind]}
    return {CERTIFICATE_CODES.get(kind, kind)}


def required_code(item: dict[str, Any]) -> str:
    """The one code a vacancy's required certificate (``{"kind", "detail"}``) asks for."""
    kind = str(item.get("kind", ""))
    detail = str(item.get("detail", "")).strip().upper()
    if kind == "driving_licence" and detail:
        return f"rijbewijs-{detail.split()[0].strip(',;')}"
    return CERTIFICATE_CODES.get(kind, kind)


# --- participant -> Candidate ---------------------------------------------------------------------


def _point(lat: float | None, lon: float | None) -> Point | None:
    if lat is None or lon is None:
        return None
    try:
        return Point(float(lat), float(lon))
    except ValueError:
        return None


def _municipality_point(municipality: Any) -> Point | None:
    if municipality is None:
        return None
    return _point(municipality.latitude, municipality.longitude)


def participant_location(p: Participant) -> Point | None:
    for municipality in (
        p.municipality,
        p.coa_location.municipality if p.coa_location_id else None,
        p.organisation.municipality if p.organisation_id else None,
    ):
        point = _municipality_point(municipality)
        if point is not None:
            return point
    return None


def dutch_level(p: Participant) -> DutchLevel | None:
    levels = [_DUTCH[v] for v in (p.dutch_spoken, p.dutch_written) if v in _DUTCH]
    return min(levels) if levels else None


def permission(p: Participant, on: date) -> WorkPermission:
    """The right to work from the rules engine, as the matcher needs it."""
    window = work_window_for(p, on)
    if window.outcome in (Outcome.MAY_WORK, Outcome.MAY_WORK_FROM) and window.earliest_start:
        return WorkPermission(window.earliest_start, needs_twv=bool(window.needs_twv))
    if window.outcome is Outcome.MAY_NOT:
        reason = msg(gettext_noop("The rules say this person may not work yet"))
    else:
        reason = msg(
            gettext_noop("Whether this person may work is unknown: the file lacks data for it")
        )
    return WorkPermission(None, needs_twv=bool(window.needs_twv), reason=reason)


def _transport(p: Participant, certificates: Iterable[Certificate]) -> frozenset[TransportMode]:
    modes: set[TransportMode] = set()
    if p.has_bicycle:
        modes.add(TransportMode.BICYCLE)
    if p.uses_public_transport:
        modes.add(TransportMode.PUBLIC_TRANSPORT)
    has_licence = "B" in p.driving_licence.upper() or any(
        c.code == "rijbewijs-B" for c in certificates
    )
    if p.has_car and has_licence:
        modes.add(TransportMode.CAR)
    return frozenset(modes)


def candidate_from_participant(
    p: Participant, bundle: TaxonomyBundle, on: date
) -> Candidate | None:
    """``p`` as a core :class:`Candidate` (``None`` when no location is known).

    Uses ``p.experiences``, ``p.certificates`` and ``p.appointments``: prefetch them for lists.
    """
    location = participant_location(p)
    if location is None:
        return None
    taxonomy = bundle.taxonomy
    certificates: list[Certificate] = []
    for c in p.certificates.all():
        for code in certificate_codes(c.kind, c.detail):
            certificates.append(Certificate(code, c.expires_on))
    if p.driving_licence.strip():
        known = {c.code for c in certificates}
        certificates += [
            Certificate(code) for code in _licence_codes(p.driving_licence) if code not in known
        ]
    experience: list[Experience] = []
    skills: set[str] = set()
    for e in p.experiences.all():
        uri = bundle.resolve(e.occupation_uri, e.occupation)
        if uri is None:
            continue
        experience.append(Experience(occupation_ref(taxonomy, uri), float(e.years or 0)))
        skills.update(taxonomy.essential_skills.get(uri, ()))
    # Skills from the story count only once a coach has confirmed them.
    skills.update(
        s.skill_uri
        for s in p.skill_suggestions.all()
        if s.status == "confirmed" and s.skill_uri in taxonomy.skills
    )
    desired_uri = bundle.resolve(p.desired_occupation_uri, p.desired_occupation)
    appointments = mask_of((a.weekday, a.dagdeel) for a in p.appointments.all())
    return Candidate(
        id=str(p.public_id),
        location=location,
        permission=permission(p, on),
        availability=p.availability_mask,
        lessons=p.lesson_mask,
        appointments=appointments,
        max_hours_per_week=float(p.max_hours_per_week) if p.max_hours_per_week else None,
        dutch=dutch_level(p),
        certificates=tuple(certificates),
        transport=_transport(p, certificates),
        skills=frozenset(skills),
        experience=tuple(experience),
        desired_occupation=occupation_ref(taxonomy, desired_uri) if desired_uri else None,
        desired_category=_CATEGORY.get(p.desired_self_development),
    )


# --- vacancy -> Vacancy ---------------------------------------------------------------------------


def vacancy_location(v: VacancyRecord) -> Point | None:
    location = v.location
    if location is not None:
        point = _point(location.latitude, location.longitude) or _municipality_point(
            location.municipality
        )
        if point is not None:
            return point
    return _municipality_point(v.employer.organisation.municipality)


def vacancy_from_record(v: VacancyRecord, bundle: TaxonomyBundle, on: date) -> Vacancy | None:
    """``v`` as a core :class:`Vacancy` (``None`` when no location is known)."""
    location = vacancy_location(v)
    if location is None:
        return None
    taxonomy = bundle.taxonomy
    uri = bundle.resolve(v.occupation_uri, v.occupation)
    occupation: OccupationRef | None = None
    essential: frozenset[str] = frozenset()
    optional: frozenset[str] = frozenset()
    if uri is not None:
        occupation = occupation_ref(taxonomy, uri)
        essential, optional = occupation_skills(taxonomy, uri)
    start = v.start_date if v.start_date and v.start_date >= on else None
    return Vacancy(
        id=str(v.pk),
        location=location,
        start=start or on + timedelta(days=OPEN_START_DAYS),
        hours_per_week=float(v.hours_per_week or 0),
        roster=v.roster_mask,
        fixed_roster=not v.roster_flexible,
        occupation=occupation,
        essential_skills=essential,
        optional_skills=optional,
        min_dutch=_DUTCH.get(v.dutch_level, DutchLevel.A0),
        required_certificates=frozenset(
            required_code(item) for item in v.required_certificates or [] if isinstance(item, dict)
        ),
        employer_applies_twv=v.twv_willing,
        category=_CATEGORY.get(v.self_development),
        language_rich=v.language_rich,
        employer_status_holder_experience=bool(v.employer.experience_with_status_holders),
    )


# --- region of origin (fairness report) ----------------------------------------------------------

#: Region keys of the fairness report, in display order (from participants/data/regions_of_origin.toml).
REGIONS = codes.regions()


def region_of(country: str) -> str:
    """The region key of a registered country of origin (an ISO code, see
    ``participants.codes``): ``"unknown"`` when empty, ``"other"`` when not grouped. An old
    free-text value that was not migrated to a code is read by its name when it can be."""
    if country and not codes.is_country(country):
        code = codes.country_code(country)
        country = country if code is None else code
    return codes.region_of(country)
