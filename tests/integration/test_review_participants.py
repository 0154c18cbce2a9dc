"""Regression tests from the security review of participants, accounts, audit and monitoring."""

from __future__ import annotations

import os
import subprocess
import sys

from django.conf import settings
from django.urls import reverse

from tests.factories import (
    CertificateFactory,
    CoachLinkFactory,
    ConsentFactory,
    ParticipantFactory,
)
from werkpad.accounts.models import Role, User
from werkpad.audit.models import AccessLogEntry
from werkpad.participants.models import Certificate, CoachLink, Consent


def test_rows_of_another_participant_cannot_be_edited_or_removed(world, login):
    other = ParticipantFactory(organisation=world.vwn)
    cert = CertificateFactory(participant=other, detail="origineel")
    client = login(world.anna)
    p = world.participant
    edit = reverse("participants:row_edit", args=[p.public_id, "certificates", cert.pk])
    assert client.post(edit, {"kind": "vca", "detail": "gewijzigd"}).status_code == 404
    remove = reverse("participants:row_remove", args=[p.public_id, "certificates", cert.pk])
    assert client.post(remove).status_code == 404
    # Through the intake formset: a foreign row id never reaches the other participant's row.
    data = {
        "certificates-TOTAL_FORMS": "1",
        "certificates-INITIAL_FORMS": "1",
        "certificates-0-id": str(cert.pk),
        "certificates-0-kind": "vca",
        "certificates-0-detail": "gewijzigd",
        "certificates-0-DELETE": "on",
        "experiences-TOTAL_FORMS": "0",
        "experiences-INITIAL_FORMS": "0",
    }
    client.post(reverse("participants:intake_step", args=[p.public_id, "work"]), data)
    cert.refresh_from_db()
    assert cert.detail == "origineel"
    assert Certificate.objects.filter(pk=cert.pk, participant=other).exists()


def test_consents_and_links_of_another_participant_are_out_of_reach(world, login):
    other = ParticipantFactory(organisation=world.vwn)
    consent = ConsentFactory(participant=other)
    link = CoachLinkFactory(participant=other, coach=world.cees)
    client = login(world.anna)
    p = world.participant
    url = reverse("participants:consent_withdraw", args=[p.public_id, consent.pk])
    assert client.post(url).status_code == 404
    url = reverse("participants:coach_unlink", args=[p.public_id, link.pk])
    assert client.post(url).status_code == 404
    assert Consent.objects.get(pk=consent.pk).withdrawn_at is None
    assert CoachLink.objects.filter(pk=link.pk).exists()


def test_only_coaches_can_become_regiehouder_or_be_linked(world, login):
    client = login(world.anna)
    p = world.participant
    for who in ("eva", "ali", "ada", "nadia"):
        url = reverse("participants:regiehouder", args=[p.public_id])
        assert client.post(url, {"coach": who}).status_code == 200  # form error, nothing saved
        url = reverse("participants:coach_link", args=[p.public_id])
        assert client.post(url, {"coach": who}).status_code == 200
    p.refresh_from_db()
    assert p.regiehouder == world.anna
    assert not CoachLink.objects.filter(participant=p).exists()


def test_intake_of_a_participant_not_visible_is_refused_and_logged(world, login):
    url = reverse("participants:intake_step", args=[world.participant.public_id, "person"])
    response = login(world.cees).post(url, {"first_name": "X", "last_name": "Y"})
    assert response.status_code == 404
    world.participant.refresh_from_db()
    assert world.participant.first_name == "Nadia"
    assert AccessLogEntry.objects.filter(user=world.cees, action="denied").exists()


def test_new_regiehouder_loses_old_coach_link_so_no_access_dangles(world, login):
    """bram was linked, became regiehouder, then handed over without staying linked: the old
    link must not keep his access."""
    p = world.participant
    CoachLinkFactory(participant=p, coach=world.bram)
    url = reverse("participants:regiehouder", args=[p.public_id])
    login(world.anna).post(url, {"coach": "bram"})
    p.refresh_from_db()
    assert p.regiehouder == world.bram
    assert not CoachLink.objects.filter(participant=p, coach=world.bram).exists()
    login(world.bram).post(url, {"coach": "cees"})  # keep_previous unticked
    p.refresh_from_db()
    assert p.regiehouder == world.cees
    detail = reverse("participants:detail", args=[p.public_id])
    assert login(world.bram).get(detail).status_code == 404


