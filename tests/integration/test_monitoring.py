"""The analyst overview: aggregates only, small cells suppressed, no person in sight."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.factories import MunicipalityFactory, ParticipantFactory
from werkpad.monitoring.views import suppress


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
    # Asylum seekers: Nadia (factory default) + 12 = 13; inburgering 12.
    assert ">13<" in phase and ">12<" in phase
    assert ">25<" in phase  # total
    municipality = text.split('id="h-municipality"')[1].split("</section>")[0]
    assert "Zeist" in municipality and ">12<" in municipality and ">13<" in municipality
    dutch = text.split('id="h-dutch"')[1].split("</section>")[0]
    # A1 has only Nadia: shown as <10, and the next smallest is hidden too (complementary).
    assert "&lt;10" in dutch
    assert ">1<" not in dutch
    assert dutch.count("&lt;10") == 2


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
    t = suppress([("a", 50), ("b", 3), ("c", 20), ("d", 0)], total=73)
    shown = {c.label: c.count for c in t.cells}
    assert shown == {"a": 50, "b": None, "c": None}  # c hidden to protect b; d (0) left out
    # 3 and 4 hidden alone would sum to 57 - 50 = 7 (< 10): a is hidden too (security review).
    t = suppress([("a", 50), ("b", 3), ("c", 4)], total=57)
    assert [c.count for c in t.cells] == [None, None, None]
    t = suppress([("a", 50), ("b", 4), ("c", 6)], total=60)
    assert [c.count for c in t.cells] == [50, None, None]
    t = suppress([("a", 9)], total=9)
    assert t.cells[0].count is None and t.total.count is None
    assert t.cells[0].shown == "<10"
    t = suppress([("a", 10), ("b", 10)], total=20)
    assert [c.count for c in t.cells] == [10, 10] and t.total.count == 20
