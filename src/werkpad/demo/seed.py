"""Write the demo population to the database: organisations, staff, participants, logins.

``seed_database(size, seed)`` is what ``werkpad seed_demo`` and the tests call. It is one
transaction; afterwards other apps add their demo data through ``werkpad.<app>.demo.seed(ctx)``
(currently ``werkpad.employers.demo``), in the same transaction.
"""

from __future__ import annotations

import importlib
import importlib.util
import math
import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from werkpad.accounts.models import Organisation, OrganisationKind, Role, User
from werkpad.participants.actions import default_link_scope
from werkpad.participants.models import (
    Certificate,
    CoachLink,
    Consent,
    Diploma,
    FixedAppointment,
    OtherLanguage,
    Participant,
    StatusChange,
    WorkExperience,
    search_key,
)
from werkpad.participants.purposes import PURPOSE_OF_SCOPE, Purpose
from werkpad.places.models import Municipality

from . import bulk, data
from .population import ParticipantSpec, generate

DEMO_PASSWORD = "werkpad-demo"  # noqa: S105 - public demo password, printed on purpose
DEMO_MARKER = "Werkpad demo"  # job title of the demo administrator: marks a seeded database
ADMIN_USERNAME = "admin"
CASELOAD = 45  # participants per coach, roughly
EXTENSIONS = (
    "werkpad.employers.demo",
    "werkpad.demo.pathway",
    "werkpad.handovers.demo",
    "werkpad.surveys.demo",
    "werkpad.koppeling.demo",
    "werkpad.demo.care",
    "werkpad.privacy.demo",
)
BATCH = 2000

Login = tuple[str, str, str, str]  # role, username, password, what to try


@dataclass
class DemoContext:
    """What other apps' demo seeders get: the population and the means to add to it."""

    rng: random.Random
    today: date
    size: int
    seed: int
    municipalities: list[Municipality]
    organisations: dict[str, Organisation]
    coaches: list[User]
    participants: list[Participant]
    logins: list[Login] = field(default_factory=list)
    password: str = DEMO_PASSWORD
    password_hash: str = ""
    users: dict[str, User] = field(default_factory=dict)  # featured users by username

    def make_user(
        self, username: str, role: str, organisation: Organisation | None, **extra: Any
    ) -> User:
        """A demo user with the demo password (hashed once, shared by all demo users)."""
        if not self.password_hash:
            self.password_hash = make_password(self.password)
        user = User(
            username=username,
            role=role,
            organisation=organisation,
            password=self.password_hash,
            **extra,
        )
        user.save()
        return user


# Organisations by stable key: name, kind, municipality code.
GEMEENTE_NAMES = {"GM0518": "Gemeente Den Haag"}


def organisation_specs() -> dict[str, tuple[str, str, str | None]]:
    specs: dict[str, tuple[str, str, str | None]] = {}
    for m in data.MUNICIPALITIES:
        specs[f"gemeente:{m.code}"] = (
            GEMEENTE_NAMES.get(m.code, f"Gemeente {m.name}"),
            OrganisationKind.GEMEENTE,
            m.code,
        )
    names = {m.code: ("Den Haag" if m.code == "GM0518" else m.name) for m in data.MUNICIPALITIES}
    for code in data.COA_LOCATIONS:
        specs[f"coa:{code}"] = (f"COA azc {names[code]}", OrganisationKind.COA, code)
    specs["wsp"] = ("WSP Midden-Utrecht", OrganisationKind.WSP, "GM0344")
    specs["civil"] = ("Stichting Welkom en Werk", OrganisationKind.CIVIL_SOCIETY, "GM0307")
    specs["language"] = ("Taalschool De Brug", OrganisationKind.LANGUAGE_PROVIDER, "GM0344")
    specs["werkbedrijf"] = (
        "Werkontwikkelbedrijf Kansrijk",
        OrganisationKind.WERKONTWIKKELBEDRIJF,
        "GM0599",
    )
    return specs


JOB_TITLES = {
    OrganisationKind.GEMEENTE: "Klantmanager werk en inkomen",
    OrganisationKind.COA: "Casemanager COA",
    OrganisationKind.WSP: "Accountmanager",
    OrganisationKind.CIVIL_SOCIETY: "Maatschappelijk begeleider",
    OrganisationKind.LANGUAGE_PROVIDER: "Taalcoach",
    OrganisationKind.WERKONTWIKKELBEDRIJF: "Jobcoach",
}

