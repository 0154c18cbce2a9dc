"""A deterministic synthetic population of newcomers, calibrated on the published tables.

Pure Python: no database, no Faker, no files outside the package. ``generate(size, seed, today)``
returns the same people for the same arguments.

Calibration. Categorical attributes are not drawn independently per person: for each attribute the
exact number of people per value follows from the target shares (largest-remainder quotas), and the
values are handed out person by person from that pool. A person may weigh values (an asylum seeker
is more likely to be A0, a woman more likely to live alone with children) or exclude them (an
asylum seeker has no residence permit date), which adds realistic correlations while the marginal
shares stay on target even for small sizes.

Targets: [003] Bijlage 1 Tabel 1 (all participants) and Tabel 2; [002] Figuur 6.4 (countries).
Mappings onto Werkpad's value lists:

- education [003] → Werkpad: geen → none; primair/middelbaar → primary (35 %) or low (65 %);
  beroepsopleiding → middle; theoretische opleiding → high; onbekend → unknown.
- inburgering route "overig" (2.8 % in [003]) and uitkering "overig" (1.5 %) → unknown.
- "meer dan 3" children → 4 to 6.
"""

from __future__ import annotations

import random
import unicodedata
import uuid
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from werkpad.core import schedule

from . import data

# ---------------------------------------------------------------------------------------------
# Target shares (percent). Keys are Werkpad values; "" / None mean unknown.

GENDER = {"man": 67.5, "woman": 31.8, "": 0.7}
AGE_BAND = {"": 1.3, "<25": 15.5, "25-45": 63.8, "45-65": 19.3, "65+": 0.2}
EDUCATION_003 = {
    "": 12.9,
    "geen": 7.6,
    "primair_middelbaar": 46.3,
    "beroeps": 9.1,
    "theoretisch": 24.1,
}
PERMIT_BAND = {"": 27.7, "2018-21": 13.0, "2022+": 59.3}
JOB_AT_INTAKE = {"": 0.3, "none": 81.9, "prospect": 11.5, "had_job": 6.1}
DUTCH = {"": 0.5, "A0": 54.0, "A1": 15.7, "A2": 24.7, "B1": 4.8, "B2": 0.2}
ENGLISH = {None: 6.9, False: 57.3, True: 35.6}
HOUSEHOLD = {
    "": 22.6,
    "alone": 35.9,
    "single_parent": 3.6,
    "partner": 5.8,
    "partner_children": 25.5,
    "other": 6.6,
}
CHILDREN = {None: 2.8, 0: 63.4, 1: 8.6, 2: 10.7, 3: 7.1, 4: 7.4}  # 4 = "more than 3"
RESIDENCE = {"": 2.5, "home": 85.2, "tussenopvang": 1.3, "azc": 11.0}
TRANSPORT = {"bicycle": 35.9, "car": 4.8, "public_transport": 59.4}
ROUTE = {"": 10.2, "b1": 56.8, "z": 32.0, "education": 1.0}
INBURGERING_STATUS = {"": 4.9, "not_started": 9.7, "started": 84.2, "completed": 1.2}
INBURGERING_START_KNOWN = {True: 81.4, False: 18.6}
BENEFIT = {None: 8.6, False: 23.2, True: 68.2}
# [003] Tabel 2: status at the peildatum (n of 607).
STATUS = {
    "unknown": 131,
    "needs_pretrajectory": 41,
    "in_pretrajectory": 103,
    "mediation": 39,
    "startbaan": 191,
    "on_hold": 6,
    "dropout": 45,
    "ended": 51,
}
# [001]: wanted category minimal 3, some 14, strong 3 (of 20); a fifth has not chosen yet.
SELF_DEVELOPMENT = {"": 20, "minimal": 12, "some": 56, "strong": 12}

PIPELINE = ("unknown", "needs_pretrajectory", "in_pretrajectory", "mediation", "startbaan")
EDUCATION_GROUP = {"": "low", "none": "low", "primary": "low", "low": "low"}
EDUCATION_GROUP |= {"middle": "middle", "high": "high"}
ASYLUM_PHASES = ("asylum_seeker", "status_holder_azc")


# ---------------------------------------------------------------------------------------------
# Specs: plain data, mapped onto models by ``werkpad.demo.seed``.


@dataclass
class ExperienceSpec:
    occupation: str
    occupation_uri: str
    years: float
    sector: str
    country: str


@dataclass
class CertificateSpec:
    kind: str
    detail: str
    expires_on: date | None


@dataclass
class DiplomaSpec:
    title: str
    level: str
    country: str
    valuation: str


@dataclass
class AppointmentSpec:
    weekday: int
    dagdeel: int
    description: str


@dataclass
class StatusStep:
    status: str
    date: date
    reason: str = ""  # free-text explanation
    reason_code: str = ""  # participants.choices.StatusReason value, for on hold and drop-out


