"""factory_boy factories for tests. Traits give case states (expired W-document, consented, ...)."""

from __future__ import annotations

from datetime import date, timedelta

import factory
from django.utils import timezone

from werkpad.accounts.models import Organisation, OrganisationKind, Role, User
from werkpad.participants.models import Certificate, CoachLink, Consent, Participant
from werkpad.places.models import Municipality


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"GM{n:04d}")
    name = factory.Sequence(lambda n: f"Gemeente {n}")
    province = "Utrecht"
    latitude = 52.09
    longitude = 5.12
    population = 100_000


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    kind = OrganisationKind.GEMEENTE
    municipality = factory.SubFactory(MunicipalityFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    # Deterministic, unmistakable names: a random name could equal one a test asserts is absent.
    first_name = factory.Sequence(lambda n: f"Medewerker{n}")
    last_name = factory.Sequence(lambda n: f"Testgebruiker{n}")
    role = Role.COACH
    organisation = factory.SubFactory(OrganisationFactory)
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    first_name = factory.Sequence(lambda n: f"Deelnemer{n}")
    last_name = factory.Sequence(lambda n: f"Achternaam{n}")
    birth_date = date(1990, 5, 17)
    gender = "man"
    country_of_origin = "SY"  # ISO 3166-1 alpha-2
    phase = "asylum_seeker"
    dutch_spoken = "A1"
    asylum_application_date = factory.LazyFunction(
        lambda: timezone.localdate() - timedelta(days=300)
    )
    w_document_expiry = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=200))
    organisation = factory.SubFactory(OrganisationFactory)
    regiehouder = None

    class Params:
        expired_w_document = factory.Trait(
            w_document_expiry=factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=1))
        )
        status_holder = factory.Trait(
            phase="inburgering",
            asylum_application_date=date(2023, 9, 1),
            status_decision_date=date(2024, 3, 1),
        )


class CoachLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoachLink

    participant = factory.SubFactory(ParticipantFactory)
    coach = factory.SubFactory(UserFactory)
    # The scope a link gets from ``participants.actions.link_coach``.
    read_sections = factory.LazyAttribute(
        lambda o: _default_scope(o.coach, o.participant, o.purpose)[0]
    )
    edit_sections = factory.LazyAttribute(
        lambda o: _default_scope(o.coach, o.participant, o.purpose)[1]
    )
    purpose = "guidance"


def _default_scope(coach, participant, purpose):
    from werkpad.participants.actions import default_link_scope

    return default_link_scope(coach, participant, purpose)


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    participant = factory.SubFactory(ParticipantFactory)
    scope = "organisation"
    purpose_code = factory.LazyAttribute(
        lambda o: {"employer_profile": "employer", "research": "evaluation"}.get(
            o.scope, "guidance"
        )
    )
    given_at = factory.LazyFunction(timezone.now)


class CertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certificate

    participant = factory.SubFactory(ParticipantFactory)
    kind = "vca"
    expires_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=365))
