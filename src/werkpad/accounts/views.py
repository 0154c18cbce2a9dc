from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .models import Role, User

HOME_BY_ROLE = {
    Role.COACH: "pathway:day",
    Role.ADMIN: "audit:log",
    Role.PARTICIPANT: "portal:home",
    Role.EMPLOYER: "employers:portal_home",
    Role.ANALYST: "monitoring:overview",
    Role.PRIVACY: "audit:log",
}


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    return redirect(HOME_BY_ROLE.get(Role(user.role), "accounts:password_change"))


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Remember the chosen language on the account (and in a cookie for the login page)."""
    lang = request.POST.get("language", "")
    allowed = {code for code, _name in settings.LANGUAGES}
    next_url = request.POST.get("next") or reverse("home")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("home")
    response = HttpResponseRedirect(next_url)
    if lang in allowed:
        if request.user.is_authenticated:
            assert isinstance(request.user, User)
            request.user.language = lang
            request.user.save(update_fields=["language"])
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            lang,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            secure=settings.LANGUAGE_COOKIE_SECURE,  # follows WERKPAD_SECURE_COOKIES
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    return response
