"""Handover, link-scope and reassignment pages. Thin: access layer, action, render."""

from __future__ import annotations

import csv
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from werkpad.accounts.models import User
from werkpad.audit import log
from werkpad.audit.models import Action
from werkpad.participants import access as file_access
from werkpad.participants import actions as participant_actions
from werkpad.participants.choices import ConsentScope
from werkpad.participants.models import Participant
from werkpad.participants.purposes import PURPOSES, SECTIONS, Purpose, section_fields

from . import actions
from .access import get_handover, handovers_for, manages
from .forms import SECTION_LABELS, LinkScopeForm, MeetingForm, ProposeForm, ReassignForm
from .models import OPEN_STATES


def _user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):
        raise Http404
    return user


def _errors(form: Any, exc: ValidationError) -> None:
    for field, errs in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errs)


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not user.is_coach:
        raise PermissionDenied
    notices = list(user.notices.all()[:20])
    user.notices.filter(read_at__isnull=True).update(read_at=_now())
    return render(
        request,
        "handovers/overview.html",
        {
            "received": handovers_for(user).filter(to_coach=user).select_related("from_coach"),
            "sent": handovers_for(user).filter(from_coach=user).select_related("to_coach"),
            "notices": notices,
            "may_reassign": actions.may_reassign(user),
        },
    )


def _now() -> Any:
    from django.utils import timezone

    return timezone.now()


