"""Demo data of the employer desk, called by ``werkpad seed_demo`` after the people exist.

Employers across the sectors of Tabel 7 of [003] with kinds in its proportions, employer-contact
users, open vacancies, shortlists (some consented), TWV applications in every state, and placements
with instruments — the last three through ``actions`` so that statuses, history, audit and the
aftercare rhythm follow as in real use. Deterministic given ``ctx.rng``.

Realism for the matching (the "Suggested vacancies" card must show what the engine does with a
plausible caseload, not an artefact of the generator):

* vacancies carry an occupation of the built-in demo taxonomy (``occupation_uri``), drawn from the
  employer's sector (:data:`TAXONOMY_SECTORS`), entry-level work more often than skilled work;
* employers are located where the demo participants live: every municipality with participants
  gets an employer while there are enough, the rest follow the number of participants;
* the required Dutch level and certificates follow the occupation (most ask A0 to A2, skilled
  work B1), rosters are mostly daytime on weekdays and their hours fit the dagdelen, and a
  flexible roster has a window of dagdelen to plan the hours in.
"""

from __future__ import annotations

import bisect
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from werkpad.accounts.models import Organisation, OrganisationKind, Role, User
from werkpad.core import schedule
from werkpad.demo import bulk
from werkpad.demo import data as demo_data
from werkpad.demo.population import quotas
from werkpad.participants import actions as participant_actions
from werkpad.participants.choices import ConsentScope, ParticipantStatus
from werkpad.pathway.models import AftercareCheckIn

from . import actions
from .choices import VacancyStatus
from .models import Employer, EmployerLocation, Shortlist, Vacancy

BATCH = 1000
# A large demo (tens of thousands of people) records a bounded number of shortlists through the
# action (each one audited, with its history): the demo up to 10,000 participants is unaffected,
# larger ones keep the employer desk at a realistic size for one WSP. Placements: everyone in a
# startbaan has one (after the first AUDITED_PLACEMENTS written in bulk, below).
SHORTLIST_LIMIT = 2000

# [003] Tabel 7, share of jobs: kinds and sectors (the "unknown" sector row is not generated).
KIND_WEIGHTS = {
    "regulier": 192,
    "detachering": 9,
    "werkleerbedrijf": 38,
    "uitzendbureau": 21,
    "anders": 7,
}
SECTOR_WEIGHTS = {
    # Tabel 7 counts distribution centres under logistics (67); Werkpad keeps them apart because
    # distribution work does not count for omkoppeling ([004] Kader 6): a share of 15 of the 67 is
    # the demo's own assumption.
    "logistiek": 52,
    "distributie": 15,
    "horeca": 44,
    "bouw_techniek": 37,
    "productie": 23,
    "detailhandel": 21,
    "schoonmaak": 17,
    "zorg": 16,
    "anders": 29,
}
# [003] Tabel 6 shares among 269 jobs: LKS 117, werkcoach 99, jobcoach 87, HARRIE 5.
INSTRUMENT_SHARES = {
    "lks": 117 / 269,
    "werkcoach": 99 / 269,
    "jobcoach": 87 / 269,
    "harrie": 5 / 269,
}

