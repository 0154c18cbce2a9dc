"""Demo data of issue 13: appointments (one clashing with the lessons), recorded contact moments
and check-ins, and what a coach's day should show — an expiring W-document, an overdue TWV, BSN
overdue — for the demo coach (``coach``) and the COA case manager (``coa``).

The aftercare schedules of the demo placements are planned by ``employers.actions.
register_placement`` (pathway's aftercare, both tracks) when the employer desk's demo registers them.
Deterministic given the demo seed.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from werkpad.core import schedule
from werkpad.participants.models import CoachLink, Participant
from werkpad.participants.purposes import SECTIONS, Purpose

FIRST_DEMO_PARTS = [(0, 0), (2, 0), (4, 0)]  # lessons Monday, Wednesday, Friday morning


def _at(day: Any, hour: float) -> datetime:
    tz = timezone.get_current_timezone()
    return datetime.combine(day, datetime.min.time(), tzinfo=tz) + timedelta(hours=hour)


def seed(ctx: Any) -> None:
    from werkpad.employers import actions as employer_actions
    from werkpad.employers.models import TwvApplication, Vacancy
    from werkpad.pathway import care_actions
    from werkpad.pathway.care_models import AftercareCheckIn

    rng = random.Random(f"{ctx.seed}:care")
    today = ctx.today
    coach = ctx.users.get("coach")
    coa = ctx.users.get("coa")

    # 1. Newcomers with a portal account: dated appointments next to their weekly lessons, one
    # of them at a lesson time (a clash the schedule check shows them and their coach).
    monday = schedule.week_start(today) + timedelta(days=7)
    for i, p in enumerate(Participant.objects.filter(user__isnull=False).order_by("pk")[:3]):
        author = p.regiehouder or coach
        if author is None:
            continue
        if not p.lesson_mask:
            p.lesson_mask = schedule.mask_of(FIRST_DEMO_PARTS)
            p.save(update_fields=["lesson_mask"])
        lesson_day, part = next(schedule.slots_of(p.lesson_mask))
        at = (10, 14, 19)[part]  # in the middle of that dagdeel
        plans = [
            ("ind", monday + timedelta(days=lesson_day), at, at + 1.5, "IND Zwolle", "Gehoor"),
            ("medical", monday + timedelta(days=3), 14, 14.5, "Huisartsenpraktijk", "Huisarts"),
            ("job_interview", monday + timedelta(days=8 + i), 13, 14, "", "Sollicitatiegesprek"),
            ("meldplicht", today + timedelta(days=2), 9, 9.5, "COA", ""),
        ]
        for kind, day, start, end, place, details in plans:
            care_actions.add_appointment(
                author,
                p,
                kind=kind,
                starts_at=_at(day, start),
                ends_at=_at(day, end),
                place=place,
                details=details,
            )
        care_actions.record_contact(
            author,
            p,
            on=today - timedelta(days=3 + i),
            kind="gesprek",
            with_whom="Nieuwkomer en tolk",
            note="Rooster en lessen doorgenomen",
            follow_up="Afspraak IND verplaatsen of les inhalen",
            follow_up_on=today + timedelta(days=1),
        )

    if coach is None:
        return
    # 2. The demo coach works with two asylum seekers in the Jobhunting@azc pilot (linked coach
    # for guidance): one whose W-document expires within 30 days, one whose TWV is overdue.
    asylum = list(
        Participant.objects.filter(residence="azc", regiehouder__isnull=False)
        .exclude(regiehouder=coach)
        .order_by("pk")[:40]
    )
    rng.shuffle(asylum)
    submitted = {
        t.participant_id: t
        for t in TwvApplication.objects.filter(
            participant__in=asylum, status="submitted"
        ).select_related("employer")
    }
    overdue_twv = next((p for p in asylum if p.pk in submitted), None)
    expiring = next((p for p in asylum if p is not overdue_twv), None)
    for p in (overdue_twv, expiring):
        if p is None:
            continue
        CoachLink.objects.get_or_create(
            participant=p,
            coach=coach,
            defaults={
                "role": "Jobhunter (Jobhunting@azc)",
                "purpose": Purpose.GUIDANCE,
                "read_sections": list(SECTIONS),
                "edit_sections": list(SECTIONS),
            },
        )
    if expiring is not None:
        expiring.w_document_expiry = today + timedelta(days=18)
        expiring.save(update_fields=["w_document_expiry"])
    if overdue_twv is not None:
        twv = submitted[overdue_twv.pk]
        weeks = 20  # past both the legal and the practical term of the rules parameters
        TwvApplication.objects.filter(pk=twv.pk).update(
            submitted_on=today - timedelta(weeks=weeks),
            prepared_on=today - timedelta(weeks=weeks, days=4),
        )
    elif asylum:
        p = asylum[0]
        vacancy = Vacancy.objects.filter(status="open", twv_willing=True).first()
        if vacancy is not None:
            twv = employer_actions.prepare_twv(
                coach, p, vacancy.employer, vacancy=vacancy, prepared_on=today - timedelta(weeks=21)
            )
            employer_actions.submit_twv(coach, twv, today - timedelta(weeks=20))

    # 3. A recorded aftercare check-in of the coach's caseload that raised a roster clash.
    open_check_in = (
        AftercareCheckIn.objects.filter(
            track="newcomer",
            done_on__isnull=True,
            due_on__lte=today,
            schedule__participant__regiehouder=coach,
        )
        .select_related("schedule__participant")
        .order_by("due_on")
        .first()
    )
    if open_check_in is not None:
        from werkpad.pathway import aftercare

        aftercare.record_check_in(
            coach,
            open_check_in,
            done_on=today,
            how="mixed",
            issues=["roster_clash"],
            note="Meldplicht op dinsdagochtend valt in het rooster",
            follow_up="Met de werkgever het rooster van dinsdag bespreken",
            follow_up_on=today + timedelta(days=3),
        )

    # 4. The COA case manager's location: the reporting duty of the coming days.
    if coa is not None and coa.organisation_id is not None:
        residents = Participant.objects.filter(coa_location_id=coa.organisation_id).order_by("pk")
        for n, p in enumerate(residents[:8]):
            day = today + timedelta(days=1 + n % 5)
            care_actions.add_appointment(
                coa, p, kind="meldplicht", starts_at=_at(day, 9), ends_at=_at(day, 9.5), place="COA"
            )
