"""The survey of the 14 integration indicators in Chromium (issue 17): a newcomer answers the
intake survey in Arabic at phone width; after a placement the 3-month moment appears; an analyst
sees the paired result of a programme with enough respondents and a suppressed cell for one with
too few. axe-core: no serious or critical violations."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests import factories_surveys as fs
from tests.conftest import PASSWORD
from tests.e2e.login import PHONE, log_in
from werkpad.surveys.models import Response

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _serious(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['impact']} {v['id']}: {v['help']} ({v['nodes'][0]['target']})"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.allow_console_errors  # the refused form answers 400 (checked at the end)
def test_newcomer_answers_in_arabic_then_3_months_then_analyst_sees_pairs(
    world, browser, live_server, open_as, console
):
    today = timezone.localdate()
    trial = fs.programme("Proef startbanen", world.utrecht)
    enrolment = fs.enrolment(world.participant, trial, today - timedelta(days=100))
    world.nadia.language = "ar"
    world.nadia.save()

    context, page = log_in(
        browser, live_server, "nadia", language="ar", viewport=PHONE, cookie=False
    )
    page.goto(f"{live_server.url}/surveys/")
    assert page.get_attribute("html", "lang") == "ar"
    assert page.get_attribute("html", "dir") == "rtl"
    assert page.locator("main h1").inner_text() == "استبياناتي"
    assert _serious(page) == []
    page.click("li[data-moment=intake] a")
    page.wait_for_selector("fieldset.survey-q")
    assert page.locator("fieldset.survey-q").count() == 15  # 14 indicators and motivation
    assert "ما مدى إجادتك للتحدث باللغة الهولندية" in page.inner_text("#q-language legend")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert _serious(page) == []
    # A face per question (clicking the picture selects the real radio input); one skipped.
    fieldsets = page.locator("fieldset.survey-q")
    for i in range(15):
        fieldsets.nth(i).locator("label.face").nth(i % 5).click()
    page.locator("#q-safety label.face").last.click()  # "I'd rather not say"
    assert page.locator("#q-language input[value='5']").is_checked() is False
    page.click("button[type=submit].primary")  # without consent: refused, answers kept
    page.wait_for_selector("#id_consent_error")
    assert page.locator("#q-housing input:checked").count() == 1
    assert _serious(page) == []
    page.check("#id_consent")
    page.click("button[type=submit].primary")
    page.wait_for_selector("li[data-moment=intake] a[href*='/surveys/answers/']")
    response = Response.objects.get(enrolment=enrolment, moment="intake")
    assert response.language == "ar" and response.answers.filter(value__isnull=False).count() == 14

    # Work starts: a placement 95 days ago; the 3-month moment opens.
    fs.placement(world.participant, enrolment, today - timedelta(days=95))
    page.goto(f"{live_server.url}/surveys/")
    assert page.locator("section[aria-labelledby=h-open] li[data-moment=m3] a").count() == 1
    context.close()

    # The analyst: a programme with 12 pairs and one with 3 (and one with 6, so the large one
    # need not be hidden to protect the small ones).
    big = fs.programme("Groot programma", world.utrecht)
    small = fs.programme("Klein programma", world.utrecht)
    fs.respondents(big, world.utrecht, 12, 2, 4)
    fs.respondents(small, world.utrecht, 3, 1, 5)
    fs.respondents(fs.programme("Middel programma", world.utrecht), world.utrecht, 6, 3, 3)
    page = open_as("ali", PASSWORD)
    page.goto(f"{live_server.url}/surveys/results/")
    shown = page.locator(f"section[data-group='{big.pk}'] tr[data-indicator=language]")
    assert shown.locator("td").nth(0).inner_text() == "12"
    assert shown.locator("td").nth(3).inner_text() == "+2.00"
    hidden = page.locator(f"[data-group='{small.pk}']")
    assert "<10" in hidden.inner_text() and "5.00" not in hidden.inner_text()
    assert page.locator("#response-rates tr[data-moment=intake]").count() == 1
    assert _serious(page) == []
    assert console.errors, "the refused form answered 400"
    assert all("/surveys/answer/" in e and "400" in e for e in console.errors), console.errors
