"""Employer desk pages for coaches (account managers). Thin: parse, call access or an action, render."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from werkpad.accounts.models import User
from werkpad.participants import access as participant_access
from werkpad.participants.actions import log_list

from . import access, actions, imports, tabular, terms
from .checklist import items as checklist_items
from .choices import EmployerKind, Sector, ShortlistStatus, TwvStatus, VacancyStatus
from .forms import (
    ContactDoneForm,
    EmployerForm,
    EndPlacementForm,
    ImportForm,
    LocationForm,
    PlacementForm,
    ShortlistForm,
    TwvDecideForm,
    TwvPrepareForm,
    TwvSubmitForm,
    VacancyForm,
)
from .models import EmployerLocation

DASHBOARD_DAYS_AHEAD = 14


def _coach(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not user.is_coach:
        raise PermissionDenied
    return user


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _apply_errors(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _page(request: HttpRequest, qs: Any) -> Any:
    return Paginator(qs, settings.WERKPAD_PAGE_SIZE).get_page(request.GET.get("page"))


def _querystring(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


# --- employers ------------------------------------------------------------------------------------


@login_required
def employer_list(request: HttpRequest) -> HttpResponse:
    user = _coach(request)
    qs = (
        access.employers_for(user)
        .annotate(open_vacancies=Count("vacancies", filter=Q(vacancies__status=VacancyStatus.OPEN)))
        .order_by("organisation__name", "pk")
    )
    sector, kind, q = (request.GET.get(k, "") for k in ("sector", "kind", "q"))
    if sector:
        qs = qs.filter(sector=sector)
    if kind:
        qs = qs.filter(kind=kind)
    if q:
        qs = qs.filter(organisation__name__icontains=q[:100])
    return render(
        request,
        "employers/employer_list.html",
        {
            "page": _page(request, qs),
            "sectors": Sector.choices,
            "kinds": EmployerKind.choices,
            "sector": sector,
            "kind": kind,
            "q": q,
            "querystring": _querystring(request),
        },
    )


@login_required
def employer_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    user = _coach(request)
    employer = access.get_or_404(access.employers_for(user), pk=pk) if pk else None
    form = EmployerForm(request.POST or None, instance=employer)
    if request.method == "POST" and form.is_valid():
        changes = form.changes()
        try:
            if employer is None:
                name = changes.pop("name")
                employer = actions.create_employer(user, name=name, **changes)
                messages.success(request, _("Employer added."))
            else:
                actions.update_employer(user, employer, changes)
                messages.success(request, _("Employer saved."))
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            return redirect("employers:employer_detail", pk=employer.pk)
    return render(request, "employers/employer_form.html", {"form": form, "employer": employer})


@login_required
def employer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _coach(request)
    employer = access.get_or_404(access.employers_for(user), pk=pk)
    today = timezone.localdate()
    visible_ids = set(participant_access.visible_participants(user).values_list("pk", flat=True))
    placements = list(
        access.placements_for(user).filter(employer=employer).select_related("participant")
    )
    log_list(
        user, [pl.participant for pl in placements if pl.participant_id in visible_ids], "employer"
    )
    return render(
        request,
        "employers/employer_detail.html",
        {
            "employer": employer,
            "locations": employer.locations.all(),
            "vacancies": access.vacancies_for(user).filter(employer=employer),
            "placements": placements,
            "visible_ids": visible_ids,
            "moments": employer.contact_moments.filter(done_on__isnull=True).order_by("due_on")[
                :10
            ],
            "check_ins": _employer_check_ins(employer),
            "contacts": employer.organisation.users.filter(is_active=True),
            "today": today,
        },
    )


@login_required
def location_edit(request: HttpRequest, pk: int, location_pk: int | None = None) -> HttpResponse:
    user = _coach(request)
    employer = access.get_or_404(access.employers_for(user), pk=pk)
    location = (
        access.get_or_404(EmployerLocation.objects.filter(employer=employer), pk=location_pk)
        if location_pk
        else None
    )
    form = LocationForm(request.POST or None, instance=location)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_location(user, employer, location, form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Location saved."))
            return redirect("employers:employer_detail", pk=employer.pk)
    return render(
        request,
        "employers/location_form.html",
        {"form": form, "employer": employer, "location": location},
    )


# --- vacancies ------------------------------------------------------------------------------------


@login_required
def vacancy_list(request: HttpRequest) -> HttpResponse:
    user = _coach(request)
    qs = access.vacancies_for(user)
    status = request.GET.get("status", VacancyStatus.OPEN)
    sector = request.GET.get("sector", "")
    if status:
        qs = qs.filter(status=status)
    if sector:
        qs = qs.filter(sector=sector)
    qs = qs.annotate(candidates=Count("shortlist")).order_by("-created_at", "-id")
    return render(
        request,
        "employers/vacancy_list.html",
        {
            "page": _page(request, qs),
            "statuses": VacancyStatus.choices,
            "sectors": Sector.choices,
            "status": status,
            "sector": sector,
            "querystring": _querystring(request),
        },
    )


@login_required
def vacancy_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    user = _coach(request)
    if pk:
        vacancy = access.get_or_404(access.vacancies_for(user), pk=pk)
        employer = vacancy.employer
    else:
        vacancy = None
        employer_id = request.GET.get("employer") or request.POST.get("employer_id")
        employer = access.get_or_404(access.employers_for(user), pk=employer_id)
    form = VacancyForm(request.POST or None, instance=vacancy, employer=employer)
    if request.method == "POST" and form.is_valid():
        try:
            vacancy = actions.save_vacancy(user, employer, vacancy, form.changes())
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Vacancy saved."))
            return redirect("employers:vacancy_detail", pk=vacancy.pk)
    return render(
        request,
        "employers/vacancy_form.html",
        {"form": form, "employer": employer, "vacancy": vacancy},
    )


@login_required
def vacancy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _coach(request)
    vacancy = access.get_or_404(access.vacancies_for(user), pk=pk)
    entries = list(
        access.shortlists_for(user).filter(vacancy=vacancy).select_related("participant")
    )
    visible = participant_access.visible_participants(user)
    log_list(user, [e.participant for e in entries], "vacancy shortlist")
    rows = [
        {
            "entry": e,
            "consented": access.has_profile_consent(
                e.participant_id, vacancy.employer.organisation_id
            ),
            "pseudonym_code": access.pseudonym_code(e),
        }
        for e in entries
    ]
    choices = visible.exclude(shortlists__vacancy=vacancy).order_by("last_name", "first_name")
    form = ShortlistForm(participants=choices)
    # The "add to shortlist" list shows the name and number of everyone the coach may see.
    log_list(user, choices, "vacancy form")
    hidden = vacancy.shortlist.count() - len(entries)
    return render(
        request,
        "employers/vacancy_detail.html",
        {
            "vacancy": vacancy,
            "rows": rows,
            "hidden": hidden,
            "form": form,
            "statuses": ShortlistStatus.choices,
        },
    )


@login_required
@require_POST
def shortlist_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = _coach(request)
    vacancy = access.get_or_404(access.vacancies_for(user), pk=pk)
    participant_access.refuse_if_hidden(user, request.POST.get("participant"), "shortlist")
    form = ShortlistForm(request.POST, participants=participant_access.visible_participants(user))
    if form.is_valid():
        participant = participant_access.get_participant(
            user, form.cleaned_data["participant"].public_id, what="shortlist", action="update"
        )
        try:
            actions.shortlist(user, vacancy, participant, form.cleaned_data["reason"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Added to the shortlist."))
    else:
        messages.error(request, _("Choose a participant from the list."))
    return redirect("employers:vacancy_detail", pk=vacancy.pk)


@login_required
@require_POST
def shortlist_status(request: HttpRequest, ref: UUID) -> HttpResponse:
    user = _coach(request)
    entry = access.get_shortlist(user, ref)
    try:
        actions.set_shortlist_status(
            user, entry, request.POST.get("status", ""), request.POST.get("reason", "")[:2000]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Status saved."))
    return redirect("employers:vacancy_detail", pk=entry.vacancy_id)


# --- TWV ------------------------------------------------------------------------------------------


@login_required
def twv_list(request: HttpRequest) -> HttpResponse:
    user = _coach(request)
    status = request.GET.get("status", "active")
    qs = access.twv_for(user)
    if status == "active":
        qs = qs.filter(status__in=(TwvStatus.PREPARED, TwvStatus.SUBMITTED))
    elif status:
        qs = qs.filter(status=status)
    today = timezone.localdate()
    rows = access.twv_rows(user, qs, today)
    return render(
        request,
        "employers/twv_list.html",
        {
            "rows": rows,
            "status": status,
            "statuses": TwvStatus.choices,
            "overdue_count": sum(1 for r in rows if r.overdue),
            "today": today,
        },
    )


@login_required
def twv_new(request: HttpRequest) -> HttpResponse:
    user = _coach(request)
    participants = participant_access.visible_participants(user).order_by("last_name")
    vacancies = access.vacancies_for(user).filter(
        status__in=(VacancyStatus.OPEN, VacancyStatus.FILLED)
    )
    initial: dict[str, Any] = {}
    ref = request.GET.get("shortlist")
    if ref:
        entry = access.get_shortlist(user, ref)
        initial = {"participant": entry.participant.public_id, "vacancy": entry.vacancy_id}
    elif request.GET.get("participant"):
        initial = {"participant": request.GET["participant"]}
    if request.method == "POST":
        participant_access.refuse_if_hidden(user, request.POST.get("participant"), "twv")
    form = TwvPrepareForm(
        request.POST or None, participants=participants, vacancies=vacancies, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        participant = participant_access.get_participant(
            user, form.cleaned_data["participant"].public_id, what="twv", action="update"
        )
        vacancy = form.cleaned_data["vacancy"]
        try:
            twv = actions.prepare_twv(
                user,
                participant,
                vacancy.employer,
                vacancy=vacancy,
                prepared_on=form.cleaned_data["prepared_on"],
                notes=form.cleaned_data["notes"],
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("TWV application prepared."))
            return redirect("employers:twv_detail", ref=twv.public_id)
    # The participant list shows the name and number of everyone the coach may see.
    log_list(user, participants, "twv form")
    return render(request, "employers/twv_new.html", {"form": form})


def _twv_for_coach(user: User, ref: UUID) -> Any:
    return access.get_twv(user, ref)


@login_required
def twv_detail(request: HttpRequest, ref: UUID) -> HttpResponse:
    user = _coach(request)
    twv = _twv_for_coach(user, ref)
    today = timezone.localdate()
    row = access.twv_rows(user, access.twv_for(user).filter(pk=twv.pk), today)[0]
    return render(
        request,
        "employers/twv_detail.html",
        {
            "twv": twv,
            "row": row,
            "submit_form": TwvSubmitForm(),
            "decide_form": TwvDecideForm(),
            "today": today,
        },
    )


@login_required
@require_POST
def twv_step(request: HttpRequest, ref: UUID, step: str) -> HttpResponse:
    user = _coach(request)
    twv = _twv_for_coach(user, ref)
    if step == "submit":
        form: Any = TwvSubmitForm(request.POST, twv=twv)
    elif step == "decide":
        form = TwvDecideForm(request.POST, twv=twv)
    else:
        raise Http404
    if form.is_valid():
        data = form.cleaned_data
        try:
            if step == "submit":
                actions.submit_twv(user, twv, data["submitted_on"], data["uwv_reference"])
            else:
                actions.decide_twv(user, twv, data["outcome"], data["decided_on"])
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("TWV status saved."))
            return redirect("employers:twv_detail", ref=twv.public_id)
    messages.error(request, _("Not saved: please correct the fields marked below."))
    today = timezone.localdate()
    row = access.twv_rows(user, access.twv_for(user).filter(pk=twv.pk), today)[0]
    return render(
        request,
        "employers/twv_detail.html",
        {
            "twv": twv,
            "row": row,
            "submit_form": form if step == "submit" else TwvSubmitForm(),
            "decide_form": form if step == "decide" else TwvDecideForm(),
            "today": today,
        },
        status=400,
    )


@login_required
def checklist(request: HttpRequest) -> HttpResponse:
    """Printable list of what the UWV needs for a TWV, in Dutch and English (coaches, employers)."""
    user = _user(request)
    if not (user.is_coach or user.is_employer):
        raise PermissionDenied
    example = terms.expected_twv_decision(timezone.localdate())
    return render(
        request,
        "employers/twv_checklist.html",
        {"terms": example, "items": checklist_items(example)},
    )


# --- placements -----------------------------------------------------------------------------------


@login_required
def placement_new(request: HttpRequest, public_id: UUID) -> HttpResponse:
    user = _coach(request)
    if request.method == "POST":
        participant = participant_access.get_participant(
            user, public_id, what="placement", action="update"
        )
    else:
        participant = participant_access.get_participant(user, public_id, what="placement")
    initial: dict[str, Any] = {"start_date": timezone.localdate()}
    vacancy_id = request.GET.get("vacancy")
    if vacancy_id:
        vacancy = access.get_or_404(access.vacancies_for(user), pk=vacancy_id)
        initial.update(
            employer=vacancy.employer_id,
            vacancy=vacancy.pk,
            hours_per_week=vacancy.hours_per_week,
            wage_hourly=vacancy.wage_hourly,
            contract_months=vacancy.contract_months,
            hours_kind="flexible" if vacancy.roster_flexible else "fixed",
            zero_hours=vacancy.contract_kind == "on_call",
            found_via="service",
        )
    form = PlacementForm(request.POST or None, initial=initial, participant=participant)
    if request.method == "POST" and form.is_valid():
        data = form.changes()
        try:
            placement = actions.register_placement(
                user,
                participant,
                employer=data.pop("employer"),
                vacancy=data.pop("vacancy"),
                **data,
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("Placement registered; its enrolment moved to startbaan and aftercare planned."),
            )
            return redirect("employers:placement_detail", ref=placement.public_id)
    return render(request, "employers/placement_form.html", {"form": form, "p": participant})


@login_required
def placement_detail(request: HttpRequest, ref: UUID) -> HttpResponse:
    user = _coach(request)
    placement = access.get_placement(user, ref)
    visible = participant_access.visible_participants(user).filter(pk=placement.participant_id)
    named = visible.exists()
    if named:
        participant_access.get_participant(user, placement.participant.public_id, what="placement")
    form = EndPlacementForm(request.POST or None, placement=placement)
    if not named:
        # An account manager may end the placement at their employer, but not change the status
        # of a participant whose file they may not open.
        del form.fields["new_status"]
    if request.method == "POST" and form.is_valid():
        try:
            actions.end_placement(
                user,
                placement,
                end_date=form.cleaned_data["end_date"],
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
                new_status=form.cleaned_data.get("new_status", ""),
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Placement ended."))
            return redirect("employers:placement_detail", ref=placement.public_id)
    return render(
        request,
        "employers/placement_detail.html",
        {
            "placement": placement,
            "named": named,
            "form": form,
            "check_ins": _placement_check_ins(placement),
        },
    )


def _employer_check_ins(employer: Any) -> list[Any]:
    """The next open aftercare check-ins with this employer (pathway's employer track)."""
    from werkpad.pathway.models import AftercareCheckIn

    return list(
        AftercareCheckIn.objects.filter(
            schedule__placement__employer=employer, track="employer", done_on__isnull=True
        )
        .select_related("schedule__placement", "owner")
        .order_by("due_on")[:10]
    )


def _placement_check_ins(placement: Any) -> list[Any]:
    schedule = getattr(placement, "aftercare", None)
    return list(schedule.check_ins.all()) if schedule is not None else []


# --- account manager's dashboard ------------------------------------------------------------------


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """The account manager's aftercare list: the employer track of the placements at employers
    they manage (pathway's aftercare, one owner), filtered and paged; employer contacts asked for
    by employers; TWV applications past their term."""
    from werkpad.pathway import aftercare
    from werkpad.pathway.care_choices import CheckInPhase, CheckInTrack

    user = _coach(request)
    today = timezone.localdate()
    horizon = today + timedelta(days=DASHBOARD_DAYS_AHEAD)
    managed = access.employers_for(user).filter(account_manager=user)
    check_ins = (
        aftercare.check_ins_for(user)
        .filter(track=CheckInTrack.EMPLOYER)
        .filter(Q(owner=user) | Q(schedule__placement__employer__account_manager=user))
        .select_related("schedule__placement__employer", "schedule__participant")
    )
    employer = request.GET.get("employer", "")
    if employer.isdigit():
        check_ins = check_ins.filter(schedule__placement__employer_id=int(employer))
    phase = request.GET.get("phase", "")
    if phase in CheckInPhase.values:
        check_ins = check_ins.filter(phase=phase)
    when = request.GET.get("when", "due")
    if when == "overdue":
        check_ins = check_ins.filter(done_on__isnull=True, due_on__lt=today)
    elif when == "open":
        check_ins = check_ins.filter(done_on__isnull=True)
    elif when == "done":
        check_ins = check_ins.filter(done_on__isnull=False).order_by("-done_on", "-id")
    else:
        when = "due"
        check_ins = check_ins.filter(done_on__isnull=True, due_on__lte=horizon)
    page = _page(request, check_ins.distinct())
    rows = list(page.object_list)
    named = aftercare.named_ids(user, {c.schedule.participant_id for c in rows})
    if named:
        log_list(
            user,
            [c.schedule.participant for c in rows if c.schedule.participant_id in named],
            "aftercare list",
        )
    requests = (
        access.contact_moments_for(user)
        .filter(done_on__isnull=True, requested_by_employer=True)
        .select_related("employer__organisation")
    )
    twv_rows = [
        r
        for r in access.twv_rows(
            user, access.twv_for(user).filter(status=TwvStatus.SUBMITTED), today
        )
        if r.overdue
    ]
    return render(
        request,
        "employers/dashboard.html",
        {
            "page": page,
            "rows": [(c, c.schedule.participant_id in named) for c in rows],
            "querystring": _querystring(request),
            "requests": requests,
            "twv_rows": twv_rows,
            "today": today,
            "horizon": horizon,
            "form": ContactDoneForm(),
            "employers": managed,
            "filter_employer": employer,
            "filter_phase": phase,
            "filter_when": when,
            "phases": CheckInPhase.choices,
        },
    )


@login_required
@require_POST
def contact_done(request: HttpRequest, pk: int) -> HttpResponse:
    user = _coach(request)
    moment = access.get_or_404(access.contact_moments_for(user), pk=pk)
    form = ContactDoneForm(request.POST)
    if form.is_valid():
        try:
            actions.record_contact(
                user, moment, form.cleaned_data["done_on"], form.cleaned_data["notes"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Contact recorded."))
    else:
        messages.error(request, _("Enter the date of the contact."))
    return redirect("employers:dashboard")


# --- import and export ----------------------------------------------------------------------------


@login_required
def export_table(request: HttpRequest, what: str, fmt: str) -> HttpResponse:
    """Employers or vacancies as CSV/XLSX. Employer contacts get only their own records.

    Exports contain no participant data at all.
    """
    user = request.user
    if not isinstance(user, User) or not (user.is_coach or user.is_employer):
        raise PermissionDenied
    if what == "employers":
        # Internal fields (coaches' notes, the account manager's user name) stay with coaches.
        rows = tabular.employer_rows(
            access.employers_for(user).prefetch_related("locations"), internal=user.is_coach
        )
    elif what == "vacancies":
        rows = tabular.vacancy_rows(access.vacancies_for(user))
    else:
        raise Http404
    header = [name for name, _doc in tabular.COLUMNS[what]]
    stamp = timezone.localdate().isoformat()
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
    response["Content-Disposition"] = f'attachment; filename="werkpad-{what}-{stamp}.{fmt}"'
    return response


@login_required
def import_view(request: HttpRequest) -> HttpResponse:
    """Upload, check and import a file: every bad row reported and nothing written, or all of it.

    The engine (``imports.run``) only reads until the file is known to be good, then writes every
    change in one short transaction; see ``employers/imports.py``.
    """
    user = _coach(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[tabular.RowError] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        what = form.cleaned_data["what"]
        try:
            outcome = imports.run(user, what, upload.name, upload.read())
        except imports.FileProblem as exc:
            form.add_error("file", str(exc))
        else:
            errors = outcome.errors
            if outcome.result is not None:
                result = outcome.result
                messages.success(
                    request,
                    _("Import done: %(new)d new, %(changed)d changed, %(unchanged)d unchanged.")
                    % {
                        "new": result.new,
                        "changed": result.changed,
                        "unchanged": result.unchanged,
                    },
                )
                return redirect(
                    "employers:employer_list" if what == "employers" else "employers:vacancy_list"
                )
            messages.error(
                request, _("Nothing was imported: correct the rows below and try again.")
            )
    return render(
        request,
        "employers/import.html",
        {
            "form": form,
            "errors": errors,
            "max_rows": settings.IMPORT_MAX_ROWS,
            "max_mb": settings.IMPORT_MAX_MB,
            "employer_columns": tabular.EMPLOYER_COLUMNS,
            "vacancy_columns": tabular.VACANCY_COLUMNS,
        },
        status=400 if errors or form.errors else 200,
    )
