"""Related rows, status, consent and coaches on the participant page, through real requests."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import CertificateFactory, ConsentFactory, UserFactory
from werkpad.audit.models import AccessLogEntry
from werkpad.participants.models import ChangeRecord


@pytest.fixture
def login(db):
    """A fresh client per user (the shared ``login`` fixture reuses one client), in English."""

    def _login(user):
        client = Client()
        client.force_login(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return _login


@pytest.fixture
def anna(world, login):
    return login(world.anna)


def url(name, p, *args):
    return reverse(f"participants:{name}", args=[p.public_id, *args])


def history_of(p, section):
    return list(
        ChangeRecord.objects.filter(participant=p, section=section)
        .order_by("at", "id")
        .values_list("old_value", "new_value", "user__username")
    )


# Related rows.


def test_add_edit_remove_language_with_history_and_audit(world, anna):
    p = world.participant
    assert anna.get(url("row_add", p, "languages")).status_code == 200
    response = anna.post(url("row_add", p, "languages"), {"language": "ar", "level": "C2"})
    assert response.status_code == 302
    assert response["Location"].endswith("#section-rows-languages")
    row = p.languages.get()
    response = anna.post(url("row_edit", p, "languages", row.pk), {"language": "ar", "level": "B2"})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.level == "B2"
    response = anna.post(url("row_remove", p, "languages", row.pk))
    assert response.status_code == 302
    assert p.languages.count() == 0
    assert history_of(p, "languages") == [
        ("", "Arabic (C2)", "anna"),
        ("Arabic (C2)", "Arabic (B2)", "anna"),
        ("Arabic (B2)", "", "anna"),
    ]
    assert (
        AccessLogEntry.objects.filter(
            participant=p, user=world.anna, action="update", what="languages"
        ).count()
        >= 3
    )
    history = anna.get(url("history", p))
    assert "Arabic (C2)" in history.text


@pytest.mark.parametrize(
    ("kind", "data", "text"),
    [
        (
            "diplomas",
            {"title": "Bachelor Civil Engineering", "level": "high", "country": "SY"},
            "Bachelor Civil Engineering, Higher education, Syria",
        ),
        (
            "experiences",
            {"occupation": "Cook", "years": "4.5", "sector": "Hospitality", "country": "SY"},
            "Cook, 4.5 years, Hospitality, Syria",
        ),
        (
            "appointments",
            {"weekday": "0", "dagdeel": "0", "description": "Meldplicht COA"},
            "Monday morning: Meldplicht COA",
        ),
        ("certificates", {"kind": "bhv", "detail": "", "expires_on": ""}, "BHV (first aid)"),
    ],
)
def test_each_row_kind_is_recorded_readably(world, anna, kind, data, text):
    p = world.participant
    response = anna.post(url("row_add", p, kind), data)
    assert response.status_code == 302, response.content
    assert history_of(p, kind) == [("", text, "anna")]
    assert text in anna.get(url("detail", p)).text


def test_row_errors_keep_input(world, anna):
    p = world.participant
    response = anna.post(
        url("row_add", p, "experiences"), {"occupation": "Welder", "years": "-2", "sector": "Bouw"}
    )
    assert response.status_code == 200
    assert "Enter between 0 and 60 years." in response.text
    assert 'value="Welder"' in response.text and 'value="Bouw"' in response.text
    response = anna.post(url("row_add", p, "appointments"), {"weekday": "9", "description": ""})
    assert response.status_code == 200
    assert "This field is required." in response.text
    assert p.experiences.count() == p.appointments.count() == 0


def test_rows_of_another_participant_cannot_be_touched(world, anna):
    from tests.factories import ParticipantFactory

    other = ParticipantFactory(organisation=world.utrecht, regiehouder=world.bram)
    foreign = other.languages.create(language="fa", level="A1")
    p = world.participant
    assert anna.get(url("row_edit", p, "languages", foreign.pk)).status_code == 404
    assert anna.post(url("row_remove", p, "languages", foreign.pk)).status_code == 404
    assert anna.post(url("row_remove", other, "languages", foreign.pk)).status_code == 404
    assert anna.get(url("row_add", p, "nonsense")).status_code == 404
    assert other.languages.count() == 1


def test_certificate_expiry_warnings(world, anna):
    today = timezone.localdate()
    CertificateFactory(participant=world.participant, kind="vca", expires_on=today - timedelta(1))
    CertificateFactory(participant=world.participant, kind="bhv", expires_on=today + timedelta(20))
    CertificateFactory(
        participant=world.participant, kind="forklift", expires_on=today + timedelta(400)
    )
    page = anna.get(url("detail", world.participant)).text
    card = page.split('id="section-rows-certificates"')[1].split("</section>")[0]
    assert card.count('class="warn"') == 2
    assert "expired" in card and "expires soon" in card


# Status.


def test_status_change_with_history(world, anna):
    p = world.participant
    assert anna.get(url("status", p)).status_code == 200
    today = timezone.localdate()
    response = anna.post(
        url("status", p),
        {"status": "in_pretrajectory", "date": (today - timedelta(days=10)).isoformat()},
    )
    assert response.status_code == 302
    response = anna.post(
        url("status", p),
        {"status": "on_hold", "date": today.isoformat(), "reason_code": "medical", "reason": ""},
    )
    assert response.status_code == 302
    p.refresh_from_db()
    assert p.status == "on_hold"
    last = p.status_changes.order_by("-date", "-recorded_at").first()
    assert (last.reason_code, last.recorded_by) == ("medical", world.anna)
    assert history_of(p, "status")[-1] == ("In pre-work trajectory", "On hold (Medical)", "anna")
    page = anna.get(url("detail", p)).text
    status_card = page.split('id="section-status"')[1].split("</section>")[0]
    assert "In pre-work trajectory" in status_card
    assert "On hold" in status_card and "Medical" in status_card


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"status": "on_hold"}, "reason_code", "Choose a reason"),
        ({"status": "dropout", "reason_code": "family"}, "reason_code", "does not apply"),
        ({"status": "mediation", "reason_code": "medical"}, "reason_code", "Only on hold"),
        ({"status": "dropout", "reason_code": "other"}, "reason", "Explain the reason"),
        ({"status": "unknown"}, "status", "already the current status"),
        ({"status": "mediation", "date": "2999-01-01"}, "date", "future"),
        ({"status": "mediation", "date": "2000-01-01"}, "date", "before the last status change"),
    ],
)
def test_status_validation(world, anna, data, field, message):
    from werkpad.participants.actions import set_status

    set_status(world.anna, world.participant, "unknown", on=timezone.localdate() - timedelta(5))
    world.participant.refresh_from_db()
    posted = {"date": timezone.localdate().isoformat(), "reason": "", "reason_code": "", **data}
    response = anna.post(url("status", world.participant), posted)
    assert response.status_code == 200
    assert message in response.text
    assert f'id="id_{field}_error"' in response.text
    world.participant.refresh_from_db()
    assert world.participant.status == "unknown"


def test_dropout_with_other_reason_and_explanation(world, anna):
    response = anna.post(
        url("status", world.participant),
        {
            "status": "dropout",
            "date": timezone.localdate().isoformat(),
            "reason_code": "partner_income",
            "reason": "Partner found full-time work",
        },
    )
    assert response.status_code == 302
    change = world.participant.status_changes.get(status="dropout")
    assert change.reason_code == "partner_income"
    assert change.reason == "Partner found full-time work"


# Consent.


def test_consent_give_and_withdraw_changes_colleague_access(world, anna, login):
    p = world.participant
    bram = login(world.bram)
    assert bram.get(url("detail", p)).status_code == 404

    response = anna.post(
        url("consent_add", p),
        {"scope": "organisation", "recipient": "", "purpose": "Guidance on the path to work"},
    )
    assert response.status_code == 302
    consent = p.consents.get()
    assert consent.given_at is not None and consent.recorded_by == world.anna
    bram = login(world.bram)
    assert bram.get(url("detail", p)).status_code == 200

    anna = login(world.anna)
    page = anna.get(url("detail", p)).text
    assert url("consent_withdraw", p, consent.pk) in page
    response = anna.post(url("consent_withdraw", p, consent.pk))
    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    assert login(world.bram).get(url("detail", p)).status_code == 404
    history = history_of(p, "consent")
    assert history[0][0] == "" and "Guidance on the path to work" in history[0][1]
    assert history[1][1] == "" and "Guidance on the path to work" in history[1][0]


def test_colleague_who_withdraws_loses_access_and_lands_on_caseload(world, login):
    p = world.participant
    consent = ConsentFactory(participant=p, scope="organisation", given_at=timezone.now())
    bram = login(world.bram)
    response = bram.post(url("consent_withdraw", p, consent.pk))
    assert response.status_code == 302
    assert response["Location"] == reverse("participants:caseload")


def test_consent_validation(world, anna):
    p = world.participant
    cases = [
        ({"scope": "other_organisation", "purpose": "x"}, "Choose the organisation"),
        (
            {"scope": "other_organisation", "recipient": world.utrecht.pk, "purpose": "x"},
            "own organisation",
        ),
        (
            {"scope": "employer_profile", "recipient": world.vwn.pk, "purpose": "x"},
            "Choose an employer",
        ),
        ({"scope": "research", "recipient": world.vwn.pk, "purpose": "x"}, "Leave this empty"),
        ({"scope": "research", "purpose": ""}, "State the purpose"),
    ]
    for data, message in cases:
        response = anna.post(url("consent_add", p), data)
        assert response.status_code == 200, data
        assert message in response.text, data
    assert p.consents.count() == 0
    ConsentFactory(participant=p, scope="research")
    response = anna.post(url("consent_add", p), {"scope": "research", "purpose": "again"})
    assert "already been given" in response.text


def test_share_with_other_organisation_opens_file_to_its_coach(world, anna, login):
    p = world.participant
    anna.post(
        url("consent_add", p),
        {"scope": "other_organisation", "recipient": world.vwn.pk, "purpose": "Language course"},
    )
    assert login(world.cees).get(url("detail", p)).status_code == 200


# Coaches.


def test_link_coach_of_other_organisation_by_email(world, anna, login):
    world.cees.email = "cees@vluchtelingenwerk.example"
    world.cees.save()
    p = world.participant
    response = anna.post(
        url("coach_link", p), {"coach": "CEES@vluchtelingenwerk.example", "role": "Jobcoach"}
    )
    assert response.status_code == 302
    link = p.coach_links.get()
    assert (link.coach, link.role) == (world.cees, "Jobcoach")
    assert history_of(p, "coaches") == [
        ("", "Cees Smit (VluchtelingenWerk Amersfoort) — Jobcoach", "anna")
    ]
    assert login(world.cees).get(url("detail", p)).status_code == 200

    anna = login(world.anna)
    response = anna.post(url("coach_unlink", p, link.pk))
    assert response.status_code == 302
    assert p.coach_links.count() == 0
    assert login(world.cees).get(url("detail", p)).status_code == 404


def test_link_coach_errors(world, anna):
    p = world.participant
    for value, message in [
        ("nobody", "There is no coach with this user name"),
        ("eva", "There is no coach with this user name"),  # an employer is no coach
        ("anna", "regiehouder already"),
    ]:
        response = anna.post(url("coach_link", p), {"coach": value, "role": ""})
        assert response.status_code == 200
        assert message in response.text
        assert f'value="{value}"' in response.text
    UserFactory(username="x1", email="same@example.org", role="coach")
    UserFactory(username="x2", email="same@example.org", role="coach")
    response = anna.post(url("coach_link", p), {"coach": "same@example.org"})
    assert "enter the user name" in response.text
    anna.post(url("coach_link", p), {"coach": "bram"})
    response = anna.post(url("coach_link", p), {"coach": "bram"})
    assert "linked already" in response.text
    assert p.coach_links.count() == 1


def test_change_regiehouder_keeps_previous_linked(world, anna, login):
    p = world.participant
    response = anna.post(url("regiehouder", p), {"coach": "bram", "keep_previous": "on"})
    assert response.status_code == 302
    p.refresh_from_db()
    assert p.regiehouder == world.bram
    assert p.coach_links.filter(coach=world.anna).exists()
    change = p.changes.get(field="regiehouder")
    assert (change.old_value, change.new_value) == ("Anna Jansen", "Bram Bakker")
    assert login(world.anna).get(url("detail", p)).status_code == 200


def test_change_regiehouder_without_keeping_previous_drops_access(world, anna):
    p = world.participant
    response = anna.post(url("regiehouder", p), {"coach": "cees"})
    assert response.status_code == 302
    assert response["Location"] == reverse("participants:caseload")
    p.refresh_from_db()
    assert p.regiehouder == world.cees
    assert anna.get(url("detail", p)).status_code == 404


def test_detail_shows_intake_in_progress(world, anna):
    page = anna.get(url("detail", world.participant)).text
    assert "The intake is not finished yet." in page
    assert url("intake_resume", world.participant) in page
