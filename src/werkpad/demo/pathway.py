"""The demo's programmes, enrolments and trajectory records.

Three programmes beside each organisation's standard guidance:
- "Proef startbanen Utrecht": a municipal startbaan trial calibrated on seed [003] (mandatory for
  some, voluntary for others in the ratio 372 : 235; voortrajecten standaard/maatwerk/combinatie
  182 : 71 : 101, vrijwilligerswerk 42 against onbetaalde werkstage 130 with 25.6 and 18.8 weeks);
- "Jobhunting@azc": a COA pilot like the one in seed [004], for residents of every COA location;
- "Een nieuw bestaan, een nieuwe baan — Welkom en Werk": a civil-society project like seed [002]'s,
  whose outflow follows Fig 6.30, with work after outflow recorded as employment spells.
Deterministic: every choice comes from a random generator seeded by the demo seed.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from werkpad.core import pathway as core
from werkpad.demo import bulk
from werkpad.pathway.choices import (
    ContractKind,
    OutflowDestination,
    Participation,
    ProgrammeKind,
    ProgrammeParticipation,
    SpellSource,
    WorkPriority,
)
from werkpad.pathway.models import EmploymentSpell, Enrolment, Pretrajectory, Programme

BATCH = 2000

STARTBAAN_TRIAL = "Proef startbanen Utrecht"
JOBHUNTING = "Jobhunting@azc"
PROJECT = "Een nieuw bestaan, een nieuwe baan — Welkom en Werk"

# Seed [002] Fig 6.30: outflow of 790 people.
OUTFLOW_WEIGHTS = (
    (OutflowDestination.PAID_WORK, 159),
    (OutflowDestination.EDUCATION, 63),
    (OutflowDestination.LEARN_WORK, 7),
    (OutflowDestination.WORK_EXPERIENCE, 43),
    (OutflowDestination.OTHER, 214),
    (OutflowDestination.UNKNOWN, 204),
)


def _programmes(ctx: Any) -> dict[str, Programme]:
    orgs = ctx.organisations
    today: date = ctx.today
    out: dict[str, Programme] = {}
    for key, org in orgs.items():
        programme = Programme.objects.create(
            name=f"{org.name} — standaard begeleiding",
            kind=ProgrammeKind.STANDARD,
            default_for=org,
            start_date=date(2020, 1, 1),
        )
        programme.organisations.add(org)
        out[key] = programme
    trial = Programme.objects.create(
        name=STARTBAAN_TRIAL,
        kind=ProgrammeKind.STARTBAAN,
        start_date=date(today.year - 2, 1, 1),
        end_date=date(today.year + 1, 12, 31),
        target_group="Statushouders in de B1-route en de Z-route, met en zonder uitkering",
        participation=ProgrammeParticipation.MIXED,
        partners="WSP Midden-Utrecht; Werkontwikkelbedrijf Kansrijk; Stichting Welkom en Werk",
        language_provider="Taalschool De Brug",
        work_priority=WorkPriority.DUAL,
        aftercare_weekly_weeks=13,
        aftercare_monthly_until_months=12,
    )
    trial.organisations.add(orgs["gemeente:GM0344"], orgs["wsp"])
    trial.step_templates.create(position=0, title="Brede intake en trajectplan", due_after_days=14)
    trial.step_templates.create(position=1, title="Voortraject of werkstage", due_after_days=60)
    trial.step_templates.create(
        position=2, title="Bemiddeling naar een startbaan", due_after_days=120
    )
    out["trial"] = trial
    jobhunting = Programme.objects.create(
        name=JOBHUNTING,
        kind=ProgrammeKind.JOBHUNTING,
        start_date=date(today.year - 1, 3, 1),
        target_group="Asielzoekers op het azc die mogen werken, en statushouders die op huisvesting wachten",
        participation=ProgrammeParticipation.VOLUNTARY,
        partners="UWV; werkgevers in de regio; Meedoenbalie (COA met NOV)",
        work_priority=WorkPriority.WORK_FIRST,
        aftercare_weekly_weeks=8,
    )
    jobhunting.organisations.add(*(o for k, o in orgs.items() if k.startswith("coa:")))
    jobhunting.step_templates.create(
        position=0, title="BSN aanvragen bij de BRP-straat", due_after_days=14
    )
    jobhunting.step_templates.create(
        position=1, title="TWV met de werkgever voorbereiden", due_after_days=30
    )
    out["jobhunting"] = jobhunting
    project = Programme.objects.create(
        name=PROJECT,
        kind=ProgrammeKind.PROJECT,
        start_date=date(today.year - 3, 9, 1),
        end_date=date(today.year, 12, 31),
        target_group="Statushouders van alle leeftijden; sectorgerichte trajecten",
        participation=ProgrammeParticipation.VOLUNTARY,
        partners="VluchtelingenWerk; Refugee Talent Hub; vrijwilligers als buddy",
        language_provider="Taalschool De Brug",
        work_priority=WorkPriority.PHASED,
    )
    project.organisations.add(orgs["civil"])
    out["project"] = project
    return out


def _programme_for(key: str) -> str:
    if key == "gemeente:GM0344":
        return "trial"
    if key.startswith("coa:"):
        return "jobhunting"
    if key == "civil":
        return "project"
    return key


def enrol_histories(
    ctx: Any, specs: Sequence[Any], participants: Sequence[Any], changes: list[Any]
) -> None:
    """Turn the generated status histories into enrolments (called before the changes are saved)."""
    rng = random.Random(f"{ctx.seed}:pathway")
    programmes = _programmes(ctx)
    ctx.programmes = programmes
    by_participant: dict[int, list[Any]] = {}
    for change in changes:
        by_participant.setdefault(id(change.participant), []).append(change)
    enrolments: list[Enrolment] = []
    owners: list[list[Any]] = []
    for spec, p in zip(specs, participants, strict=True):
        history = by_participant.get(id(p), [])
        key = _programme_for(spec.organisation_key)
        programme = programmes[key]
        participation = ""
        if key == "trial":
            participation = (
                Participation.MANDATORY if rng.random() < 372 / 607 else Participation.VOLUNTARY
            )
        elif key in ("jobhunting", "project"):
            participation = Participation.VOLUNTARY
        last = history[-1]
        final = last.status in core.FINAL
        destination = ""
        if last.status == "dropout":
            destination = OutflowDestination.NOT_COMPLETED
        elif last.status == "ended":
            destination = rng.choices(
                [d for d, _w in OUTFLOW_WEIGHTS], weights=[w for _d, w in OUTFLOW_WEIGHTS]
            )[0]
            if any(c.status == "startbaan" for c in history) and rng.random() < 0.6:
                destination = OutflowDestination.PAID_WORK
        enrolments.append(
            Enrolment(
                participant=p,
                programme=programme,
                intake_date=history[0].date,
                participation=participation,
                status=last.status,
                outflow_date=last.date if final else None,
                outflow_destination=destination,
            )
        )
        owners.append(history)
    bulk.write(Enrolment, enrolments, batch_size=BATCH)
    for enrolment, history in zip(enrolments, owners, strict=True):
        for change in history:
            change.enrolment = enrolment
    ctx.enrolments = enrolments


def seed(ctx: Any) -> None:
    """Records of the enrolments: voortrajecten, placements linked, work after outflow."""
    # Coordinators: coaches who also manage their organisation's programmes (a permission given
    # through a group). In the demo the Utrecht werkcoach "coach" and the COA casemanager "coa".
    from django.contrib.auth.models import Group, Permission

    from werkpad.employers.models import Placement
    from werkpad.participants.models import StatusChange

    group, _created = Group.objects.get_or_create(name="Coordinators")
    group.permissions.add(Permission.objects.get(codename="manage_programmes"))
    for username in ("coach", "coa"):
        user = ctx.users.get(username)
        if user is not None:
            user.groups.add(group)

    rng = random.Random(f"{ctx.seed}:pathway-records")
    today: date = ctx.today
    enrolments: list[Enrolment] = list(
        Enrolment.objects.filter(participant__in=ctx.participants).order_by("pk")
    )
    changes: dict[int, list[tuple[date, str]]] = {}
    for eid, on, status in (
        StatusChange.objects.filter(enrolment__in=enrolments)
        .order_by("enrolment_id", "date", "recorded_at", "id")
        .values_list("enrolment_id", "date", "status")
    ):
        changes.setdefault(eid, []).append((on, status))
    pretrajectories: list[Pretrajectory] = []
    spells: list[EmploymentSpell] = []
    for e in enrolments:
        history = changes.get(e.pk, [])
        for i, (on, status) in enumerate(history):
            if status != "in_pretrajectory":
                continue
            nxt = history[i + 1] if i + 1 < len(history) else None
            end = nxt[0] if nxt is not None else None
            completed = None if nxt is None else nxt[1] in ("mediation", "startbaan", "ended")
            kind = rng.choices(("standaard", "maatwerk", "combinatie"), weights=(182, 71, 101))[0]
            kind_type = rng.choices(
                ("vrijwilligerswerk", "onbetaalde_werkstage", "anders"), weights=(42, 130, 20)
            )[0]
            mean = {"vrijwilligerswerk": 25.6, "onbetaalde_werkstage": 18.8}.get(kind_type, 12)
            weeks = max(2, round(rng.gauss(mean, 5)))
            if end is not None:
                weeks = max(1, (end - on).days // 7)
            pretrajectories.append(
                Pretrajectory(
                    enrolment=e,
                    start_date=on,
                    end_date=end,
                    completed=completed,
                    kind=kind,
                    type=kind_type,
                    weeks=weeks,
                    goal="Werknemersvaardigheden en vaktaal op de werkvloer",
                )
            )
        if e.outflow_date is not None and e.outflow_destination == OutflowDestination.PAID_WORK:
            start = e.outflow_date + timedelta(days=rng.randint(0, 45))
            if start > today:
                continue
            for _n in range(rng.choice((1, 1, 1, 2))):
                worked = rng.randint(60, 540)
                end_date: date | None = start + timedelta(days=worked)
                if end_date is not None and end_date >= today:
                    end_date = None
                spells.append(
                    EmploymentSpell(
                        enrolment=e,
                        employer_name=rng.choice(
                            (
                                "PostNL",
                                "Bouwbedrijf Van Dijk",
                                "Zorggroep De Linde",
                                "Hotel Centraal",
                            )
                        ),
                        sector=rng.choice(("logistiek", "bouw_techniek", "zorg", "horeca")),
                        start_date=start,
                        end_date=end_date,
                        hours_per_week=Decimal(rng.choice((16, 24, 32, 36, 38))),
                        contract_kind=rng.choices(
                            (
                                ContractKind.FIXED_TERM,
                                ContractKind.PERMANENT,
                                ContractKind.ZERO_HOURS,
                            ),
                            weights=(60, 20, 20),
                        )[0],
                        source=SpellSource.FOLLOW_UP,
                    )
                )
                if end_date is None:
                    break
                start = end_date + timedelta(days=rng.randint(14, 120))
                if start > today:
                    break
    bulk.write(Pretrajectory, pretrajectories, batch_size=BATCH)
    bulk.write(EmploymentSpell, spells, batch_size=BATCH)
    # Placements registered before the enrolments were known are linked to theirs.
    for placement in Placement.objects.filter(
        enrolment__isnull=True, participant__in=ctx.participants
    ):
        e = (
            Enrolment.objects.filter(
                participant_id=placement.participant_id, intake_date__lte=placement.start_date
            )
            .order_by("-intake_date", "-id")
            .first()
        )
        if e is not None:
            placement.enrolment = e
            placement.save(update_fields=["enrolment"])

    # Step plans for some of the demo participants (issue 11).
    from werkpad.demo import plans

    plans.seed(ctx)