@dataclass
class ParticipantSpec:
    index: int
    public_id: uuid.UUID
    number: str
    first_name: str
    last_name: str
    gender: str
    birth_date: date | None
    country_of_origin: str
    nationality: str
    mother_tongue: str
    contact_language: str
    email: str
    phase: str
    arrival_date: date | None
    asylum_application_date: date | None
    status_decision_date: date | None
    residence_permit_date: date | None
    intake_date: date
    dutch_spoken: str
    dutch_written: str
    speaks_english: bool | None
    english_level: str
    education: str
    diploma_valuation: str
    job_at_intake: str
    desired_occupation: str
    desired_occupation_uri: str
    desired_self_development: str
    household: str
    children_count: int | None
    childcare_need: bool | None
    residence: str
    municipality_code: str
    postcode: str
    has_bicycle: bool
    has_car: bool
    uses_public_transport: bool
    driving_licence: str
    inburgering_route: str
    inburgering_status: str
    inburgering_start_date: date | None
    lesson_mask: int
    lesson_hours_per_week: float | None
    has_benefit: bool | None
    w_document_expiry: date | None
    bsn_status: str
    bsn_requested_date: date | None
    bsn_received_date: date | None
    availability_mask: int
    max_hours_per_week: int | None
    status: str
    organisation_key: str
    second_organisation_key: str = ""
    second_coach_role: str = ""
    consents: list[tuple[str, str, date, bool]] = field(default_factory=list)
    # (scope, recipient organisation key or "", given on, withdrawn)
    languages: list[tuple[str, str]] = field(default_factory=list)
    diplomas: list[DiplomaSpec] = field(default_factory=list)
    experiences: list[ExperienceSpec] = field(default_factory=list)
    certificates: list[CertificateSpec] = field(default_factory=list)
    appointments: list[AppointmentSpec] = field(default_factory=list)
    history: list[StatusStep] = field(default_factory=list)
    # "trial": the municipal population calibrated on [003] Tabel 1 and 2; "coa": the residents of
    # the COA locations in the jobhunting pilot, after [001] and [004].
    cohort: str = "trial"


# ---------------------------------------------------------------------------------------------
# Quota allocation.


def quotas(shares: dict[Any, float], n: int) -> dict[Any, int]:
    """Exact counts per value for ``n`` people (largest remainder; ties by order of the keys)."""
    total = sum(shares.values())
    raw = {k: v * n / total for k, v in shares.items()}
    counts = {k: int(r) for k, r in raw.items()}
    rest = n - sum(counts.values())
    order = sorted(shares, key=lambda k: raw[k] - counts[k], reverse=True)
    for k in order[:rest]:
        counts[k] += 1
    return counts


Weigher = Callable[[int, Any], float]


def allocate(
    rng: random.Random,
    n: int,
    shares: dict[Any, float],
    weigh: Weigher | None = None,
    hard: Callable[[int], bool] | None = None,
) -> list[Any]:
    """Hand out the quota pool of ``shares`` to people ``0..n-1``.

    ``weigh(i, value)`` multiplies the chance of ``value`` for person ``i`` (0 excludes it).
    People for whom ``hard(i)`` is true choose first, so that their constraints can be met from
    the pool; if the pool has run out of everything they may take, they take the most likely
    allowed value anyway and one unit of the largest other value is removed to keep ``n``.
    """
    counts = quotas(shares, n)
    keys = list(shares)
    order = list(range(n))
    rng.shuffle(order)
    if hard is not None:
        order.sort(key=lambda i: not hard(i))  # stable: constrained first, random within
    out: list[Any] = [None] * n
    for i in order:
        weights = [counts[k] * (weigh(i, k) if weigh else 1.0) for k in keys]
        total = sum(weights)
        if total <= 0:
            allowed = [shares[k] * (weigh(i, k) if weigh else 1.0) for k in keys]
            value = rng.choices(keys, weights=allowed)[0] if sum(allowed) > 0 else keys[0]
            donor = max(keys, key=lambda k: counts[k])
            if counts[donor] > 0:
                counts[donor] -= 1
        else:
            value = rng.choices(keys, weights=weights)[0]
            counts[value] -= 1
        out[i] = value
    return out


def _weighted(rng: random.Random, options: Sequence[tuple[Hashable, float]]) -> Any:
    return rng.choices([o for o, _w in options], weights=[w for _o, w in options])[0]


def _day_between(rng: random.Random, start: date, end: date) -> date:
    if end <= start:
        return start
    return start + timedelta(days=rng.randint(0, (end - start).days))


def _ascii(text: str) -> str:
    norm = unicodedata.normalize("NFKD", text)
    return "".join(c for c in norm if c.isascii() and (c.isalnum() or c in "-")).lower()


# ---------------------------------------------------------------------------------------------
# The generator.


