"""The startbaan report page: only analysts and administrators; built from Werkpad's own records;
no name or participant number; a selection below the minimum base shows no tables."""

from __future__ import annotations

from datetime import date

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.factories import ParticipantFactory
from werkpad.participants.models import StatusChange
from werkpad.pathway.models import Enrolment, Programme


@pytest.fixture
def login(db):
    def _login(user):
        client = Client()
        client.force_login(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return _login


@pytest.fixture
def trial(world):
    prog = Programme.objects.create(
        name="Proef Utrecht", kind="startbaan", start_date=date(2024, 1, 1)
    )
    prog.organisations.add(world.utrecht)
    small = Programme.objects.create(name="Klein", start_date=date(2024, 1, 1))
    people = []
    for i in range(60):
        p = ParticipantFactory(last_name=f"Zichtbaar{i}", organisation=world.utrecht)
        e = Enrolment.objects.create(
            participant=p,
            programme=prog,
            intake_date=date(2024, 2, 1),
            participation="verplicht" if i % 2 else "vrijwillig",
            status="mediation",
        )
        StatusChange.objects.create(
            participant=p, enrolment=e, status="mediation", date=date(2024, 2, 1)
        )
        people.append(p)
    p = ParticipantFactory(last_name="Eenling", organisation=world.utrecht)
    e = Enrolment.objects.create(participant=p, programme=small, intake_date=date(2024, 2, 1))
    StatusChange.objects.create(participant=p, enrolment=e, status="unknown", date=date(2024, 2, 1))
    return prog, small, people


URL = "monitoring:startbanen"


@pytest.mark.parametrize("who", ["anna", "cees", "eva", "nadia"])
def test_only_analysts_and_administrators(world, login, trial, who) -> None:
    r = login(getattr(world, who)).get(reverse(URL))
    assert r.status_code in (302, 403)


def test_anonymous_is_sent_to_login(world, trial) -> None:
    assert Client().get(reverse(URL)).status_code == 302


@pytest.mark.parametrize("who", ["ali", "ada"])
def test_analyst_and_admin_see_tables_without_names(world, login, trial, who) -> None:
    prog, _small, people = trial
    r = login(getattr(world, who)).get(
        reverse(URL), {"peildatum": "2024-06-15", "programme": str(prog.public_id)}
    )
    assert r.status_code == 200
    html = r.content.decode()
    assert "2024-06-30" in html  # fixed periods: the end of the month
    assert "Tabel 2" in html and "in_bemiddeling" in html
    assert ">60<" in html  # 60 in mediation at the peildatum
    assert "Design of this programme" in html
    for p in people[:5]:
        assert p.last_name not in html and p.number not in html
    assert "<script" not in html.split("</header>")[-1].split("<footer")[0]


def test_small_selection_shows_no_tables(world, login, trial) -> None:
    _prog, small, _people = trial
    r = login(world.ali).get(reverse(URL), {"programme": str(small.public_id)})
    html = r.content.decode()
    assert 'id="too-few"' in html and "Tabel 2" not in html


def test_overlapping_views_cannot_be_subtracted(world, login, trial) -> None:
    """All programmes (61) and one programme (60) differ by one person: the smaller of the two
    selections is shown, but the one person's own selection is below the minimum base, and every
    cell that differs between the two views is suppressed in at least one of them."""
    _prog, small, _people = trial
    client = login(world.ali)
    both = client.get(reverse(URL), {"peildatum": "2024-06-30"}).content.decode()
    assert "&lt;10" in both  # the one unknown is a small cell in the all-programmes view
    one = client.get(reverse(URL), {"programme": str(small.public_id)}).content.decode()
    assert 'id="too-few"' in one
