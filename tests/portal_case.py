"""A newcomer's portal, ready for a journey: a plan with two versions (the newest not yet confirmed
by the newcomer), a step of her own, a certificate that expires soon, a job her coach proposed and
vacancies that fit her, while she lives in COA reception (so the REBA applies).

Used by the portal's integration tests and its browser journeys (``build(world)``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from django.utils import timezone

from tests.factories import CertificateFactory
from tests.factories_employers import EmployerFactory, LocationFactory, VacancyFactory
from werkpad.core.schedule import FULL_WEEK, WORKDAY_DAYTIME
from werkpad.employers.models import Shortlist
from werkpad.participants.models import WorkExperience
from werkpad.pathway import actions as pathway
from werkpad.pathway.choices import StepOwner, StepType
from werkpad.pathway.models import PlanStep

FORKLIFT = "urn:werkpad:demo:occupation:heftruckchauffeur"
WAREHOUSE = "urn:werkpad:demo:occupation:magazijnmedewerker"
DEMO_RULES = Path(__file__).resolve().parents[1] / "src/werkpad/demo/rules-demo.toml"


@dataclass
class Case:
    plan: object
    v1: object
    v2: object
    my_step: object
    proposed: object
    fits: object
    other: object


def build(world) -> Case:
    p = world.participant
    today = timezone.localdate()
    for key, value in {
        "phase": "inburgering",
        "status_decision_date": today - timedelta(days=200),
        "residence_permit_date": today - timedelta(days=200),
        "residence": "azc",
        "household": "alone",
        "dutch_spoken": "A1",
        "availability_mask": FULL_WEEK,
        "has_bicycle": True,
        "desired_occupation": "heftruckchauffeur",
        "desired_occupation_uri": FORKLIFT,
        "desired_self_development": "minimal",
        "bsn_status": "received",
        "bsn_received_date": today - timedelta(days=100),
    }.items():
        setattr(p, key, value)
    p.save()
    WorkExperience.objects.create(
        participant=p, occupation="heftruckchauffeur", occupation_uri=FORKLIFT, years=3
    )
    CertificateFactory(participant=p, kind="vca", expires_on=today + timedelta(days=30))

    plan = pathway.start_plan(world.anna, p)
    pathway.save_plan_goals(world.anna, plan, droombaan="Heftruckchauffeur")
    my_step = pathway.save_step(
        world.anna,
        PlanStep(
            plan=plan, type=StepType.LANGUAGE, title="Taalcafé op dinsdag", owner=StepOwner.NEWCOMER
        ),
    )
    pathway.save_step(
        world.anna,
        PlanStep(
            plan=plan, type=StepType.COMPANY_VISIT, title="Bedrijfsbezoek", owner=StepOwner.COACH
        ),
    )
    v1 = pathway.save_version(world.anna, plan)
    pathway.save_step(
        world.anna,
        PlanStep(plan=plan, type=StepType.CV, title="CV maken", owner=StepOwner.COACH),
    )
    v2 = pathway.save_version(world.anna, plan, trigger="interval")

    employer = EmployerFactory(organisation=world.employer_org)
    location = LocationFactory(employer=employer)
    common = {
        "employer": employer,
        "location": location,
        "hours_per_week": 24,
        "roster_mask": WORKDAY_DAYTIME,
        "roster_flexible": True,
        "required_certificates": [],
        "status": "open",
        "wage_hourly": Decimal("15.00"),
        "dutch_level": "A1",
    }
    fits = VacancyFactory(
        title="Heftruck A1", occupation="heftruckchauffeur", occupation_uri=FORKLIFT, **common
    )
    other = VacancyFactory(
        title="Magazijn A1", occupation="magazijnmedewerker", occupation_uri=WAREHOUSE, **common
    )
    proposed = VacancyFactory(
        title="Heftruck nacht",
        occupation="heftruckchauffeur",
        occupation_uri=FORKLIFT,
        **{**common, "hours_per_week": 32},
    )
    Shortlist.objects.create(vacancy=proposed, participant=p, added_by=world.anna)
    return Case(plan, v1, v2, my_step, proposed, fits, other)


def add_week_with_a_clash(world, case: Case) -> None:
    """Work (a placement, weekdays) that clashes with the weekly reporting duty on Tuesday
    morning, and an IND appointment tomorrow: what "My appointments" shows, with the calendar."""
    from datetime import datetime, time

    from tests.factories_employers import EmployerFactory, VacancyFactory
    from werkpad.core import schedule
    from werkpad.employers import actions as employer_actions
    from werkpad.pathway.models import Appointment

    p = world.participant
    employer = EmployerFactory(account_manager=world.bram)
    vacancy = VacancyFactory(
        employer=employer, roster_mask=schedule.mask_of([(d, q) for d in range(5) for q in (0, 1)])
    )
    employer_actions.register_placement(
        world.anna,
        p,
        employer=employer,
        vacancy=vacancy,
        found_via="service",
        start_date=timezone.localdate() - timedelta(days=7),
        hours_kind="fixed",
        hours_per_week=Decimal(20),
    )
    p.appointments.create(weekday=1, dagdeel=0, description="Meldplicht COA")
    tomorrow = timezone.localdate() + timedelta(days=1)
    tz = timezone.get_current_timezone()
    Appointment.objects.create(
        participant=p,
        kind="ind",
        starts_at=datetime.combine(tomorrow, time(9), tzinfo=tz),
        ends_at=datetime.combine(tomorrow, time(10), tzinfo=tz),
    )