def generate(size: int = 300, seed: int = 2025, today: date | None = None) -> list[ParticipantSpec]:
    """``size`` synthetic participants; the same arguments give the same people."""
    if size < 0:
        raise ValueError("size must be zero or more")
    today = today or date.today()  # noqa: DTZ011 - a calendar day, not an instant
    rng = random.Random(seed)
    # A quarter of the demo lives at the COA locations (seeds [001] and [004]); the rest is the
    # municipal population of the startbaan trials, calibrated on [003] Tabel 1 and 2.
    coa_n = round(size * COA_SHARE) if size >= 4 else 0
    n = size - coa_n
    if size == 0:
        return []

    # Origin first: it decides names, languages and the Ukrainian exception.
    origin_shares = {o.country: float(o.weight) for o in data.ORIGINS}
    by_country = {o.country: o for o in data.ORIGINS}
    countries = allocate(rng, n, origin_shares)
    origins: list[data.Origin] = [
        rng.choice(data.OTHER_COUNTRIES) if c == "__other__" else by_country[c] for c in countries
    ]
    ukrainian = [o.country == "UA" for o in origins]

    # Residence and phase.
    residence = allocate(
        rng,
        n,
        RESIDENCE,
        weigh=lambda i, v: 0.0 if ukrainian[i] and v in ("azc", "tussenopvang") else 1.0,
        hard=lambda i: ukrainian[i],
    )
    phase: list[str] = []
    for i in range(n):
        if ukrainian[i]:
            phase.append("temporary_protection")
        elif residence[i] == "azc":
            phase.append("asylum_seeker" if rng.random() < 0.55 else "status_holder_azc")
        else:
            phase.append("inburgering")  # refined below from the inburgering status
    asylum = [p == "asylum_seeker" for p in phase]
    in_azc = [p in ASYLUM_PHASES for p in phase]
    no_permit = [asylum[i] or ukrainian[i] for i in range(n)]

    gender = allocate(rng, n, GENDER)
    age_band = allocate(rng, n, AGE_BAND)

    def edu_weight(i: int, v: str) -> float:
        country = origins[i].country
        if country == "ER":
            return {"geen": 2.0, "theoretisch": 0.4}.get(v, 1.0)
        if country in ("SY", "IR"):
            return {"theoretisch": 1.4, "geen": 0.6}.get(v, 1.0)
        if country == "UA":
            return {"theoretisch": 2.5, "beroeps": 1.5, "geen": 0.05}.get(v, 1.0)
        return 1.0

    edu003 = allocate(rng, n, EDUCATION_003, weigh=edu_weight)
    education = [
        {"": "", "geen": "none", "beroeps": "middle", "theoretisch": "high"}.get(e)
        or ("primary" if rng.random() < 0.35 else "low")
        for e in edu003
    ]

    def permit_weight(i: int, v: str) -> float:
        if no_permit[i]:
            return 1.0 if v == "" else 0.0
        if phase[i] == "status_holder_azc":
            return 1.0 if v == "2022+" else 0.0
        return 1.0

    permit_band = allocate(
        rng,
        n,
        PERMIT_BAND,
        weigh=permit_weight,
        hard=lambda i: no_permit[i] or phase[i] == "status_holder_azc",
    )

    def dutch_weight(i: int, v: str) -> float:
        w = 1.0
        if asylum[i] or ukrainian[i]:
            w *= {"A0": 3.0, "A2": 0.3, "B1": 0.1, "B2": 0.0}.get(v, 1.0)
        elif phase[i] == "status_holder_azc":
            w *= {"A0": 2.0, "B1": 0.2, "B2": 0.0}.get(v, 1.0)
        if education[i] == "high":
            w *= {"A2": 1.5, "B1": 2.0, "B2": 2.0}.get(v, 1.0)
        elif education[i] == "none":
            w *= {"A0": 1.5, "B1": 0.3}.get(v, 1.0)
        if permit_band[i] == "2018-21":
            w *= {"A2": 2.0, "B1": 3.0, "A0": 0.5}.get(v, 1.0)
        return w

    dutch = allocate(rng, n, DUTCH, weigh=dutch_weight)
    english = allocate(
        rng,
        n,
        ENGLISH,
        weigh=lambda i, v: (
            (3.0 if education[i] == "high" else 0.25 if education[i] == "none" else 1.0)
            if v is True
            else 1.0
        ),
    )
    job_at_intake = allocate(
        rng, n, JOB_AT_INTAKE, weigh=lambda i, v: 0.3 if in_azc[i] and v == "had_job" else 1.0
    )

    def household_weight(i: int, v: str) -> float:
        w = 1.0
        if v == "single_parent":
            w *= 4.0 if gender[i] == "woman" else 0.2
        if age_band[i] == "<25" and v in ("partner_children", "single_parent"):
            w *= 0.3
        if in_azc[i] and v == "other":
            w *= 2.0
        return w

    household = allocate(rng, n, HOUSEHOLD, weigh=household_weight)

    def children_weight(i: int, v: int | None) -> float:
        h = household[i]
        if h in ("alone", "partner"):
            return 1.0 if v in (0, None) else 0.0
        if h in ("single_parent", "partner_children"):
            return 0.0 if v in (0, None) else 1.0
        if age_band[i] == "<25" and v in (3, 4):
            return 0.1
        return 1.0

    children = allocate(
        rng,
        n,
        CHILDREN,
        weigh=children_weight,
        hard=lambda i: household[i] in ("alone", "partner", "single_parent", "partner_children"),
    )
    children = [rng.randint(4, 6) if c == 4 else c for c in children]

    transport = allocate(
        rng,
        n,
        TRANSPORT,
        weigh=lambda i, v: 0.1 if v == "car" and (in_azc[i] or age_band[i] == "<25") else 1.0,
    )

    def route_weight(i: int, v: str) -> float:
        if no_permit[i]:
            return 1.0 if v == "" else 0.0
        if phase[i] == "status_holder_azc":
            return 6.0 if v == "" else 1.0
        if v == "z":
            return 3.0 if education[i] in ("none", "primary") or dutch[i] == "A0" else 0.7
        if v == "education":
            return 20.0 if age_band[i] == "<25" and education[i] in ("middle", "high") else 0.05
        return 1.0

    route = allocate(rng, n, ROUTE, weigh=route_weight, hard=lambda i: no_permit[i])

    def inb_status_weight(i: int, v: str) -> float:
        if no_permit[i]:
            return 1.0 if v in ("", "not_started") else 0.0
        if phase[i] == "status_holder_azc":
            return 10.0 if v == "not_started" else 0.3
        if route[i] == "" and v in ("", "not_started"):
            return 5.0
        if permit_band[i] == "2018-21" and v == "completed":
            return 10.0
        return 1.0

    inb_status = allocate(
        rng, n, INBURGERING_STATUS, weigh=inb_status_weight, hard=lambda i: no_permit[i]
    )
    for i in range(n):
        if phase[i] == "inburgering" and (
            inb_status[i] == "completed" or (inb_status[i] == "" and permit_band[i] == "2018-21")
        ):
            phase[i] = "after_inburgering"

    started = [s in ("started", "completed") for s in inb_status]
    start_known = allocate(
        rng,
        n,
        INBURGERING_START_KNOWN,
        weigh=lambda i, v: 1.0 if started[i] or v is False else 0.0,
        hard=lambda i: not started[i],
    )
    benefit = allocate(
        rng,
        n,
        BENEFIT,
        weigh=lambda i, v: (
            (0.0 if v is True else 1.0)
            if (in_azc[i] or ukrainian[i])
            else (0.5 if v is True and job_at_intake[i] == "had_job" else 1.0)
        ),
        hard=lambda i: in_azc[i] or ukrainian[i],
    )

    def status_weight(i: int, v: str) -> float:
        w = 1.0
        if v in ("startbaan", "ended"):
            w *= 3.0 if gender[i] == "man" else 1.0
            w *= 0.4 if dutch[i] == "A0" else 1.0
            if in_azc[i]:
                w *= 0.05
        if v == "on_hold" and gender[i] != "woman":
            w *= 0.6
        return w

    status = allocate(rng, n, {k: float(v) for k, v in STATUS.items()}, weigh=status_weight)

    def selfdev_weight(i: int, v: str) -> float:
        if education[i] == "high":
            return {"strong": 4.0, "minimal": 0.3}.get(v, 1.0)
        if education[i] in ("none", "primary"):
            return {"minimal": 3.0, "strong": 0.1}.get(v, 1.0)
        return 1.0

    selfdev = allocate(rng, n, SELF_DEVELOPMENT, weigh=selfdev_weight)

    # Municipalities: azc residents live at a COA location; others by population (taakstelling).
    muni_by_code = {m.code: m for m in data.MUNICIPALITIES}
    muni_weights = [m.population for m in data.MUNICIPALITIES]

    numbers: set[str] = set()
    specs: list[ParticipantSpec] = []
    for i in range(n):
        prng = random.Random(rng.getrandbits(64))  # per-person stream: stable field by field
        specs.append(
            _person(
                prng,
                today,
                i,
                origin=origins[i],
                gender=gender[i],
                age_band=age_band[i],
                phase=phase[i],
                residence=residence[i],
                education=education[i],
                permit_band=permit_band[i],
                dutch=dutch[i],
                english=english[i],
                job_at_intake=job_at_intake[i],
                household=household[i],
                children=children[i],
                transport=transport[i],
                route=route[i],
                inb_status=inb_status[i],
                start_known=start_known[i],
                benefit=benefit[i],
                status=status[i],
                selfdev=selfdev[i],
                municipality=(
                    muni_by_code[prng.choice(data.COA_LOCATIONS)]
                    if residence[i] == "azc"
                    else prng.choices(data.MUNICIPALITIES, weights=muni_weights)[0]
                ),
                numbers=numbers,
            )
        )
    specs += _coa_cohort(random.Random(f"{seed}:coa"), today, n, coa_n, numbers)
    return specs


