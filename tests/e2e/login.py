"""Logging in through the real login form, once for every browser test.

``log_in`` opens a fresh browser context in the reader's language (the ``django_language`` cookie
and the browser's own locale) and logs in with the form, as a person would. The test closes the
context it gets back (or leaves that to the ``browser`` fixture's teardown).
"""

from __future__ import annotations

from tests.conftest import PASSWORD

PHONE = {"width": 390, "height": 844}
BROWSER_LOCALES = {"en": "en-GB", "nl": "nl-NL"}


def new_context(browser, live_server, *, language="en", viewport=None, cookie=True):
    """A browser context that asks for ``language``; with ``cookie`` the site's language cookie too
    (without it, only the browser's Accept-Language speaks, as for a newcomer's own phone)."""
    options = {"locale": BROWSER_LOCALES.get(language, language)}
    if viewport:
        options["viewport"] = viewport
    context = browser.new_context(**options)
    if cookie:
        context.add_cookies(
            [{"name": "django_language", "value": language, "url": live_server.url}]
        )
    context.set_default_timeout(15_000)
    return context


def log_in(
    browser,
    live_server,
    username,
    *,
    password=PASSWORD,
    language="en",
    viewport=None,
    cookie=True,
    landing=None,
):
    """``(context, page)`` after logging in; ``landing`` is a URL pattern to wait for."""
    context = new_context(browser, live_server, language=language, viewport=viewport, cookie=cookie)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit].primary")
    if landing:
        page.wait_for_url(landing)
    else:
        page.wait_for_load_state()
    return context, page
