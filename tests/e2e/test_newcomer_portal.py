"""The newcomer portal in a real browser: Arabic, right to left, and a language switch."""

from __future__ import annotations

import pytest

from tests.conftest import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_newcomer_reads_the_portal_in_arabic_and_switches_to_english(world, browser, live_server):
    world.nadia.language = "ar"
    world.nadia.save()
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="ar")
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    assert page.get_attribute("html", "dir") == "rtl"  # the browser asks for Arabic
    page.fill("input[name=username]", "nadia")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_url("**/portal/**")
    assert page.get_attribute("html", "lang") == "ar"
    assert page.get_attribute("html", "dir") == "rtl"
    # Right to left: the heading starts at the right edge of the page.
    box = page.locator("main h1").bounding_box()
    assert box is not None and box["x"] + box["width"] > 300
    assert page.evaluate("document.documentElement.scrollWidth") <= 400

    page.select_option("#lang-select", "en")  # submits on change
    page.wait_for_selector("html[lang=en]", state="attached")
    assert page.get_attribute("html", "dir") == "ltr"
    world.nadia.refresh_from_db()
    assert world.nadia.language == "en"
    context.close()
