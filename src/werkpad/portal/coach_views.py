"""The coach's side of the portal: the message thread with a newcomer, and the invitation (a
one-time link and a printable QR code) with which a newcomer gets in."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from werkpad.accounts.models import User
from werkpad.audit.models import Action
from werkpad.participants import access

from . import actions
from .forms import MessageForm


def _coach(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):
        raise Http404
    return user


@login_required
def thread(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The thread with one newcomer: read (marks their messages read) and answer."""
    user = _coach(request)
    action = Action.CREATE if request.method == "POST" else Action.VIEW
    participant = access.get_case_file(
        user, public_id, what="portal messages", action=action, manage=True
    )
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.send_message(user, participant, form.cleaned_data["body"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Sent."))
            return redirect("portal:coach_thread", public_id=participant.public_id)
    return render(
        request,
        "portal/coach_thread.html",
        {"p": participant, "thread": actions.thread(user, participant), "form": form},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_POST
def invite(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Make a one-time invitation link and show it once, with a QR code to print."""
    import segno

    user = _coach(request)
    participant = access.get_case_file(
        user, public_id, what="portal invitation", action=Action.CREATE, manage=True
    )
    invitation, token = actions.invite(user, participant)
    url = request.build_absolute_uri(reverse("portal:invitation", args=[token]))
    qr = segno.make(url, error="m")
    response = render(
        request,
        "portal/coach_invitation.html",
        {
            "p": participant,
            "invitation": invitation,
            "url": url,
            "qr": qr.svg_data_uri(scale=5, border=2),
            "username": invitation.user.get_username(),
        },
    )
    response["Referrer-Policy"] = "no-referrer"
    return response
