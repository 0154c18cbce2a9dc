"""Pages of the path: a participant's timeline with its workflows, and the programmes.

Views parse input, call one action (``pathway.actions``) and render; files are opened through the
scoped layer (``pathway.access`` / ``participants.access``), which logs reads, changes and refusals.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from werkpad.accounts.models import Organisation, User
from werkpad.audit.models import Action
from werkpad.core import pathway as core
from werkpad.participants.access import can_edit, get_participant, refuse
from werkpad.participants.models import Participant

from . import access, actions, plan_words
from .choices import ConfirmingParty
from .forms import (
    EmploymentSpellForm,
    EnrolForm,
    EnrolmentStatusForm,
    InPersonConfirmationForm,
    PlanGoalsForm,
    PlanStepForm,
    PlanVersionForm,
    PretrajectoryForm,
    ProgrammeForm,
    StartPlanForm,
    apply_errors,
)
from .models import Enrolment, Plan, PlanStep, Programme
from .timeline import timeline


def _user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):
        raise Http404
    return user


def _coach_file(request: HttpRequest, public_id: UUID, what: str) -> tuple[User, Participant]:
    """The coach and the file, logged (a change for POST); 404 and ``denied`` for anyone else."""
    user = _user(request)
    action = Action.UPDATE if request.method == "POST" else Action.VIEW
    participant = get_participant(user, public_id, what=what, action=action)
    if not user.is_coach:
        raise Http404
    if request.method == "POST" and not can_edit(user, participant):
        refuse(user, participant, what)
    return user, participant


def _coach_enrolment(request: HttpRequest, enrolment_id: UUID, what: str) -> tuple[User, Enrolment]:
    user = _user(request)
    action = Action.UPDATE if request.method == "POST" else Action.VIEW
    enrolment = access.get_enrolment(user, enrolment_id, what=what, action=action)
    if not user.is_coach:
        raise Http404
    return user, enrolment


def _page(
    request: HttpRequest, p: Participant, form: Any, title: str, intro: str = ""
) -> HttpResponse:
    return render(
        request,
        "pathway/form.html",
        {"p": p, "form": form, "title": title, "intro": intro},
    )


def _to_timeline(p: Participant) -> HttpResponse:
    return redirect(reverse("pathway:timeline", args=[p.public_id]))


@login_required
def participant_timeline(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Enrolments, statuses, records and placements of one participant on one line of time."""
    user, participant = _coach_file(request, public_id, "timeline")
    return render(
        request,
        "pathway/timeline.html",
        {
            "p": participant,
            "lanes": timeline(participant),
            "can_edit": can_edit(user, participant),
        },
    )