# Featured coaches: (username, organisation key, what to try).
FEATURED = (
    (
        "coach",
        "gemeente:GM0344",
        "Werkcoach at Gemeente Utrecht: own caseload (regiehouder); search, filter, open a file, "
        "edit a section; 'Everyone I may see' adds colleagues' participants who consented",
    ),
    (
        "coa",
        "coa:GM0363",
        "Casemanager at COA azc Amsterdam: asylum seekers, W-documents (some expired), meldplicht",
    ),
    (
        "partner",
        "civil",
        "Coach at a civil-society organisation: own participants plus files shared by consent",
    ),
    (
        "wsp",
        "wsp",
        "Accountmanager at the WSP: employers, vacancies, shortlists; second coach in mediation",
    ),
    ("taal", "language", "Language coach: linked to participants in inburgering"),
    ("jobcoach", "werkbedrijf", "Jobcoach at a werkontwikkelbedrijf"),
)


def is_seeded() -> bool:
    return User.objects.filter(username=ADMIN_USERNAME, job_title=DEMO_MARKER).exists()


def seed_database(
    size: int = 300,
    seed: int = 2025,
    *,
    today: date | None = None,
    extensions: bool = True,
    progress: Callable[[str], None] | None = None,
) -> DemoContext:
    """Create the demo population in the database (one transaction) and return its context."""
    say = progress or (lambda _msg: None)
    today = today or timezone.localdate()
    with transaction.atomic():
        specs = generate(size, seed, today)
        say(f"generated {len(specs)} participants")
        municipalities = _municipalities()
        organisations = _organisations(municipalities)
        ctx = DemoContext(
            rng=random.Random(f"{seed}:extensions"),
            today=today,
            size=size,
            seed=seed,
            municipalities=list(municipalities.values()),
            organisations=organisations,
            coaches=[],
            participants=[],
        )
        ctx.password_hash = make_password(DEMO_PASSWORD)
        staff_rng = random.Random(f"{seed}:staff")
        coaches_by_org = _coaches(ctx, specs, staff_rng)
        say(f"created {len(ctx.coaches)} coaches in {len(organisations)} organisations")
        _participants(ctx, specs, municipalities, coaches_by_org, staff_rng)
        say(f"wrote {len(ctx.participants)} participant files")
        _other_users(ctx, specs)
        if extensions:
            for module_name in EXTENSIONS:
                module = _optional_module(module_name)
                if module is not None and hasattr(module, "seed"):
                    module.seed(ctx)
                    say(f"ran {module_name}.seed")
    _analyze()
    return ctx


def _analyze() -> None:
    """Refresh the query planner's statistics after the bulk load.

    Without them SQLite guesses that every index is selective and, for example, walks the
    low-cardinality ``phase`` index for a filtered caseload (4x slower at 10,000 participants).
    """
    from django.db import connection

    from werkpad.db_maintenance import refresh_planner_statistics

    refresh_planner_statistics(connection)


def _optional_module(name: str) -> Any:
    try:
        spec = importlib.util.find_spec(name)
    except ModuleNotFoundError:
        return None
    return importlib.import_module(name) if spec is not None else None


def _municipalities() -> dict[str, Municipality]:
    """The demo municipalities; rows already imported from CBS are kept as they are."""
    existing = {
        m.code: m
        for m in Municipality.objects.filter(code__in=[m.code for m in data.MUNICIPALITIES])
    }
    new = [
        Municipality(
            code=m.code,
            name=m.name,
            province=m.province,
            labour_market_region=m.region,
            latitude=m.latitude,
            longitude=m.longitude,
            population=m.population,
        )
        for m in data.MUNICIPALITIES
        if m.code not in existing
    ]
    Municipality.objects.bulk_create(new)
    return {
        m.code: m
        for m in Municipality.objects.filter(code__in=[m.code for m in data.MUNICIPALITIES])
    }


def _organisations(municipalities: dict[str, Municipality]) -> dict[str, Organisation]:
    out: dict[str, Organisation] = {}
    for key, (name, kind, code) in organisation_specs().items():
        org, _created = Organisation.objects.get_or_create(
            name=name,
            kind=kind,
            defaults={"municipality": municipalities.get(code) if code else None},
        )
        out[key] = org
    return out


def _slug(org_key: str, name: str) -> str:
    base = name.removeprefix("Gemeente ").removeprefix("COA azc ")
    base = "".join(c if c.isalnum() else "-" for c in base.lower()).strip("-")
    if org_key.startswith("coa:"):
        return f"coa-{base}"
    return {"wsp": "wsp", "civil": "partner", "language": "taal", "werkbedrijf": "jobcoach"}.get(
        org_key, base
    )


