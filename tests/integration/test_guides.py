"""The public guides (issue 15) through real HTTP requests: the answers are the rules engine's,
nothing typed is stored (no database row, no session, no cookie) or logged, caching headers,
the rate limit, and the languages."""

from __future__ import annotations

import logging

import pytest
from django.apps import apps
from django.test import Client, override_settings
from django.utils import timezone, translation
from django.utils.html import escape

from tests.guides_cases import CASES, Case
from werkpad import formats
from werkpad.core.i18n import COACH, NEWCOMER
from werkpad.eligibility import adapters, present

pytestmark = pytest.mark.django_db

GUIDES = ("may_i_work", "hiring")
URL = {"may_i_work": "/guides/{lang}/may-i-work/", "hiring": "/guides/{lang}/hiring/"}
AUDIENCE = {"may_i_work": NEWCOMER, "hiring": COACH}


@pytest.fixture(autouse=True)
def _fresh_limit():
    from django.core.cache import caches

    caches["default"].clear()
    yield
    caches["default"].clear()


def _answer(client: Client, guide: str, lang: str, case: Case):
    return client.post(URL[guide].format(lang=lang), case.form(timezone.localdate()))


def _rows() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


@pytest.mark.parametrize("lang", ["nl", "en", "ar"])
@pytest.mark.parametrize("guide", GUIDES)
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_answer_is_the_rules_engines(client, guide, lang, case):
    """Each situation of RULES.md, in each language, through each guide: the page shows the
    engine's outcome, earliest start, every condition's status with its source and rule version,
    the steps and the notes, worded for the guide's reader."""
    today = timezone.localdate()
    response = _answer(client, guide, lang, case)
    assert response.status_code == 200, response.content.decode()[:2000]
    html = response.content.decode()
    result = case.engine(today, adapters.get_parameters())
    with translation.override(lang):
        view = present.eligibility_view(result, AUDIENCE[guide])
    assert f'data-outcome="{result.outcome.value}"' in html
    assert escape(view.outcome_label) in html
    assert escape(view.headline) in html
    earliest = result.earliest_start.isoformat() if result.earliest_start else ""
    assert f'data-date="{earliest}"' in html
    for condition in view.conditions:
        assert f'data-code="{condition.code}" data-status="{condition.status}"' in html
        assert escape(condition.explanation) in html
        assert escape(condition.source) in html
    for step in view.steps:
        assert f'data-code="{step.code}"' in html
        assert escape(step.text) in html
    for note in view.notes:
        assert escape(note) in html


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_answer_equals_the_anonymous_api(client, world, case):
    """The same situation through ``POST /api/eligibility/evaluate`` (the API for anonymous
    inputs, used by a signed-in coach) gives the same decision."""
    from werkpad.eligibility.api import EvaluateIn, situation

    today = timezone.localdate()
    coach = Client()
    coach.force_login(world.anna)

    payload = case.api_payload(today)
    person = situation(EvaluateIn(**payload))[0]
    job = case.job(person, today, adapters.get_parameters())
    payload["hourly_wage_gross"] = str(job.hourly_wage_gross) if job.hourly_wage_gross else None
    api = coach.post("/api/eligibility/evaluate", payload, content_type="application/json").json()
    page = _answer(client, "may_i_work", "en", case).content.decode()
    assert f'data-outcome="{api["outcome"]}"' in page
    assert f'data-date="{api["earliest_start"] or ""}"' in page
    for c in api["conditions"]:
        assert f'data-code="{c["code"]}" data-status="{c["status"]}"' in page


@pytest.mark.parametrize("lang", ["nl", "en", "ar"])
def test_question_pages_are_public_cacheable_and_set_no_cookie(client, lang):
    for path in (
        f"/guides/{lang}/",
        URL["may_i_work"].format(lang=lang),
        URL["hiring"].format(lang=lang),
        f"/guides/{lang}/hiring/checklist/",
    ):
        response = client.get(path)
        assert response.status_code == 200
        cache = response["Cache-Control"]
        assert "public" in cache and "max-age=" in cache and "no-store" not in cache
        assert not response.cookies, (path, response.cookies)
        assert response["Content-Language"] == lang
        html = response.content.decode()
        assert 'name="csrfmiddlewaretoken"' not in html
        assert f'lang="{lang}"' in html
        assert ('dir="rtl"' in html) == (lang == "ar")


