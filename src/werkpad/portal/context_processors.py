"""The portal frame: whether to show Dutch next to the reader's language, and whether the current
language's translation still needs review by a native speaker (said in the footer)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation


def portal(request: HttpRequest) -> dict[str, Any]:
    lang = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    user = getattr(request, "user", None)
    show_dutch = False
    participant = None
    if user is not None and user.is_authenticated and getattr(user, "is_participant", False):
        from .models import Preference

        show_dutch = Preference.objects.filter(participant__user=user, show_dutch=True).exists()
        participant = True
    return {
        "show_dutch": show_dutch and lang != "nl",
        "portal_user": participant,
        "translation_needs_review": settings.LANGUAGE_STATUS.get(lang) == "needs_review",
    }
