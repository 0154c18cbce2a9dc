"""Production configuration: ``werkpad check --deploy`` is clean with the production settings
(run in a subprocess with production environment variables), the default development set-up is
not, and every response carries the security headers, Permissions-Policy among them (issue 19,
point 6)."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

PRODUCTION = {
    "WERKPAD_SECRET_KEY": secrets.token_urlsafe(50),
    "WERKPAD_ALLOWED_HOSTS": "werkpad.gemeente.example",
    "WERKPAD_SECURE_COOKIES": "true",
    "WERKPAD_HSTS_INCLUDE_SUBDOMAINS": "true",
    "WERKPAD_HSTS_PRELOAD": "true",
    "WERKPAD_SSL_REDIRECT": "true",
    "WERKPAD_PROXY_SSL_HEADER": "X-Forwarded-Proto",
}


def _check(extra: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("WERKPAD_")
        and k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(extra)
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'deploy.sqlite3'}"
    return subprocess.run(
        [sys.executable, "-m", "werkpad", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_in_production(tmp_path):
    result = _check(PRODUCTION, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_for_the_development_settings(tmp_path):
    result = _check({}, tmp_path)
    assert result.returncode != 0
    assert "security.W009" in result.stderr + result.stdout  # the development secret key


@pytest.mark.django_db
def test_security_headers_on_every_page(client):
    response = client.get(reverse("accounts:login"))
    policy = response.headers["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
