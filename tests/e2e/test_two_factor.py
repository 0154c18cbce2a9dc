"""Two-factor authentication in Chromium (issue 19, point 1): a coach enrols at the first login
(the QR code loads as an image, no CSP violation), confirms with a TOTP code computed here,
sees the recovery codes, and at the next login enters a fresh code."""

from __future__ import annotations

import base64
import time

import pytest
from django_otp.oath import TOTP

from tests.conftest import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _totp(secret_groups: str, at: float | None = None) -> str:
    secret = secret_groups.replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    otp = TOTP(key, step=30, digits=6)
    otp.time = at or time.time()
    return f"{otp.token():06d}"


def test_enrol_and_log_in_with_a_code(world, open_as, live_server, settings):
    settings.TWO_FACTOR_ROLES = ["coach", "analyst", "admin", "privacy"]
    violations: list[str] = []
    page = open_as("anna", PASSWORD)
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    assert "/accounts/two-factor/setup/" in page.url
    # The QR code is an SVG image from Werkpad itself; it loads (a broken image has no width).
    page.wait_for_function(
        "() => { const img = document.querySelector('img.qr'); return img && img.complete && img.naturalWidth > 0; }"
    )
    secret = page.get_by_test_id("totp-secret").inner_text()
    page.get_by_label("Code").fill(_totp(secret))
    page.get_by_role("button", name="Confirm").click()
    codes = page.get_by_test_id("recovery-codes").locator("li")
    assert codes.count() == 10
    page.get_by_role("link", name="Continue").click()
    page.wait_for_url(f"{live_server.url}/pathway/day/")  # the coach's home: her day
    assert page.get_by_role("heading", name="My day").is_visible()

    # Log out and in again: the password alone leads to the code page.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "anna")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_url("**/accounts/two-factor/**")
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Log in").click()
    assert page.get_by_text("This code is not right").is_visible()
    # django-otp's own throttle: after a wrong code the device waits a second before the next.
    page.wait_for_timeout(1200)
    # The enrolment code cannot be used twice: take the next time step's code.
    page.get_by_label("Code").fill(_totp(secret, time.time() + 30))
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/pathway/day/")  # the coach's home: her day
    assert violations == []
