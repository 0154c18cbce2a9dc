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


@login_required
def plan(request: HttpRequest) -> HttpResponse:
    """My step plan: the newest version, and a button to confirm it (exactly that version)."""
    from django.core.exceptions import ValidationError

    from werkpad.pathway import actions as pathway_actions
    from werkpad.pathway import plan_words
    from werkpad.pathway.choices import ConfirmingParty
    from werkpad.pathway.models import Plan

    action = "update" if request.method == "POST" else "view"
    user, participant = _own_file(request, what="portal plan", action=action)
    own = Plan.objects.filter(participant=participant).first()
    version = own.latest_version if own is not None else None
    if request.method == "POST":
        if version is None or request.POST.get("version") != str(version.public_id):
            messages.error(
                request, _("This version was replaced by a newer one; confirm the newest.")
            )
            return redirect("portal:plan")
        try:
            pathway_actions.confirm_version(user, version, party=ConfirmingParty.NEWCOMER)
        except ValidationError as exc:
            for e in exc.messages:
                messages.error(request, e)
        else:
            messages.success(
                request,
                _("Thank you: you confirmed version %(n)s of your plan.") % {"n": version.number},
            )
        return redirect("portal:plan")
    previous = own.versions.filter(number=version.number - 1).first() if own and version else None
    return render(
        request,
        "portal/plan.html",
        {
            "p": participant,
            "version": version,
            "s": version.snapshot if version else None,
            "mine": version.confirmation(ConfirmingParty.NEWCOMER) if version else None,
            "coach": version.confirmation(ConfirmingParty.COACH) if version else None,
            "changes": (
                plan_words.diff_in_words(previous.snapshot, version.snapshot)
                if previous and version
                else []
            ),
            "steps": [
                {
                    **step,
                    **{
                        k: plan_words.value_label(k, step.get(k, ""))
                        for k in ("type", "owner", "status", "due_date")
                    },
                }
                for step in (version.snapshot["steps"] if version else [])
            ],
            "lang_choices": PORTAL_LANGUAGES,
        },
    )


@login_required
def plan_pdf(request: HttpRequest) -> HttpResponse:
    """My plan, printable: in my language next to Dutch."""
    from werkpad.pathway.models import Plan
    from werkpad.pathway.printing import plan_pdf_response

    _user, participant = _own_file(request, what="portal plan pdf")
    own = Plan.objects.filter(participant=participant).first()
    if own is None or own.latest_version is None:
        raise Http404
    return plan_pdf_response(own.latest_version, participant)
