"""'My data' in a real browser (issue 14 point 8, issue 19 point 3): the newcomer in Arabic at
phone width downloads her data and asks for a correction; the administrator decides it in the
queue. axe-core finds no serious or critical problem on these pages; no console errors (CSP)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.e2e.login import PHONE, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _serious(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['impact']} {v['id']}: {v['help']}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def _login(browser, live_server, username, language, viewport=None):
    return log_in(browser, live_server, username, language=language, viewport=viewport)


def test_newcomer_downloads_her_data_and_asks_for_a_correction(world, browser, live_server):
    from werkpad.privacy.models import DataRequest

    world.nadia.language = "ar"
    world.nadia.save()
    context, page = _login(browser, live_server, "nadia", "ar", PHONE)
    page.goto(f"{live_server.url}/portal/my-data/")
    assert page.get_attribute("html", "dir") == "rtl"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert _serious(page) == []

    with page.expect_download() as download:
        page.click("a[href$='my-data.json']")
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert data["participant_number"] == world.participant.number

    # An empty correction comes back with the error next to the field, the form kept.
    page.click("#correction button[type=submit]")
    assert page.locator("#id_c-text_error").is_visible()
    page.fill("#id_c-text", "تاريخ ميلادي خطأ")
    page.click("#correction button[type=submit]")
    page.wait_for_selector("#requests table")
    assert DataRequest.objects.filter(kind="correction", state="open").count() == 1
    context.close()

    context, admin = _login(browser, live_server, "ada", "en")
    admin.goto(f"{live_server.url}/privacy/requests/")
    assert _serious(admin) == []
    admin.click(f"text={world.participant.number}")
    assert "تاريخ ميلادي خطأ" in admin.content()
    assert _serious(admin) == []
    admin.check("input[name=decision][value=grant]")
    admin.fill("#id_note", "Corrected by the coach.")
    admin.click("button[type=submit].primary")
    admin.wait_for_url("**/privacy/requests/")
    assert DataRequest.objects.get(kind="correction").state == "done"
    context.close()
