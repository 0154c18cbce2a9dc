"""factory_boy factories of the employer desk (employers, vacancies, shortlists, TWV, placements)."""

from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone

from tests.factories import OrganisationFactory, ParticipantFactory
from werkpad.accounts.models import OrganisationKind
from werkpad.core import schedule
from werkpad.employers.models import (
    Employer,
    EmployerLocation,
    Shortlist,
    TwvApplication,
    Vacancy,
)


class EmployerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employer
        django_get_or_create = ("organisation",)

    organisation = factory.SubFactory(
        OrganisationFactory, kind=OrganisationKind.EMPLOYER, municipality=None
    )
    kind = "regulier"
    sector = "bouw_techniek"
    size_band = "10_49"
    experience_with_status_holders = True
    contact_name = "Piet de Vries"
    contact_email = "piet@example.nl"


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmployerLocation

    employer = factory.SubFactory(EmployerFactory)
    address = "Kanaalweg 12"
    postcode = "3526KL"
    city = "Utrecht"
    latitude = 52.08
    longitude = 5.10


class VacancyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vacancy

    employer = factory.SubFactory(EmployerFactory)
    title = factory.Sequence(lambda n: f"Timmerman {n}")
    occupation = "timmerman"
    sector = "bouw_techniek"
    hours_per_week = 32
    roster_mask = schedule.WORKDAY_DAYTIME
    contract_kind = "fixed_term"
    contract_months = 12
    wage_hourly = "15.00"
    dutch_level = "A2"
    required_certificates = factory.LazyFunction(lambda: [{"kind": "vca", "detail": ""}])
    twv_willing = True
    self_development = "minimal"
    status = "open"

    class Params:
        draft = factory.Trait(status="draft")


class ShortlistFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Shortlist

    vacancy = factory.SubFactory(VacancyFactory)
    participant = factory.SubFactory(ParticipantFactory)


class TwvFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TwvApplication

    participant = factory.SubFactory(ParticipantFactory)
    vacancy = factory.SubFactory(VacancyFactory)
    employer = factory.LazyAttribute(lambda o: o.vacancy.employer)
    prepared_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=80))

    class Params:
        submitted_long_ago = factory.Trait(
            status="submitted",
            submitted_on=factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=70)),
        )
        submitted_recently = factory.Trait(
            status="submitted",
            submitted_on=factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=3)),
        )
