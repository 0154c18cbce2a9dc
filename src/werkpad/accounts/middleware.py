"""Activate the logged-in user's chosen language for each request."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation


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