@login_required
def propose(request: HttpRequest, public_id: UUID) -> HttpResponse:
    user = _user(request)
    action = Action.UPDATE if request.method == "POST" else Action.VIEW
    participant = file_access.get_case_file(
        user, public_id, what="handover", action=action, manage=True
    )
    initial = {"shared_sections": list(PURPOSES[Purpose.HANDOVER].sections)}
    form = ProposeForm(request.POST or None, user=user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            handover = actions.propose(
                user,
                participant,
                data["to_coach"],
                purpose=data["purpose"],
                shared_sections=data["shared_sections"],
                meeting_date=data["meeting_date"],
                note=data["note"],
                override_reason=data["override_reason"],
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("Handover proposed."))
            return redirect("handovers:detail", handover_id=handover.public_id)
    if request.method == "POST":
        messages.error(request, _("Not saved: please correct the fields marked below."))
    return render(
        request,
        "participants/edit_section.html",
        {
            "p": participant,
            "form": form,
            "title": _("Propose a warm handover"),
            "intro": _(
                "A handover is a meeting with the newcomer and both coaches. Until it is "
                "completed, the receiving coach reads only the sections you share."
            ),
        },
    )


@login_required
def detail(request: HttpRequest, handover_id: UUID) -> HttpResponse:
    user = _user(request)
    handover = get_handover(user, handover_id)
    role = actions.role_in(user, handover)
    return render(
        request,
        "handovers/detail.html",
        {
            "h": handover,
            "role": role,
            "manages": manages(user, handover) if user.is_coach else False,
            "sections": [
                SECTION_LABELS[s] for s in handover.shared_sections if s in SECTION_LABELS
            ],
            "events": handover.events.select_related("user"),
            "meeting_form": MeetingForm(initial={"meeting_date": handover.meeting_date}),
            "is_open": handover.state in OPEN_STATES,
        },
    )


@login_required
@require_POST
def step(request: HttpRequest, handover_id: UUID, step: str) -> HttpResponse:
    user = _user(request)
    handover = get_handover(user, handover_id)
    role = actions.role_in(user, handover)
    try:
        if step == "accept":
            actions.accept(user, handover)
        elif step == "reject":
            actions.reject(user, handover, request.POST.get("reason", "")[:300])
        elif step == "revoke":
            if role not in ("sender", "newcomer") and not manages(user, handover):
                raise PermissionError
            actions.revoke(user, handover, request.POST.get("reason", "")[:300])
        elif step == "meeting":
            if role not in ("sender", "receiver"):
                raise PermissionError
            form = MeetingForm(request.POST)
            if not form.is_valid():
                raise ValidationError({"meeting_date": [_("Enter the date of the meeting.")]})
            actions.record_meeting(user, handover, form.cleaned_data["meeting_date"])
        elif step == "confirm":
            actions.confirm(user, handover)
        elif step == "consent" and role == "newcomer":
            participant_actions.give_consent(
                user,
                handover.participant,
                ConsentScope.ORGANISATION_OTHER,
                recipient=handover.to_organisation,
                purpose_code=handover.purpose,
            )
        else:
            raise Http404
    except PermissionError:
        file_access.refuse(user, handover.participant, "handover")
    except ValidationError as exc:
        for errs in exc.message_dict.values():
            for e in errs:
                messages.error(request, e)
    else:
        messages.success(request, _("Done."))
    if role == "newcomer":
        return redirect("handovers:portal")
    return redirect("handovers:detail", handover_id=handover.public_id)


@login_required
def portal(request: HttpRequest) -> HttpResponse:
    """The newcomer's purposes: what is shared with whom, for which purpose, on which ground."""
    user = _user(request)
    if not user.is_participant:
        raise PermissionDenied
    own = file_access.visible_participants(user).first()
    if own is None:
        raise Http404
    participant = file_access.get_participant(user, own.public_id, what="portal purposes")
    return render(
        request,
        "handovers/portal.html",
        {
            "p": participant,
            "consents": participant.consents.filter(withdrawn_at__isnull=True).select_related(
                "recipient"
            ),
            "handovers": handovers_for(user).select_related("to_coach", "to_organisation"),
            "purposes": [(p, PURPOSES[p]) for p in Purpose],
        },
    )


@login_required
def link_scope(request: HttpRequest, public_id: UUID, link_id: int) -> HttpResponse:
    user = _user(request)
    action = Action.UPDATE if request.method == "POST" else Action.VIEW
    participant = file_access.get_case_file(
        user, public_id, what="coaches", action=action, manage=True
    )
    link = participant.coach_links.filter(pk=link_id).select_related("coach").first()
    if link is None:
        raise Http404
    form = LinkScopeForm(
        request.POST or None,
        initial={
            "purpose": link.purpose,
            "read_sections": link.read_sections,
            "edit_sections": link.edit_sections,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        actions.set_link_scope(
            user,
            participant,
            link,
            purpose=data["purpose"],
            read=data["read_sections"],
            edit=data["edit_sections"],
        )
        messages.success(request, _("Scope saved."))
        return redirect("participants:detail", public_id=participant.public_id)
    return render(
        request,
        "participants/edit_section.html",
        {
            "p": participant,
            "form": form,
            "title": _("What this linked coach may read and edit"),
        },
    )


@login_required
def reassign(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not actions.may_reassign(user):
        raise PermissionDenied
    form = ReassignForm(request.POST or None, user=user)
    context: dict[str, Any] = {"form": form}
    if request.method == "POST" and form.is_valid():
        leaving = form.cleaned_data["leaving"]
        receivers = list(form.cleaned_data["receivers"])
        try:
            proposal = actions.propose_distribution(user, leaving, receivers)
        except ValidationError as exc:
            _errors(form, exc)
            return render(request, "handovers/reassign.html", context)
        if "confirm" in request.POST:
            # The coordinator's choice per file (the preview's proposal unless changed); a file
            # left on "stays" is not moved. The action refuses any coach who may not hold it.
            by_pk = {str(c.pk): c for c in receivers}
            chosen = {
                p.pk: by_pk.get(request.POST.get(f"to_{p.public_id}", "")) for p, _c in proposal
            }
            assignments = {pk: coach for pk, coach in chosen.items() if coach is not None}
            moved, _refused = actions.reassign_caseload(user, leaving, assignments)
            messages.success(request, _("%(count)d file(s) moved.") % {"count": len(moved)})
            stayed = len(proposal) - len(moved)
            if stayed:
                messages.warning(
                    request,
                    _(
                        "%(count)d file(s) stayed with the leaving coach (not chosen, or another "
                        "organisation's files, which need a handover)."
                    )
                    % {"count": stayed},
                )
            return redirect("handovers:overview")
        context.update(_preview(proposal, receivers))
    return render(request, "handovers/reassign.html", context)


def _preview(
    proposal: list[tuple[Participant, User | None]], receivers: list[User]
) -> dict[str, Any]:
    rows = [
        {
            "p": p,
            "proposed": coach,
            "choices": [r for r in receivers if actions.may_receive(r, p)],
        }
        for p, coach in proposal
    ]
    totals = []
    for r in receivers:
        now = Participant.objects.filter(regiehouder=r).count()
        extra = sum(1 for _p, coach in proposal if coach is not None and coach.pk == r.pk)
        totals.append({"coach": r, "now": now, "extra": extra, "after": now + extra})
    return {"rows": rows, "totals": totals}


@login_required
def export_section(request: HttpRequest, section: str) -> HttpResponse:
    """One section of the caseload as CSV: only files whose section the coach may read; every
    file left out is logged as a refusal, every file exported as an export."""
    user = _user(request)
    if not user.is_coach or section not in SECTIONS:
        raise Http404
    fields = section_fields(section)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{section}.csv"'
    writer = csv.writer(response)
    writer.writerow(["participant_number", *fields])
    exported: list[Participant] = []
    for participant in file_access.visible_participants(user).order_by("number"):
        if not file_access.scope_of(user, participant).may(section):
            log.record(user, participant, Action.DENIED, f"export {section}")
            continue
        exported.append(participant)
        writer.writerow([participant.number, *(_cell(participant, f) for f in fields)])
    log.record_many(user, exported, Action.EXPORT, f"export {section}")
    return response


def _cell(participant: Participant, name: str) -> str:
    value = getattr(participant, name)
    return "" if value is None else str(value)