def _coaches(
    ctx: DemoContext, specs: list[ParticipantSpec], rng: random.Random
) -> dict[str, list[User]]:
    load: dict[str, int] = defaultdict(int)
    for s in specs:
        load[s.organisation_key] += 1
        if s.second_organisation_key:
            load[s.second_organisation_key] += 1
    featured = {org_key: (username, what) for username, org_key, what in FEATURED}
    users: list[User] = []
    by_org: dict[str, list[User]] = {}
    used_names: set[tuple[str, str]] = set()
    # Every coach has a name of their own while the name lists last (1,320 combinations); a demo
    # with more coaches (over about 60,000 participants) repeats names beyond that.
    unique_names = len(data.STAFF_FIRST) * len(data.STAFF_LAST)
    for key, org in ctx.organisations.items():
        count = max(1, math.ceil(load.get(key, 0) / CASELOAD))
        slug = _slug(key, org.name)
        by_org[key] = []
        for j in range(count):
            while True:
                first, last = rng.choice(data.STAFF_FIRST), rng.choice(data.STAFF_LAST)
                if (first, last) not in used_names or len(used_names) >= unique_names:
                    used_names.add((first, last))
                    break
            username = featured[key][0] if j == 0 and key in featured else f"{slug}.{j + 1}"
            user = User(
                username=username,
                first_name=first,
                last_name=last,
                role=Role.COACH,
                organisation=org,
                job_title=JOB_TITLES.get(OrganisationKind(org.kind), "Coach"),
                password=ctx.password_hash,
                email=f"{username}@example.org",
            )
            user.is_staff = False
            users.append(user)
            by_org[key].append(user)
    bulk.write(User, users, batch_size=BATCH)
    ctx.coaches = users
    for username, _key, _what in FEATURED:
        ctx.users[username] = next(u for u in users if u.username == username)
    return by_org


