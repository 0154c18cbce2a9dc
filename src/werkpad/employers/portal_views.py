"""The employer portal: an employer contact's own vacancies, candidates and TWV status.

Everything shown here comes from ``access``: the employer's own records and pseudonymous
:class:`~werkpad.employers.access.CandidateProfile` values. No ``Participant`` reaches a template.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from werkpad.accounts.models import User

from . import access, actions
from .choices import VacancyStatus
from .forms import ContactRequestForm, VacancyForm
from .models import Employer, EmployerReason, Shortlist


def _employer(request: HttpRequest) -> tuple[User, Employer]:
    user = request.user
    if not isinstance(user, User) or not user.is_employer:
        raise PermissionDenied
    employer = access.employer_of(user)
    if employer is None:
        raise PermissionDenied
    return user, employer


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user, employer = _employer(request)
    vacancies = list(access.vacancies_for(user).order_by("status", "-created_at"))
    counts: dict[int, int] = {}
    for entry in access.shortlists_for(user).values("vacancy_id"):
        counts[entry["vacancy_id"]] = counts.get(entry["vacancy_id"], 0) + 1
    return render(
        request,
        "employers/portal/home.html",
        {
            "employer": employer,
            "vacancies": [(v, counts.get(v.pk, 0)) for v in vacancies],
            "contact_form": ContactRequestForm(),
        },
    )


@login_required
def vacancy_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    user, employer = _employer(request)
    vacancy = access.get_or_404(access.vacancies_for(user), pk=pk) if pk else None
    form = VacancyForm(request.POST or None, instance=vacancy, employer=employer, for_employer=True)
    if request.method == "POST" and form.is_valid():
        changes = form.changes()
        intent = request.POST.get("intent", "draft")
        changes["status"] = {
            "submit": VacancyStatus.OPEN,
            "close": VacancyStatus.CLOSED,
            "draft": VacancyStatus.DRAFT,
        }.get(intent, VacancyStatus.DRAFT)
        if intent == "keep" and vacancy is not None:
            changes.pop("status")
        elif (
            vacancy is not None
            and vacancy.status == VacancyStatus.FILLED
            and changes["status"] != VacancyStatus.CLOSED
        ):
            # A filled vacancy has placements behind it: only the account manager reopens it.
            changes.pop("status")
            messages.info(
                request, _("This vacancy is filled; ask your account manager to reopen it.")
            )
        try:
            vacancy = actions.save_vacancy(user, employer, vacancy, changes)
        except ValidationError as exc:
            for name, errors in getattr(exc, "message_dict", {"": exc.messages}).items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            if vacancy.status == VacancyStatus.OPEN:
                messages.success(request, _("Vacancy submitted: it is open for candidates."))
            else:
                messages.success(request, _("Vacancy saved."))
            return redirect("employers:portal_vacancy", pk=vacancy.pk)
    return render(
        request,
        "employers/portal/vacancy_form.html",
        {"form": form, "employer": employer, "vacancy": vacancy},
    )


@login_required
def vacancy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user, employer = _employer(request)
    vacancy = access.get_or_404(access.vacancies_for(user), pk=pk)
    profiles = [
        access.candidate_profile_for(user, entry)
        for entry in access.shortlists_for(user).filter(vacancy=vacancy)
    ]
    return render(
        request,
        "employers/portal/vacancy_detail.html",
        {
            "employer": employer,
            "vacancy": vacancy,
            "profiles": profiles,
            "reasons": EmployerReason.choices,
        },
    )


@login_required
def twv_list(request: HttpRequest) -> HttpResponse:
    user, employer = _employer(request)
    today = timezone.localdate()
    rows = access.twv_rows(user, access.twv_for(user), today)
    return render(
        request,
        "employers/portal/twv_list.html",
        {"employer": employer, "rows": rows, "today": today},
    )


@login_required
@require_POST
def request_contact(request: HttpRequest) -> HttpResponse:
    user, employer = _employer(request)
    form = ContactRequestForm(request.POST)
    if form.is_valid():
        actions.request_contact(user, employer, form.cleaned_data["notes"])
        messages.success(request, _("Your account manager will contact you."))
    else:
        messages.error(request, _("Tell us briefly what you would like to discuss."))
    return redirect("employers:portal_home")


def _entry_by_ref(user: User, vacancy_pk: int, ref: str) -> Shortlist:
    """The shortlist entry behind an employer's candidate reference (404 when not theirs)."""
    for entry in access.shortlists_for(user).filter(vacancy_id=vacancy_pk):
        withdrawals = access.profile_withdrawals(
            entry.participant_id, entry.vacancy.employer.organisation_id
        )
        if access.employer_ref(entry, withdrawals) == ref:
            return entry
    raise Http404


@login_required
@require_POST
def respond(request: HttpRequest, pk: int, ref: str) -> HttpResponse:
    """Invite a candidate for an interview, or decline (with a reason): data for matching."""
    user = _employer(request)[0]
    vacancy = access.get_or_404(access.vacancies_for(user), pk=pk)
    entry = _entry_by_ref(user, vacancy.pk, ref[:64])
    try:
        actions.respond(
            user,
            entry,
            decision=request.POST.get("decision", "")[:10],
            reason_code=request.POST.get("reason_code", "")[:20],
            reason=request.POST.get("reason", "")[:500],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your answer is recorded; your account manager sees it."))
    return redirect(reverse("employers:portal_vacancy", args=[vacancy.pk]) + "#candidates")
