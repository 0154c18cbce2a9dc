"""Pages that behave (issue 9, part 2) in Chromium: Back after an htmx filter, search with the
filters in force, confirmation before removing, the week grid, and layouts without overlapping
labels or sideways scrolling on a 390 px phone. Like every browser test, each fails on any console
error (a CSP violation, the missing favicon; see conftest.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.conftest import PASSWORD
from tests.e2e.login import log_in
from tests.factories import CertificateFactory, ParticipantFactory
from tests.factories_employers import EmployerFactory, ShortlistFactory, VacancyFactory
from werkpad.participants.models import Participant, WorkExperience

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}

# Layout problems on a page, as a list of short descriptions:
# - a label (dt) or value (dd) whose text runs out of its box (it then overlaps its neighbour),
# - a label and its value that overlap each other,
# - the parts of a card head (title and link) that overlap,
# - anything that sticks out of its card.
LAYOUT_PROBLEMS = """() => {
  const problems = [];
  const name = (e) => `${e.tagName.toLowerCase()} "${e.textContent.trim().slice(0, 40)}"`;
  const overlap = (a, b) => a.left < b.right - 1 && b.left < a.right - 1
                            && a.top < b.bottom - 1 && b.top < a.bottom - 1;
  for (const row of document.querySelectorAll(".dl-row")) {
    const dt = row.querySelector("dt"), dd = row.querySelector("dd");
    for (const e of [dt, dd]) {
      if (e && e.scrollWidth > e.clientWidth + 1) problems.push(`${name(e)} overflows its box`);
    }
    if (dt && dd && overlap(dt.getBoundingClientRect(), dd.getBoundingClientRect())) {
      problems.push(`${name(dt)} overlaps its value`);
    }
  }
  for (const head of document.querySelectorAll(".card-head")) {
    const [a, b] = head.children;
    if (a && b) {
      const ra = a.getBoundingClientRect(), rb = b.getBoundingClientRect();
      const sameLine = ra.top < rb.bottom && rb.top < ra.bottom;
      if (overlap(ra, rb) || (sameLine && rb.left - ra.right < 4 && rb.right - ra.left > 4 && rb.left >= ra.left)) {
        problems.push(`${name(a)} touches or overlaps ${name(b)}`);
      }
    }
  }
  for (const card of document.querySelectorAll(".card")) {
    const box = card.getBoundingClientRect();
    for (const e of card.querySelectorAll("dt, dd, h2, h3, a, button, li, p")) {
      const r = e.getBoundingClientRect();
      if (r.width && (r.right > box.right + 1 || r.left < box.left - 1)) {
        problems.push(`${name(e)} sticks out of its card`);
      }
    }
  }
  return [...new Set(problems)].slice(0, 10);
}"""


def _login(browser, live_server, username, *, language="en", viewport=None):
    return log_in(browser, live_server, username, language=language, viewport=viewport)


@pytest.fixture
def caseload(world):
    for first, last, phase in [
        ("Bilal", "Ahmadi", "inburgering"),
        ("José", "Hernández", "inburgering"),
        ("Chana", "Berhe", "after_inburgering"),
    ]:
        ParticipantFactory(
            first_name=first,
            last_name=last,
            phase=phase,
            organisation=world.utrecht,
            regiehouder=world.anna,
        )


def test_back_after_a_filter_and_a_file_shows_the_styled_caseload(world, caseload, open_as):
    anna = open_as("anna", PASSWORD)
    anna.goto(f"{anna.url.split('/pathway/')[0]}/participants/")
    anna.select_option("select[name=phase]", "inburgering")
    anna.wait_for_url("**/participants/?*phase=inburgering*")
    anna.wait_for_selector("#caseload-table >> text=2 participants")
    anna.get_by_role("link", name="Ahmadi, Bilal").click()
    anna.wait_for_selector("h1:has-text('Bilal Ahmadi')")
    anna.go_back()
    anna.wait_for_load_state()
    anna.wait_for_selector("h1")
    # The whole page, styled, with the filter still in force: not the bare table fragment.
    assert anna.locator("link[rel=stylesheet]").count() == 1
    assert anna.get_by_role("heading", name="My caseload").is_visible()
    assert anna.input_value("select[name=phase]") == "inburgering"
    table = anna.locator("#caseload-table").inner_text()
    assert "Ahmadi, Bilal" in table and "Berhe, Chana" not in table
    # Chromium draws it with the stylesheet (the header bar has its dark background).
    background = anna.evaluate(
        "getComputedStyle(document.querySelector('header.top')).backgroundColor"
    )
    assert background == "rgb(21, 50, 79)"


def test_search_after_a_filter_keeps_the_filter(world, caseload, open_as):
    anna = open_as("anna", PASSWORD)
    anna.goto(f"{anna.url.split('/pathway/')[0]}/participants/")
    anna.select_option("select[name=phase]", "inburgering")  # htmx: only the table changes
    anna.wait_for_selector("#caseload-table >> text=2 participants")
    anna.fill("#q", "ahmadi")
    anna.get_by_role("button", name="Search", exact=True).click()
    anna.wait_for_selector("#caseload-table >> text=1 participant")
    assert "phase=inburgering" in anna.url
    assert anna.input_value("select[name=phase]") == "inburgering"
    assert "Ahmadi, Bilal" in anna.locator("#caseload-table").inner_text()
    # Accents and case do not matter either.
    anna.fill("#q", "HERNANDEZ")
    anna.get_by_role("button", name="Search", exact=True).click()
    anna.wait_for_selector("#caseload-table >> text=Hernández, José")
    assert "phase=inburgering" in anna.url


def test_removing_a_row_asks_first(world, open_as, live_server):
    WorkExperience.objects.create(participant=world.participant, occupation="Kok", years=3)
    anna = open_as("anna", PASSWORD)
    anna.goto(f"{live_server.url}/participants/{world.participant.public_id}/")
    questions = []

    def answer(dialog, accept):
        questions.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    anna.once("dialog", lambda d: answer(d, False))
    anna.get_by_role("button", name="Remove Kok, 3 years").click()
    anna.wait_for_timeout(300)
    assert questions and "Remove “Kok, 3 years” from this file?" in questions[0]
    assert WorkExperience.objects.filter(participant=world.participant).count() == 1
    anna.once("dialog", lambda d: answer(d, True))
    anna.get_by_role("button", name="Remove Kok, 3 years").click()
    anna.wait_for_selector("text=Removed: Kok, 3 years")
    assert not WorkExperience.objects.filter(participant=world.participant).exists()


def test_week_availability_is_a_day_by_dagdeel_grid(world, open_as, live_server):
    anna = open_as("anna", PASSWORD)
    anna.goto(f"{live_server.url}/participants/{world.participant.public_id}/edit/availability/")
    grid = anna.locator("table.schedule").first
    assert grid.locator("th[scope=row]").all_inner_texts()[:2] == ["Monday", "Tuesday"]
    assert grid.locator("th[scope=col]").all_inner_texts() == ["Morning", "Afternoon", "Evening"]
    assert grid.locator("input[type=checkbox]").count() == 21
    anna.get_by_role("checkbox", name="Tuesday — Afternoon").first.check()
    anna.get_by_role("button", name="Save").click()
    anna.wait_for_selector("text=change(s) recorded in the history")
    assert "Tuesday afternoon" in anna.locator("#section-availability").inner_text()
    assert Participant.objects.get(pk=world.participant.pk).availability_mask != 0


@pytest.fixture
def full_file(world):
    p = world.participant
    p.driving_licence = "B, C"
    p.lesson_hours_per_week = Decimal("12.0")
    p.save()
    WorkExperience.objects.create(
        participant=p, occupation="Productiemedewerker", years=Decimal("6.5"), sector="productie"
    )
    CertificateFactory(participant=p, kind="vca")
    return p


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_file_cards_in_dutch_have_no_overlapping_labels(
    world, full_file, browser, live_server, viewport
):
    context, page = _login(browser, live_server, "anna", language="nl", viewport=viewport)
    page.goto(f"{live_server.url}/participants/{full_file.public_id}/")
    page.wait_for_selector("#eligibility-panel form.elig-whatif")
    assert page.evaluate(LAYOUT_PROBLEMS) == []
    if viewport:
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"the participant page scrolls sideways ({width}px)"
    assert "6,5 jaar" in page.locator("#section-rows-experiences").inner_text()
    context.close()


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_employer_candidate_card_has_no_overlapping_labels(world, browser, live_server, viewport):
    employer = EmployerFactory(organisation=world.employer_org, account_manager=world.anna)
    vacancy = VacancyFactory(employer=employer, title="Metselaar")
    p = world.participant
    p.dutch_spoken, p.dutch_written, p.availability_mask, p.max_hours_per_week = "A2", "A1", 7, 32
    p.save()
    WorkExperience.objects.create(participant=p, occupation="Metselaar", years=Decimal("5.5"))
    ShortlistFactory(vacancy=vacancy, participant=p)
    context, page = _login(browser, live_server, "eva", language="nl", viewport=viewport)
    page.goto(f"{live_server.url}/employers/portal/vacancies/{vacancy.pk}/")
    assert page.locator(".candidate-profile").count() == 1
    assert page.evaluate(LAYOUT_PROBLEMS) == []
    if viewport:
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    context.close()


def _axe_violations(page) -> list[str]:
    """axe-core's findings on the page (every impact level), as short lines."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['impact']} {v['id']}: {v['help']} ({v['nodes'][0]['target']})"
        for v in results.response["violations"]
    ]


def test_main_pages_pass_axe_accessibility_checks(world, full_file, browser, live_server):
    """The pages changed for issue 9 (caseload, file, week grid, status form, the employer's
    candidate card) have no axe-core violations, in Dutch."""
    employer = EmployerFactory(organisation=world.employer_org, account_manager=world.anna)
    vacancy = VacancyFactory(employer=employer, title="Metselaar")
    ShortlistFactory(vacancy=vacancy, participant=full_file)
    context, anna = _login(browser, live_server, "anna", language="nl")
    file_url = f"{live_server.url}/participants/{full_file.public_id}/"
    found = {}
    for url in (
        f"{live_server.url}/participants/",
        file_url,
        file_url + "edit/availability/",
        file_url + "status/",
    ):
        anna.goto(url)
        if url == file_url:
            anna.wait_for_selector("#eligibility-panel form.elig-whatif")
        found[url] = _axe_violations(anna)
    employer_context, eva = _login(browser, live_server, "eva", language="nl")
    eva.goto(f"{live_server.url}/employers/portal/vacancies/{vacancy.pk}/")
    found["portal vacancy"] = _axe_violations(eva)
    assert {url: v for url, v in found.items() if v} == {}
    context.close()
    employer_context.close()