@pytest.mark.parametrize("guide", GUIDES)
def test_answers_are_not_stored_by_caches_and_set_no_cookie(client, guide):
    response = _answer(client, guide, "nl", CASES[0])
    assert "no-store" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    assert not response.cookies


def test_answer_needs_no_csrf_token():
    """The answer form is csrf-exempt on purpose (it changes nothing; see guides/views.py)."""
    client = Client(enforce_csrf_checks=True)
    response = _answer(client, "may_i_work", "en", CASES[0])
    assert response.status_code == 200
    assert not response.cookies


def test_no_request_to_the_guides_creates_a_database_row(client):
    """GET and POST of every guide page, valid and invalid input, the rate-limited answer: the row
    count of every table is unchanged."""
    today = timezone.localdate()
    before = _rows()
    for lang in ("nl", "en", "ar"):
        client.get("/guides/")
        client.get(f"/guides/{lang}/")
        client.get(f"/guides/{lang}/hiring/checklist/")
        for guide in GUIDES:
            client.get(URL[guide].format(lang=lang))
            for case in CASES:
                _answer(client, guide, lang, case)
            client.post(URL[guide].format(lang=lang), {"phase": "x", "birth_date": "2999-01-01"})
    with override_settings(WERKPAD_GUIDES_RATE="1/60"):
        client.post(URL["hiring"].format(lang="nl"), CASES[0].form(today))
    assert _rows() == before
    assert not client.cookies


def test_nothing_typed_reaches_the_logs(client, caplog):
    """Every log record (all loggers, DEBUG and up) during answers is free of what was typed."""
    today = timezone.localdate()
    typed = set()
    with caplog.at_level(logging.DEBUG):
        for case in CASES:
            data = case.form(today)
            typed |= {v for k, v in data.items() if k.endswith(("date", "_on", "expiry")) and v}
            for guide in GUIDES:
                _answer(client, guide, "en", case)
        bad = {"phase": "asylum_seeker", "birth_date": "2999-12-31", "bsn": "nonsense-value-xyz"}
        client.post(URL["may_i_work"].format(lang="en"), bad)
        with override_settings(WERKPAD_GUIDES_RATE="1/60"):
            client.post(URL["may_i_work"].format(lang="en"), bad)
    typed |= {"2999-12-31", "nonsense-value-xyz"}
    text = "\n".join(f"{r.name} {r.getMessage()} {r.args!r}" for r in caplog.records)
    assert [t for t in typed if t in text] == []


