"""Pages of "My data" (the newcomer), the request queue (administrators decide, the privacy
officer reads) and published reports (analysts publish). Thin: the rules are in ``actions``,
``export`` and ``reports``; every read of a file goes through ``participants.access``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from werkpad.accounts.models import User
from werkpad.audit import log
from werkpad.audit.models import Action
from werkpad.participants import access
from werkpad.participants.models import Participant

from . import actions, export, reports
from .forms import CorrectionForm, DecisionForm, ErasureForm, PublishForm
from .models import DataRequest, PublishedReport, RequestKind, RequestState
from .retention import rules_on

RTL = frozenset({"ar", "fa", "ps", "ckb", "ur"})


def _own_file(
    request: HttpRequest, *, what: str, action: str = Action.VIEW
) -> tuple[User, Participant]:
    user = request.user
    if not isinstance(user, User) or not user.is_participant:
        raise PermissionDenied
    own = access.visible_participants(user).first()
    if own is None:
        raise Http404
    return user, access.get_participant(user, own.public_id, what=what, action=action)


def _apply_errors(form: Any, exc: ValidationError) -> None:
    for field, errs in exc.message_dict.items():
        for e in errs:
            form.add_error(field if field in form.fields else None, e)


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    """ "Mijn gegevens": download my data, ask for a correction or erasure, see my requests."""
    correction, erasure = CorrectionForm(prefix="c"), ErasureForm(prefix="e")
    if request.method == "POST":
        user, participant = _own_file(request, what="my data", action=Action.CREATE)
        form: CorrectionForm | ErasureForm = (
            ErasureForm(request.POST, prefix="e")
            if request.POST.get("e-kind") == RequestKind.ERASURE
            else CorrectionForm(request.POST, prefix="c")
        )
        if form.is_valid():
            try:
                made = actions.make_request(
                    user, participant, form.cleaned_data["kind"], form.cleaned_data["text"]
                )
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("We received your request. You get an answer before %(date)s.")
                    % {"date": _date(made.due_on)},
                )
                return redirect("portal:my_data")
        if isinstance(form, ErasureForm):
            erasure = form
        else:
            correction = form
    else:
        user, participant = _own_file(request, what="my data")
    return render(
        request,
        "privacy/my_data.html",
        {
            "p": participant,
            "correction": correction,
            "erasure": erasure,
            "requests": participant.data_requests.exclude(kind=RequestKind.ACCESS),
        },
    )


def _date(d: Any) -> str:
    from django.utils.formats import date_format

    return date_format(d, "j F Y")


@login_required
def my_data_json(request: HttpRequest) -> HttpResponse:
    user, participant = _own_file(request, what="my data (json)", action=Action.EXPORT)
    data = export.my_data(participant)
    actions.record_download(user, participant, "json")
    response = HttpResponse(export.to_json(data), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return response


@login_required
def my_data_page(request: HttpRequest) -> HttpResponse:
    user, participant = _own_file(request, what="my data (page)", action=Action.EXPORT)
    actions.record_download(user, participant, "page")
    return render(request, "privacy/my_data_page.html", {"data": export.my_data(participant)})


@login_required
def my_data_pdf(request: HttpRequest) -> HttpResponse:
    from weasyprint import HTML

    user, participant = _own_file(request, what="my data (pdf)", action=Action.EXPORT)
    language = translation.get_language() or "nl"
    html = render_to_string(
        "privacy/my_data_print.html",
        {"data": export.my_data(participant), "language": language, "rtl": language in RTL},
    )
    actions.record_download(user, participant, "pdf")
    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="my-data-{language}.pdf"'
    return response


# --- The queue ----------------------------------------------------------------------------------


def _queue_user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not actions.may_read_queue(user):
        raise PermissionDenied
    return user


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    user = _queue_user(request)
    state = request.GET.get("state", RequestState.OPEN)
    if state not in RequestState.values and state != "all":
        state = RequestState.OPEN
    qs = DataRequest.objects.select_related("participant", "decided_by")
    if state != "all":
        qs = qs.filter(state=state)
    rows = list(qs[:500])
    log.record_many(user, [r.participant for r in rows], Action.LIST, "data requests")
    return render(
        request,
        "privacy/queue.html",
        {
            "rows": rows,
            "state": state,
            "states": [("all", _("All")), *RequestState.choices],
            "today": timezone.localdate(),
            "may_decide": actions.may_decide(user),
        },
    )


def _get_request(user: User, public_id: object, action: str = Action.VIEW) -> DataRequest:
    try:
        found = DataRequest.objects.select_related("participant").get(public_id=public_id)
    except (DataRequest.DoesNotExist, ValueError, ValidationError):
        raise Http404 from None
    log.record(user, found.participant, action, "data request")
    return found


@login_required
def request_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    user = _queue_user(request)
    if request.method == "POST":
        if not actions.may_decide(user):
            raise PermissionDenied
        found = _get_request(user, public_id, Action.UPDATE)
        form = DecisionForm(request.POST)
        if form.is_valid():
            try:
                actions.decide(
                    user,
                    found,
                    grant=form.cleaned_data["decision"] == "grant",
                    ground=form.cleaned_data["ground"],
                    note=form.cleaned_data["note"],
                )
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("The decision is recorded."))
                return redirect("privacy:queue")
    else:
        found = _get_request(user, public_id)
        form = DecisionForm()
    holds = [r for r in rules_on(timezone.localdate()).values() if r.legal_duty]
    return render(
        request,
        "privacy/request.html",
        {
            "r": found,
            "form": form,
            "may_decide": actions.may_decide(user) and found.state == RequestState.OPEN,
            "show_text": actions.may_decide(user),
            "holds": holds,
            "anonymised": hasattr(found.participant, "anonymisation"),
        },
    )


# --- Retention settings (read-only page) ----------------------------------------------------------


@login_required
def retention(request: HttpRequest) -> HttpResponse:
    _queue_user(request)
    return render(
        request,
        "privacy/retention.html",
        {"rules": list(rules_on(timezone.localdate()).values())},
    )


# --- Published reports --------------------------------------------------------------------------


@login_required
def published(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not isinstance(user, User) or not reports.may_read(user):
        raise PermissionDenied
    form = PublishForm()
    if request.method == "POST":
        if not reports.may_publish(user):
            raise PermissionDenied
        form = PublishForm(request.POST)
        if form.is_valid():
            try:
                report = reports.publish(
                    user, form.cleaned_data["kind"], form.cleaned_data["peildatum"]
                )
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("Published: %(t)s.") % {"t": report.title})
                return redirect("privacy:reports")
    return render(
        request,
        "privacy/reports.html",
        {
            "reports": PublishedReport.objects.select_related("published_by")[:200],
            "form": form,
            "may_publish": reports.may_publish(user),
        },
    )


@login_required
def published_payload(request: HttpRequest, public_id: str) -> HttpResponse:
    user = request.user
    if not isinstance(user, User) or not reports.may_read(user):
        raise PermissionDenied
    try:
        report = PublishedReport.objects.get(public_id=public_id)
    except (PublishedReport.DoesNotExist, ValueError, ValidationError):
        raise Http404 from None
    response = HttpResponse(report.payload, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="report-{report.public_id}.json"'
    return response