NAMES = {
    "logistiek": ("Transport", "Logistics", "Koeriers", "Expeditie"),
    "distributie": ("Distributiecentrum", "Fulfilment", "Cross-dock", "Warenhuis Logistiek"),
    "horeca": ("Grand Café", "Hotel", "Restaurant", "Catering"),
    "bouw_techniek": ("Bouwbedrijf", "Installatietechniek", "Metaalwerk", "Schilders"),
    "productie": ("Voedselproductie", "Verpakkingen", "Kunststoffen", "Metaalbewerking"),
    "detailhandel": ("Supermarkt", "Bouwmarkt", "Warenhuis", "Bakkerij"),
    "schoonmaak": ("Schoonmaakdiensten", "Glazenwassers", "Facilitair", "Hotelservice"),
    "zorg": ("Zorggroep", "Thuiszorg", "Woonzorgcentrum", "Kinderopvang"),
    "agrarisch": ("Groenvoorziening", "Kwekerij", "Tuinderij", "Melkveebedrijf"),
    "ict_kantoor": ("Klantcontactcentrum", "Administratiekantoor", "IT-diensten"),
}
SURNAMES = (
    "De Vries", "Van Dijk", "Bakker", "Jansen", "Visser", "Smit", "Meijer", "De Boer", "Mulder",
    "De Groot", "Bos", "Vos", "Peters", "Hendriks", "Dekker", "Brouwer", "Dijkstra", "Kok",
)  # fmt: skip
#: Employer sector (Tabel 7) -> the demo sectors of its vacancies' occupations, with weights (the
#: demo taxonomy has no sector "other": those employers are green-space and horticulture firms or,
#: less often, offices).
TAXONOMY_SECTORS: dict[str, dict[str, int]] = {
    "logistiek": {"logistiek": 1},
    "distributie": {"logistiek": 1},
    "horeca": {"horeca": 1},
    "bouw_techniek": {"bouw_techniek": 1},
    "productie": {"productie": 1},
    "detailhandel": {"detailhandel": 1},
    "schoonmaak": {"schoonmaak": 1},
    "zorg": {"zorg": 1},
    "anders": {"agrarisch": 3, "ict_kantoor": 1},
}
#: Most startbanen are entry-level ([001]: 10 of 15 jobs found were category 1).
CATEGORY_WEIGHTS = {"minimal": 6, "some": 3, "strong": 1}
#: Required Dutch level by self-development category: most ask A0 to A2, skilled work B1. About
#: 40 % of the vacancies ask no Dutch (A0): at least the 31 % of jobs held by people at A0 ([003]
#: Tabel 5), plus the entry-level jobs that went to people who speak some Dutch.
DUTCH_WEIGHTS = {
    "minimal": {"A0": 65, "A1": 25, "A2": 10},
    "some": {"A0": 25, "A1": 35, "A2": 30, "B1": 10},
    "strong": {"A1": 10, "A2": 40, "B1": 50},
}
_FORKLIFT = {"kind": "forklift", "detail": ""}
_VCA = {"kind": "vca", "detail": ""}
_HACCP = {"kind": "hygiene", "detail": ""}
_LICENCE_B = {"kind": "driving_licence", "detail": "B"}
#: Demo occupation key -> (share of vacancies that require it, the certificate).
CERTIFICATES: dict[str, tuple[float, dict[str, str]]] = {
    "heftruckchauffeur": (1.0, _FORKLIFT),
    "magazijnmedewerker": (0.4, _FORKLIFT),
    "orderpicker": (0.2, _FORKLIFT),
    "vrachtwagenchauffeur": (1.0, {"kind": "driving_licence", "detail": "C"}),
    "pakketbezorger": (1.0, _LICENCE_B),
    "kok": (0.5, _HACCP),
    "keukenhulp": (0.3, _HACCP),
    "bakkerijmedewerker": (0.3, _HACCP),
    "timmerman": (0.7, _VCA),
    "metselaar": (0.7, _VCA),
    "elektricien": (0.7, _VCA),
    "loodgieter": (0.7, _VCA),
    "schilder": (0.6, _VCA),
    "lasser": (0.7, _VCA),
    "machineoperator": (0.3, _VCA),
    "glazenwasser": (0.4, _VCA),
    "verzorgende": (1.0, {"kind": "diploma", "detail": "MBO-3 Verzorgende IG"}),
    "helpendezorg": (0.6, {"kind": "diploma", "detail": "MBO-2 Helpende Zorg en Welzijn"}),
    "verpleegkundige": (1.0, {"kind": "big", "detail": "Verpleegkundige"}),
    "thuiszorgmedewerker": (0.5, _LICENCE_B),
    "hovenier": (0.3, _LICENCE_B),
}
#: Roster patterns per sector (weights): "day" = whole weekdays, "mornings" / "afternoons" =
#: weekday mornings (early shift) or afternoons, "late" = afternoons and evenings (Friday and
#: Saturday included), "saturday" = whole days with the Saturday among them. Part-day rosters are
#: how employers meet the lesson times of people in inburgering ([003] ch. 8: "op bepaalde dagen
#: alleen in de ochtend of juist de middag").
ROSTER_PATTERNS: dict[str, dict[str, int]] = {
    "horeca": {"day": 35, "afternoons": 10, "late": 45, "saturday": 10},
    "detailhandel": {"day": 45, "afternoons": 15, "saturday": 30, "late": 10},
    "schoonmaak": {"day": 30, "mornings": 35, "late": 35},
}
DEFAULT_PATTERNS = {"day": 60, "mornings": 20, "afternoons": 20}
#: [003] Tabel 6 hours per week of the jobs (0-16: 73, 17-24: 61, 25-32: 63, 33-40: 40), as
#: (hours options, weight).
HOURS: tuple[tuple[tuple[int, ...], int], ...] = (
    ((12, 16, 16), 73),
    ((20, 24, 24), 61),
    ((28, 32, 32), 63),
    ((36, 38, 40), 40),
)
_POSTCODES = {m.code: m.postcode_prefixes for m in demo_data.MUNICIPALITIES}
SIZES = ("lt5", "5_9", "10_49", "10_49", "50_99", "100_499", "ge500")


