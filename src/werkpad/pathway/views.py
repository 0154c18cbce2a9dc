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

from . import access, actions
from .forms import (
    EmploymentSpellForm,
    EnrolForm,
    EnrolmentStatusForm,
    PretrajectoryForm,
    ProgrammeForm,
    apply_errors,
)
from .models import Enrolment, Programme
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
    if not user.is_coach or what not in ("enrolments", "employment-spells"):
        raise Http404
    enrolments = access.visible_enrolments(user).select_related("participant", "programme")
    programme = request.GET.get("programme", "")
    if programme:
        try:
            enrolments = enrolments.filter(programme__public_id=UUID(programme))
        except ValueError:
            raise Http404 from None
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
