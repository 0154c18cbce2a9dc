"""Demo answers to the survey (synthetic): enough pairs in one programme for a published paired
result, a few in others (suppressed), intake answers for about half of the recent enrolments
(response rates), and open moments for the demo newcomers.

Run by ``werkpad seed_demo`` (``demo.seed.EXTENSIONS``) after the employer desk's placements.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from werkpad.core.survey import add_months
from werkpad.monitoring import tables
from werkpad.participants.choices import ConsentScope, ParticipantStatus
from werkpad.participants.models import Consent
from werkpad.participants.purposes import Purpose
from werkpad.pathway.models import Enrolment

from . import instrument as instruments
from . import moments
from .models import Answer, Channel, Response, ResponseStatus

# Pairs in the programme with the most: all of them; in the others at most this many each, until
# the small ones together hold ``SMALL_TOTAL`` (so the big one is not hidden to protect them).
SMALL_EACH = 4
SMALL_TOTAL = 10
# Intake answers without a later moment: about 45 % of the recent enrolments, at most this many
# (a large demo stays quick to seed).
INTAKE_ONLY_MAX = 1500
# At most this many pairs in the largest programme (a large demo stays quick to seed).
PAIRED_MAX = 1000


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def _eligible(enrolments: list[Enrolment], since: date, today: date) -> dict[int, list[Enrolment]]:
    """Per programme: enrolments since the survey exists whose 3-month moment has opened."""
    starts = moments.work_starts(enrolments)
    out: dict[int, list[Enrolment]] = defaultdict(list)
    for e in enrolments:
        start = starts[e.pk]
        if start is not None and e.intake_date >= since and add_months(start, 3) <= today:
            out[e.programme_id].append(e)
    return out


def _place_more(
    ctx: Any, rng: random.Random, programme_id: int, n: int, since: date, today: date
) -> None:
    from django.core.exceptions import ValidationError

    from werkpad.employers import actions as employer_actions
    from werkpad.employers.models import Employer

    employers = list(Employer.objects.order_by("pk")[:20])
    if not employers:
        return
    candidates = (
        Enrolment.objects.filter(
            participant__in=ctx.participants,
            programme_id=programme_id,
            status__in=[
                ParticipantStatus.UNKNOWN,
                ParticipantStatus.NEEDS_PRETRAJECTORY,
                ParticipantStatus.IN_PRETRAJECTORY,
                ParticipantStatus.MEDIATION,
            ],
            intake_date__gte=since,
            intake_date__lte=today - timedelta(days=200),
            participant__regiehouder__isnull=False,
        )
        .select_related("participant__regiehouder")
        .order_by("pk")
    )
    placed = 0
    for e in candidates:
        if placed >= n:
            return
        last = e.status_changes.order_by("-date").values_list("date", flat=True).first()
        start = max(last or e.intake_date, e.intake_date) + timedelta(days=rng.randint(1, 20))
        if start > today - timedelta(days=95):
            continue
        employer = rng.choice(employers)
        try:
            employer_actions.register_placement(
                e.participant.regiehouder,
                e.participant,
                employer=employer,
                enrolment=e,
                found_via="service",
                start_date=start,
                hours_kind="fixed",
                hours_per_week=Decimal(24),
                occupation="Medewerker logistiek",
            )
        except ValidationError:
            continue
        placed += 1


def seed(ctx: Any) -> None:
    rng = random.Random(f"{ctx.seed}:surveys")  # noqa: S311
    today: date = ctx.today
    current = instruments.current()
    rules = instruments.moment_rules(current)
    questions = [q for q in current.questions.all() if not q.moments]
    since = current.valid_from
    enrolments = list(
        Enrolment.objects.filter(participant__in=ctx.participants)
        .select_related("participant__user")
        .order_by("pk")
    )
    by_programme = _eligible(enrolments, since, today)
    if by_programme and max(len(v) for v in by_programme.values()) < tables.threshold() + 2:
        # A small demo has few people placed long enough ago: place a few more in the programme
        # with the most, through the employer desk's action (status, aftercare and all).
        top = max(by_programme, key=lambda k: len(by_programme[k]))
        _place_more(ctx, rng, top, tables.threshold() + 2 - len(by_programme[top]), since, today)
        enrolments = list(
            Enrolment.objects.filter(participant__in=ctx.participants)
            .select_related("participant__user")
            .order_by("pk")
        )
        by_programme = _eligible(enrolments, since, today)
    windows = moments.windows(enrolments, rules)
    paired: list[Enrolment] = []
    ranked = sorted(by_programme.values(), key=len, reverse=True)
    if ranked:
        paired.extend(ranked[0][:PAIRED_MAX])
        small = 0
        for group in ranked[1:]:
            if small >= SMALL_TOTAL:
                break
            take = group[: min(SMALL_EACH, SMALL_TOTAL - small)]
            paired.extend(take)
            small += len(take)
    paired_ids = {e.pk for e in paired}
    intake_only = [
        e
        for e in enrolments
        if e.pk not in paired_ids and e.intake_date >= since and rng.random() < 0.45
    ][:INTAKE_ONLY_MAX]
    responses: list[Response] = []
    values: list[list[int]] = []
    consented: set[int] = set()

    def add(e: Enrolment, moment: str, on: date, answers: list[int]) -> None:
        responses.append(
            Response(
                participant=e.participant,
                enrolment=e,
                moment=moment,
                instrument=current,
                status=ResponseStatus.COMPLETED,
                language=e.participant.user.language if e.participant.user_id else "nl",
                channel=rng.choice((Channel.SELF, Channel.SELF, Channel.WITH_COACH)),
                completed_at=_at(on),
            )
        )
        values.append(answers)
        consented.add(e.participant_id)

    for e in [*paired, *intake_only]:
        ws = {w.code: w for w in windows[e.pk]}
        intake = ws.get("intake")
        if intake is None or intake.opens > today:
            continue
        before = [rng.choice((1, 2, 2, 3, 3, 3, 4)) for _q in questions]
        add(
            e,
            "intake",
            min(intake.opens + timedelta(days=rng.randint(0, 10)), intake.closes),
            before,
        )
        if e.pk in paired_ids and "m3" in ws:
            after = [max(1, min(5, b + rng.choice((-1, 0, 0, 1, 1, 2)))) for b in before]
            add(e, "m3", min(ws["m3"].opens + timedelta(days=rng.randint(0, 20)), today), after)
    Response.objects.bulk_create(responses, batch_size=1000)
    saved = {
        (r.enrolment_id, r.moment): r
        for r in Response.objects.filter(enrolment__in=[r.enrolment for r in responses])
    }
    answers = [
        Answer(response=saved[(r.enrolment_id, r.moment)], question=q, value=v)
        for r, vs in zip(responses, values, strict=True)
        for q, v in zip(questions, vs, strict=True)
    ]
    Answer.objects.bulk_create(answers, batch_size=2000)
    already = set(
        Consent.objects.filter(
            participant_id__in=consented,
            scope=ConsentScope.RESEARCH,
            purpose_code=Purpose.EVALUATION,
            withdrawn_at__isnull=True,
        ).values_list("participant_id", flat=True)
    )
    Consent.objects.bulk_create(
        Consent(
            participant_id=pid,
            scope=ConsentScope.RESEARCH,
            purpose_code=Purpose.EVALUATION,
            purpose="Survey of the 14 integration indicators (anonymous evaluation)",
            given_at=timezone.now(),
        )
        for pid in sorted(consented - already)
    )
