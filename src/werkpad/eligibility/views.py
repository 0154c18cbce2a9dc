"""The "May work?" panel on a participant's file. Thin: read via the access layer, map, render.

Every read of a participant goes through ``participants.access.get_participant(..., what=
"eligibility")``, which logs it (and 404s for anyone who may not see the file). The what-if form
holds no personal data: it describes an imagined job.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods
from django.views.decorators.vary import vary_on_headers

from werkpad.accounts.models import User
from werkpad.core import rules
from werkpad.participants import access
from werkpad.participants.models import Participant

from . import adapters, present
from .forms import WhatIfForm, initial_from_job

WHAT = "eligibility"


def _participant(request: HttpRequest, public_id: UUID) -> tuple[User, Participant]:
    """The coach and the file, logged. To anyone but a coach the panel does not exist (404)."""
    user = request.user
    if not isinstance(user, User):
        raise Http404
    # Newcomers see their own situation in the portal, not on the coach's page; employers,
    # analysts and administrators see no files: 404, logged as refused by the access layer.
    return user, access.get_case_file(user, public_id, what=WHAT, section="eligibility")


def _vacancy(user: User, vacancy_pk: int) -> Any:
    from werkpad.employers import access as employer_access

    return employer_access.get_or_404(employer_access.vacancies_for(user), pk=vacancy_pk)


def _twv_application(user: User, participant: Participant, vacancy: Any) -> Any:
    from werkpad.employers import access as employer_access

    return (
        employer_access.twv_for(user)
        .filter(participant=participant, vacancy=vacancy)
        .order_by("-prepared_on", "-id")
        .first()
    )


def _vacancy_links(user: User, participant: Participant) -> list[dict[str, Any]]:
    """The vacancies this participant is shortlisted for, to evaluate them one by one."""
    from werkpad.employers import access as employer_access

    entries = employer_access.shortlists_for(user).filter(participant=participant)
    return [
        {
            "title": str(e.vacancy),
            "url": reverse("eligibility:vacancy", args=[participant.public_id, e.vacancy_id]),
        }
        for e in entries.select_related("vacancy__employer__organisation")
    ]


def _panel(
    request: HttpRequest,
    user: User,
    participant: Participant,
    base_job: rules.Job,
    action: str,
    vacancy: Any = None,
) -> HttpResponse:
    today = timezone.localdate()
    if request.method == "POST":
        form = WhatIfForm(request.POST)
    else:
        form = WhatIfForm(initial=initial_from_job(base_job, today))
    person = adapters.person_from_participant(participant)
    context: dict[str, Any] = {
        "p": participant,
        "form": form,
        "action": action,
        "vacancy": vacancy,
        "panel_url": reverse("eligibility:panel", args=[participant.public_id]),
        "vacancy_links": _vacancy_links(user, participant),
        "person": person,
    }
    context["show_keys"] = user.is_administrator
    if request.method != "POST" or form.is_valid():
        on = form.evaluation_date() if form.is_bound else today
        job = form.job() if form.is_bound else base_job
        params = adapters.get_parameters()
        try:
            result = rules.evaluate_work(person, job, on, params)
            window = rules.work_window(person, on, params)
        except rules.IncoherentInput as error:
            # Dates that contradict each other: say what to correct, next to the field if it is
            # one of the form's, else above the form; no answer is given.
            text = present.incoherence_text(error)
            if form.is_bound and error.field in form.fields:
                form.add_error(error.field, text)
            else:
                context["incoherent"] = text
        else:
            context["result"] = present.eligibility_view(result)
            context["window"] = present.window_view(window)
            if person.coa_resident is not False:
                context["reba"] = present.reba_view(adapters.reba_examples_for(person, job, on))
    template = (
        "eligibility/_panel.html"
        if getattr(request, "htmx", False)
        else "eligibility/panel_page.html"
    )
    # Errors are shown in the form (status 200, so that htmx swaps the panel in).
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")  # a fragment for htmx, the page otherwise
def panel(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The panel for a job starting today with no TWV yet, or for the what-if job posted."""
    user, participant = _participant(request, public_id)
    base = rules.Job(twv=rules.TwvStatus.NONE)
    return _panel(request, user, participant, base, reverse("eligibility:panel", args=[public_id]))


@login_required
@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")  # a fragment for htmx, the page otherwise
def vacancy(request: HttpRequest, public_id: UUID, vacancy_pk: int) -> HttpResponse:
    """The panel for one vacancy the coach may see (with this participant's TWV for it, if any)."""
    user, participant = _participant(request, public_id)
    v = _vacancy(user, vacancy_pk)
    base = adapters.job_from_vacancy(v, twv_application=_twv_application(user, participant, v))
    return _panel(
        request,
        user,
        participant,
        base,
        reverse("eligibility:vacancy", args=[public_id, vacancy_pk]),
        vacancy=v,
    )
