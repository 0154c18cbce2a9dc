"""Every portal page in every portal language: nothing stays in English (names and numbers
allow-listed), dates with month names, the footer says when a translation needs review."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests import portal_case, portal_text

pytestmark = pytest.mark.django_db

ALLOWED = {
    "Nadia Haddad",
    "Nadia",
    "Anna Jansen",
    "Werkpad",
    "Bouwbedrijf De Vries",
    "Heftruck A1",
    "Magazijn A1",
    "Heftruck nacht",
    "Taalcafé op dinsdag",
    "Bedrijfsbezoek",
    "CV maken",
    "Heftruckchauffeur",
    "Gemeente Utrecht",
    "Utrecht",
    "Hallo",
    "nadia",
    "REBA",
    "COA",
    "BSN",
    "TWV",
    "VCA",
    "QR",
    "Kanaalweg 12, 3526KL Utrecht",
    "Meldplicht COA",
}


@pytest.fixture
def ready(world, settings):
    from werkpad.eligibility import adapters
    from werkpad.participants import actions as pa
    from werkpad.portal import actions

    case = portal_case.build(world)
    portal_case.add_week_with_a_clash(world, case)
    settings.WERKPAD_RULES_FILE = str(portal_case.DEMO_RULES)
    adapters.clear_parameters_cache()
    actions.set_preference(world.nadia, world.participant, wants_suggestions=True)
    pa.give_consent(world.anna, world.participant, "research", purpose_code="evaluation")
    actions.send_message(world.nadia, world.participant, "Hallo", kind="checkin", mood="good")
    yield case
    adapters.clear_parameters_cache()


def portal_pages(case) -> list[str]:
    return [
        reverse("portal:home"),
        reverse("portal:plan_version", args=[1]),
        reverse("portal:documents"),
        reverse("portal:may_i_work"),
        reverse("portal:calculator") + f"?vacancy={case.proposed.public_id}",
        reverse("portal:calculator") + "?hours=0&wage=x",
        reverse("portal:vacancies"),
        reverse("portal:permissions"),
        reverse("portal:consent"),
        reverse("portal:contact"),
        reverse("handovers:portal"),
        reverse("portal:appointments"),
        reverse("portal:my_data"),
    ]


def _render(world, url: str, lang: str) -> str:
    world.nadia.language = lang
    world.nadia.save()
    client = Client()
    client.force_login(world.nadia)
    return client.get(url).content.decode()


@pytest.mark.parametrize("lang", ["ar", "fa", "ti", "uk"])
def test_no_portal_page_stays_english(world, ready, lang):
    left = {}
    for url in portal_pages(ready):
        english = _render(world, url, "en")
        translated = _render(world, url, lang)
        for piece in portal_text.same_as_english(translated, english, ALLOWED):
            left.setdefault(piece, url)
        for piece in portal_text.english_month_names(translated):
            left.setdefault(piece, url)
        for piece in portal_text.latin_runs(translated, ALLOWED):
            left.setdefault(piece, url)
    assert not left, f"{lang}: {len(left)} piece(s) still English:\n" + "\n".join(
        f"{u}\t{p}" for p, u in left.items()
    )


@pytest.mark.parametrize(
    ("lang", "review"), [("ar", False), ("fa", True), ("ti", True), ("uk", True), ("nl", False)]
)
def test_footer_says_when_a_translation_needs_review(world, ready, lang, review):
    text = _render(world, reverse("portal:home"), lang)
    assert ('class="review-note"' in text) is review


@pytest.mark.parametrize("lang", ["ar", "fa", "ti", "uk"])
def test_may_i_work_for_an_asylum_seeker_is_translated(world, lang):
    """The BSN–TWV loop as steps, for an asylum seeker waiting for the BSN, in every language."""
    from datetime import timedelta

    from django.utils import timezone

    p = world.participant
    p.phase = "asylum_seeker"
    p.residence = "azc"
    p.household = "alone"
    p.asylum_application_date = timezone.localdate() - timedelta(days=250)
    p.w_document_expiry = timezone.localdate() + timedelta(days=200)
    p.bsn_status = ""
    p.save()
    url = reverse("portal:may_i_work")
    english = _render(world, url, "en")
    assert "elig-steps" in english
    translated = _render(world, url, lang)
    left = portal_text.same_as_english(translated, english, ALLOWED)
    left += portal_text.english_month_names(translated)
    left += portal_text.latin_runs(translated, ALLOWED)
    assert not left, f"{lang}: still English:\n" + "\n".join(left)
