"""Pages that behave (issue 9, part 2), through real requests: the caseload with htmx history,
accent-insensitive search and its new columns; the status form; the decision form that keeps what
was chosen; confirmations; dates and numbers in the reader's language; one form of address."""

from __future__ import annotations

import importlib
import re
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import ParticipantFactory
from tests.factories_employers import (
    EmployerFactory,
    ShortlistFactory,
    TwvFactory,
    VacancyFactory,
)
from tests.integration.test_matching_suggestions import _ready, _token, jobs  # noqa: F401
from werkpad.core.rules import add_months
from werkpad.matching.models import MatchDecision
from werkpad.participants.models import Participant, WorkExperience

CASELOAD = "/participants/"
HX = {"HX-Request": "true"}


def client_for(user, language="en"):
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def search(client, q, query=""):
    return client.post(f"{CASELOAD}?{query}" if query else CASELOAD, {"q": q})


# --- caseload: htmx history --------------------------------------------------------------------


def test_caseload_fragment_and_page_vary_on_hx_request(world):
    anna = client_for(world.anna)
    fragment = anna.get(CASELOAD + "?phase=asylum_seeker", headers=HX)
    page = anna.get(CASELOAD + "?phase=asylum_seeker")
    assert "<html" not in fragment.text and "<html" in page.text
    # The same URL serves two bodies: caches (the browser's Back) must keep them apart.
    for response in (fragment, page):
        assert "HX-Request" in response["Vary"]


def test_other_pages_with_an_htmx_fragment_vary_on_hx_request(world):
    anna = client_for(world.anna)
    p = world.participant
    for url in (
        reverse("eligibility:panel", args=[p.public_id]),
        reverse("matching:participant_suggestions", args=[p.public_id]),
    ):
        for headers in ({}, HX):
            response = anna.get(url, headers=headers)
            assert response.status_code == 200
            assert "HX-Request" in response["Vary"], url


def test_history_restore_gets_the_whole_page(world):
    """htmx asks for the page again on Back when its history cache misses; that request carries
    HX-Request too, and must get the styled page, not the table fragment."""
    anna = client_for(world.anna)
    response = anna.get(
        CASELOAD + "?phase=asylum_seeker",
        headers={**HX, "HX-History-Restore-Request": "true"},
    )
    assert "<html" in response.text
    assert "werkpad.css" in response.text


def test_favicon_is_served_and_linked(world):
    """Browsers ask for /favicon.ico on every page without an icon link (the admin, the API
    docs); a 404 there is a console error on every visit."""
    response = Client().get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] in ("image/x-icon", "image/vnd.microsoft.icon")
    page = client_for(world.anna).get(CASELOAD).text
    assert '<link rel="icon" href="/static/werkpad/favicon' in page


# --- caseload: search ----------------------------------------------------------------------------


@pytest.fixture
def hernandez(world):
    return ParticipantFactory(
        first_name="José",
        last_name="Hernández",
        organisation=world.utrecht,
        regiehouder=world.anna,
        phase="inburgering",
    )


@pytest.mark.parametrize("q", ["Hernandez", "hernandez", "HERNÁNDEZ", "jose hernandez", "Jose"])
def test_search_ignores_accents_and_case(world, hernandez, q):
    anna = client_for(world.anna)
    search(anna, q)
    assert "Hernández, José" in anna.get(CASELOAD).text


def test_search_by_name_with_accents_typed_finds_plain_names(world):
    ParticipantFactory(
        first_name="Amina",
        last_name="Yusuf",
        organisation=world.utrecht,
        regiehouder=world.anna,
    )
    anna = client_for(world.anna)
    search(anna, "Yúsuf")
    assert "Yusuf, Amina" in anna.get(CASELOAD).text


def test_search_follows_a_changed_name(world, hernandez):
    hernandez.last_name = "Ödemiş"
    hernandez.save(update_fields=["last_name"])
    anna = client_for(world.anna)
    search(anna, "odemis")
    assert "Ödemiş, José" in anna.get(CASELOAD).text
    search(anna, "hernandez")
    assert "Ödemiş" not in anna.get(CASELOAD).text


def test_migration_fills_the_search_name_of_existing_participants(world, hernandez):
    Participant.objects.filter(pk=hernandez.pk).update(search_name="")
    migration = importlib.import_module(
        "werkpad.participants.migrations.0004_participant_search_name"
    )
    migration.fill_search_names(apps, None)
    hernandez.refresh_from_db()
    assert hernandez.search_name == "jose hernandez"


