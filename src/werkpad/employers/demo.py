"""Demo data of the employer desk, called by ``werkpad seed_demo`` after the people exist.

Employers across the sectors of Tabel 7 of [003] with kinds in its proportions, employer-contact
users, open vacancies, shortlists (some consented), TWV applications in every state, and placements
with instruments — the last three through ``actions`` so that statuses, history, audit and the
aftercare rhythm follow as in real use. Deterministic given ``ctx.rng``.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from werkpad.accounts.models import Organisation, OrganisationKind, Role
from werkpad.core import schedule
from werkpad.participants import actions as participant_actions
from werkpad.participants.choices import ConsentScope, ParticipantStatus

from . import actions
from .choices import VacancyStatus
from .models import ContactMoment, Employer, EmployerLocation, Vacancy

# [003] Tabel 7, share of jobs: kinds and sectors (the "unknown" sector row is not generated).
KIND_WEIGHTS = {
    "regulier": 192,
    "detachering": 9,
    "werkleerbedrijf": 38,
    "uitzendbureau": 21,
    "anders": 7,
}
SECTOR_WEIGHTS = {
    "logistiek": 67,
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
    "logistiek": ("Transport", "Logistics", "Distributiecentrum", "Koeriers"),
    "horeca": ("Grand Café", "Hotel", "Restaurant", "Catering"),
    "bouw_techniek": ("Bouwbedrijf", "Installatietechniek", "Metaalwerk", "Schilders"),
    "productie": ("Voedselproductie", "Verpakkingen", "Kunststoffen", "Bakkerij"),
    "detailhandel": ("Supermarkt", "Bouwmarkt", "Tuincentrum", "Warenhuis"),
    "schoonmaak": ("Schoonmaakdiensten", "Glazenwassers", "Facilitair", "Hygiëne"),
    "zorg": ("Zorggroep", "Thuiszorg", "Woonzorgcentrum", "Wijkzorg"),
    "anders": ("Groenvoorziening", "Recycling", "Kringloop", "Evenementen"),
}
SURNAMES = (
    "De Vries", "Van Dijk", "Bakker", "Jansen", "Visser", "Smit", "Meijer", "De Boer", "Mulder",
    "De Groot", "Bos", "Vos", "Peters", "Hendriks", "Dekker", "Brouwer", "Dijkstra", "Kok",
)  # fmt: skip
OCCUPATIONS = {
    "logistiek": (("Orderpicker", "minimal"), ("Magazijnmedewerker", "minimal"),
                  ("Heftruckchauffeur", "some")),
    "horeca": (("Afwasser", "minimal"), ("Zelfstandig werkend kok", "some"),
               ("Bediening", "some")),
    "bouw_techniek": (("Bouwhulp", "minimal"), ("Timmerman", "some"), ("Lasser", "strong")),
    "productie": (("Productiemedewerker", "minimal"), ("Inpakker", "minimal"),
                  ("Machineoperator", "some")),
    "detailhandel": (("Vakkenvuller", "minimal"), ("Kassamedewerker", "some"),
                     ("Verkoopmedewerker", "some")),
    "schoonmaak": (("Schoonmaker", "minimal"), ("Glazenwasser", "minimal")),
    "zorg": (("Helpende zorg en welzijn", "some"), ("Verzorgende IG", "strong"),
             ("Facilitair medewerker zorg", "minimal")),
    "anders": (("Hovenier", "some"), ("Medewerker kringloop", "minimal"),
               ("Medewerker recycling", "minimal")),
}  # fmt: skip
CERTIFICATES = {
    "logistiek": [{"kind": "forklift", "detail": ""}],
    "bouw_techniek": [{"kind": "vca", "detail": ""}],
    "horeca": [{"kind": "hygiene", "detail": ""}],
    "zorg": [{"kind": "diploma", "detail": "MBO-2 Helpende Zorg en Welzijn"}],
}
SIZES = ("lt5", "5_9", "10_49", "10_49", "50_99", "100_499", "ge500")


def _weighted(rng: Any, weights: dict[str, int]) -> str:
    keys = list(weights)
    return str(rng.choices(keys, weights=[weights[k] for k in keys], k=1)[0])


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
    employers: list[Employer] = []
    used: set[str] = set()
    for i, sector in enumerate(sectors):
        name = f"{rng.choice(NAMES[sector])} {rng.choice(SURNAMES)}"
        if name in used:
            # A sector has a limited set of name combinations: number the repeats (large demos).
            name = f"{name} {sum(1 for u in used if u.startswith(name)) + 1}"
        used.add(name)
        organisation = Organisation.objects.create(name=name, kind=OrganisationKind.EMPLOYER)
        kind = _weighted(rng, KIND_WEIGHTS)
        employer = Employer.objects.create(
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
        place = rng.choice(ctx.municipalities) if ctx.municipalities else None
        EmployerLocation.objects.create(
            employer=employer,
            name="",
            address=f"Industrieweg {rng.randint(1, 120)}",
            postcode=f"{rng.randint(1000, 9999)}{rng.choice('ABCDEFGHKL')}{rng.choice('MNPRST')}",
            city=place.name if place else "",
            municipality=place,
            latitude=round(place.latitude + rng.uniform(-0.03, 0.03), 5)
            if place and place.latitude is not None
            else None,
            longitude=round(place.longitude + rng.uniform(-0.03, 0.03), 5)
            if place and place.longitude is not None
            else None,
        )
        user = ctx.make_user(
            f"werkgever{i + 1}",
            Role.EMPLOYER,
            organisation,
            first_name=employer.contact_name.split(" ", 1)[0],
            last_name=employer.contact_name.split(" ", 1)[1],
        )
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

    # Vacancies: 1-3 per employer, most open.
    vacancies: list[Vacancy] = []
    for employer in employers:
        for _j in range(rng.choice((1, 1, 2, 2, 3))):
            occupation, category = rng.choice(OCCUPATIONS[employer.sector])
            flexible = rng.random() < 72 / 249
            days = rng.sample(range(6), k=rng.choice((3, 4, 5)))
            parts = (0, 1) if rng.random() < 0.7 else (1, 2)
            hours = rng.choice((16, 20, 24, 24, 32, 32, 36, 38))
            vacancy = Vacancy.objects.create(
                employer=employer,
                title=f"{occupation} ({hours} uur)",
                occupation=occupation,
                sector=employer.sector,
                location=employer.locations.first(),
                hours_per_week=Decimal(hours),
                roster_mask=0
                if flexible
                else schedule.mask_of((d, p) for d in days for p in parts),
                roster_flexible=flexible,
                contract_kind=rng.choice(
                    ("fixed_term", "fixed_term", "temp_agency", "permanent", "on_call")
                ),
                contract_months=rng.choice((6, 7, 12, 12, 12, 24)),
                wage_hourly=Decimal("14.40") + Decimal(rng.randint(0, 400)) / 100,
                dutch_level=rng.choice(("A0", "A1", "A1", "A2", "B1")),
                required_certificates=CERTIFICATES.get(employer.sector, []),
                language_rich=rng.random() < 0.4,
                twv_willing=rng.random() < 0.6,
                self_development=category,
                places=rng.choice((1, 1, 2, 3)),
                group_possible=rng.random() < 0.25,
                start_date=today + timedelta(days=rng.randint(7, 60)),
                status=rng.choices(
                    (VacancyStatus.OPEN, VacancyStatus.DRAFT, VacancyStatus.CLOSED),
                    weights=(8, 1, 1),
                )[0],
            )
            vacancies.append(vacancy)
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
    shortlisted = []
    for p in candidates[: max(6, size // 8)]:
        vacancy = rng.choice(open_vacancies)
        entry = actions.shortlist(coach_of(p), vacancy, p, "Past bij ervaring en beschikbaarheid")
        shortlisted.append(entry)
        if rng.random() < 0.35:
            participant_actions.give_consent(
                coach_of(p),
                p,
                ConsentScope.EMPLOYER_PROFILE,
                recipient=vacancy.employer.organisation,
                purpose="Sollicitatie",
            )

    # TWV applications for asylum seekers (status holders need none), in every state.
    asylum = [e for e in shortlisted if e.participant.phase == "asylum_seeker"]
    extra = [
        p
        for p in ctx.participants
        if p.phase == "asylum_seeker"
        and p.status in (ParticipantStatus.MEDIATION, ParticipantStatus.IN_PRETRAJECTORY)
        and all(e.participant_id != p.pk for e in shortlisted)
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
    for p in placed + fresh:
        vacancy = rng.choice(all_vacancies)
        linked = p in fresh and vacancy.status == VacancyStatus.OPEN
        change = (
            p.status_changes.filter(status=ParticipantStatus.STARTBAAN).order_by("-date").first()
        )
        start = change.date if change is not None else today - timedelta(days=rng.randint(0, 20))
        months = rng.choices((3, 6, 12, 18, None), weights=(20, 30, 160, 6, 53))[0]
        instruments = {k: rng.random() < share for k, share in INSTRUMENT_SHARES.items()}
        instruments["proefplaatsing"] = rng.random() < 0.08
        instruments["detachering"] = vacancy.employer.kind == "detachering"
        flexible = vacancy.roster_flexible
        placement = actions.register_placement(
            coach_of(p),
            p,
            employer=vacancy.employer,
            vacancy=vacancy if linked else None,
            occupation=vacancy.occupation,
            sector=vacancy.sector,
            kind="paid" if rng.random() < 0.97 else "paid_internship",
            found_via="service" if rng.random() < 178 / 265 else "self",
            start_date=start,
            contract_months=months,
            hours_kind="flexible" if flexible else "fixed",
            hours_per_week=vacancy.hours_per_week,
            wage_hourly=vacancy.wage_hourly,
            zero_hours=vacancy.contract_kind == "on_call" or rng.random() < 0.1,
            **instruments,
        )
        # Aftercare already given in the past is on record; for about one placement in ten the
        # latest moment is still open (overdue), the coming ones are all open.
        past = ContactMoment.objects.filter(placement=placement, due_on__lt=today)
        keep_open = past.order_by("-due_on").first() if rng.random() < 0.1 else None
        if keep_open is not None:
            past = past.exclude(pk=keep_open.pk)
        past.update(done_on=models_due_on(), notes="Contact gehad; gaat goed.")


def models_due_on() -> Any:
    """``done_on = due_on`` in a bulk update."""
    from django.db.models import F

    return F("due_on")
