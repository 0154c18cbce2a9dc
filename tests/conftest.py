"""Shared test set-up: named users per role (as in healthchecks' Alice/Bob/Charlie).

- anna: coach at Gemeente Utrecht, regiehouder of ``participant``
- bram: coach at Gemeente Utrecht (same organisation, not linked)
- cees: coach at VluchtelingenWerk Amersfoort (another organisation)
- eva: employer contact at Bouwbedrijf De Vries
- ali: analyst
- ada: administrator
- nadia: the newcomer herself (portal account of ``participant``)
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest

os.environ.setdefault("WERKPAD_TESTING", "1")

PASSWORD = "correct horse battery"


@dataclass
class World:
    utrecht: object
    vwn: object
    employer_org: object
    anna: object
    bram: object
    cees: object
    eva: object
    ali: object
    ada: object
    nadia: object
    participant: object


@pytest.fixture
def world(db):
    from tests.factories import (
        MunicipalityFactory,
        OrganisationFactory,
        ParticipantFactory,
        UserFactory,
    )
    from werkpad.accounts.models import OrganisationKind, Role

    utrecht_gm = MunicipalityFactory(code="GM0344", name="Utrecht", latitude=52.09, longitude=5.12)
    amersfoort = MunicipalityFactory(
        code="GM0307", name="Amersfoort", latitude=52.16, longitude=5.39
    )
    utrecht = OrganisationFactory(
        name="Gemeente Utrecht", kind=OrganisationKind.GEMEENTE, municipality=utrecht_gm
    )
    vwn = OrganisationFactory(
        name="VluchtelingenWerk Amersfoort",
        kind=OrganisationKind.CIVIL_SOCIETY,
        municipality=amersfoort,
    )
    employer_org = OrganisationFactory(name="Bouwbedrijf De Vries", kind=OrganisationKind.EMPLOYER)
    anna = UserFactory(
        username="anna",
        first_name="Anna",
        last_name="Jansen",
        role=Role.COACH,
        organisation=utrecht,
    )
    bram = UserFactory(
        username="bram",
        first_name="Bram",
        last_name="Bakker",
        role=Role.COACH,
        organisation=utrecht,
    )
    cees = UserFactory(
        username="cees", first_name="Cees", last_name="Smit", role=Role.COACH, organisation=vwn
    )
    eva = UserFactory(
        username="eva",
        first_name="Eva",
        last_name="de Vries",
        role=Role.EMPLOYER,
        organisation=employer_org,
    )
    ali = UserFactory(
        username="ali", first_name="Ali", last_name="Demir", role=Role.ANALYST, organisation=utrecht
    )
    ada = UserFactory(
        username="ada", first_name="Ada", last_name="Visser", role=Role.ADMIN, organisation=utrecht
    )
    nadia = UserFactory(
        username="nadia",
        first_name="Nadia",
        last_name="Haddad",
        role=Role.PARTICIPANT,
        organisation=None,
    )
    participant = ParticipantFactory(
        first_name="Nadia",
        last_name="Haddad",
        organisation=utrecht,
        regiehouder=anna,
        user=nadia,
        municipality=utrecht_gm,
    )
    return World(utrecht, vwn, employer_org, anna, bram, cees, eva, ali, ada, nadia, participant)


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login
