"""Sessions expire; logging in, failing to log in and changing a password work."""

from __future__ import annotations

import time
from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.conftest import PASSWORD


def english_client():
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def log_in(client, username, password=PASSWORD):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_session_lifetime_is_short_and_ends_with_the_browser():
    assert 0 < settings.SESSION_COOKIE_AGE <= 8 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    # Sliding: activity keeps it alive (saved again at most once per refresh interval).
    assert "werkpad.accounts.middleware.SlidingSessionMiddleware" in settings.MIDDLEWARE
    assert 0 < settings.SESSION_REFRESH_SECONDS <= settings.SESSION_COOKIE_AGE // 2


def test_login_and_expired_session_is_refused(world):
    client = english_client()
    response = log_in(client, "anna")
    assert response.status_code == 302
    caseload = reverse("participants:caseload")
    assert client.get(caseload).status_code == 200

    key = client.session.session_key
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    response = client.get(caseload)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert "Haddad" not in client.get(response["Location"]).text


def test_activity_extends_the_session(world):
    client = english_client()
    log_in(client, "anna")
    key = client.session.session_key
    soon = timezone.now() + timedelta(seconds=5)
    Session.objects.filter(session_key=key).update(expire_date=soon)
    assert client.get(reverse("participants:caseload")).status_code == 200
    renewed = Session.objects.get(session_key=client.session.session_key).expire_date
    assert renewed > soon + timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)


def test_activity_saves_the_session_once_per_refresh_interval(world, monkeypatch):
    client = english_client()
    log_in(client, "anna")
    caseload = reverse("participants:caseload")
    assert client.get(caseload).status_code == 200
    key = client.session.session_key
    soon = timezone.now() + timedelta(seconds=5)
    Session.objects.filter(session_key=key).update(expire_date=soon)
    # Within the interval: no write, the expiry stays where it was.
    assert client.get(caseload).status_code == 200
    assert Session.objects.get(session_key=key).expire_date == soon
    # Once the last save is an interval old, the next request renews it.
    later = time.time() + settings.SESSION_REFRESH_SECONDS
    monkeypatch.setattr("werkpad.accounts.middleware.time.time", lambda: later)
    assert client.get(caseload).status_code == 200
    renewed = Session.objects.get(session_key=key).expire_date
    assert renewed > soon + timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)


def test_anonymous_visits_create_no_session(db):
    client = english_client()
    assert client.get(reverse("accounts:login")).status_code == 200
    assert not Session.objects.exists()


def test_wrong_password_shows_a_clear_message_and_keeps_the_user_name(world):
    client = english_client()
    response = log_in(client, "anna", "wrong password")
    assert response.status_code == 200
    assert "That user name and password do not match." in response.text
    assert 'value="anna"' in response.text
    assert "_auth_user_id" not in client.session


def test_inactive_account_cannot_log_in(world):
    world.bram.is_active = False
    world.bram.save()
    response = log_in(english_client(), "bram")
    assert response.status_code == 200
    assert "do not match" in response.text or "switched off" in response.text


def test_password_change(world):
    client = english_client()
    log_in(client, "anna")
    url = reverse("accounts:password_change")
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {"old_password": "not it", "new_password1": "x", "new_password2": "y"},
    )
    assert response.status_code == 200
    assert "Your old password was entered incorrectly" in response.text
    new = "a much longer pass phrase 2024"
    response = client.post(
        url, {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_change_done")
    # Still logged in after the change (session hash updated) ...
    assert client.get(reverse("participants:caseload")).status_code == 200
    # ... and only the new password works from now on.
    assert log_in(english_client(), "anna").status_code == 200
    assert log_in(english_client(), "anna", new).status_code == 302


def test_logout_ends_the_session(world):
    client = english_client()
    log_in(client, "anna")
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert client.get(reverse("participants:caseload")).status_code == 302