def _participants(
    ctx: DemoContext,
    specs: list[ParticipantSpec],
    municipalities: dict[str, Municipality],
    coaches_by_org: dict[str, list[User]],
    rng: random.Random,
) -> None:
    orgs = ctx.organisations
    turn: dict[str, int] = defaultdict(int)
    offset = {k: rng.randrange(len(v)) for k, v in coaches_by_org.items()}

    def next_coach(key: str) -> User:
        coaches = coaches_by_org[key]
        i = (offset[key] + turn[key]) % len(coaches)
        turn[key] += 1
        return coaches[i]

    tz = timezone.get_current_timezone()
    objs: list[Participant] = []
    regie: list[User] = []
    for s in specs:
        coach = next_coach(s.organisation_key)
        regie.append(coach)
        objs.append(
            Participant(
                public_id=s.public_id,
                number=s.number,
                first_name=s.first_name,
                last_name=s.last_name,
                search_name=search_key(s.first_name, s.last_name),  # bulk_create skips save()
                birth_date=s.birth_date,
                gender=s.gender,
                country_of_origin=s.country_of_origin,
                nationality=s.nationality,
                mother_tongue=s.mother_tongue,
                contact_language=s.contact_language,
                email=s.email,
                arrival_date=s.arrival_date,
                asylum_application_date=s.asylum_application_date,
                status_decision_date=s.status_decision_date,
                residence_permit_date=s.residence_permit_date,
                phase=s.phase,
                dutch_spoken=s.dutch_spoken,
                dutch_written=s.dutch_written,
                speaks_english=s.speaks_english,
                english_level=s.english_level,
                education=s.education,
                diploma_valuation=s.diploma_valuation,
                job_at_intake=s.job_at_intake,
                desired_occupation=s.desired_occupation,
                desired_occupation_uri=s.desired_occupation_uri,
                desired_self_development=s.desired_self_development,
                household=s.household,
                children_count=s.children_count,
                childcare_need=s.childcare_need,
                residence=s.residence,
                coa_location=orgs.get(f"coa:{s.municipality_code}")
                if s.residence == "azc"
                else None,
                municipality=municipalities[s.municipality_code],
                postcode=s.postcode,
                has_bicycle=s.has_bicycle,
                has_car=s.has_car,
                uses_public_transport=s.uses_public_transport,
                driving_licence=s.driving_licence,
                inburgering_route=s.inburgering_route,
                inburgering_status=s.inburgering_status,
                inburgering_start_date=s.inburgering_start_date,
                lesson_mask=s.lesson_mask,
                lesson_hours_per_week=(
                    Decimal(str(s.lesson_hours_per_week))
                    if s.lesson_hours_per_week is not None
                    else None
                ),
                has_benefit=s.has_benefit,
                w_document_expiry=s.w_document_expiry,
                bsn_status=s.bsn_status,
                bsn_requested_date=s.bsn_requested_date,
                bsn_received_date=s.bsn_received_date,
                availability_mask=s.availability_mask,
                max_hours_per_week=s.max_hours_per_week,
                organisation=orgs[s.organisation_key],
                regiehouder=coach,
                status=s.status,
                intake_step="consent",
                intake_completed_at=datetime.combine(s.intake_date, time(10, 0), tzinfo=tz),
            )
        )
    bulk.write(Participant, objs, batch_size=BATCH)
    ctx.participants = objs

    links: list[CoachLink] = []
    consents: list[Consent] = []
    languages: list[OtherLanguage] = []
    diplomas: list[Diploma] = []
    experiences: list[WorkExperience] = []
    certificates: list[Certificate] = []
    appointments: list[FixedAppointment] = []
    history: list[StatusChange] = []
    has_reason_code = any(f.name == "reason_code" for f in StatusChange._meta.get_fields())
    for s, p, coach in zip(specs, objs, regie, strict=True):
        if s.second_organisation_key:
            linked = next_coach(s.second_organisation_key)
            read, edit = default_link_scope(linked, p, Purpose.GUIDANCE)
            links.append(
                CoachLink(
                    participant=p,
                    coach=linked,
                    role=s.second_coach_role,
                    since=s.intake_date,
                    purpose=Purpose.GUIDANCE,
                    read_sections=read,
                    edit_sections=edit,
                )
            )
        for scope, recipient_key, given_on, withdrawn in s.consents:
            given_at = datetime.combine(given_on, time(11, 0), tzinfo=tz)
            consents.append(
                Consent(
                    participant=p,
                    scope=scope,
                    recipient=orgs[recipient_key] if recipient_key else None,
                    purpose=_consent_purpose(scope),
                    purpose_code=PURPOSE_OF_SCOPE.get(scope, Purpose.GUIDANCE),
                    given_at=given_at,
                    withdrawn_at=(
                        datetime.combine(ctx.today, time(9, 0), tzinfo=tz) if withdrawn else None
                    ),
                    recorded_by=coach,
                )
            )
        languages += [
            OtherLanguage(participant=p, language=lang, level=lvl) for lang, lvl in s.languages
        ]
        diplomas += [
            Diploma(
                participant=p,
                title=d.title,
                level=d.level,
                country=d.country,
                valuation=d.valuation,
            )
            for d in s.diplomas
        ]
        experiences += [
            WorkExperience(
                participant=p,
                occupation=e.occupation,
                occupation_uri=e.occupation_uri,
                years=Decimal(str(e.years)),
                sector=e.sector,
                country=e.country,
            )
            for e in s.experiences
        ]
        certificates += [
            Certificate(participant=p, kind=c.kind, detail=c.detail, expires_on=c.expires_on)
            for c in s.certificates
        ]
        appointments += [
            FixedAppointment(
                participant=p, weekday=a.weekday, dagdeel=a.dagdeel, description=a.description
            )
            for a in s.appointments
        ]
        for h in s.history:
            change = StatusChange(
                participant=p, status=h.status, date=h.date, reason=h.reason, recorded_by=coach
            )
            if has_reason_code:
                change.reason_code = h.reason_code
            elif h.reason_code and not h.reason:
                change.reason = h.reason_code
            history.append(change)
    # Status belongs to an enrolment: the histories become enrolments in the demo's programmes.
    from werkpad.demo import pathway as demo_pathway

    demo_pathway.enrol_histories(ctx, specs, objs, history)
    for model, rows in (
        (CoachLink, links),
        (Consent, consents),
        (OtherLanguage, languages),
        (Diploma, diplomas),
        (WorkExperience, experiences),
        (Certificate, certificates),
        (FixedAppointment, appointments),
        (StatusChange, history),
    ):
        bulk.write(model, rows, batch_size=BATCH)


def _consent_purpose(scope: str) -> str:
    return {
        "organisation": "Begeleiding naar werk",
        "other_organisation": "Samenwerking in het traject",
        "employer_profile": "Voorstellen bij werkgevers",
        "research": "Evaluatie en monitoring (anoniem)",
    }.get(scope, "")


