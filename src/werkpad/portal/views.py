"""Newcomer-facing pages. The newcomer sees and decides about their own file only.

Views are thin: the file comes from the access layer (``actions.own_file``, logged), changes go
through ``portal.actions`` and the other apps' actions.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from werkpad.accounts.models import User
from werkpad.audit.models import Action
from werkpad.employers import access as employer_access
from werkpad.employers import actions as employer_actions
from werkpad.employers.models import Shortlist
from werkpad.participants.choices import ConsentScope
from werkpad.participants.models import Participant

from . import actions
from .forms import (
    CalculatorForm,
    CheckinForm,
    CommentForm,
    InterestForm,
    MessageForm,
    OwnStepForm,
    SetPasswordForInvitationForm,
)
from .models import MessageKind

PORTAL_LANGUAGES = "nl,en,ar,fa,ti,uk"


def _user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not user.is_participant:
        raise PermissionDenied
    return user


def _own_file(request: HttpRequest, *, what: str, action: str = "view") -> tuple[User, Participant]:
    user = _user(request)
    return user, actions.own_file(user, what=what, action=action)


def _errors(exc: ValidationError) -> list[str]:
    return [str(m) for m in exc.messages]


# --- Mijn pad (home) -----------------------------------------------------------------------------


def _plan_context(participant: Participant) -> dict[str, Any]:
    from werkpad.pathway import plan_words
    from werkpad.pathway.choices import ConfirmingParty, StepOwner
    from werkpad.pathway.models import Plan

    own = Plan.objects.filter(participant=participant).first()
    version = own.latest_version if own is not None else None
    previous = own.versions.filter(number=version.number - 1).first() if own and version else None
    working = {str(s.public_id): s for s in own.steps.all()} if own else {}
    in_version = {s["key"] for s in version.snapshot["steps"]} if version else set()
    steps = []
    for step in version.snapshot["steps"] if version else []:
        live = working.get(step["key"])
        steps.append(
            {
                **step,
                **{
                    k: plan_words.value_label(k, step.get(k, ""))
                    for k in ("type", "owner", "status", "due_date")
                },
                "mine": step.get("owner") == StepOwner.NEWCOMER,
                "done_now": live is not None and live.status == "done",
                "open": step.get("status") in ("open", "busy"),
            }
        )
    next_step = next((s for s in steps if s["mine"] and s["open"] and not s["done_now"]), None)
    added = [s for key, s in working.items() if key not in in_version]
    return {
        "plan": own,
        "version": version,
        "s": version.snapshot if version else None,
        "mine": version.confirmation(ConfirmingParty.NEWCOMER) if version else None,
        "coach": version.confirmation(ConfirmingParty.COACH) if version else None,
        "changes": (
            plan_words.diff_in_words(previous.snapshot, version.snapshot)
            if previous and version
            else []
        ),
        "steps": steps,
        "next_step": next_step,
        "added": added,
        "earlier": list(own.versions.exclude(pk=version.pk).order_by("-number"))
        if own and version
        else [],
    }


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Mijn pad: the plan's newest version, what I do next, confirm, my own steps and comments."""
    from werkpad.handovers.access import handovers_for

    user, participant = _own_file(request, what="portal plan")
    context = _plan_context(participant)
    waiting = [
        h
        for h in handovers_for(user).select_related("to_organisation")
        if h.state in ("proposed", "accepted") and not h.ground and not h.override_reason
    ]
    context.update(
        {
            "p": participant,
            "step_form": OwnStepForm(),
            "comment_form": CommentForm(),
            "handovers_waiting": waiting,
            "lang_choices": PORTAL_LANGUAGES,
        }
    )
    return render(request, "portal/home.html", context)


