"""The public guides (issue 15) in Chromium, without logging in: both guides answered in Dutch,
English and Arabic for the situations of RULES.md, the answers equal to the rules engine's, with
sources and dates; no sideways scrolling at 320 and 390 px; axe-core finds nothing serious or
critical; no cookie is set. Like every browser test, each fails on any console error."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.guides_cases import CASES, Case
from werkpad.eligibility import adapters

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PATHS = {"may_i_work": "/guides/{lang}/may-i-work/", "hiring": "/guides/{lang}/hiring/"}
LOCALES = {"nl": "nl-NL", "en": "en-GB", "ar": "ar"}


@pytest.fixture(autouse=True)
def _fresh_limit():
    from django.core.cache import caches

    caches["default"].clear()
    yield
    caches["default"].clear()


def _context(browser, lang, width=1280):
    context = browser.new_context(locale=LOCALES[lang], viewport={"width": width, "height": 900})
    context.set_default_timeout(15_000)
    return context


def _fill(page, case: Case, today):
    data = case.form(today)
    page.check(f"input[name=phase][value={data['phase']}]")
    for name in ("birth_date", "asylum_application_date", "w_document_expiry", "bsn_requested_on"):
        if data.get(name):
            page.fill(f"input[name={name}]", data[name])
    for name in ("lives_in_coa", "has_w_document", "bsn", "twv"):
        page.select_option(f"select[name={name}]", data.get(name, ""))
    page.click("form.guide-form button[type=submit]")
    page.wait_for_selector("#answer .outcome")


@pytest.mark.parametrize("lang", ["nl", "en", "ar"])
@pytest.mark.parametrize("guide", ["may_i_work", "hiring"])
def test_guide_answers_every_case_like_the_rules_engine(browser, live_server, guide, lang):
    today = timezone.localdate()
    params = adapters.get_parameters()
    context = _context(browser, lang)
    page = context.new_page()
    url = live_server.url + PATHS[guide].format(lang=lang)
    for case in CASES:
        page.goto(url)
        assert page.get_attribute("html", "lang") == lang
        assert page.get_attribute("html", "dir") == ("rtl" if lang == "ar" else "ltr")
        _fill(page, case, today)
        result = case.engine(today, params)
        answer = page.locator("#answer")
        assert answer.locator(".outcome").get_attribute("data-outcome") == result.outcome.value
        earliest = result.earliest_start.isoformat() if result.earliest_start else ""
        assert answer.locator(".earliest").get_attribute("data-date") == earliest, case.name
        shown = {
            li.get_attribute("data-code"): li.get_attribute("data-status")
            for li in answer.locator(".elig-condition").all()
        }
        assert shown == {c.code: c.status.value for c in result.conditions}, case.name
        # Every condition shows its source, and the dated rules are listed below the form.
        sources = answer.locator(".elig-condition .source").all_inner_texts()
        assert len(sources) == len(result.conditions)
        for condition, text in zip(result.conditions, sources, strict=True):
            assert condition.source in text
        assert [s.code for s in result.steps] == [
            li.get_attribute("data-code") for li in answer.locator(".elig-steps li").all()
        ]
    assert page.locator(".guide-facts li").count() >= 5
    assert context.cookies() == []
    context.close()


# Whether the page scrolls sideways (anything wider than the viewport).
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("lang", ["nl", "en", "ar"])
def test_guides_fit_a_phone(browser, live_server, lang, width):
    today = timezone.localdate()
    context = _context(browser, lang, width)
    page = context.new_page()
    for path in ("/guides/{lang}/", "/guides/{lang}/hiring/checklist/", *PATHS.values()):
        page.goto(live_server.url + path.format(lang=lang))
        assert page.evaluate(OVERFLOW) <= 0, (path, width)
    for path in PATHS.values():
        page.goto(live_server.url + path.format(lang=lang))
        _fill(page, CASES[3], today)  # the BSN–TWV loop: the longest answer
        assert page.evaluate(OVERFLOW) <= 0, ("answer", path, width)
    context.close()


def _serious(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['impact']} {v['id']}: {v['help']} ({v['nodes'][0]['target']})"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.allow_console_errors  # the refused form answers 400 (checked below)
@pytest.mark.parametrize("lang", ["nl", "en", "ar"])
def test_guides_pass_axe(browser, live_server, console, lang):
    today = timezone.localdate()
    context = _context(browser, lang, 390)
    page = context.new_page()
    found = {}
    for path in ("/guides/{lang}/", "/guides/{lang}/hiring/checklist/", *PATHS.values()):
        page.goto(live_server.url + path.format(lang=lang))
        found[path] = _serious(page)
    for path in PATHS.values():
        page.goto(live_server.url + path.format(lang=lang))
        _fill(page, CASES[3], today)
        found["answer " + path] = _serious(page)
        page.goto(live_server.url + path.format(lang=lang))
        page.click("form.guide-form button[type=submit]")  # nothing chosen: the errors
        found["errors " + path] = _serious(page)
    assert {p: v for p, v in found.items() if v} == {}
    assert [e for e in console.errors if "status of 400" not in e] == []
    assert len(console.errors) == 2
    context.close()


def test_login_page_leads_to_the_guides(browser, live_server):
    context = _context(browser, "en")
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.click("a[href*='may-i-work']")
    assert "/guides/" in page.url
    page.wait_for_selector("form.guide-form")
    context.close()
