"""HTTP behaviour shared by every response (issue 9): HEAD without a body through a real waitress
server, no caching of personal data, the language cookie, integers that reach the database."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.test import override_settings
from django.urls import reverse

from werkpad.http import MAX_ID, query_id

NO_STORE = "no-store"


def _read_all(sock: socket.socket) -> bytes:
    chunks = []
    while True:
        try:
            data = sock.recv(65536)
        except TimeoutError:
            break
        if not data:
            break
        chunks.append(data)
    return b"".join(chunks)


@pytest.fixture
def waitress_server(transactional_db):
    """Werkpad's WSGI application served by waitress, as ``werkpad serve`` does."""
    from waitress import create_server

    server = create_server(WSGIHandler(), host="127.0.0.1", port=0, threads=2)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield server.effective_port
    server.close()


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/accounts/login/", b"200"),
        ("/static/werkpad/werkpad.js", b"200"),
        ("/no-such-page/", b"404"),
    ],
)
def test_head_has_no_body_through_waitress(waitress_server, path, status):
    """Two requests on one connection: HEAD then GET. With a body after the HEAD response, the
    client (or proxy) reads that body as the start of the next response."""
    port = waitress_server
    request = (
        f"HEAD {path} HTTP/1.1\r\nHost: localhost\r\n\r\n"
        f"GET /accounts/login/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    ).encode()
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(request)
        raw = _read_all(sock)
    head, _sep, rest = raw.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 " + status), head[:40]
    # The next bytes after the HEAD response's headers are the GET response's status line.
    assert rest.startswith(b"HTTP/1.1 200"), rest[:80]
    length = next(
        (
            line.split(b":", 1)[1].strip()
            for line in head.split(b"\r\n")
            if line.lower().startswith(b"content-length:")
        ),
        None,
    )
    if status == b"200":
        assert length is not None and int(length) > 0  # the GET length, not the (empty) body


def test_head_with_the_test_client_matches_get(world, login):
    client = login(world.anna)
    get = client.get(reverse("participants:caseload"))
    head = client.head(reverse("participants:caseload"))
    assert head.status_code == 200
    assert head.content == b""
    assert int(head["Content-Length"]) == len(get.content)


# --- Cache-Control: no-store on everything a signed-in user gets -------------------------------


def _export_url() -> str:
    return reverse("employers:export", args=["vacancies", "csv"])


@pytest.mark.parametrize(
    "url",
    [
        lambda w: reverse("participants:caseload"),
        lambda w: reverse("participants:detail", args=[w.participant.public_id]),
        lambda w: reverse("eligibility:panel", args=[w.participant.public_id]),
        lambda w: f"/api/eligibility/participants/{w.participant.public_id}",
        lambda w: _export_url(),
    ],
    ids=["caseload", "file page", "eligibility panel", "api", "export"],
)
def test_pages_with_personal_data_are_not_stored(world, login, url):
    response = login(world.anna).get(url(world))
    assert response.status_code == 200, response.status_code
    assert NO_STORE in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_the_portal_is_not_stored(world, login):
    response = login(world.nadia).get(reverse("portal:consent"))
    assert response.status_code == 200
    assert NO_STORE in response["Cache-Control"]


# --- the language cookie follows WERKPAD_SECURE_COOKIES -----------------------------------------


def test_language_cookie_is_secure_when_cookies_are(world, login):
    client = login(world.anna)
    with override_settings(LANGUAGE_COOKIE_SECURE=True):
        response = client.post(reverse("accounts:language"), {"language": "en", "next": "/"})
    cookie = response.cookies["django_language"]
    assert cookie["secure"] is True
    assert cookie["samesite"] == "Lax"
    plain = client.post(reverse("accounts:language"), {"language": "nl", "next": "/"})
    assert not plain.cookies["django_language"]["secure"]


@pytest.mark.parametrize(("value", "secure"), [("true", True), ("false", False)])
def test_language_cookie_setting_follows_the_secure_cookie_setting(value, secure):
    env = {**os.environ, "WERKPAD_SECURE_COOKIES": value, "WERKPAD_DEBUG": "true"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    code = (
        "import werkpad.settings as s;"
        "print(s.LANGUAGE_COOKIE_SECURE, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == [str(secure)] * 3


# --- integers from the request that reach the database ------------------------------------------

HUGE = ["9" * 30, str(2**63), str(MAX_ID + 1), "-1", "0", "12abc", " 7 "]


@pytest.mark.parametrize("value", HUGE)
@pytest.mark.parametrize("name", ["municipality", "organisation"])
def test_a_huge_integer_in_a_caseload_filter_is_ignored(world, login, name, value):
    client = login(world.anna)
    response = client.get(reverse("participants:caseload"), {name: value})
    assert response.status_code == 200


def test_query_id():
    assert query_id("42") == 42
    assert query_id(" 7 ") == 7
    assert query_id(str(MAX_ID)) == MAX_ID
    for bad in (None, True, "", "0", "-1", str(MAX_ID + 1), "9" * 30, "1e3", "½"):
        assert query_id(bad) is None, bad


@pytest.mark.parametrize(
    "url",
    [
        lambda w, n: f"/employers/{n}/",
        lambda w, n: f"/employers/vacancies/{n}/",
        lambda w, n: f"/eligibility/{w.participant.public_id}/vacancy/{n}/",
        lambda w, n: f"/matching/vacancies/{n}/candidates/",
        lambda w, n: f"/api/employers/vacancies/{n}/candidates",
        lambda w, n: f"/api/matching/vacancies/{n}/candidates",
        lambda w, n: f"/employers/vacancies/new/?employer={n}",
        lambda w, n: f"/employers/placements/new/{w.participant.public_id}/?vacancy={n}",
    ],
)
def test_every_integer_id_in_a_url_or_query_is_a_404_never_a_500(world, login, url):
    client = login(world.anna)
    client.raise_request_exception = False
    for n in ("9" * 30, str(2**63)):
        assert client.get(url(world, n)).status_code in (404, 400), url(world, n)
