"""Browser tests: Playwright (sync API) driving Debian's Chromium against pytest-django's live server.

Without Chromium the tests are skipped with a clear reason — unless ``CI=true``, where a missing
browser is a failure (CI must not skip anything).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.e2e.login import log_in

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses that by default.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = os.environ.get("WERKPAD_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium_missing() -> str:
    path = Path(CHROMIUM)
    if not (path.is_file() and os.access(path, os.X_OK)) and shutil.which(CHROMIUM) is None:
        return f"Chromium not found at {CHROMIUM} (apt-get install -y chromium, or set WERKPAD_CHROMIUM)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright Python package is not installed"
    return ""


@pytest.fixture(scope="session")
def chromium():
    missing = _chromium_missing()
    if missing:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true but the browser tests cannot run: {missing}")
        pytest.skip(f"browser tests skipped: {missing}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


class ConsoleWatch:
    """Every browser context a test opens reports console errors and uncaught page errors here
    (a CSP violation, a failed request such as a missing favicon, a script error)."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def watch(self, context):
        context.on(
            "console",
            lambda m: (
                self.errors.append(f"{m.page.url if m.page else '?'}: {m.text}")
                if m.type == "error"
                else None
            ),
        )
        context.on("weberror", lambda e: self.errors.append(f"page error: {e.error}"))
        return context


class WatchedBrowser:
    """The session's Chromium, with every new context watched for console errors."""

    def __init__(self, browser, console: ConsoleWatch) -> None:
        self._browser = browser
        self._console = console

    def new_context(self, **kwargs):
        return self._console.watch(self._browser.new_context(**kwargs))

    def __getattr__(self, name):
        return getattr(self._browser, name)


@pytest.fixture
def console(request):
    """The console errors of this test's pages. A test fails on any of them, unless it is marked
    ``allow_console_errors`` (then it checks ``console.errors`` itself)."""
    watch = ConsoleWatch()
    yield watch
    if request.node.get_closest_marker("allow_console_errors") is None:
        assert watch.errors == [], "console errors in the browser:\n" + "\n".join(watch.errors)


@pytest.fixture
def browser(chromium, console):
    return WatchedBrowser(chromium, console)


@pytest.fixture
def open_as(browser, live_server):
    """``open_as(username, password)``: a fresh browser context, logged in through the login form."""
    contexts = []

    def _open(username: str, password: str):
        context, page = log_in(browser, live_server, username, password=password)
        contexts.append(context)
        assert "/accounts/login/" not in page.url, f"login failed for {username}"
        return page

    yield _open
    for context in contexts:
        context.close()