@login_required
def enrol(request: HttpRequest, public_id: UUID) -> HttpResponse:
    user, participant = _coach_file(request, public_id, "enrolments")
    orgs = [i for i in (user.organisation_id, participant.organisation_id) if i is not None]
    form = EnrolForm(request.POST or None, organisation_ids=orgs)
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                actions.enrol(
                    user,
                    participant,
                    d["programme"],
                    intake_date=d["intake_date"],
                    status=d["status"],
                    participation=d["participation"],
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Enrolled."))
                return _to_timeline(participant)
        messages.error(request, _("Not saved: please correct the fields marked below."))
    return _page(request, participant, form, _("Enrol in a programme"))


@login_required
def enrolment_status(request: HttpRequest, enrolment_id: UUID) -> HttpResponse:
    user, enrolment = _coach_enrolment(request, enrolment_id, "status")
    form = EnrolmentStatusForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                if d["status"] in core.FINAL:
                    actions.end_enrolment(
                        user,
                        enrolment,
                        status=d["status"],
                        on=d["date"],
                        reason_code=d["reason_code"],
                        reason=d["reason"].strip(),
                        destination=d["outflow_destination"],
                    )
                else:
                    actions.change_status(
                        user,
                        enrolment,
                        d["status"],
                        on=d["date"],
                        reason_code=d["reason_code"],
                        reason=d["reason"].strip(),
                    )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Status changed."))
                return _to_timeline(enrolment.participant)
        else:
            # Every error at once: the pipeline's checks too, not only the form's.
            d = form.cleaned_data
            if d.get("status") and d.get("date"):
                try:
                    actions.check_change(
                        enrolment, d["status"], d["date"], d.get("reason_code", "")
                    )
                except ValidationError as exc:
                    apply_errors(form, exc)
        messages.error(request, _("Not saved: please correct the fields marked below."))
    return _page(
        request,
        enrolment.participant,
        form,
        _("Change status"),
        enrolment.programme.name,
    )


@login_required
def pretrajectory_add(request: HttpRequest, enrolment_id: UUID) -> HttpResponse:
    user, enrolment = _coach_enrolment(request, enrolment_id, "pathway records")
    form = PretrajectoryForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            fields = {n: form.cleaned_data[n] for n in form.Meta.fields}
            try:
                actions.save_pretrajectory(user, enrolment, **fields)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Voortraject recorded."))
                return _to_timeline(enrolment.participant)
        messages.error(request, _("Not saved: please correct the fields marked below."))
    return _page(
        request, enrolment.participant, form, _("Record a voortraject"), enrolment.programme.name
    )


@login_required
def spell_add(request: HttpRequest, enrolment_id: UUID) -> HttpResponse:
    user, enrolment = _coach_enrolment(request, enrolment_id, "pathway records")
    form = EmploymentSpellForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            fields = {n: form.cleaned_data[n] for n in form.Meta.fields}
            try:
                actions.save_employment_spell(user, enrolment, **fields)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Work after outflow recorded."))
                return _to_timeline(enrolment.participant)
        messages.error(request, _("Not saved: please correct the fields marked below."))
    return _page(
        request,
        enrolment.participant,
        form,
        _("Record work after outflow"),
        _("From a follow-up contact: the job the participant holds or held after the outflow."),
    )


# Programmes.


@login_required
def programme_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not (user.is_coach or user.is_administrator or user.is_analyst):
        raise Http404
    programmes = access.visible_programmes(user).prefetch_related("organisations")
    return render(
        request,
        "pathway/programmes.html",
        {
            "programmes": programmes,
            "may_manage": actions.may_manage_programmes(user),
            "managed": {p.pk for p in programmes if actions.may_manage(user, p)}
            if actions.may_manage_programmes(user)
            else set(),
        },
    )


@login_required
def programme_edit(request: HttpRequest, programme_id: UUID | None = None) -> HttpResponse:
    user = _user(request)
    if not actions.may_manage_programmes(user):
        raise Http404
    programme = Programme()
    if programme_id is not None:
        found = Programme.objects.filter(public_id=programme_id).first()
        if found is None or not actions.may_manage(user, found):
            raise Http404
        programme = found
    organisations = Organisation.objects.order_by("name")
    if not user.is_administrator:
        # A coordinator adds their own organisation; partners already in the programme stay.
        keep = list(programme.organisations.values_list("pk", flat=True)) if programme.pk else []
        organisations = organisations.filter(pk__in=[user.organisation_id, *keep])
    form = ProgrammeForm(request.POST or None, instance=programme, organisations=organisations)
    if request.method == "POST":
        if form.is_valid():
            try:
                actions.save_programme(
                    user,
                    form.save(commit=False),
                    organisations=list(form.cleaned_data["organisations"]),
                    steps=form.cleaned_data["steps"],
                )
            except PermissionDenied:
                raise Http404 from None
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Programme saved."))
                return redirect("pathway:programmes")
        messages.error(request, _("Not saved: please correct the fields marked below."))
    title = _("Change programme") if programme.pk else _("New programme")
    return render(request, "pathway/programme_form.html", {"form": form, "title": title})


@login_required
def export(request: HttpRequest, what: str, fmt: str) -> HttpResponse:
    """Enrolments or work after outflow of everyone the coach may see, as CSV or XLSX; logged."""
    from django.utils import timezone

    from werkpad.employers import tabular

    from . import exports

    user = _user(request)
    if not user.is_coach or what not in ("enrolments", "employment-spells", "drs"):
        raise Http404
    enrolments = access.visible_enrolments(user).select_related("participant", "programme")
    programme = request.GET.get("programme", "")
    if programme:
        try:
            enrolments = enrolments.filter(programme__public_id=UUID(programme))
        except ValueError:
            raise Http404 from None
    if what == "drs":
        rows = list(exports.drs_rows(user, enrolments))
    else:
        rows = list(
            exports.enrolment_rows(user, enrolments)
            if what == "enrolments"
            else exports.spell_rows(user, enrolments)
        )
    header = list(exports.header(what))
    if fmt == "csv":
        response = HttpResponse(
            tabular.to_csv(header, rows), content_type="text/csv; charset=utf-8"
        )
    elif fmt == "xlsx":
        response = HttpResponse(
            tabular.to_xlsx(what, header, rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="werkpad-{what}-{stamp}.{fmt}"'
    return response


# --- the step plan (issue 11) ---------------------------------------------------------------------


def _plan_url(p: Participant) -> str:
    return reverse("pathway:plan", args=[p.public_id])


def _version_rows(plan: Plan) -> list[dict[str, Any]]:
    versions = list(plan.versions.prefetch_related("confirmations").order_by("number"))
    rows = []
    for i, v in enumerate(versions):
        previous = versions[i - 1].snapshot if i else None
        rows.append(
            {
                "v": v,
                "coach": v.confirmation(ConfirmingParty.COACH),
                "newcomer": v.confirmation(ConfirmingParty.NEWCOMER),
                "changes": plan_words.diff_in_words(previous, v.snapshot) if previous else [],
            }
        )
    return rows[::-1]


def _plan_context(user: User, participant: Participant, plan: Plan | None) -> dict[str, Any]:
    context: dict[str, Any] = {
        "p": participant,
        "plan": plan,
        "can_edit": can_edit(user, participant),
    }
    if plan is None:
        context["start_form"] = StartPlanForm(participant=participant)
        return context
    rows = _version_rows(plan)
    latest = rows[0]["v"] if rows else None
    context.update(
        {
            "steps": plan.steps.select_related("vacancy__employer", "pretrajectory"),
            "versions": rows,
            "latest": latest,
            "pending": (
                plan_words.diff_in_words(latest.snapshot, actions.snapshot(plan))
                if latest
                else None
            ),
            "due": [plan_words.due_in_words(d) for d in actions.herijking_due(plan)],
            "version_form": PlanVersionForm(),
            "in_person_form": InPersonConfirmationForm(),
        }
    )
    return context


@login_required
def plan(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The step plan: goals, steps, expectations, versions with their confirmations."""
    user, participant = _coach_file(request, public_id, "plan")
    if request.method == "POST":
        form = StartPlanForm(request.POST, participant=participant)
        if form.is_valid():
            actions.start_plan(user, participant, programme=form.cleaned_data["programme"])
            messages.success(request, _("Plan started."))
        return redirect(_plan_url(participant))
    existing = Plan.objects.filter(participant=participant).first()
    return render(request, "pathway/plan.html", _plan_context(user, participant, existing))


def _coach_plan(request: HttpRequest, public_id: UUID, what: str) -> tuple[User, Plan]:
    user, participant = _coach_file(request, public_id, what)
    found = Plan.objects.filter(participant=participant).first()
    if found is None:
        raise Http404
    return user, found


@login_required
def plan_goals(request: HttpRequest, public_id: UUID) -> HttpResponse:
    user, the_plan = _coach_plan(request, public_id, "plan")
    form = PlanGoalsForm(request.POST or None, instance=Plan.objects.get(pk=the_plan.pk))
    if request.method == "POST":
        if form.is_valid():
            try:
                actions.save_plan_goals(
                    user, the_plan, **{k: form.cleaned_data[k] for k in form.fields}
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect(_plan_url(the_plan.participant))
        messages.error(request, _("Not saved: please correct the fields marked below."))
    return _page(request, the_plan.participant, form, _("Goals and expectations"))


@login_required
def plan_step(request: HttpRequest, public_id: UUID, step_id: UUID | None = None) -> HttpResponse:
    user, the_plan = _coach_plan(request, public_id, "plan")
    step = PlanStep(plan=the_plan)
    if step_id is not None:
        step = the_plan.steps.filter(public_id=step_id).first() or _not_found()
    form = PlanStepForm(request.POST or None, instance=step)
    if request.method == "POST":
        if form.is_valid():
            try:
                saved = actions.save_step(user, form.instance)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Step saved."))
                if saved.suggestion_after:
                    messages.info(
                        request,
                        _("The vacancy was checked again: %(result)s")
                        % {"result": saved.suggestion_after},
                    )
                return redirect(_plan_url(the_plan.participant))
        messages.error(request, _("Not saved: please correct the fields marked below."))
    title = _("Change a step") if step_id else _("Add a step")
    return _page(request, the_plan.participant, form, title)


def _not_found() -> Any:
    raise Http404


@login_required
def plan_version(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """POST: fix the plan as a new version (the first, or a herijking)."""
    if request.method != "POST":
        raise Http404
    user, the_plan = _coach_plan(request, public_id, "plan")
    form = PlanVersionForm(request.POST)
    form.is_valid()
    try:
        v = actions.save_version(
            user,
            the_plan,
            trigger=form.cleaned_data.get("trigger", ""),
            note=form.cleaned_data.get("note", ""),
        )
    except ValidationError as exc:
        for errors in exc.message_dict.values():
            for e in errors:
                messages.error(request, e)
    else:
        messages.success(request, _("Version %(n)s saved.") % {"n": v.number})
    return redirect(_plan_url(the_plan.participant))


@login_required
def plan_confirm(request: HttpRequest, public_id: UUID, version_id: UUID) -> HttpResponse:
    """POST: the coach confirms, or records the newcomer's confirmation in person."""
    if request.method != "POST":
        raise Http404
    user, the_plan = _coach_plan(request, public_id, "plan")
    version = the_plan.versions.filter(public_id=version_id).first() or _not_found()
    party = request.POST.get("party", "")
    try:
        if party == ConfirmingParty.NEWCOMER:
            form = InPersonConfirmationForm(request.POST)
            if not form.is_valid():
                raise ValidationError(form.errors)
            actions.confirm_version(
                user,
                version,
                party=party,
                language=form.cleaned_data["language"],
                interpreter=form.cleaned_data["interpreter"],
            )
        else:
            actions.confirm_version(user, version, party=ConfirmingParty.COACH)
    except ValidationError as exc:
        for errors in exc.message_dict.values():
            for e in errors:
                messages.error(request, e)
    else:
        messages.success(request, _("Confirmation recorded."))
    return redirect(_plan_url(the_plan.participant))


@login_required
def plan_from_suggestion(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """POST from a near-miss card: its missing requirements become plan steps (vacancy linked)."""
    if request.method != "POST":
        raise Http404
    user, participant = _coach_file(request, public_id, "plan")
    try:
        made = actions.add_near_miss_steps(user, participant, request.POST.get("token", ""))
    except ValidationError as exc:
        for errors in exc.message_dict.values():
            for e in errors:
                messages.error(request, e)
        return redirect(reverse("participants:detail", args=[participant.public_id]))
    messages.success(
        request,
        _("Added to the plan: %(steps)s") % {"steps": "; ".join(s.title for s in made) or "—"},
    )
    return redirect(_plan_url(participant))


@login_required
def plan_pdf(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The latest version, printable, in the newcomer's language (or ``?lang=``) next to Dutch."""
    from .printing import plan_pdf_response

    the_plan = _coach_plan(request, public_id, "plan pdf")[1]
    version = the_plan.latest_version or _not_found()
    return plan_pdf_response(version, the_plan.participant, request.GET.get("lang", "")[:8])
