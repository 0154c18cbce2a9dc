"""Factories of the survey: enrolments in a programme, placements, and answered moments."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from tests.factories import ConsentFactory, ParticipantFactory
from tests.factories_employers import EmployerFactory
from werkpad.employers.models import Placement
from werkpad.pathway.models import Enrolment, Programme
from werkpad.surveys import instrument
from werkpad.surveys.models import Answer, Response


def programme(name: str, *organisations) -> Programme:
    p = Programme.objects.create(name=name, kind="project", start_date=date(2024, 1, 1))
    p.organisations.add(*organisations)
    return p


def enrolment(participant, prog: Programme, intake: date) -> Enrolment:
    return Enrolment.objects.create(participant=participant, programme=prog, intake_date=intake)


def placement(participant, enr: Enrolment | None, start: date) -> Placement:
    from werkpad.employers.models import Employer

    return Placement.objects.create(
        participant=participant,
        employer=Employer.objects.order_by("pk").first() or EmployerFactory(),
        enrolment=enr,
        found_via="service",
        start_date=start,
        hours_kind="fixed",
        hours_per_week=24,
        occupation="Magazijnmedewerker",
        sector="logistics",
    )


def answered(enr: Enrolment, moment: str, values, *, channel: str = "self") -> Response:
    """A completed response; ``values``: one value for every question, or {code: value}."""
    current = instrument.current()
    response = Response.objects.create(
        participant=enr.participant,
        enrolment=enr,
        moment=moment,
        instrument=current,
        channel=channel,
        language="nl",
        completed_at=timezone.now(),
    )
    Answer.objects.bulk_create(
        Answer(
            response=response,
            question=q,
            value=values.get(q.code) if isinstance(values, dict) else values,
        )
        for q in current.questions.all()
        if q.asked_at(moment)
    )
    return response


def respondents(prog: Programme, organisation, n: int, before, after, *, consent: bool = True):
    """``n`` newcomers in ``prog`` who answered at intake (``before``) and 3 months after work
    (``after``); with consent for anonymous evaluation unless told otherwise."""
    today = timezone.localdate()
    people = []
    for _i in range(n):
        p = ParticipantFactory(organisation=organisation)
        e = enrolment(p, prog, today - timedelta(days=200))
        placement(p, e, today - timedelta(days=150))
        answered(e, "intake", before)
        answered(e, "m3", after)
        if consent:
            ConsentFactory(participant=p, scope="research")
        people.append(p)
    return people