def test_invalid_input_is_refused_field_by_field_keeping_what_was_typed(client):
    response = client.post(
        URL["may_i_work"].format(lang="en"),
        {"phase": "", "birth_date": "2999-12-31", "asylum_application_date": "31-31-2020"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose the situation that fits." in html
    assert "Enter a date that is not in the future." in html
    assert "Enter a valid date, for example 2026-05-01." in html
    assert 'value="2999-12-31"' in html
    assert "no-store" in response["Cache-Control"]


def test_answers_are_rate_limited_per_address(client):
    today = timezone.localdate()
    with override_settings(WERKPAD_GUIDES_RATE="3/60"):
        codes = [_answer(client, "may_i_work", "en", CASES[0]).status_code for _ in range(4)]
        other = Client(REMOTE_ADDR="192.0.2.7")
        other_code = other.post(URL["hiring"].format(lang="en"), CASES[0].form(today)).status_code
        limited = _answer(client, "may_i_work", "en", CASES[0])
    assert codes == [200, 200, 200, 429]
    assert other_code == 200
    assert limited["Retry-After"] == "60"
    assert "no-store" in limited["Cache-Control"]
    assert "Please wait a minute" in limited.content.decode()
    # The question pages themselves stay available.
    assert client.get(URL["may_i_work"].format(lang="en")).status_code == 200


def test_employer_guide_names_who_does_what_and_the_employer_desk(client, world):
    from werkpad.accounts.models import Organisation, OrganisationKind

    Organisation.objects.create(name="WSP Midden-Utrecht", kind=OrganisationKind.WSP)
    html = client.get("/guides/en/hiring/").content.decode()
    assert "at the UWV" in html and "not at the IND and not at COA" in html
    assert "REBA" in html and "minimum wage" in html and "W-document" in html
    assert "WSP Midden-Utrecht" in html
    assert "/guides/en/hiring/checklist/" in html
    checklist = client.get("/guides/en/hiring/checklist/").content.decode()
    assert "UWV" in checklist and "W-document" in checklist


def test_newcomer_guide_answers_the_permit_myth_with_sources(client):
    html = client.get("/guides/en/may-i-work/").content.decode()
    assert "you must stop working when you get a residence permit" in html
    assert "A residence permit does not oblige anyone to stop working" in html
    params = adapters.get_parameters().resolve(timezone.localdate())
    waiting = params["asylum.waiting_months"]
    assert waiting.source in html
    with translation.override("en"):
        shown = formats.day(waiting.valid_from) if waiting.valid_from else None
    if shown:
        assert shown in html


def test_login_page_links_the_guides(client):
    html = client.get("/accounts/login/").content.decode()
    assert "/guides/" in html and "may-i-work" in html and "hiring" in html


def test_start_redirects_to_the_readers_language(client):
    response = client.get("/guides/", HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 302 and response["Location"] == "/guides/ar/"
    assert not response.cookies


@pytest.mark.parametrize("lang", ["nl", "ar"])
def test_every_sentence_of_the_guides_is_translated(client, world, lang, monkeypatch):
    """Dutch and Arabic are complete on the guides: every message looked up while rendering every
    page and every answer (the RULES.md cases and more, both guides, errors, the rate limit) has
    a translation in the catalogue."""
    from django.conf import settings
    from django.utils.translation import get_language_info, trans_real

    from tests.guides_cases import MORE_CASES
    from werkpad.accounts.models import Organisation, OrganisationKind

    Organisation.objects.create(name="WSP Test", kind=OrganisationKind.WSP)
    missing: set[str] = set()
    gettext = trans_real.DjangoTranslation.gettext

    def recording(self, message):
        if self.language() == lang and message and message not in self._catalog:
            missing.add(message)
        return gettext(self, message)

    monkeypatch.setattr(trans_real.DjangoTranslation, "gettext", recording)
    for path in ("/guides/{}/", "/guides/{}/may-i-work/", "/guides/{}/hiring/"):
        client.get(path.format(lang))
    client.get(f"/guides/{lang}/hiring/checklist/")
    client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE=lang)
    for guide in GUIDES:
        for case in CASES + MORE_CASES:
            assert _answer(client, guide, lang, case).status_code == 200
        bad = {"phase": "", "birth_date": "2999-01-01", "asylum_application_date": "1800-01-01"}
        client.post(URL[guide].format(lang=lang), {**bad, "w_document_expiry": "x", "bsn": "z"})
    with override_settings(WERKPAD_GUIDES_RATE="1/60"):
        _answer(client, "may_i_work", lang, CASES[0])
        assert _answer(client, "may_i_work", lang, CASES[0]).status_code == 429
    with translation.override(lang):
        # Django looks up the languages' names itself (the language links use their own names).
        names = {str(get_language_info(code)["name_translated"]) for code, _n in settings.LANGUAGES}
    assert missing - names == set()


def test_question_pages_answer_head(client):
    response = client.head("/guides/en/may-i-work/")
    assert response.status_code == 200 and response.content == b""
    assert client.head("/guides/en/hiring/checklist/").status_code == 200


def test_a_bad_rate_setting_stops_start_up():
    import os
    import subprocess
    import sys

    env = {**os.environ, "WERKPAD_GUIDES_RATE": "many", "WERKPAD_TESTING": "1"}
    run = subprocess.run(
        [sys.executable, "-c", "import werkpad.settings"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode != 0
    assert "WERKPAD_GUIDES_RATE must be N/SECONDS" in run.stderr