def test_coach_who_unlinks_themselves_loses_access(world, login):
    p = world.participant
    link = CoachLinkFactory(participant=p, coach=world.cees)
    client = login(world.cees)
    response = client.post(reverse("participants:coach_unlink", args=[p.public_id, link.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("participants:caseload")
    assert client.get(reverse("participants:detail", args=[p.public_id])).status_code == 404


def test_whole_file_cannot_be_shared_with_an_employer(world, login):
    p = world.participant
    url = reverse("participants:consent_add", args=[p.public_id])
    data = {"scope": "other_organisation", "recipient": world.employer_org.pk, "purpose": "x"}
    assert login(world.anna).post(url, data).status_code == 200
    assert not Consent.objects.filter(participant=p, recipient=world.employer_org).exists()


def test_small_cells_cannot_be_recovered_from_the_total():
    from werkpad.core.stats import suppress_1d

    # Two cells of 1: hiding only those two would give 112 - 110 = 2 = 1 + 1.
    table = suppress_1d([1, 1, 50, 60], 10)
    assert [c.published for c in table.cells] == [None, None, None, 60]
    # Nothing small: nothing hidden.
    table = suppress_1d([10, 40], 10)
    assert [c.published for c in table.cells] == [10, 40]


def test_analyst_page_does_not_give_small_counts_away(world, login):
    for _ in range(12):
        ParticipantFactory(organisation=world.utrecht, phase="inburgering")
    ParticipantFactory(organisation=world.utrecht, phase="work")
    response = login(world.ali).get(reverse("monitoring:overview"))
    assert response.status_code == 200
    for t in response.context["tables"]:
        counts = [c.count for c in t.rows]
        if None in counts and t.total.count is not None:
            assert t.total.count - sum(c for c in counts if c is not None) >= 10


def test_audit_log_is_for_administrators_only_and_shows_numbers_not_names(world, login):
    login(world.anna).get(reverse("participants:detail", args=[world.participant.public_id]))
    for who in ("anna", "eva", "ali", "nadia"):
        assert login(getattr(world, who)).get(reverse("audit:log")).status_code == 403
    response = login(world.ada).get(reverse("audit:log"))
    assert response.status_code == 200
    assert world.participant.number in response.text
    assert "Haddad" not in response.text


def test_admin_access_log_entry_does_not_show_the_participant_name(world, login):
    login(world.anna).get(reverse("participants:detail", args=[world.participant.public_id]))
    entry = AccessLogEntry.objects.filter(participant=world.participant).first()
    world.ada.is_superuser = True
    world.ada.save()
    response = login(world.ada).get(reverse("admin:audit_accesslogentry_change", args=[entry.pk]))
    assert response.status_code == 200
    assert world.participant.number in response.text
    assert "Haddad" not in response.text


def test_admin_follows_the_role_even_after_a_bulk_update(world, login):
    assert login(world.ada).get("/admin/").status_code == 200
    for who in ("anna", "eva", "ali", "nadia"):
        assert getattr(world, who).is_staff is False
        assert login(getattr(world, who)).get("/admin/").status_code == 302
    # A role change by queryset update bypasses User.save (is_staff stays True).
    User.objects.filter(pk=world.ada.pk).update(role=Role.COACH)
    assert login(User.objects.get(pk=world.ada.pk)).get("/admin/").status_code == 302


def test_login_and_language_switch_refuse_foreign_redirects(world, client):
    response = client.post(
        reverse("accounts:login") + "?next=https://evil.example/",
        {"username": "anna", "password": "correct horse battery"},
    )
    assert response.status_code == 302
    assert "evil" not in response["Location"]
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example/"):
        response = client.post(reverse("accounts:language"), {"language": "en", "next": target})
        assert response["Location"] == reverse("home")
    # Over HTTPS, an http:// URL on the same host is refused too (no downgrade).
    response = client.post(
        reverse("accounts:language"),
        {"language": "en", "next": "http://testserver/participants/"},
        secure=True,
    )
    assert response["Location"] == reverse("home")


def test_logout_only_by_post(world, login):
    client = login(world.anna)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.get(reverse("participants:caseload")).status_code == 200


def test_flash_messages_with_names_stay_on_the_server(world, login):
    client = login(world.anna)
    p = world.participant
    url = reverse("participants:intake_step", args=[p.public_id, "availability"])
    response = client.post(
        url,
        {
            "max_hours_per_week": "20",
            "appointments-TOTAL_FORMS": "0",
            "appointments-INITIAL_FORMS": "0",
            "nav": "later",
        },
    )
    assert response.status_code == 302
    assert "messages" not in response.cookies
    assert "Haddad" in client.get(response["Location"]).text


def test_cookie_and_header_settings():
    assert settings.SESSION_COOKIE_HTTPONLY
    assert settings.CSRF_COOKIE_HTTPONLY
    assert settings.MESSAGE_STORAGE.endswith("SessionStorage")
    assert settings.X_FRAME_OPTIONS == "DENY"
    assert settings.SECURE_CONTENT_TYPE_NOSNIFF


def _settings_in_subprocess(env: dict[str, str], code: str) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if not k.startswith("WERKPAD_")}
    full.update(env)
    full.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "-c", "import werkpad.settings as s\n" + code],
        env=full,
        capture_output=True,
        text=True,
        check=False,
    )


def test_hsts_follows_secure_cookies_and_is_documented():
    on = _settings_in_subprocess(
        {"WERKPAD_SECURE_COOKIES": "true", "WERKPAD_PROXY_SSL_HEADER": "X-Forwarded-Proto"},
        "print(s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)\n"
        "print(s.SECURE_PROXY_SSL_HEADER)",
    )
    assert on.returncode == 0, on.stderr
    first, second = on.stdout.splitlines()
    assert first == "31536000 True True"
    assert second == "('HTTP_X_FORWARDED_PROTO', 'https')"
    off = _settings_in_subprocess({}, "print(s.SECURE_HSTS_SECONDS, s.SECURE_PROXY_SSL_HEADER)")
    assert off.returncode == 0, off.stderr
    assert off.stdout.split() == ["0", "None"]
    from werkpad import settings as werkpad_settings

    names = {name for name, _d, _doc in werkpad_settings.DOCUMENTED_SETTINGS}
    for name in (
        "WERKPAD_HSTS_SECONDS",
        "WERKPAD_HSTS_INCLUDE_SUBDOMAINS",
        "WERKPAD_SSL_REDIRECT",
        "WERKPAD_PROXY_SSL_HEADER",
    ):
        assert name in names


def test_session_lifetime_out_of_range_stops_start_up():
    result = _settings_in_subprocess({"WERKPAD_SESSION_SECONDS": "18000000"}, "")
    assert result.returncode != 0
    assert "WERKPAD_SESSION_SECONDS" in result.stderr