def _weighted(rng: Any, weights: dict[str, int]) -> str:
    keys = list(weights)
    return str(rng.choices(keys, weights=[weights[k] for k in keys], k=1)[0])


def _places(rng: Any, ctx: Any, count: int) -> list[Any]:
    """``count`` employer municipalities where the participants live: each municipality with
    participants once (most participants first) while there are enough, the rest in proportion to
    the number of participants there (exact quotas); shuffled, so that no sector is tied to a
    place."""
    municipalities = {m.pk: m for m in ctx.municipalities if m.latitude is not None}
    people: dict[int, int] = {}
    for p in ctx.participants:
        if p.municipality_id in municipalities:
            people[p.municipality_id] = people.get(p.municipality_id, 0) + 1
    if not people:
        return [rng.choice(ctx.municipalities) if ctx.municipalities else None] * count
    ranked = sorted(people, key=lambda pk: (-people[pk], municipalities[pk].code))
    chosen = ranked[:count]
    extra = quotas({pk: float(people[pk]) for pk in ranked}, count - len(chosen))
    chosen += [pk for pk in ranked for _i in range(extra[pk])]
    rng.shuffle(chosen)
    return [municipalities[pk] for pk in chosen]


def _occupation(rng: Any, sector: str) -> demo_data.OccupationData:
    """An occupation of the demo taxonomy in ``sector`` (a demo sector key), entry level likelier."""
    options = demo_data.SECTORS[sector]
    weights = [CATEGORY_WEIGHTS.get(o.category, 1) for o in options]
    chosen: demo_data.OccupationData = rng.choices(options, weights=weights, k=1)[0]
    return chosen