@login_required
@require_POST
def confirm_plan(request: HttpRequest) -> HttpResponse:
    from werkpad.pathway import actions as pathway_actions
    from werkpad.pathway.choices import ConfirmingParty
    from werkpad.pathway.models import Plan

    user, participant = _own_file(request, what="portal plan", action=Action.UPDATE)
    own = Plan.objects.filter(participant=participant).first()
    version = own.latest_version if own is not None else None
    if version is None or request.POST.get("version") != str(version.public_id):
        messages.error(request, _("This version was replaced by a newer one; confirm the newest."))
        return redirect("portal:home")
    try:
        pathway_actions.confirm_version(user, version, party=ConfirmingParty.NEWCOMER)
    except ValidationError as exc:
        for e in _errors(exc):
            messages.error(request, e)
    else:
        messages.success(
            request,
            _("Thank you: you confirmed version %(n)s of your plan.") % {"n": version.number},
        )
    return redirect("portal:home")


@login_required
def plan(request: HttpRequest) -> HttpResponse:
    """The old address of "My plan": a POST confirms (as before), a GET shows Mijn pad."""
    if request.method == "POST":
        return confirm_plan(request)
    return home(request)


@login_required
@require_POST
def add_step(request: HttpRequest) -> HttpResponse:
    user, participant = _own_file(request, what="portal plan step", action=Action.CREATE)
    form = OwnStepForm(request.POST)
    if form.is_valid():
        try:
            actions.add_own_step(
                user,
                participant,
                title=form.cleaned_data["title"],
                due_date=form.cleaned_data["due_date"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your step is added. Your coach sees it."))
            return redirect("portal:home")
    context = _plan_context(participant)
    context.update(
        {
            "p": participant,
            "step_form": form,
            "comment_form": CommentForm(),
            "handovers_waiting": [],
        }
    )
    return render(request, "portal/home.html", context, status=400)


@login_required
@require_POST
def step_done(request: HttpRequest, key: str) -> HttpResponse:
    user, participant = _own_file(request, what="portal plan step", action=Action.UPDATE)
    try:
        actions.mark_step_done(user, participant, key)
    except ValidationError as exc:
        for e in _errors(exc):
            messages.error(request, e)
    else:
        messages.success(request, _("Well done! Your coach sees that this step is done."))
    return redirect("portal:home")


@login_required
@require_POST
def comment(request: HttpRequest) -> HttpResponse:
    user, participant = _own_file(request, what="portal plan comment", action=Action.CREATE)
    form = CommentForm(request.POST)
    context = _plan_context(participant)
    if form.is_valid():
        version = context["version"]
        actions.send_message(
            user,
            participant,
            form.cleaned_data["body"],
            kind=MessageKind.PLAN_COMMENT,
            plan_version=version.number if version else None,
        )
        messages.success(request, _("Your comment is sent to your coach."))
        return redirect("portal:home")
    context.update(
        {
            "p": participant,
            "step_form": OwnStepForm(),
            "comment_form": form,
            "handovers_waiting": [],
        }
    )
    return render(request, "portal/home.html", context, status=400)


@login_required
def plan_version(request: HttpRequest, number: int) -> HttpResponse:
    """An earlier version of the plan, readable."""
    from werkpad.pathway import plan_words
    from werkpad.pathway.models import PlanVersion

    _me, participant = _own_file(request, what="portal plan")
    version = PlanVersion.objects.filter(plan__participant=participant, number=number).first()
    if version is None:
        raise Http404
    steps = [
        {
            **st,
            **{
                k: plan_words.value_label(k, st.get(k, ""))
                for k in ("type", "owner", "status", "due_date")
            },
        }
        for st in version.snapshot["steps"]
    ]
    return render(
        request,
        "portal/plan_version.html",
        {"p": participant, "version": version, "s": version.snapshot, "steps": steps},
    )


@login_required
def plan_pdf(request: HttpRequest) -> HttpResponse:
    """My plan, printable: in my language next to Dutch."""
    from werkpad.pathway.models import Plan
    from werkpad.pathway.printing import plan_pdf_response

    _me, participant = _own_file(request, what="portal plan pdf")
    own = Plan.objects.filter(participant=participant).first()
    if own is None or own.latest_version is None:
        raise Http404
    return plan_pdf_response(own.latest_version, participant)


# --- Mijn documenten -----------------------------------------------------------------------------

SOON_DAYS = 90


def _expiry(on: Any, today: Any) -> str:
    if on is None:
        return "none"
    if on < today:
        return "expired"
    if on <= today + timedelta(days=SOON_DAYS):
        return "soon"
    return "valid"


@login_required
def documents(request: HttpRequest) -> HttpResponse:
    _me, participant = _own_file(request, what="portal documents")
    today = timezone.localdate()
    certificates = [
        {"c": c, "state": _expiry(c.expires_on, today)} for c in participant.certificates.all()
    ]
    return render(
        request,
        "portal/documents.html",
        {
            "p": participant,
            "w_state": _expiry(participant.w_document_expiry, today),
            "asylum": participant.phase == "asylum_seeker",
            "certificates": certificates,
            "diplomas": list(participant.diplomas.all()),
            "soon_days": SOON_DAYS,
        },
    )


# --- Mag ik werken? ------------------------------------------------------------------------------


@login_required
def may_i_work(request: HttpRequest) -> HttpResponse:
    from werkpad.core import rules
    from werkpad.core.i18n import NEWCOMER
    from werkpad.eligibility import adapters, present
    from werkpad.guides.views import PERMIT_NOTE

    _me, participant = _own_file(request, what="portal may I work")
    today = timezone.localdate()
    person = adapters.person_from_participant(participant)
    context: dict[str, Any] = {"p": participant, "myth": _(PERMIT_NOTE)}
    try:
        result = rules.evaluate_work(
            person, rules.Job(twv=rules.TwvStatus.NONE), today, adapters.get_parameters()
        )
    except rules.IncoherentInput:
        context["incoherent"] = True
    else:
        context["result"] = present.eligibility_view(result, NEWCOMER)
    return render(request, "portal/may_i_work.html", context)


# --- Wat houd ik over? ---------------------------------------------------------------------------


@login_required
def calculator(request: HttpRequest) -> HttpResponse:
    from werkpad.core import rules
    from werkpad.eligibility import adapters

    from .calculator import calculate

    _me, participant = _own_file(request, what="portal calculator")
    today = timezone.localdate()
    person = adapters.person_from_participant(participant)
    vacancy = None
    vacancy_id = request.GET.get("vacancy", "")
    form = CalculatorForm(request.GET if "hours" in request.GET else None)
    job = None
    if vacancy_id:
        vacancy = _suggested_vacancy(participant, vacancy_id)
        job = adapters.job_from_vacancy(vacancy)
    elif form.is_bound and form.is_valid():
        job = rules.Job(
            hours_per_week=form.cleaned_data["hours"],
            hourly_wage_gross=form.cleaned_data["wage"],
            twv=rules.TwvStatus.NONE,
        )
    result = calculate(person, job, today) if job is not None else None
    return render(
        request,
        "portal/calculator.html",
        {"p": participant, "form": form, "vacancy": vacancy, "result": result},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


# --- Vacatures voor mij --------------------------------------------------------------------------


def _open_vacancies() -> Any:
    from werkpad.employers.models import Vacancy

    return Vacancy.objects.filter(status="open").select_related(
        "employer", "location__municipality"
    )


def _suggested_vacancy(participant: Participant, vacancy_id: str) -> Any:
    """A vacancy the newcomer may look at: an open one, or one their coach proposed them for."""
    from werkpad.employers.models import Vacancy
    from werkpad.participants.access import _is_uuid

    if not _is_uuid(vacancy_id):
        raise Http404
    proposed = Shortlist.objects.filter(participant=participant).values("vacancy_id")
    vacancy = (
        Vacancy.objects.filter(public_id=vacancy_id)
        .filter(Q(status="open") | Q(pk__in=proposed))
        .select_related("employer")
        .first()
    )
    if vacancy is None:
        raise Http404
    return vacancy


def _job_card(vacancy: Any, answers: dict[int, Any], **extra: Any) -> dict[str, Any]:
    from werkpad import formats

    location = vacancy.location
    place = (location.city or str(location)) if location is not None else ""
    return {
        "v": vacancy,
        "pay": formats.money(vacancy.wage_hourly) if vacancy.wage_hourly is not None else "",
        "hours": formats.number(vacancy.hours_per_week),
        "place": place,
        "answer": answers.get(vacancy.pk),
        "travel": None,
        **extra,
    }


@login_required
def vacancies(request: HttpRequest) -> HttpResponse:
    from werkpad.matching import newcomer, services

    _me, participant = _own_file(request, what="portal vacancies")
    pref = actions.preference(participant)
    answers = newcomer.latest_answers(participant)
    proposals = [
        _job_card(s.vacancy, answers, proposal=s)
        for s in Shortlist.objects.filter(participant=participant).select_related(
            "vacancy__employer", "vacancy__location"
        )
    ]
    cards = []
    if pref.wants_suggestions:
        result = services.vacancies_for_participant(participant, _open_vacancies())
        for s in result.matches + result.near_misses:
            cards.append(
                _job_card(
                    s.vacancy,
                    answers,
                    suggestion=s,
                    travel=round(s.distance_km),
                    why=[c.explanation for c in s.strongest],
                    missing=list(s.steps),
                )
            )
    return render(
        request,
        "portal/vacancies.html",
        {
            "p": participant,
            "pref": pref,
            "cards": cards,
            "proposals": proposals,
            "form": InterestForm(),
        },
    )


@login_required
@require_POST
def vacancies_opt_in(request: HttpRequest) -> HttpResponse:
    user, participant = _own_file(request, what="portal preferences", action=Action.UPDATE)
    wants = request.POST.get("wants") == "yes"
    actions.set_preference(user, participant, wants_suggestions=wants)
    return redirect("portal:vacancies")


@login_required
@require_POST
def interest(request: HttpRequest, vacancy_id: str) -> HttpResponse:
    from werkpad.matching import newcomer

    user, participant = _own_file(request, what="portal vacancy interest", action=Action.UPDATE)
    vacancy = _suggested_vacancy(participant, vacancy_id)
    form = InterestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose interested or not interested."))
        return redirect("portal:vacancies")
    interested = form.cleaned_data["interested"] == "yes"
    try:
        newcomer.newcomer_interest(
            user, participant, vacancy, interested=interested, reason=form.cleaned_data["reason"]
        )
    except ValidationError as exc:
        for e in _errors(exc):
            messages.error(request, e)
    else:
        messages.success(
            request,
            _("Thank you. Your coach sees that you are interested.")
            if interested
            else _("Thank you. Your coach sees why this job is not for you."),
        )
    return redirect(reverse("portal:vacancies") + f"#job-{vacancy.public_id}")


# --- Toestemming ---------------------------------------------------------------------------------


@login_required
def permissions(request: HttpRequest) -> HttpResponse:
    """Every purpose: who sees what, on which ground, since when; give and withdraw; history."""
    from werkpad.participants.purposes import (
        PURPOSES,
        SECTIONS,
        Ground,
        Purpose,
        legal_ground_applies,
    )

    _me, participant = _own_file(request, what="portal consent")
    consents = list(participant.consents.select_related("recipient").order_by("-given_at"))
    active = [c for c in consents if c.withdrawn_at is None]
    organisation = participant.organisation
    rows = []
    for purpose in Purpose:
        rule = PURPOSES[purpose]
        mine = [c for c in active if c.purpose_code == purpose]
        legal = (
            purpose == Purpose.GUIDANCE
            and organisation is not None
            and legal_ground_applies(purpose, organisation.kind)
        )
        rows.append(
            {
                "purpose": purpose,
                "label": purpose.label,
                "sections": [_section_label(s) for s in rule.sections],
                "all_sections": set(rule.sections) == set(SECTIONS),
                "consents": mine,
                "legal": legal,
                "legal_ground": rule.legal_ground if legal else "",
                "organisation": organisation,
                "can_give": purpose in (Purpose.EVALUATION, Purpose.RESEARCH) and not mine,
                "consent_only": not rule.legal_ground,
            }
        )
    return render(
        request,
        "portal/permissions.html",
        {
            "p": participant,
            "rows": rows,
            "history": consents,
            "ground_consent": Ground.CONSENT.label,
            "ground_legal": Ground.LEGAL.label,
            "regiehouder": participant.regiehouder,
        },
    )


def _section_label(section: str) -> str:
    labels = {
        "person": _("your name, birth date and contact details"),
        "procedure": _("your asylum procedure and permits"),
        "languages": _("your languages and diplomas"),
        "work": _("your work experience and certificates"),
        "situation": _("your household and housing"),
        "inburgering": _("your inburgering"),
        "documents": _("your documents (W-document, BSN)"),
        "availability": _("when you can work"),
    }
    return labels.get(section, section)


@login_required
@require_POST
def permission_change(request: HttpRequest) -> HttpResponse:
    user, participant = _own_file(request, what="portal consent", action=Action.UPDATE)
    try:
        if "withdraw" in request.POST:
            try:
                consent_id = int(request.POST["withdraw"])
            except ValueError:
                raise Http404 from None
            actions.withdraw_own_consent(user, participant, consent_id)
            messages.success(
                request, _("You withdrew your consent. From now on this is no longer shared.")
            )
        else:
            actions.give_own_consent(user, participant, request.POST.get("give", ""))
            messages.success(
                request, _("Thank you: you gave your consent. You can withdraw it at any time.")
            )
    except ValidationError as exc:
        for e in _errors(exc):
            messages.error(request, e)
    return redirect("portal:permissions")


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
    _me, participant = _own_file(request, what="portal consent")
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


# --- Contact -------------------------------------------------------------------------------------


@login_required
def contact(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    action = Action.CREATE if request.method == "POST" else Action.VIEW
    participant = actions.own_file(user, what="portal messages", action=action)
    message_form = MessageForm()
    checkin_form = CheckinForm()
    status = 200
    if request.method == "POST":
        if request.POST.get("kind") == MessageKind.CHECKIN:
            checkin_form = CheckinForm(request.POST)
            form: Any = checkin_form
        else:
            message_form = MessageForm(request.POST)
            form = message_form
        if form.is_valid():
            try:
                actions.send_message(
                    user,
                    participant,
                    form.cleaned_data.get("body", ""),
                    kind=request.POST.get("kind") or MessageKind.MESSAGE,
                    mood=form.cleaned_data.get("mood", ""),
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Sent. Your coach will answer you."))
                return redirect("portal:contact")
        status = 400
    return render(
        request,
        "portal/contact.html",
        {
            "p": participant,
            "thread": actions.thread(user, participant),
            "message_form": message_form,
            "checkin_form": checkin_form,
            "regiehouder": participant.regiehouder,
        },
        status=status,
    )


# --- preferences ---------------------------------------------------------------------------------


@login_required
@require_POST
def preferences(request: HttpRequest) -> HttpResponse:
    from django.utils.http import url_has_allowed_host_and_scheme

    user, participant = _own_file(request, what="portal preferences", action=Action.UPDATE)
    actions.set_preference(user, participant, show_dutch=request.POST.get("show_dutch") == "yes")
    next_url = request.POST.get("next") or reverse("portal:home")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = reverse("portal:home")
    return redirect(next_url)


# --- getting in: invitation links ----------------------------------------------------------------


def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The one-time link: choose a password, then you are logged in. Works once."""
    found = actions.invitation_for(token)
    if found is None:
        return render(request, "portal/invitation_invalid.html", status=404)
    form = SetPasswordForInvitationForm(found.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = actions.redeem(found, form.cleaned_data["password1"])
        except ValidationError:
            return render(request, "portal/invitation_invalid.html", status=404)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome to Werkpad. Your password is set."))
        return redirect("portal:home")
    response = render(
        request,
        "portal/invitation.html",
        {"form": form, "username": found.user.get_username()},
        status=400 if form.is_bound else 200,
    )
    response["Referrer-Policy"] = "no-referrer"
    return response
