"""The demo's step plans (issue 11): some agreed, some awaiting confirmation, one with two versions.

The participants with a portal account come first (the first of them has two versions, the second
awaits the newcomer's confirmation in the portal), then the first participants of the startbaan
trial. Deterministic (every choice from the demo seed) and idempotent (a participant who has a plan
is left alone).
"""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from werkpad.pathway import actions
from werkpad.pathway.choices import DevelopmentCategory, StepStatus, StepType
from werkpad.pathway.models import Enrolment, Plan, PlanStep

EXTRA_STEPS = (
    (StepType.LANGUAGE, "Taalcursus Nederlands naar A2"),
    (StepType.CV, "Cv maken en LinkedIn-profiel"),
    (StepType.COMPANY_VISIT, "Bedrijfsbezoek bij een werkgever in de sector"),
    (StepType.CERTIFICATE, "VCA-basis halen"),
    (StepType.MENTOR, "Kennismaken met een buddy van Welkom en Werk"),
)
LANGUAGE_NAMES = {"ar": "Arabisch", "ti": "Tigrinya", "fa": "Farsi", "en": "Engels"}


def seed(ctx: Any, count: int = 12) -> list[Plan]:
    rng = random.Random(f"{ctx.seed}:plans")
    people = [p for p in ctx.participants if p.user_id is not None]
    trial = (
        Enrolment.objects.filter(
            participant__in=ctx.participants, programme__step_templates__isnull=False
        )
        .exclude(participant__in=people)
        .select_related("participant", "programme")
        .order_by("participant_id", "pk")
        .distinct()
    )
    seen = {p.pk for p in people}
    for e in trial:
        if len(people) >= count:
            break
        if e.participant_id not in seen and e.participant.regiehouder_id is not None:
            people.append(e.participant)
            seen.add(e.participant_id)
    made = []
    for i, p in enumerate(people[:count]):
        coach = p.regiehouder
        if coach is None or not coach.is_coach or Plan.objects.filter(participant=p).exists():
            continue
        enrolment = p.enrolments.order_by("-intake_date", "-pk").first()
        programme = enrolment.programme if enrolment is not None else None
        plan = actions.start_plan(coach, p, programme=programme)
        categories = list(DevelopmentCategory)
        now = rng.randrange(len(categories))
        actions.save_plan_goals(
            coach,
            plan,
            category_now=categories[now].value,
            category_next=categories[min(now + 1, len(categories) - 1)].value,
        )
        kind, title = EXTRA_STEPS[rng.randrange(len(EXTRA_STEPS))]
        actions.save_step(
            coach,
            PlanStep(
                plan=plan,
                type=kind,
                title=title,
                due_date=ctx.today + timedelta(days=rng.randint(14, 90)),
            ),
        )
        v1 = actions.save_version(coach, plan)
        actions.confirm_version(coach, v1, party="coach")
        portal = p.user is not None and i == 1
        if not portal and i % 3 != 2:
            _newcomer_confirms(coach, p, v1)
        if i == 0:  # two versions: the first agreed, the herijking awaiting the newcomer
            if not v1.agreed:
                _newcomer_confirms(coach, p, v1)
            first = plan.steps.order_by("position", "pk").first()
            if first is not None:
                first.status = StepStatus.DONE
                actions.save_step(coach, first)
            v2 = actions.save_version(coach, plan, trigger="interval", note="Na drie maanden")
            actions.confirm_version(coach, v2, party="coach")
        made.append(plan)
    return made


def _newcomer_confirms(coach: Any, p: Any, version: Any) -> None:
    if p.user is not None:
        actions.confirm_version(p.user, version, party="newcomer")
    else:
        language = LANGUAGE_NAMES.get(p.contact_language, "Nederlands")
        interpreter = "" if language == "Nederlands" else "Tolkcentrum Nederland"
        actions.confirm_version(
            coach, version, party="newcomer", language=language, interpreter=interpreter
        )
