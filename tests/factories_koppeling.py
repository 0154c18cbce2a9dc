"""factory_boy factories of the koppeling (households to link, their criteria) and a small world:
municipalities in three labour-market regions with quotas, a COA location, a regievoerder."""

from __future__ import annotations

from dataclasses import dataclass

import factory
from django.contrib.auth.models import Permission

from tests.factories import (
    MunicipalityFactory,
    OrganisationFactory,
    ParticipantFactory,
    UserFactory,
)
from werkpad.accounts.models import Organisation, OrganisationKind, Role, User
from werkpad.koppeling.models import HardCriterion, Household
from werkpad.places.models import Municipality

HALF_YEAR = "2026-H2"

# code, name, labour-market region, latitude, longitude, population
MUNICIPALITIES = (
    ("GM0344", "Utrecht", "Midden-Utrecht", 52.09, 5.12, 370_000),
    ("GM0355", "Zeist", "Midden-Utrecht", 52.09, 5.24, 66_000),
    ("GM0307", "Amersfoort", "Amersfoort", 52.16, 5.39, 160_000),
    ("GM0014", "Groningen", "Groningen", 53.22, 6.57, 240_000),
    ("GM0037", "Stadskanaal", "Groningen", 53.00, 7.01, 32_000),
    ("GM0599", "Rotterdam", "Rijnmond", 51.92, 4.48, 670_000),
)


class COAFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"COA azc {n}")
    kind = OrganisationKind.COA


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    participant = factory.SubFactory(ParticipantFactory, phase="status_holder_azc")
    coa_location = factory.SubFactory(COAFactory)
    half_year = HALF_YEAR
    adults = 1
    children = 0


class HardCriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HardCriterion

    household = factory.SubFactory(HouseholdFactory)
    kind = "work"
    municipality = factory.SubFactory(MunicipalityFactory)
    hours_per_week = 24
    contract_signed = True
    payslip_shown = True


def regievoerder(username: str, coa: Organisation) -> User:
    user = UserFactory(username=username, role=Role.COACH, organisation=coa)
    user.user_permissions.add(Permission.objects.get(codename="link_households"))
    return User.objects.get(pk=user.pk)  # a fresh instance: no cached permissions


@dataclass
class KopWorld:
    municipalities: dict[str, Municipality]
    coa: Organisation
    rita: User  # the regievoerder
    households: list[Household]


def kop_world(main_applicant=None, households: int = 12) -> KopWorld:
    """Municipalities with regions and quotas for ``HALF_YEAR``, a COA location with its
    regievoerder rita, and ``households`` households (the first one of ``main_applicant`` when
    given). Quotas sum to 1.5 × the persons to place."""
    from werkpad.koppeling import actions

    munis = {}
    for code, name, region, lat, lon, pop in MUNICIPALITIES:
        m = MunicipalityFactory(code=code, name=name)
        m.labour_market_region, m.latitude, m.longitude, m.population = region, lat, lon, pop
        m.save()
        munis[code] = m
    coa = COAFactory(name="COA azc Utrecht", municipality=munis["GM0344"])
    rita = regievoerder("rita", coa)
    rows = []
    for i in range(households):
        if i == 0 and main_applicant is not None:
            main_applicant.phase = "status_holder_azc"
            main_applicant.save()
            rows.append(
                HouseholdFactory(participant=main_applicant, coa_location=coa, adults=2, children=1)
            )
        else:
            rows.append(
                HouseholdFactory(
                    coa_location=coa,
                    participant__organisation=coa,
                    participant__gender="woman" if i % 2 else "man",
                    adults=1 + i % 2,
                    children=i % 3,
                )
            )
    persons = sum(h.persons for h in rows)
    actions.derive_quotas(HALF_YEAR, total=round(1.5 * persons), detail="test")
    return KopWorld(munis, coa, rita, rows)
