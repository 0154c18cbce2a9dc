"""The strict Content-Security-Policy breaks nothing: the main pages load without a single CSP
violation in Chromium (inline scripts or styles would be reported here)."""

from __future__ import annotations

import pytest

from tests.conftest import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_pages_run_without_csp_violations(world, open_as, live_server):
    violations: list[str] = []
    coach = open_as("anna", PASSWORD)
    coach.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    response = coach.goto(f"{live_server.url}/participants/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    coach.get_by_role("link", name="Haddad, Nadia").click()
    coach.wait_for_selector("#eligibility-panel form.elig-whatif")
    coach.select_option("#lang-select", "nl")  # the language menu submits without inline script
    coach.wait_for_selector("html[lang=nl]", state="attached")
    world.ada.is_superuser = True  # may view the user list (a 403 is a console error too)
    world.ada.save()
    admin = open_as("ada", PASSWORD)
    admin.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    admin.goto(f"{live_server.url}/admin/")
    admin.goto(f"{live_server.url}/admin/accounts/user/")
    admin.goto(f"{live_server.url}/api/docs")
    admin.wait_for_timeout(500)
    assert violations == []
