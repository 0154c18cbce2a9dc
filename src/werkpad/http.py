"""HTTP behaviour that every response shares: HEAD without a body, no caching of personal data,
and integers from a request that are safe to hand to the database.

- :class:`HeadWithoutBodyMiddleware` (outermost): a HEAD response carries the headers of the GET
  response and no body. Django leaves stripping the body to the server; waitress 3 sends it, so a
  proxy that reuses the connection reads that body as the start of the next response.
- :class:`NoStoreMiddleware` (after authentication): every response to a signed-in user may hold
  personal data (file pages, caseload, API, exports, the portal), so none may be stored by a
  browser or proxy cache: ``Cache-Control: no-store`` (plus ``private``, ``no-cache`` and an
  expired ``Expires`` for old caches). Static files (WhiteNoise, answered earlier) and anonymous
  pages keep their own caching.
- :func:`query_id`: an id from a query string or form that fits the database's integer column, or
  ``None``. A number beyond 64 bits (or a negative one) reached SQLite as an ``OverflowError`` and
  PostgreSQL as "out of range": a 500 instead of "no such record".
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import add_never_cache_headers

__all__ = ["MAX_ID", "HeadWithoutBodyMiddleware", "NoStoreMiddleware", "query_id"]

#: The largest primary key (BigAutoField: a signed 64-bit integer).
MAX_ID = 2**63 - 1


def query_id(value: object) -> int | None:
    """``value`` as a database id (1 … 2**63 - 1), or ``None`` when it is not one."""
    if value is None or isinstance(value, bool):
        return None
    text = str(value).strip()
    if not text.isdigit() or len(text) > 19:
        return None
    number = int(text)
    return number if 1 <= number <= MAX_ID else None


Middleware = Callable[[HttpRequest], HttpResponseBase]


class HeadWithoutBodyMiddleware:
    """Answer HEAD with the GET response's headers (Content-Length included) and no body."""

    def __init__(self, get_response: Middleware) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if request.method != "HEAD":
            return response
        if response.streaming:
            # A file response already says its length; its file is still closed with the response.
            response.streaming_content = []  # type: ignore[attr-defined]
        else:
            assert isinstance(response, HttpResponse)
            if not response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
            response.content = b""
        return response


class NoStoreMiddleware:
    """``Cache-Control: no-store`` on every response to a signed-in user."""

    def __init__(self, get_response: Middleware) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # Replace, never merge: "public, max-age=600, no-store" would be a contradiction.
            del response["Cache-Control"]
            add_never_cache_headers(response)
        return response
