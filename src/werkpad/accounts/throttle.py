"""Login throttling with django-axes: the client address and the lockout page.

Settings in ``werkpad.settings`` (``WERKPAD_LOGIN_*``, ``WERKPAD_PROXY_COUNT``) point axes here.
"""

from __future__ import annotations

import ipaddress
import math

from axes.helpers import get_cool_off
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import ngettext

from .forms import LoginForm


def _valid_ip(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip_address(request: HttpRequest) -> str | None:
    """The address that failed logins are counted against (``AXES_CLIENT_IP_CALLABLE``).

    Without proxies (``WERKPAD_PROXY_COUNT=0``) the connection's own address. Behind N trusted
    proxies that each append to X-Forwarded-For, the N-th address from the right: the one the
    outermost proxy received the request from. Addresses further left are the client's own claims
    and are never used. A missing or short header falls back to the connection's address.
    """
    remote = _valid_ip(request.META.get("REMOTE_ADDR", "") or "")
    count = getattr(settings, "PROXY_COUNT", 0)
    if count <= 0:
        return remote
    hops = [h for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    if len(hops) < count:
        return remote
    return _valid_ip(hops[-count]) or remote


def lockout_message(request: HttpRequest) -> str:
    cool_off = get_cool_off(request)
    minutes = (
        max(1, math.ceil(cool_off.total_seconds() / 60))
        if cool_off
        else settings.LOGIN_COOLOFF_MINUTES
    )
    return ngettext(
        "Too many failed attempts to log in. Try again after %(minutes)s minute, "
        "or ask an administrator to unlock your account.",
        "Too many failed attempts to log in. Try again after %(minutes)s minutes, "
        "or ask an administrator to unlock your account.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, object] | None = None,
) -> HttpResponse:
    """The login page with the lockout message (``AXES_LOCKOUT_CALLABLE``), HTTP 429.

    The form is unbound (binding it would try to authenticate again) and keeps the typed name.
    """
    username = str((credentials or {}).get("username") or request.POST.get("username", ""))
    form = LoginForm(request, initial={"username": username})
    next_url = request.POST.get("next") or request.GET.get("next", "")
    context = {"form": form, "next": next_url, "lockout_message": lockout_message(request)}
    return render(request, "accounts/login.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