# [004]: the COA's Jobhunting@azc pilots; [001]/[004]: asylum seekers wait 6-15 months for a
# decision, may work 6 months after the application (TWV), need a BSN first; most speak no Dutch.
COA_SHARE = 0.25
COA_STATUS = {
    "unknown": 20,
    "needs_pretrajectory": 22,
    "in_pretrajectory": 10,
    "mediation": 25,
    "startbaan": 12,  # the first TWVs: 46 placed of 169 intakes in Almere 2023 ([004])
    "on_hold": 3,
    "dropout": 6,
    "ended": 2,
}


def _coa_cohort(
    rng: random.Random, today: date, start: int, n: int, numbers: set[str]
) -> list[ParticipantSpec]:
    """Residents of the COA locations: mostly asylum seekers waiting 6-15 months, with
    W-documents (some expired or about to), BSN requests under way, weekly meldplicht."""
    if n == 0:
        return []
    origins = [o for o in data.ORIGINS if o.country != "UA"]
    origin_weights = [float(o.weight) for o in origins]
    statuses = allocate(rng, n, {k: float(v) for k, v in COA_STATUS.items()})
    muni_by_code = {m.code: m for m in data.MUNICIPALITIES}
    out: list[ParticipantSpec] = []
    for k in range(n):
        prng = random.Random(rng.getrandbits(64))
        phase = "asylum_seeker" if prng.random() < 0.8 else "status_holder_azc"
        gender = _weighted(prng, (("man", 72), ("woman", 27), ("", 1)))
        education = _weighted(
            prng,
            (("", 15), ("none", 10), ("primary", 20), ("low", 15), ("middle", 20), ("high", 20)),
        )
        status = statuses[k]
        household = _weighted(prng, (("alone", 45), ("partner_children", 25), ("other", 30)))
        if phase == "asylum_seeker" and status in ("startbaan", "ended"):
            status = status if prng.random() < 0.7 else "mediation"
        out.append(
            _person(
                prng,
                today,
                start + k,
                origin=prng.choices(origins, weights=origin_weights)[0],
                gender=gender,
                age_band=_weighted(prng, (("<25", 25), ("25-45", 60), ("45-65", 15))),
                phase=phase,
                residence="azc",
                education=education,
                permit_band="2022+" if phase == "status_holder_azc" else "",
                dutch=_weighted(prng, (("A0", 70), ("A1", 20), ("A2", 8), ("", 2))),
                english=_weighted(prng, ((True, 40), (False, 50), (None, 10))),
                job_at_intake=_weighted(prng, (("none", 85), ("prospect", 12), ("", 3))),
                household=household,
                children=prng.randint(1, 4) if household == "partner_children" else 0,
                transport=_weighted(prng, (("bicycle", 55), ("public_transport", 45))),
                route="",
                inb_status="not_started" if phase == "status_holder_azc" else "",
                start_known=False,
                benefit=None,
                status=status,
                selfdev=_weighted(prng, (("", 30), ("minimal", 20), ("some", 40), ("strong", 10))),
                municipality=muni_by_code[prng.choice(data.COA_LOCATIONS)],
                numbers=numbers,
                waiting_days=prng.randint(183, 456) if phase == "asylum_seeker" else None,
                cohort="coa",
            )
        )
    return out


