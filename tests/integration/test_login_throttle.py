"""Password guessing is throttled (django-axes): per user name and client address, in the database."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.contrib import admin
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from tests.conftest import PASSWORD
from werkpad.accounts.throttle import client_ip_address

WRONG = "not the password"
INVALID_LOGIN = "That user name and password do not match"
LOCKED = "Too many failed attempts to log in. Try again after 15 minutes"


def english_client(**defaults):
    client = Client(**defaults)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def log_in(client, username, password=PASSWORD, **extra):
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password}, **extra
    )


def fail(client, username, times, **extra):
    return [log_in(client, username, WRONG, **extra) for _ in range(times)]


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_settings_follow_the_brief():
    assert settings.AXES_ENABLED  # axes stays on in the tests
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AXES_RESET_ON_SUCCESS
    assert settings.AXES_HANDLER == "axes.handlers.database.AxesDatabaseHandler"
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    assert settings.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"
    assert settings.AXES_DISABLE_ACCESS_LOG


def test_five_failures_lock_out_even_the_right_password(world):
    client = english_client()
    for response in fail(client, "anna", 4):
        assert response.status_code == 200
        assert INVALID_LOGIN in response.text
    fifth = log_in(client, "anna", WRONG)
    assert fifth.status_code == 429  # the fifth failure reaches the limit
    assert LOCKED in fifth.text

    sixth = log_in(client, "anna")  # the right password
    assert sixth.status_code == 429
    assert LOCKED in sixth.text
    assert "ask an administrator to unlock your account" in sixth.text
    assert 'value="anna"' in sixth.text  # the form keeps the typed user name
    assert "<form" in sixth.text and "Log in to Werkpad" in sixth.text  # the page, not a bare error
    assert not logged_in(client)
    assert client.get(reverse("participants:caseload")).status_code == 302


def test_lockout_message_is_translated(world):
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    response = fail(client, "anna", 6)[-1]
    assert response.status_code == 429
    assert "Te veel mislukte pogingen om in te loggen" in response.text
    assert "15 minuten" in response.text


def test_lockout_is_per_user_name_and_address(world):
    client = english_client()
    fail(client, "anna", 5)
    assert log_in(client, "anna").status_code == 429
    # Another user from the same address is not locked out ...
    assert log_in(english_client(), "bram").status_code == 302
    # ... nor the same user from another address.
    other = english_client(REMOTE_ADDR="192.0.2.44")
    assert log_in(other, "anna").status_code == 302
    assert logged_in(other)


def test_login_works_again_after_the_cool_off(world):
    client = english_client()
    fail(client, "anna", 5)
    assert log_in(client, "anna").status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert log_in(client, "anna").status_code == 302
    assert logged_in(client)


def test_shorter_cool_off_setting(world, settings):
    settings.AXES_COOLOFF_TIME = timedelta(minutes=2)
    client = english_client()
    response = fail(client, "anna", 5)[-1]
    assert "Try again after 2 minutes" in response.text
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=3))
    assert log_in(client, "anna").status_code == 302


def test_success_resets_the_counter(world):
    client = english_client()
    fail(client, "anna", 4)
    assert AccessAttempt.objects.filter(username="anna").exists()
    assert log_in(client, "anna").status_code == 302
    assert not AccessAttempt.objects.filter(username="anna").exists()
    client.logout()
    for response in fail(client, "anna", 4):
        assert response.status_code == 200  # four new failures: not locked out
    assert log_in(client, "anna").status_code == 302


def test_throttle_can_be_switched_off(world, settings):
    settings.AXES_ENABLED = False
    client = english_client()
    for response in fail(client, "anna", 8):
        assert response.status_code == 200
    assert log_in(client, "anna").status_code == 302
    assert not AccessAttempt.objects.exists()


def test_axes_keeps_no_password_and_no_login_log(world):
    client = english_client()
    fail(client, "anna", 2)
    attempt = AccessAttempt.objects.get(username="anna")
    assert attempt.failures_since_start == 2
    assert WRONG not in attempt.post_data and PASSWORD not in attempt.post_data
    assert "csrfmiddlewaretoken" not in attempt.post_data or "****" in attempt.post_data
    log_in(client, "anna")
    assert not AccessLog.objects.exists()  # successful logins are not logged by axes


def test_administrator_unlocks_in_the_admin(world, login):
    fail(english_client(), "anna", 5)
    attempt = AccessAttempt.objects.get(username="anna")
    world.ada.is_superuser = True
    world.ada.save()
    admin_client = login(world.ada)
    changelist = reverse("admin:axes_accessattempt_changelist")
    assert admin_client.get(reverse("admin:index")).status_code == 200
    assert admin_client.get(changelist).status_code == 200
    assert AccessLog not in admin.site._registry  # no empty "access logs" page
    response = admin_client.post(
        reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert log_in(english_client(), "anna").status_code == 302
    # Non-administrators do not reach it.
    assert login(world.anna).get(changelist).status_code == 302


@pytest.mark.parametrize(
    ("count", "meta", "expected"),
    [
        (0, {"REMOTE_ADDR": "198.51.100.7", "HTTP_X_FORWARDED_FOR": "1.2.3.4"}, "198.51.100.7"),
        (
            1,
            {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.9"},
            "203.0.113.9",
        ),
        (
            2,
            {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.9, 10.0.0.2"},
            "203.0.113.9",
        ),
        (1, {"REMOTE_ADDR": "10.0.0.1"}, "10.0.0.1"),  # header missing: the connection's address
        (2, {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.9"}, "10.0.0.1"),
        (1, {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "garbage"}, "10.0.0.1"),
    ],
)
def test_client_address_trusts_only_configured_proxies(settings, count, meta, expected):
    settings.PROXY_COUNT = count
    request = RequestFactory().post("/accounts/login/", **meta)
    assert client_ip_address(request) == expected


def test_spoofed_forwarded_for_does_not_escape_the_lockout(world, settings):
    settings.PROXY_COUNT = 1
    client = english_client(REMOTE_ADDR="10.0.0.1")
    for n in range(5):
        # The client rotates what it claims; the proxy appends the real address last.
        log_in(client, "anna", WRONG, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.9")
    response = log_in(client, "anna", HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.9")
    assert response.status_code == 429
    # Another real client behind the same proxy is not locked out.
    other = log_in(
        english_client(REMOTE_ADDR="10.0.0.1"), "anna", HTTP_X_FORWARDED_FOR="203.0.113.10"
    )
    assert other.status_code == 302