def test_search_keeps_the_filters_in_force(world, hernandez):
    """Without script the search form posts to the current filters; the page redirects back
    to them with the search applied."""
    anna = client_for(world.anna)
    page = anna.get(CASELOAD + "?phase=inburgering&sort=-name")
    action = re.search(r'<form class="search"[^>]*action="([^"]+)"', page.text).group(1)
    assert "phase=inburgering" in action
    response = anna.post(action.replace("&amp;", "&"), {"q": "hernandez"})
    assert response.status_code == 302
    assert "phase=inburgering" in response["Location"] and "sort=-name" in response["Location"]
    text = anna.get(response["Location"]).text
    assert "Hernández, José" in text
    assert '<option value="inburgering" selected>' in text


# --- caseload: columns ---------------------------------------------------------------------------


def test_caseload_shows_w_document_expiry_and_waiting_period(world):
    today = timezone.localdate()
    waiting = ParticipantFactory(
        first_name="Lina",
        last_name="Waiting",
        organisation=world.utrecht,
        regiehouder=world.anna,
        asylum_application_date=today - timedelta(days=30),
        w_document_expiry=date(2027, 3, 6),
    )
    ParticipantFactory(
        first_name="Omar",
        last_name="Expired",
        organisation=world.utrecht,
        regiehouder=world.anna,
        expired_w_document=True,
    )
    ParticipantFactory(
        first_name="Sara",
        last_name="Holder",
        organisation=world.utrecht,
        regiehouder=world.anna,
        status_holder=True,
        w_document_expiry=None,
    )
    text = client_for(world.anna).get(CASELOAD).text
    assert "W-document valid until" in text and "Waiting period" in text
    row = _row(text, "Waiting, Lina")
    assert "6 March 2027" in row
    ends = add_months(waiting.asylum_application_date, 6)
    assert f"until {ends.day} {ends:%B} {ends.year}" in row
    assert "expired" in _row(text, "Expired, Omar")
    assert "ended on" in _row(text, "Haddad, Nadia")  # applied 300 days ago
    assert '<td data-label="Waiting period">—</td>' in _row(text, "Holder, Sara")


def _row(html: str, name: str) -> str:
    start = html.index(name)
    return html[start : html.index("</tr>", start)]


# --- status form ---------------------------------------------------------------------------------


def test_status_form_preselects_the_current_status(world):
    p = world.participant
    p.status = "mediation"
    p.save()
    text = client_for(world.anna).get(reverse("participants:status", args=[p.public_id])).text
    assert '<option value="mediation" selected>' in text
    assert '<option value="unknown" selected>' not in text


# --- shortlist / dismiss -------------------------------------------------------------------------


def test_a_decision_error_keeps_the_form_open_with_the_chosen_reason(world, jobs):  # noqa: F811
    _ready(world.participant)
    anna = client_for(world.anna)
    url = reverse("matching:participant_suggestions", args=[world.participant.public_id])
    back = reverse("participants:detail", args=[world.participant.public_id])
    token = _token(anna.get(url, headers=HX).text, "Heftruck B1")
    response = anna.post(
        reverse("matching:decide"),
        {
            "token": token,
            "decision": "dismiss",
            "reason_code": "other",
            "reason": "  ",
            "next": back,
        },
    )
    assert response.status_code == 302 and response["Location"] == back
    assert not MatchDecision.objects.exists()
    text = anna.get(url, headers=HX).text
    form = text[text.index("Heftruck B1") :]
    form = form[: form.index("</details>", form.index('class="decision"'))]
    assert 'class="decision" open' in form
    assert '<option value="other" selected>' in form
    assert "Explain the reason when you choose" in form
    assert 'aria-invalid="true"' in form
    # Only that suggestion's form is open, and only once (the next visit starts clean).
    assert text.count('class="decision" open') == 1
    assert 'class="decision" open' not in anna.get(url, headers=HX).text


# --- confirmation before removing ----------------------------------------------------------------


def test_removing_a_row_asks_for_confirmation(world):
    WorkExperience.objects.create(participant=world.participant, occupation="Kok", years=3)
    text = (
        client_for(world.anna)
        .get(reverse("participants:detail", args=[world.participant.public_id]))
        .text
    )
    remove = text[text.index("/experiences/") : text.index("Remove Kok")]
    assert 'data-confirm="Remove “Kok, 3 years” from this file?' in remove


# --- numbers and dates in the reader's language --------------------------------------------------