def _number(rng: random.Random, taken: set[str]) -> str:
    alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    while True:
        number = "WP-" + "".join(rng.choice(alphabet) for _ in range(8))
        if number not in taken:
            taken.add(number)
            return number


def _name(rng: random.Random, origin: data.Origin, gender: str) -> tuple[str, str]:
    region = origin.names or rng.choice(("arabic", "tigrinya", "persian", "afghan"))
    if origin.country in ("SY", "IQ", "TR", "IR") and rng.random() < 0.15:
        region = "kurdish"
    male, female, family = data.NAMES[region]
    if gender == "man" or (gender not in ("man", "woman") and rng.random() < 0.5):
        first = rng.choice(male)
    else:
        first = rng.choice(female)
    last = rng.choice(family) if family else rng.choice(male)  # father's name as second name
    if last == first:
        last = rng.choice(family or male)
    return first, last


def _birth_date(rng: random.Random, today: date, band: str) -> date | None:
    ranges = {"<25": (18, 24), "25-45": (25, 44), "45-65": (45, 64), "65+": (65, 67)}
    if band not in ranges:
        return None
    lo, hi = ranges[band]
    # Born between (today - hi - 1 years, +1 day) and (today - lo years).
    latest = date(today.year - lo, today.month, min(today.day, 28))
    earliest = date(today.year - hi - 1, today.month, min(today.day, 28)) + timedelta(days=1)
    return _day_between(rng, earliest, latest)


