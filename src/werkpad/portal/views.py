"""Newcomer-facing pages. The newcomer sees and decides about their own file only."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from werkpad.accounts.models import User
from werkpad.employers import access as employer_access
from werkpad.employers import actions as employer_actions
from werkpad.employers.models import Shortlist
from werkpad.participants import access
from werkpad.participants.choices import ConsentScope
from werkpad.participants.models import Participant

PORTAL_LANGUAGES = "nl,en,ar"


def _own_file(request: HttpRequest, *, what: str, action: str = "view") -> tuple[User, Participant]:
    user = request.user
    if not isinstance(user, User) or not user.is_participant:
        raise PermissionDenied
    own = access.visible_participants(user).first()
    if own is None:
        raise Http404
    return user, access.get_participant(user, own.public_id, what=what, action=action)


@login_required
def consent(request: HttpRequest) -> HttpResponse:
    """ "Who may see my profile": employers that shortlisted me, with give / withdraw buttons."""
    if request.method == "POST":
        user, participant = _own_file(request, what="portal consent", action="update")
        employer = employer_access.consent_employer(user, participant, request.POST.get("employer"))
        if request.POST.get("decision") == "share":
            employer_actions.share_profile(user, participant, employer)
            messages.success(
                request,
                _("%(employer)s can now see your name with your profile.")
                % {"employer": employer.name},
            )
        else:
            employer_actions.stop_sharing_profile(user, participant, employer)
            messages.success(
                request,
                _(
                    "%(employer)s no longer sees your name. They still see your profile without "
                    "your name, under a new code."
                )
                % {"employer": employer.name},
            )
        return redirect("portal:consent")
    user, participant = _own_file(request, what="portal consent")
    active = {
        c.recipient_id: c
        for c in participant.consents.filter(
            scope=ConsentScope.EMPLOYER_PROFILE, withdrawn_at__isnull=True
        )
    }
    rows = []
    for employer in employer_actions.employers_that_shortlisted(participant):
        jobs = (
            Shortlist.objects.filter(participant=participant, vacancy__employer=employer)
            .values_list("vacancy__title", flat=True)
            .order_by("vacancy__title")
        )
        rows.append(
            {
                "employer": employer,
                "jobs": list(jobs),
                "consent": active.get(employer.organisation_id),
            }
        )
    return render(
        request,
        "portal/consent.html",
        {"rows": rows, "p": participant, "lang_choices": PORTAL_LANGUAGES},
    )