def test_file_shows_dutch_numbers_and_dates(world):
    p = world.participant
    p.lesson_hours_per_week = Decimal("12.0")
    p.birth_date = date(1994, 10, 8)
    p.save()
    WorkExperience.objects.create(participant=p, occupation="Lasser", years=Decimal("5.5"))
    text = client_for(world.anna, "nl").get(reverse("participants:detail", args=[p.public_id])).text
    assert "5,5 jaar" in text and "5.5 jaar" not in text
    assert "8 oktober 1994" in text
    assert re.search(r"<dd>12</dd>", text), "hours without a needless .0"


def test_eligibility_panel_writes_dates_with_month_names_in_dutch(world):
    p = world.participant
    p.asylum_application_date = timezone.localdate() - timedelta(days=60)
    p.save()
    panel = client_for(world.anna, "nl").get(
        reverse("eligibility:panel", args=[p.public_id]), headers=HX
    )
    text = panel.text
    assert not re.search(r"\b20\d\d-\d\d-\d\d\b(?![\"'])", _visible(text)), "an ISO date shown"
    ends = add_months(p.asylum_application_date, 6)
    months = (
        "januari februari maart april mei juni juli augustus september oktober november december"
    )
    assert f"{ends.day} {months.split()[ends.month - 1]} {ends.year}" in text


def _visible(html: str) -> str:
    """Text outside tags and attribute values (ISO dates are fine in value="" and datetime="")."""
    return re.sub(r"<[^>]*>", " ", html)


def test_amounts_in_dutch_have_grouped_thousands_and_a_decimal_comma(world):
    employer = EmployerFactory(organisation=world.employer_org, account_manager=world.anna)
    vacancy = VacancyFactory(employer=employer, wage_hourly=Decimal("1248.00"))
    text = (
        client_for(world.anna, "nl")
        .get(reverse("employers:vacancy_detail", args=[vacancy.pk]))
        .text
    )
    assert "€ 1.248,00" in text


@pytest.mark.parametrize(
    ("language", "shown"),
    [("en", "since 12 June 2026"), ("nl", "sinds 12 juni 2026"), ("ar", "12 يونيو، 2026")],
)
def test_portal_dates_use_month_names(world, language, shown):
    """The newcomer portal: never a numeric date that reads as 6 December or 12 June."""
    from werkpad.participants.models import Consent

    employer = EmployerFactory(organisation=world.employer_org, account_manager=world.anna)
    ShortlistFactory(vacancy=VacancyFactory(employer=employer), participant=world.participant)
    Consent.objects.create(
        participant=world.participant,
        scope="employer_profile",
        recipient=world.employer_org,
        given_at=timezone.make_aware(timezone.datetime(2026, 6, 12, 10, 0)),
    )
    text = client_for(world.nadia, language).get(reverse("portal:consent")).text
    assert shown in text
    assert not re.search(r"\b\d{1,2}[/-]\d{1,2}[/-]\d{2,4}\b", _visible(text))


def test_twv_source_lines_are_dutch(world):
    employer = EmployerFactory(organisation=world.employer_org, account_manager=world.anna)
    vacancy = VacancyFactory(employer=employer)
    twv = TwvFactory(vacancy=vacancy, participant=world.participant, status="submitted")
    twv.submitted_on = timezone.localdate()
    twv.save()
    text = client_for(world.anna, "nl").get(reverse("employers:twv_detail", args=[twv.public_id]))
    assert "wettelijke beslistermijn van het UWV, 5 weken" in text.text
    assert "legal decision term" not in text.text


def test_admin_tables_are_dutch(world):
    world.ada.is_superuser = True
    world.ada.save()
    text = client_for(world.ada, "nl").get("/admin/").text
    assert "Modelnaam" in text and "Model name" not in text
    assert "Inlogpogingen" in text and "Access attempts" not in text


# --- one form of address -------------------------------------------------------------------------


def test_dutch_uses_one_form_of_address():
    """Dutch says "je" everywhere (README, languages): no "u" or "uw" in any translation."""
    po = Path(settings.BASE_DIR) / "locale" / "nl" / "LC_MESSAGES" / "django.po"
    formal = []
    in_msgstr = False
    for line in po.read_text("utf-8").splitlines():
        if line.startswith("msgstr"):
            in_msgstr = True
        elif line.startswith(("msgid", "#")) or not line.strip():
            in_msgstr = False
        if in_msgstr:
            text = re.sub(r"%\(\w+\)s", "", line)
            if re.search(r"\b(u|uw|uzelf)\b", text, re.IGNORECASE):
                formal.append(line)
    assert formal == []
