"""The analyst overview: aggregates only, small cells suppressed, no person in sight."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.factories import MunicipalityFactory, ParticipantFactory
from werkpad.core.stats import CellStatus, suppress_1d


@pytest.fixture
def login(db):
    def _login(user):
        client = Client()
        client.force_login(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return _login


@pytest.fixture
def population(world):
    """Nadia plus 24 others: 12 in inburgering in Utrecht, 12 asylum seekers (A0) in Zeist."""
    zeist = MunicipalityFactory(code="GM0355", name="Zeist")
    utrecht_gm = world.participant.municipality
    people = [
        ParticipantFactory(
            last_name=f"Inburgeraar{i}",
            phase="inburgering",
            dutch_spoken="A2",
            municipality=utrecht_gm,
            organisation=world.utrecht,
        )
        for i in range(12)
    ] + [
        ParticipantFactory(
            last_name=f"Asielzoeker{i}",
            phase="asylum_seeker",
            dutch_spoken="A0",
            municipality=zeist,
            organisation=world.vwn,
        )
        for i in range(12)
    ]
    return [world.participant, *people]


def overview(client):
    return client.get(reverse("monitoring:overview"))


def test_analyst_home_is_the_overview(world, login):
    response = login(world.ali).get(reverse("home"))
    assert response["Location"] == reverse("monitoring:overview")
    page = overview(login(world.ali))
    assert reverse("monitoring:overview") in page.text  # nav link


def test_counts_with_small_cells_suppressed(world, population, login):
    page = overview(login(world.ali))
    assert page.status_code == 200
    text = page.text
    phase = text.split('id="h-phase"')[1].split("</section>")[0]
    # Asylum seekers: Nadia (factory default) + 12 = 13; inburgering 12; three phases empty.
    # 13 + 12 = 25 with both at least 10 would prove the empty phases empty: the breakdown is
    # withheld and only the total is shown.
    assert ">25<" in phase  # total
    assert ">13<" not in phase and ">12<" not in phase
    assert "this breakdown is hidden" in phase
    municipality = text.split('id="h-municipality"')[1].split("</section>")[0]
    assert "Zeist" in municipality  # 12: at least the threshold, so it may be named
    assert "Other municipalities" in municipality
    dutch = text.split('id="h-dutch"')[1].split("</section>")[0]
    # A1 has only Nadia; A2 12 and A0 12 cannot be shown without giving the empty levels away.
    assert ">1<" not in dutch and ">12<" not in dutch


def test_no_names_or_numbers_of_participants(world, population, login):
    text = overview(login(world.ali)).text
    for p in population:
        assert p.last_name not in text
        assert p.number not in text
        assert str(p.public_id) not in text
    assert "Nadia" not in text


def test_analyst_cannot_open_files(world, population, login):
    ali = login(world.ali)
    for p in population[:3]:
        response = ali.get(reverse("participants:detail", args=[p.public_id]))
        assert response.status_code == 404
        assert p.last_name not in response.text
    assert ali.get(reverse("participants:caseload")).status_code == 403


@pytest.mark.parametrize("who", ["anna", "eva", "ada", "nadia"])
def test_only_analysts_see_the_overview(world, login, who):
    assert overview(login(getattr(world, who))).status_code == 403


def test_anonymous_goes_to_login(world, client):
    response = overview(client)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_suppress_rules():
    """The page's tables come from the one suppression in werkpad.core.stats."""
    t = suppress_1d([50, 3, 20, 0], 10)
    # b (3) and d (0) are small; c is hidden to protect them, labelled as such (not "<10").
    assert [c.status for c in t.cells] == [
        CellStatus.SHOWN,
        CellStatus.SMALL,
        CellStatus.HIDDEN,
        CellStatus.SMALL,
    ]
    t = suppress_1d([9], 10)
    assert t.cells[0].status is CellStatus.SMALL and t.total.status is CellStatus.SMALL
    t = suppress_1d([10, 10], 10)
    assert [c.published for c in t.cells] == [10, 10] and t.total.published == 20
