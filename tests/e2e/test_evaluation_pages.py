"""An analyst's journey through the evaluation pages in Chromium, in Dutch: the imported
reference registry's startbaan report with its charts, a fairness split, the outcome views and the
research export page; no console errors (CSP violations included) and no serious or critical
axe-core findings; the charts are SVG with a title and text alternative, and print."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from tests.e2e.test_pages_behave import _axe_violations, _login
from tests.unit.stats.test_startbaan_reference import REGISTRY

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _serious(page) -> list[str]:
    return [v for v in _axe_violations(page) if v.split(" ", 1)[0] in ("serious", "critical")]


def test_analyst_reads_the_startbaan_report_and_outcomes(world, browser, live_server):
    call_command("import_registry", str(REGISTRY), stdout=io.StringIO())
    context, page = _login(browser, live_server, "ali", language="nl")
    found = {}
    page.goto(f"{live_server.url}/monitoring/startbanen/?peildatum=2025-10-31")
    assert page.locator("h2", has_text="Tabel 2").count() >= 1
    assert page.locator("svg[role=img] title").count() > 10
    found["report"] = _serious(page)
    page.select_option("#id_by", "geslacht")
    page.get_by_role("button", name="Tonen").click()
    page.wait_for_load_state()
    assert "(geslacht=vrouw)" in page.content()
    page.emulate_media(media="print")
    assert page.locator("svg[role=img]").first.is_visible()
    page.emulate_media(media="screen")
    page.goto(f"{live_server.url}/monitoring/outcomes/?peildatum=2025-10-31")
    assert page.locator("h2", has_text="Tijd tot een eerste baan").count() == 1
    found["outcomes"] = _serious(page)
    page.goto(f"{live_server.url}/monitoring/microdata/")
    found["microdata"] = _serious(page)
    assert {k: v for k, v in found.items() if v} == {}
    assert "SB0001" not in page.content()
    context.close()
