"""Two-factor authentication (TOTP with recovery codes, django-otp).

* Roles in ``settings.TWO_FACTOR_ROLES`` (``WERKPAD_2FA_ROLES``) must use a second factor: after
  the password, :class:`TwoFactorMiddleware` sends them to enrol (first login: a QR code, then a
  code from the app, then ten recovery codes shown once) or to enter a code. Until then every
  page but these answers with a redirect (the API with 401).
* Anyone else (newcomers, employer contacts) may enrol on their own; once they have a device,
  they too are asked for a code at every login.
* Failed codes count as failed logins in django-axes (same user name and address, same limit
  and cool-off as the password); on lockout the half-logged-in session ends. django-otp's own
  per-device throttle (a doubling delay after each failure, reset only by a correct code) also
  applies, so logging in again with the password does not buy fresh guesses.
* An administrator resets a user's second factor in the admin (an action on users, recorded in
  the admin's history); the user enrols again at the next login.
"""

from __future__ import annotations

import base64
import io
import logging
from collections.abc import Callable

import segno
from axes.handlers.proxy import AxesProxyHandler
from django import forms
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User

logger = logging.getLogger(__name__)
RECOVERY_CODES = 10
SESSION_RECOVERY = "werkpad_recovery_codes"


def required_for(user: User) -> bool:
    """Must this user pass a second factor? Their role demands it, or they enrolled."""
    if user.role in settings.TWO_FACTOR_ROLES:
        return True
    return has_confirmed_device(user)


def has_confirmed_device(user: User) -> bool:
    """``django_otp.user_has_device(user, confirmed=True)`` for Werkpad's two kinds of device
    (TOTP and recovery codes) in one query instead of one per kind: asked on every request of
    a user whose role needs no second factor."""
    totp = TOTPDevice.objects.filter(user=user, confirmed=True).values("pk")
    static = StaticDevice.objects.filter(user=user, confirmed=True).values("pk")
    return totp.union(static, all=True).exists()


class TwoFactorMiddleware:
    """After django-otp's OTPMiddleware: a user who needs a second factor and has not given one
    reaches only the enrolment and code pages, logout and the language switch."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            isinstance(user, User)
            and user.is_authenticated
            and not user.is_verified()  # type: ignore[attr-defined]
            and not _exempt(request.path)
            and required_for(user)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": "Two-factor authentication required."}, status=401)
            target = (
                "accounts:two_factor_verify"
                if user_has_device(user, confirmed=True)
                else "accounts:two_factor_setup"
            )
            return redirect(f"{reverse(target)}?next={request.get_full_path()}")
        return self.get_response(request)


def _exempt(path: str) -> bool:
    exempt = (
        reverse("accounts:two_factor_setup"),
        reverse("accounts:two_factor_qr"),
        reverse("accounts:two_factor_verify"),
        reverse("accounts:logout"),
        reverse("accounts:language"),
        reverse("accounts:login"),
    )
    return path in exempt or path.startswith("/" + settings.STATIC_URL.lstrip("/"))


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=16,
        help_text=gettext_lazy(
            "The six digits your authenticator app shows, or one of your recovery codes."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_code(self) -> str:
        return "".join(self.cleaned_data["code"].split()).lower()


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("home")


def _failed(request: HttpRequest, user: User, form: CodeForm) -> HttpResponse | None:
    """Count a wrong code as a failed login (django-axes); on lockout end the session."""
    credentials = {"username": user.username}
    user_login_failed.send(sender=__name__, credentials=credentials, request=request)
    if AxesProxyHandler.is_locked(request, credentials):
        logout(request)
        from .throttle import lockout_response

        return lockout_response(request, credentials=credentials)
    form.add_error("code", _("This code is not right. Try again with the code your app shows now."))
    return None


def _pending_device(user: User) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Werkpad", confirmed=False)
    return device


@login_required
def setup(request: HttpRequest) -> HttpResponse:
    """Enrol: scan the QR code, confirm with a code, receive the recovery codes."""
    user = request.user
    assert isinstance(user, User)
    if user_has_device(user, confirmed=True) and not user.is_verified():  # type: ignore[attr-defined]
        # A device exists: only its code (not a new enrolment) lets this session in.
        return redirect("accounts:two_factor_verify")
    if user.is_verified():  # type: ignore[attr-defined]
        codes = request.session.pop(SESSION_RECOVERY, None)
        if codes:
            return render(
                request,
                "accounts/two_factor_codes.html",
                {"codes": codes, "next": _next_url(request)},
            )
        return redirect(_next_url(request))
    device = _pending_device(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            codes = _new_recovery_codes(user)
            otp_login(request, device)
            request.session.cycle_key()
            request.session[SESSION_RECOVERY] = codes
            return render(
                request,
                "accounts/two_factor_codes.html",
                {"codes": codes, "next": _next_url(request)},
            )
        locked = _failed(request, user, form)
        if locked is not None:
            return locked
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    context = {
        "form": form,
        # For typing into an app that cannot scan: groups of four letters.
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "next": _next_url(request),
    }
    return render(request, "accounts/two_factor_setup.html", context)


@login_required
def qr_code(request: HttpRequest) -> HttpResponse:
    """The enrolment QR code as an SVG image (no inline script, allowed by the CSP)."""
    user = request.user
    assert isinstance(user, User)
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    if device is None:
        return HttpResponse(status=404)
    buffer = io.BytesIO()
    segno.make(device.config_url, error="m").save(buffer, kind="svg", scale=5, border=2)
    response = HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
    response["Cache-Control"] = "no-store"
    return response


@login_required
def verify(request: HttpRequest) -> HttpResponse:
    """The second step of the login: a code from the app, or a recovery code."""
    user = request.user
    assert isinstance(user, User)
    if user.is_verified():  # type: ignore[attr-defined]
        return redirect(_next_url(request))
    if not user_has_device(user, confirmed=True):
        return redirect("accounts:two_factor_setup")
    credentials = {"username": user.username}
    if AxesProxyHandler.is_locked(request, credentials):
        logout(request)
        from .throttle import lockout_response

        return lockout_response(request, credentials=credentials)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            request.session.cycle_key()
            return redirect(_next_url(request))
        locked = _failed(request, user, form)
        if locked is not None:
            return locked
    return render(
        request, "accounts/two_factor_verify.html", {"form": form, "next": _next_url(request)}
    )


def _new_recovery_codes(user: User) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="recovery", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def reset(user: User) -> int:
    """Remove every second-factor device of ``user`` (an administrator's reset)."""
    removed = 0
    for model in (TOTPDevice, StaticDevice):
        count, _detail = model.objects.filter(user=user).delete()
        removed += count
    return removed
