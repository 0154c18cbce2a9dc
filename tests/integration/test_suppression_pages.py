"""One small-cell suppression on every aggregate page and report (issue 8, section 3).

The examples of the issue, through the real pages: the fairness page that gave two small groups
away by subtraction, cells hidden only to protect another labelled "<10" while 78 (or 15) people
sat in them, and categories with 0 dropped (so that a "<10" row proved someone was in it).
"""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.factories import ParticipantFactory
from tests.factories_employers import EmployerFactory, LocationFactory, VacancyFactory
from werkpad.core.schedule import FULL_WEEK, WORKDAY_DAYTIME

FORKLIFT = "urn:werkpad:demo:occupation:heftruckchauffeur"


@pytest.fixture
def client_for(db):
    def _client(user, language="en"):
        client = Client()
        client.force_login(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        return client

    return _client


def _vacancies(world):
    employer = EmployerFactory(organisation=world.employer_org)
    location = LocationFactory(employer=employer)
    for title in ("Heftruck 1", "Heftruck 2"):
        VacancyFactory(
            employer=employer,
            location=location,
            title=title,
            occupation_uri=FORKLIFT,
            dutch_level="A1",
            required_certificates=[],
            roster_mask=WORKDAY_DAYTIME,
            roster_flexible=True,
            hours_per_week=16,
        )


def _candidates(world, **genders):
    """Candidates by gender; world.participant (a man) counts as one of the men."""
    common = {
        "organisation": world.utrecht,
        "municipality": world.participant.municipality,
        "phase": "inburgering",
        "availability_mask": FULL_WEEK,
        "has_bicycle": True,
        "dutch_spoken": "A2",
    }
    for gender, n in genders.items():
        value = "" if gender == "unknown" else gender
        n -= 1 if gender == "man" else 0
        ParticipantFactory.create_batch(n, gender=value, **common)


def _section(html, key):
    """The rows of one table: {row label: published text}."""
    part = html.split(f'id="h-{key}"')[1].split("</section>")[0]
    return dict(
        re.findall(
            r'<th scope="row">([^<]+)</th>\s*<td class="num[^"]*">(?:<abbr[^>]*>)?([^<]+)', part
        )
    )


def _fairness_rows(html, title):
    part = html.split(f"<h2>{title}</h2>")[1].split("</section>")[0]
    return dict(
        re.findall(
            r'<th scope="row">([^<]+)</th>\s*<td class="num[^"]*">(?:<abbr[^>]*>)?([^<]+)', part
        )
    )


def test_fairness_page_no_longer_gives_two_small_groups_away(world, client_for):
    """ "Candidates 13 · Man 11 · Vrouw <10 · Onbekend <10": 13 - 11 gave 1 and 1."""
    _candidates(world, man=11, woman=1, unknown=1)
    _vacancies(world)
    page = client_for(world.ali).get(reverse("matching:fairness"), {"k": 5})
    assert page.status_code == 200
    assert "Candidates: 13" in page.text
    rows = _fairness_rows(page.text, "By gender")
    assert "11" not in rows.values()  # the men's count would give the others away
    assert set(rows) == {"Man", "Woman", "Other", "Unknown"}  # every category, 0 included
    assert rows["Man"] == "hidden"
    assert "Too few candidates in some groups: this breakdown is hidden." in page.text


def test_fairness_page_labels_a_protecting_cell_hidden_not_small(world, client_for):
    """ "Vrouw <10" next to Man 175 of 254: the 78 women were hidden only to protect one person."""
    _candidates(world, man=175, woman=78, unknown=1)
    _vacancies(world)
    page = client_for(world.ali, "nl").get(reverse("matching:fairness"), {"k": 5})
    rows = _fairness_rows(page.text, "Naar geslacht")
    assert rows["Man"] == "175"
    assert rows["Vrouw"] == "verborgen"
    assert rows["Onbekend"] == "&lt;10"
    assert rows["Anders"] == "&lt;10"  # no one: still listed, like any small group
    assert 'id="suppression-note"' in page.text
    assert "verborgen" in page.text.split('id="suppression-note"')[1].split("</p>")[0]


def test_fairness_command_uses_the_same_suppression(world):
    _candidates(world, man=175, woman=78, unknown=1)
    _vacancies(world)
    out = StringIO()
    with translation.override("en"):
        call_command("fairness_report", "--k", "5", stdout=out)
    lines = {line.split("  ")[0]: line for line in out.getvalue().splitlines()}
    assert " 175 " in lines["Man"]
    assert "hidden" in lines["Woman"] and "78" not in lines["Woman"]
    assert "<10" in lines["Other"]


@pytest.fixture
def statuses(world):
    """40 in a pre-work trajectory, 15 in job mediation, 5 with a startbaan, Nadia unknown."""
    for status, n in (("in_pretrajectory", 40), ("mediation", 15), ("startbaan", 5)):
        ParticipantFactory.create_batch(n, organisation=world.utrecht, status=status)
    world.participant.status = "unknown"
    world.participant.save()


def test_monitoring_labels_a_protecting_cell_hidden_not_small(world, statuses, client_for):
    """ "In bemiddeling <10" while 15 were in it."""
    page = client_for(world.ali, "nl").get(reverse("monitoring:overview"))
    rows = _section(page.text, "status")
    assert rows["In bemiddeling"] == "verborgen"
    assert rows["Startbaan"] == "&lt;10"
    assert rows["Onbekend"] == "&lt;10"
    for label, text in rows.items():
        assert text in ("&lt;10", "verborgen") or int(text) >= 10, label


def test_monitoring_keeps_categories_with_no_one(world, statuses, client_for):
    """Rows with 0 were dropped, so a "<10" row proved someone was in it."""
    page = client_for(world.ali).get(reverse("monitoring:overview"))
    rows = _section(page.text, "status")
    assert rows["Dropped out"] == "&lt;10"
    assert rows["On hold"] == "&lt;10"
    assert rows["Ended"] == "&lt;10"
    assert rows["Needs a pre-work trajectory"] == "&lt;10"
    phases = _section(page.text, "phase")
    assert phases["Temporary protection (Ukraine)"] == "&lt;10"


def test_threshold_is_a_setting(world, statuses, client_for, settings):
    settings.WERKPAD_SMALL_CELL = 5
    page = client_for(world.ali).get(reverse("monitoring:overview"))
    rows = _section(page.text, "status")
    assert rows["Has a startbaan"] == "5"
    assert rows["Dropped out"] == "&lt;5"