def _other_users(ctx: DemoContext, specs: list[ParticipantSpec]) -> None:
    """Analyst, administrator, newcomer portal accounts; and the login list."""
    utrecht = ctx.organisations["gemeente:GM0344"]
    analyst = ctx.make_user(
        "analyst",
        Role.ANALYST,
        utrecht,
        first_name="Iris",
        last_name="van Dam",
        job_title="Beleidsonderzoeker",
    )
    admin = ctx.make_user(
        ADMIN_USERNAME,
        Role.ADMIN,
        None,
        first_name="Werkpad",
        last_name="Beheer",
        job_title=DEMO_MARKER,
        is_superuser=True,
    )
    privacy = ctx.make_user(
        "privacy",
        Role.PRIVACY,
        utrecht,
        first_name="Sanne",
        last_name="Kok",
        job_title="Privacyfunctionaris",
    )
    ctx.users["analyst"] = analyst
    ctx.users[ADMIN_USERNAME] = admin
    ctx.users["privacy"] = privacy

    # Portal accounts for a few participants, one per contact language where possible.
    chosen: list[Participant] = []
    for lang in ("ar", "ti", "fa", "en"):
        for s, p in zip(specs, ctx.participants, strict=True):
            if s.contact_language == lang and s.phase == "inburgering" and p not in chosen:
                chosen.append(p)
                break
        if len(chosen) == 3:
            break
    portal: list[tuple[User, Participant]] = []
    for i, p in enumerate(chosen, start=1):
        user = ctx.make_user(
            f"nieuwkomer{i}",
            Role.PARTICIPANT,
            None,
            first_name=p.first_name,
            last_name=p.last_name,
            language="ar" if p.contact_language == "ar" else "en",
        )
        p.user = user
        p.save(update_fields=["user"])
        ctx.users[user.username] = user
        portal.append((user, p))

    ctx.logins = [
        (
            "admin",
            ADMIN_USERNAME,
            DEMO_PASSWORD,
            "Administrator: access log (who opened which file), users in the Django admin (/admin/)",
        )
    ]
    for username, _key, what in FEATURED:
        ctx.logins.append(("coach", username, DEMO_PASSWORD, what))
    ctx.logins.append(("analyst", "analyst", DEMO_PASSWORD, "Analyst: aggregates only, no files"))
    ctx.logins.append(
        (
            "privacy",
            "privacy",
            DEMO_PASSWORD,
            "Privacy officer: the access log and its export, no files",
        )
    )
    for user, p in portal:
        ctx.logins.append(
            (
                "newcomer",
                user.username,
                DEMO_PASSWORD,
                f"Newcomer portal account of participant {p.number} (own file only)",
            )
        )


def known_logins() -> list[Login]:
    """The logins of an already seeded database (for re-runs of ``seed_demo``)."""
    logins: list[Login] = []
    if User.objects.filter(username=ADMIN_USERNAME, job_title=DEMO_MARKER).exists():
        logins.append(
            (
                "admin",
                ADMIN_USERNAME,
                DEMO_PASSWORD,
                "Administrator: access log (who opened which file), users in the Django admin (/admin/)",
            )
        )
    existing = set(
        User.objects.filter(
            username__in=[f[0] for f in FEATURED] + ["analyst", "privacy"]
        ).values_list("username", flat=True)
    )
    logins += [("coach", u, DEMO_PASSWORD, what) for u, _k, what in FEATURED if u in existing]
    if "analyst" in existing:
        logins.append(("analyst", "analyst", DEMO_PASSWORD, "Analyst: aggregates only, no files"))
    if "privacy" in existing:
        logins.append(
            (
                "privacy",
                "privacy",
                DEMO_PASSWORD,
                "Privacy officer: the access log and its export, no files",
            )
        )
    if User.objects.filter(username="regievoerder").exists():
        from werkpad.koppeling.demo import LOGIN as KOPPELING_LOGIN

        logins.append(("regievoerder", "regievoerder", DEMO_PASSWORD, KOPPELING_LOGIN))
    for user in User.objects.filter(
        role=Role.PARTICIPANT, username__startswith="nieuwkomer"
    ).order_by("username"):
        number = (
            Participant.objects.filter(user=user).values_list("number", flat=True).first() or ""
        )
        logins.append(
            (
                "newcomer",
                user.username,
                DEMO_PASSWORD,
                f"Newcomer portal account of participant {number} (own file only)",
            )
        )
    for module_name in EXTENSIONS:
        module = _optional_module(module_name)
        if module is not None and hasattr(module, "logins"):
            logins += list(module.logins())
        elif module is not None and module_name == "werkpad.employers.demo":
            for user in User.objects.filter(role=Role.EMPLOYER).order_by("id")[:2]:
                logins.append(
                    (
                        "employer",
                        user.username,
                        DEMO_PASSWORD,
                        f"Employer contact at {user.organisation}",
                    )
                )
    return logins
