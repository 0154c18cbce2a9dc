"""The fairness report: analysts only, aggregates only, small cells suppressed."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.factories import ParticipantFactory
from tests.factories_employers import EmployerFactory, LocationFactory, VacancyFactory
from werkpad.core.schedule import FULL_WEEK, WORKDAY_DAYTIME
from werkpad.matching.adapters import region_of
from werkpad.matching.fairness import fairness_report

FORKLIFT = "urn:werkpad:demo:occupation:heftruckchauffeur"


@pytest.fixture
def population(world):
    """12 Syrian men, 11 Eritrean women, 3 Ukrainian women and 4 Afghan men (small cells), and
    2 open vacancies."""
    common = {
        "organisation": world.utrecht,
        "municipality": world.participant.municipality,
        "phase": "inburgering",
        "availability_mask": FULL_WEEK,
        "has_bicycle": True,
        "dutch_spoken": "A2",
    }
    people = (
        [ParticipantFactory(gender="man", country_of_origin="Syrië", **common) for _ in range(12)]
        + [
            ParticipantFactory(gender="woman", country_of_origin="Eritrea", **common)
            for _ in range(11)
        ]
        + [
            ParticipantFactory(
                gender="woman",
                country_of_origin="Oekraïne",
                **common,
            )
            for _ in range(3)
        ]
        + [
            ParticipantFactory(gender="man", country_of_origin="Afghanistan", **common)
            for _ in range(4)
        ]
    )
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
    for number, person in enumerate(people):
        person.first_name, person.last_name = f"Qfirst{number}", f"Qlast{number}"
        person.save()
    return people


def test_region_mapping():
    assert region_of("Syrië") == "middle_east"
    assert region_of("eritrea") == "horn_of_africa"
    assert region_of("Marokko") == "other_africa"
    assert region_of("Oekraïne") == "europe"
    assert region_of("Afghanistan") == "asia"
    assert region_of("") == "unknown"
    assert region_of("Atlantis") == "other"


def test_report_suppresses_small_cells(population):
    report = fairness_report(k=5)
    assert report.vacancies == 2
    assert report.candidates == 31  # 30 + world.participant
    regions = {row.group: row for row in report.tables[1].rows}
    # Middle East 13 (with world.participant, Syria) is hidden to protect Europe 3 and Asia 4.
    assert regions["middle_east"].suppressed and not regions["middle_east"].small
    assert regions["middle_east"].text == "hidden"
    assert regions["horn_of_africa"].candidates == 11
    assert regions["other"].small and regions["other"].text == "<10"  # empty, still listed
    assert regions["europe"].suppressed  # 3 Ukrainians
    assert regions["europe"].exposure_share is None
    assert regions["asia"].suppressed  # 4 Afghans
    genders = {row.group: row for row in report.tables[0].rows}
    # 17 men and 14 women; no one "other" or unknown. Showing either count would prove the two
    # empty groups empty (17 + 14 = 31), so both are hidden.
    assert genders["woman"].suppressed and genders["man"].suppressed
    assert genders["other"].small and genders["unknown"].small
    assert regions["horn_of_africa"].ratio is not None


def test_fairness_page_for_analysts_only_without_names(world, login, population):
    url = reverse("matching:fairness")
    assert login(world.anna).get(url).status_code == 403
    assert login(world.eva).get(url).status_code == 403
    response = login(world.ali).get(url, {"k": 5})
    assert response.status_code == 200
    text = response.text
    assert "Middle East" in text and "Horn of Africa" in text
    assert "&lt;10" in text  # the Ukrainian cell
    assert "Qlast" not in text and "Qfirst" not in text  # no names
    for person in population:
        assert person.number not in text
    assert world.participant.full_name not in text
    assert reverse("matching:fairness") in login(world.ali).get(reverse("home"), follow=True).text


def test_fairness_report_command(population):
    out = StringIO()
    call_command("fairness_report", "--k", "5", stdout=out)
    text = out.getvalue()
    assert "Middle East" in text
    assert "<10" in text
    assert "Qlast" not in text and "Qfirst" not in text


@pytest.mark.django_db
def test_fairness_report_command_without_data():
    out = StringIO()
    call_command("fairness_report", stdout=out)
    assert "nothing to report" in out.getvalue()


def test_a_single_small_cell_is_hidden_with_the_next_smallest(population):
    for person in population:
        if person.country_of_origin == "Afghanistan":
            person.country_of_origin = "Syrië"
            person.save()
    regions = {row.group: row for row in fairness_report(k=5).tables[1].rows}
    assert regions["europe"].suppressed and regions["europe"].small
    # Europe = total - the others: the smallest group that protects it is hidden too.
    assert regions["middle_east"].suppressed and not regions["middle_east"].small
    assert regions["horn_of_africa"].candidates == 11