def _full_days(days: list[int], dagdelen: int) -> list[tuple[int, int]]:
    """Whole days (morning and afternoon) on ``days`` for ``dagdelen``, an odd one a morning."""
    slots = [(d, part) for d in days[: dagdelen // 2] for part in (0, 1)]
    if dagdelen % 2 and len(days) > dagdelen // 2:
        slots.append((days[dagdelen // 2], 0))
    return slots


def _roster(rng: Any, sector: str, hours: int) -> tuple[int, bool]:
    """(roster mask, flexible) for a vacancy of ``hours`` a week in ``sector``.

    A fixed roster holds the dagdelen the hours take (4 hours a dagdeel, at most a full week of
    them); a flexible roster (72 of 249 jobs in [003]) is the window the hours are planned in.
    """
    dagdelen = max(2, min(10, round(hours / 4)))
    pattern = _weighted(rng, ROSTER_PATTERNS.get(sector, DEFAULT_PATTERNS))
    if rng.random() < 72 / 249:
        window = schedule.WORKDAY_DAYTIME
        if pattern in ("late", "saturday"):
            window |= schedule.mask_of([(5, 0), (5, 1)])
        if pattern == "late":
            window |= schedule.mask_of((d, 2) for d in range(6))
        return window, True
    weekdays = rng.sample(range(5), k=5)
    if pattern in ("mornings", "afternoons"):
        part = 0 if pattern == "mornings" else 1
        slots = [(d, part) for d in weekdays[:dagdelen]]
        slots += [(d, 1 - part) for d in weekdays[: max(0, dagdelen - 5)]]
    elif pattern == "late":
        days = [4, 5] + [d for d in weekdays if d != 4]
        slots = [(d, part) for d in days[: (dagdelen + 1) // 2] for part in (1, 2)]
    elif pattern == "saturday":
        slots = _full_days([5, *weekdays], dagdelen)
    else:
        slots = _full_days(weekdays, dagdelen)
    return schedule.mask_of(slots), False


def seed(ctx: Any) -> None:
    rng = ctx.rng
    today: date = getattr(ctx, "today", None) or timezone.localdate()
    coaches = list(ctx.coaches)
    if not coaches:
        return
    wsp = ctx.organisations.get("wsp")
    managers = [c for c in coaches if wsp is not None and c.organisation_id == wsp.pk] or coaches
    featured_manager = getattr(ctx, "users", {}).get("wsp") or managers[0]
    size = len(ctx.participants)
    count = max(len(SECTOR_WEIGHTS) * 2, size // 10)

    # Employers: every Tabel 7 sector at least twice, the rest drawn by its weights.
    sectors = [s for s in SECTOR_WEIGHTS for _i in range(2)]
    sectors += [_weighted(rng, SECTOR_WEIGHTS) for _i in range(count - len(sectors))]
    places = _places(rng, ctx, len(sectors))
    employers: list[Employer] = []
    organisations: list[Organisation] = []
    lines: list[str] = []  # per employer: the demo sector of its occupations
    locations: list[EmployerLocation] = []
    users: list[User] = []
    used: set[str] = set()
    used_sorted: list[str] = []
    for i, (sector, place) in enumerate(zip(sectors, places, strict=True)):
        line = _weighted(rng, TAXONOMY_SECTORS[sector])
        name = f"{rng.choice(NAMES.get(sector, NAMES[line]))} {rng.choice(SURNAMES)}"
        if name in used:
            # A sector has a limited set of name combinations: number the repeats (large demos)
            # by the names used so far that start with this one (a range of the sorted list).
            first = bisect.bisect_left(used_sorted, name)
            taken = bisect.bisect_left(used_sorted, name + "\U0010ffff", lo=first) - first
            name = f"{name} {taken + 1}"
        used.add(name)
        bisect.insort(used_sorted, name)
        organisation = Organisation(name=name, kind=OrganisationKind.EMPLOYER, municipality=place)
        organisations.append(organisation)
        kind = _weighted(rng, KIND_WEIGHTS)
        employer = Employer(
            organisation=organisation,
            kind=kind,
            sector=sector,
            size_band=rng.choice(SIZES),
            experience_with_status_holders=rng.random() < 132 / 254,
            contact_name=f"{rng.choice(('Anouk', 'Bas', 'Fatima', 'Joost', 'Mirjam', 'Sander'))} "
            f"{rng.choice(SURNAMES)}",
            contact_email=f"contact{i + 1}@werkgever.example",
            contact_phone=f"030-{rng.randint(1000000, 9999999)}",
            account_manager=featured_manager if i % 3 == 0 else rng.choice(managers),
            notes="",
        )
        lines.append(line)
        prefix = rng.choice(_POSTCODES.get(place.code, (10,))) if place else rng.randint(10, 99)
        location = EmployerLocation(
            employer=employer,
            name="",
            address=f"Industrieweg {rng.randint(1, 120)}",
            postcode=f"{prefix}{rng.randint(0, 99):02d}{rng.choice('ABCDEFGHKL')}"
            f"{rng.choice('MNPRST')}",
            city=place.name if place else "",
            municipality=place,
            latitude=round(place.latitude + rng.uniform(-0.03, 0.03), 5)
            if place and place.latitude is not None
            else None,
            longitude=round(place.longitude + rng.uniform(-0.03, 0.03), 5)
            if place and place.longitude is not None
            else None,
        )
        locations.append(location)
        user = User(
            username=f"werkgever{i + 1}",
            role=Role.EMPLOYER,
            organisation=organisation,
            password=ctx.password_hash or make_password(ctx.password),
            first_name=employer.contact_name.split(" ", 1)[0],
            last_name=employer.contact_name.split(" ", 1)[1],
        )
        users.append(user)
        if i < 2:
            ctx.logins.append(
                (
                    "employer",
                    user.username,
                    ctx.password,
                    f"Employer contact at {name} ({employer.get_sector_display()}): own "
                    "vacancies, pseudonymous candidates, TWV status",
                )
            )
        employers.append(employer)
    # Written in bulk, in the order drawn (a large demo has thousands of employers).
    bulk.write(Organisation, organisations, batch_size=BATCH)
    for employer, organisation in zip(employers, organisations, strict=True):
        employer.organisation = organisation
    bulk.write(Employer, employers, batch_size=BATCH)
    for location, employer in zip(locations, employers, strict=True):
        location.employer = employer
    bulk.write(EmployerLocation, locations, batch_size=BATCH)
    for user, organisation in zip(users, organisations, strict=True):
        user.organisation = organisation
        user.is_staff = False
    bulk.write(User, users, batch_size=BATCH)
    location_of = {e.pk: loc for e, loc in zip(employers, locations, strict=True)}

    # Vacancies: 1-3 per employer (2.2 on average), most open.
    vacancies: list[Vacancy] = []
    for employer, line in zip(employers, lines, strict=True):
        titles: set[str] = set()  # an employer never posts the same vacancy twice
        for _j in range(rng.choice((1, 2, 2, 3, 3))):
            for _attempt in range(10):
                occupation = _occupation(rng, line)
                hours = rng.choice(rng.choices([h for h, _w in HOURS], [w for _h, w in HOURS])[0])
                if f"{occupation.label} ({hours} uur)" not in titles:
                    break
            else:
                continue
            titles.add(f"{occupation.label} ({hours} uur)")
            roster, flexible = _roster(rng, occupation.sector, hours)
            share, certificate = CERTIFICATES.get(occupation.key, (0.0, {}))
            vacancy = Vacancy(
                employer=employer,
                title=f"{occupation.label} ({hours} uur)",
                occupation=occupation.label,
                occupation_uri=occupation.uri,
                sector=employer.sector,
                location=location_of[employer.pk],
                hours_per_week=Decimal(hours),
                roster_mask=roster,
                roster_flexible=flexible,
                contract_kind=rng.choice(
                    ("fixed_term", "fixed_term", "temp_agency", "permanent", "on_call")
                ),
                contract_months=rng.choice((6, 7, 12, 12, 12, 24)),
                wage_hourly=Decimal("14.40") + Decimal(rng.randint(0, 400)) / 100,
                dutch_level=_weighted(rng, DUTCH_WEIGHTS[occupation.category]),
                required_certificates=[certificate] if rng.random() < share else [],
                language_rich=rng.random() < 0.4,
                twv_willing=rng.random() < 0.6,
                self_development=occupation.category,
                places=rng.choice((1, 1, 2, 3)),
                group_possible=rng.random() < 0.25,
                start_date=today + timedelta(days=rng.randint(7, 60)),
                status=rng.choices(
                    (VacancyStatus.OPEN, VacancyStatus.DRAFT, VacancyStatus.CLOSED),
                    weights=(8, 1, 1),
                )[0],
            )
            vacancies.append(vacancy)
    bulk.write(Vacancy, vacancies, batch_size=BATCH)
    open_vacancies = [v for v in vacancies if v.status == VacancyStatus.OPEN]
    if not open_vacancies:
        return

    def coach_of(p: Any) -> Any:
        return p.regiehouder or managers[0]

    # Shortlists: people in mediation or a pre-work trajectory.
    candidates = [
        p
        for p in ctx.participants
        if p.status in (ParticipantStatus.MEDIATION, ParticipantStatus.IN_PRETRAJECTORY)
    ]
    rng.shuffle(candidates)
    # A coach proposes someone for a job in their own municipality where there is one.
    nearby: dict[int | None, list[Vacancy]] = {}
    for v in open_vacancies:
        nearby.setdefault(location_of[v.employer_id].municipality_id, []).append(v)
    shortlisted = []
    bulk_entries: list[Any] = []
    reason = "Past bij ervaring en beschikbaarheid"
    for n, p in enumerate(candidates[: max(6, min(size // 8, SHORTLIST_LIMIT))]):
        vacancy = rng.choice(nearby.get(p.municipality_id) or open_vacancies)
        if n < AUDITED_SHORTLISTS:
            entry = actions.shortlist(coach_of(p), vacancy, p, reason)
        else:
            # The rows the action writes (entry, the file's history), without its own transaction
            # and access-log entry each: a large demo has thousands.
            entry = Shortlist(vacancy=vacancy, participant=p, added_by=coach_of(p), reason=reason)
            bulk_entries.append(entry)
        shortlisted.append(entry)
        if rng.random() < 0.35:
            participant_actions.give_consent(
                coach_of(p),
                p,
                ConsentScope.EMPLOYER_PROFILE,
                recipient=vacancy.employer.organisation,
                purpose="Sollicitatie",
            )

    _write_shortlists(bulk_entries)

    # TWV applications for asylum seekers (status holders need none), in every state.
    asylum = [e for e in shortlisted if e.participant.phase == "asylum_seeker"]
    already = {e.participant_id for e in shortlisted}
    extra = [
        p
        for p in ctx.participants
        if p.phase == "asylum_seeker"
        and p.status in (ParticipantStatus.MEDIATION, ParticipantStatus.IN_PRETRAJECTORY)
        and p.pk not in already
    ]
    twv_vacancies = [v for v in open_vacancies if v.twv_willing] or open_vacancies
    for p in extra[: max(0, 12 - len(asylum))]:
        asylum.append(actions.shortlist(coach_of(p), rng.choice(twv_vacancies), p, ""))
    plans = (
        ("submitted", 70, None),
        ("granted", 60, 30),
        ("prepared", 3, None),
        ("submitted", 10, None),
        ("refused", 70, 40),
        ("withdrawn", 20, None),
    )
    for n, entry in enumerate(asylum):
        state, ago, decided_ago = plans[n % len(plans)]
        coach = coach_of(entry.participant)
        prepared = today - timedelta(days=ago + 4)
        twv = actions.prepare_twv(
            coach,
            entry.participant,
            entry.vacancy.employer,
            vacancy=entry.vacancy,
            prepared_on=prepared,
        )
        if state != "prepared" and state != "withdrawn":
            actions.submit_twv(coach, twv, today - timedelta(days=ago))
        if state in ("granted", "refused"):
            actions.decide_twv(coach, twv, state, today - timedelta(days=decided_ago or 0))
        elif state == "withdrawn":
            actions.decide_twv(coach, twv, state, today - timedelta(days=ago))

    # Placements: everyone already in a startbaan gets their job on record (start = the date the
    # status began), plus a few from mediation placed this month. Instruments per Tabel 6 shares.
    # Earlier jobs are not linked to today's vacancies (those stay open); the new ones are.
    placed = [p for p in ctx.participants if p.status == ParticipantStatus.STARTBAAN]
    fresh = [p for p in candidates if p.status == ParticipantStatus.MEDIATION][-3:]
    all_vacancies = [v for v in vacancies if v.status != VacancyStatus.DRAFT] or vacancies
    people = placed + fresh
    started = _status_dates(people, ParticipantStatus.STARTBAAN)
    latest_change = _status_dates(people, None)
    in_bulk: list[tuple[Any, Any, dict[str, Any], bool]] = []
    for n, p in enumerate(people):
        vacancy = rng.choice(all_vacancies)
        linked = p in fresh and vacancy.status == VacancyStatus.OPEN
        if p.pk in started:
            start = started[p.pk]
        else:
            latest = latest_change.get(p.pk)
            start = max(today - timedelta(days=rng.randint(0, 20)), latest or today)
        months = rng.choices((3, 6, 12, 18, None), weights=(20, 30, 160, 6, 53))[0]
        instruments = {k: rng.random() < share for k, share in INSTRUMENT_SHARES.items()}
        instruments["proefplaatsing"] = rng.random() < 0.08
        instruments["detachering"] = vacancy.employer.kind == "detachering"
        flexible = vacancy.roster_flexible
        fields = {
            "occupation": vacancy.occupation,
            "sector": vacancy.sector,
            "kind": "paid" if rng.random() < 0.97 else "paid_internship",
            "found_via": "service" if rng.random() < 178 / 265 else "self",
            "start_date": start,
            "contract_months": months,
            "hours_kind": "flexible" if flexible else "fixed",
            "hours_per_week": vacancy.hours_per_week,
            "wage_hourly": vacancy.wage_hourly,
            "zero_hours": vacancy.contract_kind == "on_call" or rng.random() < 0.1,
            **instruments,
        }
        # Aftercare already given in the past is on record; for about one placement in ten the
        # latest moment is still open (overdue), the coming ones are all open.
        keep_open = rng.random() < 0.1
        if n >= AUDITED_PLACEMENTS and not linked:
            in_bulk.append((p, vacancy.employer, fields, keep_open))
            continue
        placement = actions.register_placement(
            coach_of(p),
            p,
            employer=vacancy.employer,
            vacancy=vacancy if linked else None,
            **fields,
        )
        # Both tracks (pathway's aftercare: with the newcomer and with the employer).
        _close_past_check_ins(placement, today, keep_open)
    _write_placements(in_bulk, coach_of, today)


AUDITED_SHORTLISTS = 300


def _write_shortlists(entries: list[Any]) -> None:
    from django.utils.encoding import force_str
    from django.utils.translation import gettext as _

    from werkpad.participants.models import ChangeRecord

    label = force_str(_("Shortlisted"))
    bulk.write(Shortlist, entries, batch_size=BATCH)
    bulk.write(
        ChangeRecord,
        [
            ChangeRecord(
                participant=e.participant,
                user=e.added_by,
                section="shortlist",
                field="shortlist",
                label=label,
                old_value="",
                new_value=f"{e.vacancy.title} — {e.vacancy.employer.name}",
            )
            for e in entries
        ],
        batch_size=BATCH,
    )


# A large demo writes the placements after the first AUDITED_PLACEMENTS in bulk: the same rows
# ``actions.register_placement`` writes (the placement on the startbaan enrolment, pathway's
# aftercare schedule with the check-ins of both tracks, the file's history) for people whose
# enrolment is already in its startbaan, without one audited transaction each.
AUDITED_PLACEMENTS = 300
DONE_NOTE = "Contact gehad; gaat goed."


def _close_past_check_ins(placement: Any, today: date, keep_open: bool) -> None:
    past = AftercareCheckIn.objects.filter(schedule__placement=placement, due_on__lt=today)
    latest = past.order_by("-due_on").first() if keep_open else None
    if latest is not None:
        past = past.exclude(pk=latest.pk)
    past.update(done_on=models_due_on(), how="good", note=DONE_NOTE)


def _write_placements(
    rows: list[tuple[Any, Any, dict[str, Any], bool]], coach_of: Any, today: date
) -> None:
    from django.utils.encoding import force_str
    from django.utils.translation import gettext as _

    from werkpad.core import pathway as core
    from werkpad.core.pathway import aftercare as core_aftercare
    from werkpad.participants.models import ChangeRecord
    from werkpad.pathway import aftercare
    from werkpad.pathway.models import AftercareSchedule, Enrolment

    from .models import Placement

    if not rows:
        return
    enrolments: dict[int, list[Any]] = {}
    for e in (
        Enrolment.objects.filter(participant_id__in=[p.pk for p, *_rest in rows])
        .exclude(status__in=[s.value for s in core.FINAL])
        .select_related("programme")
        .order_by("-intake_date", "-id")
    ):
        enrolments.setdefault(e.participant_id, []).append(e)
    label = force_str(_("Placement"))
    placements: list[Any] = []
    plans: list[tuple[Any, Any, Any, bool, tuple[int, int, str]]] = []
    history: list[Any] = []
    rhythms: dict[tuple[date, int | None, int | None], tuple[int, int, str]] = {}
    for p, employer, fields, keep_open in rows:
        start = fields["start_date"]
        active = enrolments.get(p.pk, [])
        enrolment = next((e for e in active if e.intake_date <= start), None) or next(
            iter(active), None
        )
        coach = coach_of(p)
        if enrolment is None or enrolment.status != ParticipantStatus.STARTBAAN:
            # Anything but the plain case goes through the action (a new enrolment, a status).
            placement = actions.register_placement(coach, p, employer=employer, **fields)
            _close_past_check_ins(placement, today, keep_open)
            continue
        placement = Placement(
            participant=p, employer=employer, enrolment=enrolment, created_by=coach, **fields
        )
        placements.append(placement)
        programme = enrolment.programme
        key = (start, programme.aftercare_weekly_weeks, programme.aftercare_monthly_until_months)
        if key not in rhythms:
            rhythms[key] = aftercare.rhythm_on(
                start, weekly_weeks=key[1], monthly_until_months=key[2]
            )
        plans.append((placement, p, employer, keep_open, rhythms[key]))
        history.append(
            ChangeRecord(
                participant=p,
                user=coach,
                section="placement",
                field="placement",
                label=label,
                old_value="",
                new_value=f"{placement.occupation} — {employer.name} ({start.isoformat()})",
            )
        )
    bulk.write(Placement, placements, batch_size=BATCH)
    schedule_ids = bulk.write_rows(
        AftercareSchedule,
        (
            "placement_id",
            "participant_id",
            "start_date",
            "weekly_weeks",
            "monthly_until_months",
            "source",
        ),
        [
            (pl.pk, p.pk, pl.start_date, weeks, months, source[:300])
            for pl, p, _e, _k, (weeks, months, source) in plans
        ],
        keys=True,
    )
    check_ins: list[tuple[Any, ...]] = []
    for schedule_id, (pl, p, employer, keep_open, (weeks, months, _s)) in zip(
        schedule_ids, plans, strict=True
    ):
        owners = {
            core_aftercare.Track.NEWCOMER: p.regiehouder_id,
            core_aftercare.Track.EMPLOYER: employer.account_manager_id or pl.created_by_id,
        }
        planned = core_aftercare.schedule(
            pl.start_date, weekly_weeks=weeks, monthly_until_months=months
        )
        # Per track, the latest past moment stays open for about one placement in ten.
        left_open = {}
        if keep_open:
            for m in planned:
                if m.due_on < today:
                    left_open[m.track] = max(left_open.get(m.track, m.due_on), m.due_on)
        for m in planned:
            done = m.due_on < today and left_open.get(m.track) != m.due_on
            check_ins.append(
                (
                    schedule_id,
                    m.track.value,
                    m.phase.value,
                    m.due_on,
                    owners[m.track],
                    m.due_on if done else None,
                    "good" if done else "",
                    DONE_NOTE if done else "",
                )
            )
    bulk.write_rows(
        AftercareCheckIn,
        ("schedule_id", "track", "phase", "due_on", "owner_id", "done_on", "how", "note"),
        check_ins,
    )
    bulk.write(ChangeRecord, history, batch_size=BATCH)


def _status_dates(people: list[Any], status: str | None) -> dict[int, date]:
    """The latest status-change date per participant (of ``status``, or any), in one query."""
    from django.db.models import Max

    from werkpad.participants.models import StatusChange

    qs = StatusChange.objects.filter(participant_id__in=[p.pk for p in people])
    if status is not None:
        qs = qs.filter(status=status)
    return dict(
        qs.values("participant_id").annotate(last=Max("date")).values_list("participant_id", "last")
    )


def models_due_on() -> Any:
    """``done_on = due_on`` in a bulk update."""
    from django.db.models import F

    return F("due_on")
