"""Per-request middleware of accounts: the user's language, the sliding session, the CSP."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

# When the signed-in session was last saved (seconds since the epoch), kept in the session itself.
SESSION_SEEN_KEY = "werkpad_seen"


class SlidingSessionMiddleware:
    """Activity keeps a signed-in session alive without a database write per request.

    A session ends ``SESSION_COOKIE_AGE`` seconds after it was last saved. Instead of saving it
    on every request (``SESSION_SAVE_EVERY_REQUEST``: an UPDATE and a commit per page and per
    htmx fragment), it is saved again, with a new expiry, on the first request that comes
    ``WERKPAD_SESSION_REFRESH_SECONDS`` or more after the last save. So a session ends between
    ``SESSION_COOKIE_AGE - refresh`` and ``SESSION_COOKIE_AGE`` seconds after the last request:
    with the defaults, 29 to 30 minutes. Anonymous visitors get no session from this.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            seen = request.session.get(SESSION_SEEN_KEY)
            if not isinstance(seen, int) or not 0 <= now - seen < settings.SESSION_REFRESH_SECONDS:
                request.session[SESSION_SEEN_KEY] = now  # modified: saved with a new expiry
        return self.get_response(request)


class UserLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        lang = ""
        if user is not None and user.is_authenticated:
            # The account's choice first; then the language cookie; professionals default to the
            # site language (Dutch) whatever the browser says, newcomers to their browser's language.
            lang = user.language or request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
            if not lang and not getattr(user, "is_participant", False):
                lang = settings.LANGUAGE_CODE
        allowed = {code for code, _name in settings.LANGUAGES}
        if lang in allowed:
            translation.activate(lang)
            request.LANGUAGE_CODE = lang
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", translation.get_language() or "nl")
        return response


CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


# Werkpad uses none of the powerful browser features: refuse them all, for every origin, so an
# injected frame or script cannot ask for the camera, the location or payment either.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "clipboard-read",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)


class ContentSecurityPolicyMiddleware:
    """Send a strict Content-Security-Policy: scripts and styles only from Werkpad's own static
    files, no inline code, no third-party origins. A page cannot run injected script even if an
    escaping bug let some through."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
