from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation


def werkpad(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    professional = bool(
        user is not None and user.is_authenticated and not getattr(user, "is_participant", False)
    )
    # Newcomers (and everyone on the login page) may choose every language, including Arabic;
    # the professional interface offers Dutch and English.
    choices = (
        settings.PROFESSIONAL_LANGUAGES
        if professional
        else [code for code, _ in settings.LANGUAGES]
    )
    return {
        "DEMO_MODE": settings.DEMO_MODE,
        "LANGUAGE_BIDI": translation.get_language_bidi(),
        "lang_choices": choices,
    }