def _lesson_mask(rng: random.Random, route: str) -> tuple[int, float]:
    """Lesson dagdelen of a route (about 9 hours a week: 3 dagdelen of 3 hours) and their hours.

    Most language schools teach one dagdeel on each of a few days, mostly mornings; about a third
    cluster the lessons on whole days, as [003] (ch. 10) recommends to make room for work.
    """
    parts = {"b1": rng.choice((3, 3, 4)), "z": rng.choice((2, 3, 3)), "education": 5}.get(route, 3)
    if parts < 5 and rng.random() < 0.35:
        days = rng.sample(range(5), k=(parts + 1) // 2)
        slots = [(d, part) for d in days for part in (0, 1)][:parts]
        return schedule.mask_of(slots), float(parts * 3)
    days = rng.sample(range(5), k=min(parts, 5))
    dagdeel = 0 if rng.random() < 0.7 else 1
    slots = [(d, dagdeel if rng.random() < 0.85 else 1 - dagdeel) for d in days]
    return schedule.mask_of(slots), float(parts * 3)


def _person(
    rng: random.Random,
    today: date,
    index: int,
    *,
    origin: data.Origin,
    gender: str,
    age_band: str,
    phase: str,
    residence: str,
    education: str,
    permit_band: str,
    dutch: str,
    english: bool | None,
    job_at_intake: str,
    household: str,
    children: int | None,
    transport: str,
    route: str,
    inb_status: str,
    start_known: bool,
    benefit: bool | None,
    status: str,
    selfdev: str,
    municipality: data.MunicipalityData,
    numbers: set[str],
    waiting_days: int | None = None,
    cohort: str = "trial",
) -> ParticipantSpec:
    public_id = uuid.UUID(int=rng.getrandbits(128), version=4)
    number = _number(rng, numbers)
    first, last = _name(rng, origin, gender)
    birth = _birth_date(rng, today, age_band)

    # Procedure dates.
    arrival = application = decision = permit = None
    w_expiry = None
    if phase == "asylum_seeker":
        arrival = today - timedelta(days=waiting_days or rng.randint(30, 720))
        application = arrival + timedelta(days=rng.randint(0, 7))
        if rng.random() < 0.12:
            w_expiry = today - timedelta(days=rng.randint(1, 60))  # expired: needs renewal
        else:
            w_expiry = today + timedelta(days=rng.randint(10, 180))
    elif phase == "temporary_protection":
        arrival = _day_between(rng, date(2022, 3, 1), today - timedelta(days=30))
    else:
        if phase == "status_holder_azc":
            permit = today - timedelta(days=rng.randint(30, 420))
        elif permit_band == "2018-21":
            permit = _day_between(rng, date(2018, 1, 1), date(2021, 12, 31))
        elif permit_band == "2022+":
            permit = _day_between(rng, date(2022, 1, 1), today - timedelta(days=60))
        if permit is not None:
            decision = permit
            arrival = permit - timedelta(days=rng.randint(90, 900))
            application = arrival + timedelta(days=rng.randint(0, 7))
        elif rng.random() < 0.5:
            arrival = today - timedelta(days=rng.randint(365, 2500))

    # Intake into the programme.
    earliest_intake = max(
        d for d in (arrival, permit, today - timedelta(days=900)) if d is not None
    )
    intake = _day_between(rng, earliest_intake, today - timedelta(days=7))

    # BSN.
    if phase == "asylum_seeker":
        bsn_status = _weighted(rng, (("received", 60), ("requested", 25), ("", 15)))
    else:
        bsn_status = "received"
    bsn_requested = bsn_received = None
    if bsn_status:
        base = application or arrival or permit or intake
        bsn_requested = min(base + timedelta(days=rng.randint(1, 30)), today)
        if bsn_status == "received":
            bsn_received = min(bsn_requested + timedelta(days=rng.randint(7, 60)), today)

    # Languages.
    written = dutch
    if dutch and dutch != "A0" and rng.random() < 0.4:
        written = {"A1": "A0", "A2": "A1", "B1": "A2", "B2": "B1"}[dutch]
    english_level = ""
    if english:
        english_level = _weighted(rng, (("A2", 25), ("B1", 40), ("B2", 25), ("C1", 10)))
    languages = []
    for extra in origin.extra_languages:
        if rng.random() < 0.3:
            languages.append((extra, _weighted(rng, (("B1", 2), ("B2", 2), ("C1", 1)))))

    # Education, diplomas.
    diplomas: list[DiplomaSpec] = []
    valuation = ""
    if education in ("middle", "high") and rng.random() < 0.7:
        valuation = _weighted(
            rng, (("", 35), ("requested", 25), ("valued", 30), ("not_possible", 10))
        )
        diplomas.append(
            DiplomaSpec(
                title=rng.choice(data.DIPLOMA_TITLES[education]),
                level=education,
                country=origin.country,
                valuation=valuation,
            )
        )

    # Work experience and ambitions.
    group = EDUCATION_GROUP[education]
    sector_weights = data.SECTOR_WEIGHTS[group]
    if gender == "woman":
        sector_weights = dict(sector_weights, zorg=sector_weights["zorg"] * 3, bouw_techniek=2)
    sectors = list(sector_weights)
    weights = list(sector_weights.values())
    experiences: list[ExperienceSpec] = []
    n_exp = _weighted(rng, ((0, 25), (1, 45), (2, 22), (3, 8)))
    for _k in range(n_exp):
        sector = rng.choices(sectors, weights=weights)[0]
        occupation = rng.choice(data.SECTORS[sector])
        experiences.append(
            ExperienceSpec(
                occupation=occupation.label,
                occupation_uri=occupation.uri,
                years=round(rng.uniform(0.5, 12.0) * 2) / 2,
                sector=sector,
                country=origin.country if rng.random() < 0.85 else "NL",
            )
        )
    desired = desired_uri = ""
    if rng.random() < 0.85:
        if experiences and rng.random() < 0.5:
            desired, desired_uri = experiences[0].occupation, experiences[0].occupation_uri
        else:
            sector = rng.choices(sectors, weights=weights)[0]
            options = data.SECTORS[sector]
            fitting = [o for o in options if o.category == selfdev] or list(options)
            choice = rng.choice(fitting)
            desired, desired_uri = choice.label, choice.uri

    # Certificates (some expired).
    certificates: list[CertificateSpec] = []
    licence = ""
    if transport == "car" or rng.random() < 0.08:
        licence = "B" if rng.random() < 0.9 else "B, C"
        certificates.append(
            CertificateSpec(
                "driving_licence", licence, today + timedelta(days=rng.randint(200, 3600))
            )
        )
    # A sector certificate is more common among people who worked in or aim at that sector (a
    # pre-trajectory often includes the course); overall shares stay about as before.
    aimed = {e.sector for e in experiences} | {data.SECTOR_OF_URI.get(desired_uri, "")}
    for kind, share, sector, valid_days in (
        ("vca", 0.1, "bouw_techniek", 3650),
        ("bhv", 0.06, "", 365),
        ("forklift", 0.03, "logistiek", 1825),
        ("hygiene", 0.02, "horeca", 1825),
    ):
        if rng.random() < (share + 0.2 if sector and sector in aimed else share):
            issued = today - timedelta(days=rng.randint(30, valid_days + 400))
            certificates.append(CertificateSpec(kind, "", issued + timedelta(days=valid_days)))

    # Inburgering and timetable.
    inb_start = None
    lesson_mask, lesson_hours = 0, None
    if start_known and inb_status in ("started", "completed"):
        lo = max(date(2022, 1, 1), (permit or intake) + timedelta(days=30))
        if inb_status == "completed":
            inb_start = _day_between(rng, lo, max(lo, today - timedelta(days=900)))
        else:
            inb_start = _day_between(rng, lo, today - timedelta(days=14))
    if inb_status == "started" and route:
        lesson_mask, lesson_hours = _lesson_mask(rng, route)

    # Fixed appointments.
    appointments: list[AppointmentSpec] = []
    if residence == "azc":
        appointments.append(
            AppointmentSpec(rng.randint(0, 4), rng.randint(0, 1), "Meldplicht COA (wekelijks)")
        )
        if phase == "asylum_seeker" and rng.random() < 0.3:
            appointments.append(AppointmentSpec(rng.randint(0, 4), 0, "Gesprek IND / advocaat"))
    if children and rng.random() < 0.25:
        appointments.append(AppointmentSpec(2, 1, "Kinderen ophalen van school"))
    if rng.random() < 0.06:
        appointments.append(AppointmentSpec(rng.randint(0, 4), 0, "Fysiotherapie"))

    # Availability: working days (daytime), some evenings and weekends, minus lessons and
    # appointments. Availability is a pattern, not dagdelen at random: most are free on every
    # weekday, some keep one weekday for other obligations, and parents who take the children
    # to and from school are free in the mornings and on a few afternoons.
    mask = schedule.WORKDAY_DAYTIME
    if rng.random() < 0.2:
        day = rng.randrange(5)
        mask &= ~(schedule.bit(day, 0) | schedule.bit(day, 1))
    if children and (household == "single_parent" or rng.random() < 0.3):
        for day in rng.sample(range(5), k=rng.choice((2, 3))):
            mask &= ~schedule.bit(day, 1)
    for day in range(5):
        if rng.random() < 0.2:
            mask |= schedule.bit(day, 2)
    if rng.random() < 0.35:
        for day in (5, 6):
            for part in range(3):
                if rng.random() < 0.6:
                    mask |= schedule.bit(day, part)
    mask &= ~lesson_mask
    for a in appointments:
        mask &= ~schedule.bit(a.weekday, a.dagdeel)
    if household in ("single_parent",) or (children or 0) >= 3:
        hours_options = ((16, 30), (20, 30), (24, 25), (32, 15))
    else:
        hours_options = ((16, 8), (24, 20), (32, 30), (36, 22), (40, 20))
    max_hours = _weighted(rng, hours_options) if rng.random() < 0.9 else None
    childcare = None
    if children:
        childcare = rng.random() < (0.7 if household == "single_parent" else 0.35)

    # Organisations (stable keys, see ``werkpad.demo.seed.ORGANISATIONS``).
    second_key = second_role = ""
    if phase in ASYLUM_PHASES:
        org_key = f"coa:{municipality.code}"
        if phase == "status_holder_azc" and rng.random() < 0.5:
            second_key, second_role = f"gemeente:{municipality.code}", "Klantmanager koppelgemeente"
        elif rng.random() < 0.15:
            second_key, second_role = "civil", "Maatschappelijk begeleider"
    else:
        org_key = _weighted(
            rng, ((f"gemeente:{municipality.code}", 82), ("civil", 12), ("werkbedrijf", 6))
        )
        roll = rng.random()
        if inb_status == "started" and roll < 0.12:
            second_key, second_role = "language", "Taaldocent / taalcoach"
        elif status in ("mediation", "startbaan") and roll < 0.35:
            second_key, second_role = "wsp", "Accountmanager WSP"
        elif roll < 0.08:
            second_key, second_role = "civil", "Maatschappelijk begeleider"
        elif status == "startbaan" and roll < 0.2:
            second_key, second_role = "werkbedrijf", "Jobcoach"
        if second_key == org_key:
            second_key = second_role = ""

    # Consents.
    consents: list[tuple[str, str, date, bool]] = []
    own_is_municipality = org_key.startswith("gemeente:")
    if rng.random() < 0.85:
        withdrawn = rng.random() < 0.02
        consents.append(("organisation", "", intake, withdrawn and own_is_municipality))
    elif not own_is_municipality:
        # Guidance rests on a legal task for municipalities only (participants/purposes.py): the
        # files of COA, civil-society and work-development organisations rest on consent.
        consents.append(("organisation", "", intake, False))
    if rng.random() < 0.7:
        consents.append(("research", "", intake, False))
    if second_key:
        consents.append(("other_organisation", second_key, intake, False))
    if status in ("mediation", "startbaan", "ended") and rng.random() < 0.6:
        consents.append(("employer_profile", "", _day_between(rng, intake, today), False))

    email = ""
    if rng.random() < 0.6:
        email = f"{_ascii(first)}.{_ascii(last)[:1] or 'x'}{rng.randint(10, 99)}@example.org"

    prefix = rng.choice(municipality.postcode_prefixes)
    postcode = f"{prefix}{rng.randint(0, 99):02d} {rng.choice('ABCDEGHJKLMNPRSTVWXZ')}{rng.choice('ABCDEGHJKLMNPRSTVWXZ')}"

    return ParticipantSpec(
        index=index,
        public_id=public_id,
        number=number,
        first_name=first,
        last_name=last,
        gender=gender,
        birth_date=birth,
        country_of_origin=origin.country,
        nationality=origin.nationality,
        mother_tongue=origin.mother_tongue,
        contact_language=origin.contact_language,
        email=email,
        phase=phase,
        arrival_date=arrival,
        asylum_application_date=application,
        status_decision_date=decision,
        residence_permit_date=permit,
        intake_date=intake,
        dutch_spoken=dutch,
        dutch_written=written,
        speaks_english=english,
        english_level=english_level,
        education=education,
        diploma_valuation=valuation,
        job_at_intake=job_at_intake,
        desired_occupation=desired,
        desired_occupation_uri=desired_uri,
        desired_self_development=selfdev,
        household=household,
        children_count=children,
        childcare_need=childcare,
        residence=residence,
        municipality_code=municipality.code,
        postcode=postcode if residence != "azc" else "",
        has_bicycle=transport == "bicycle",
        has_car=transport == "car",
        uses_public_transport=transport == "public_transport",
        driving_licence=licence,
        inburgering_route=route,
        inburgering_status=inb_status,
        inburgering_start_date=inb_start,
        lesson_mask=lesson_mask,
        lesson_hours_per_week=lesson_hours,
        has_benefit=benefit,
        w_document_expiry=w_expiry,
        bsn_status=bsn_status,
        bsn_requested_date=bsn_requested,
        bsn_received_date=bsn_received,
        availability_mask=mask,
        max_hours_per_week=max_hours,
        status=status,
        organisation_key=org_key,
        second_organisation_key=second_key,
        second_coach_role=second_role,
        consents=consents,
        languages=languages,
        diplomas=diplomas,
        experiences=experiences,
        certificates=certificates,
        appointments=appointments,
        history=_history(rng, today, intake, status, gender),
        cohort=cohort,
    )


def _history(
    rng: random.Random, today: date, intake: date, status: str, gender: str
) -> list[StatusStep]:
    """The transitions that lead from intake to ``status`` (the last step is the current one)."""
    if status in PIPELINE:
        path = list(PIPELINE[: PIPELINE.index(status) + 1])
    elif status == "ended":
        path = list(PIPELINE) if rng.random() < 0.8 else list(PIPELINE[:3])
        path.append("ended")
    else:  # on hold or dropout from an active state
        upto = rng.randint(1, 4)
        path = [*PIPELINE[: upto + 1], status]
    # Some skip the waiting step, some are self-found (no mediation step before the startbaan).
    if "needs_pretrajectory" in path and path[-1] != "needs_pretrajectory" and rng.random() < 0.3:
        path.remove("needs_pretrajectory")
    if "mediation" in path and path[-1] != "mediation" and rng.random() < 0.3:
        path.remove("mediation")
    last = max(intake, today - timedelta(days=1))
    dates = sorted(_day_between(rng, intake, last) for _ in path[1:])
    steps = [StatusStep("unknown", intake)]
    for s, d in zip(path[1:], dates, strict=True):
        code = note = ""
        options: list[tuple[str, str, int]] = []
        if s == "on_hold":
            options = list(data.ON_HOLD_REASONS)
        elif s == "dropout":
            options = list(data.DROPOUT_REASONS)
        elif s == "ended":
            options = list(data.END_REASONS)
        if gender != "woman":
            options = [o for o in options if o[0] != "pregnancy"]
        if options:
            code, note = _weighted(rng, [((c, t), w) for c, t, w in options])
        steps.append(StatusStep(s, d, note, code))
    return steps


# ---------------------------------------------------------------------------------------------
# Calibration report (used by tests and ``seed_demo --report``).


def shares(
    specs: Sequence[ParticipantSpec], attribute: str | Callable[[ParticipantSpec], Any]
) -> dict[Any, float]:
    """Percentage of ``specs`` per value of ``attribute`` (a field name or a function)."""
    get = attribute if callable(attribute) else (lambda s: getattr(s, attribute))
    counts: dict[Any, int] = {}
    for s in specs:
        v = get(s)
        counts[v] = counts.get(v, 0) + 1
    total = len(specs) or 1
    return {k: 100.0 * v / total for k, v in sorted(counts.items(), key=lambda kv: -kv[1])}


def origin_share(specs: Sequence[ParticipantSpec], country: str) -> float:
    """Share of ``country`` among people with a known country of origin ([002] excludes unknown)."""
    known = [s for s in specs if s.country_of_origin]
    return 100.0 * sum(s.country_of_origin == country for s in known) / (len(known) or 1)
