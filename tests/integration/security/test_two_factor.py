"""Two-factor authentication through real HTTP requests (issue 19, point 1): enrolment at the
first login, login with a TOTP code computed here, recovery codes, the throttle on the second
factor, the administrator's reset (logged), optional enrolment for newcomers, the privacy
officer who reads the access log but no file."""

from __future__ import annotations

import re
import time

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

STAFF = ["coach", "analyst", "admin", "privacy"]


@pytest.fixture
def two_factor(settings):
    settings.TWO_FACTOR_ROLES = STAFF
    settings.AXES_FAILURE_LIMIT = 3


def code_for(device: TOTPDevice, offset: int = 0) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset):06d}"


def password_login(client, user):
    response = client.post(
        reverse("accounts:login"), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302, response.content[:500]
    return response


def enrol(client, user):
    password_login(client, user)
    response = client.get(reverse("participants:caseload"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor_setup"))
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert b'src="/accounts/two-factor/setup/qr.svg"' in page.content  # an image, no inline code
    qr = client.get(reverse("accounts:two_factor_qr"))
    assert qr.status_code == 200 and qr["Content-Type"] == "image/svg+xml"
    assert b"<svg" in qr.content and b"script" not in qr.content
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    done = client.post(
        reverse("accounts:two_factor_setup"), {"code": code_for(device), "next": "/"}
    )
    assert done.status_code == 200
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", done.content.decode())
    assert len(codes) == 10
    device.refresh_from_db()
    assert device.confirmed
    return device, codes


def test_staff_enrol_at_first_login_then_log_in_with_a_code(world, client, two_factor):
    device, _codes = enrol(client, world.anna)
    assert client.get(reverse("participants:caseload")).status_code == 200
    client.post(reverse("accounts:logout"))

    password_login(client, world.anna)
    # Password alone: every page sends to the code page, the API answers 401.
    response = client.get(reverse("participants:caseload"))
    assert response["Location"].startswith(reverse("accounts:two_factor_verify"))
    assert client.get("/api/participants").status_code == 401
    # Enrolling anew is not a way around the existing device.
    assert client.get(reverse("accounts:two_factor_setup"))["Location"] == reverse(
        "accounts:two_factor_verify"
    )
    # The previous code was used at enrolment; wait for a fresh step when needed.
    device.refresh_from_db()
    code = code_for(device)
    if device.last_t >= int(time.time()) // device.step:
        code = code_for(device, offset=1)
    response = client.post(
        reverse("accounts:two_factor_verify"),
        {"code": code, "next": reverse("participants:caseload")},
    )
    assert response.status_code == 302 and response["Location"] == reverse("participants:caseload")
    assert client.get(reverse("participants:caseload")).status_code == 200


def test_a_recovery_code_logs_in_once(world, client, two_factor):
    _device, codes = enrol(client, world.ali)
    client.post(reverse("accounts:logout"))
    password_login(client, world.ali)
    ok = client.post(reverse("accounts:two_factor_verify"), {"code": codes[0]})
    assert ok.status_code == 302
    client.post(reverse("accounts:logout"))
    password_login(client, world.ali)
    again = client.post(reverse("accounts:two_factor_verify"), {"code": codes[0]})
    assert again.status_code == 200
    assert b"This code is not right" in again.content


def test_wrong_codes_are_throttled_like_passwords(world, client, two_factor):
    enrol(client, world.bram)
    client.post(reverse("accounts:logout"))
    password_login(client, world.bram)
    first = client.post(reverse("accounts:two_factor_verify"), {"code": "000000"})
    assert first.status_code == 200 and b"This code is not right" in first.content
    client.post(reverse("accounts:two_factor_verify"), {"code": "000001"})
    locked = client.post(reverse("accounts:two_factor_verify"), {"code": "000002"})
    assert locked.status_code == 429
    # The half-logged-in session is gone, and the password is locked out as well.
    assert client.get(reverse("participants:caseload")).status_code == 302
    again = client.post(
        reverse("accounts:login"), {"username": world.bram.username, "password": PASSWORD}
    )
    assert again.status_code == 429


def test_administrator_resets_and_the_reset_is_logged(world, client, two_factor):
    enrol(client, world.anna)
    client.post(reverse("accounts:logout"))
    world.ada.is_superuser = True
    world.ada.save()
    admin = client
    admin.force_login(world.ada)
    # The administrator passes the second factor too.
    device = TOTPDevice.objects.create(user=world.ada, name="Werkpad", confirmed=True)
    admin.post(reverse("accounts:two_factor_verify"), {"code": code_for(device)})
    response = admin.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_two_factor", "_selected_action": [world.anna.pk]},
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=world.anna).exists()
    assert not StaticDevice.objects.filter(user=world.anna).exists()
    entry = LogEntry.objects.get(object_id=str(world.anna.pk))
    assert entry.user_id == world.ada.pk and "two-factor" in entry.change_message


def test_newcomers_and_employers_may_enrol_but_need_not(world, client, two_factor):
    client.force_login(world.nadia)
    assert client.get(reverse("portal:consent")).status_code == 200
    enrol_optional(client, world.nadia)
    client.post(reverse("accounts:logout"))
    password_login(client, world.nadia)
    assert client.get(reverse("portal:consent"))["Location"].startswith(
        reverse("accounts:two_factor_verify")
    )
    client.logout()
    client.force_login(world.eva)
    assert client.get(reverse("home"))["Location"] == reverse("employers:portal_home")


def enrol_optional(client, user):
    page = client.get(reverse("accounts:two_factor_setup"))
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    done = client.post(reverse("accounts:two_factor_setup"), {"code": code_for(device)})
    assert done.status_code == 200
    return device, re.findall(r"<li><code>([a-z0-9]+)</code></li>", done.content.decode())


def test_two_factor_is_off_for_the_demo_by_default(world, client):
    client.force_login(world.anna)
    assert client.get(reverse("participants:caseload")).status_code == 200


def test_privacy_officer_reads_the_log_but_no_file(world, client):
    from tests.factories import UserFactory
    from werkpad.accounts.models import Role

    officer = UserFactory(username="pia", role=Role.PRIVACY, organisation=world.utrecht)
    client.force_login(officer)
    home = client.get(reverse("home"))
    assert home["Location"] == reverse("audit:log")
    assert client.get(reverse("audit:log")).status_code == 200
    assert client.get(reverse("audit:export")).status_code == 200
    detail = client.get(reverse("participants:detail", args=[world.participant.public_id]))
    assert detail.status_code == 404
    assert client.get(reverse("participants:caseload")).status_code in (403, 404)
    assert client.get(f"/api/participants/{world.participant.public_id}").status_code in (403, 404)
    assert client.get(reverse("admin:index")).status_code == 302


def test_one_query_finds_a_confirmed_device_of_either_kind(world, django_assert_num_queries):
    from django_otp import user_has_device

    from werkpad.accounts.twofactor import has_confirmed_device

    user = world.bram
    TOTPDevice.objects.create(user=user, name="unconfirmed", confirmed=False)
    with django_assert_num_queries(1):
        assert has_confirmed_device(user) is False
    assert user_has_device(user, confirmed=True) is False
    StaticDevice.objects.create(user=user, name="recovery", confirmed=True)
    assert has_confirmed_device(user) is user_has_device(user, confirmed=True) is True
    StaticDevice.objects.filter(user=user).delete()
    TOTPDevice.objects.filter(user=user).update(confirmed=True)
    assert has_confirmed_device(user) is user_has_device(user, confirmed=True) is True
