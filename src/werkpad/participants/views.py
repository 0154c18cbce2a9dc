"""Participant pages for coaches. Thin: parse, call the access layer or an action, render."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any
from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from werkpad.accounts.models import Organisation, User
from werkpad.audit.models import Action
from werkpad.eligibility.columns import waiting_period
from werkpad.places.models import Municipality

from . import access, actions
from .caseload import SORTS, CaseloadFilter
from .choices import LanguageLevel, ParticipantStatus, Phase
from .forms import SECTION_FORMS, ConsentForm, LinkCoachForm, RegiehouderForm, StatusForm
from .intake import STEPS, StepForms, next_step, previous_step
from .models import INTAKE_STEPS, Participant
from .purposes import ROW_SECTIONS
from .rows import ROW_KINDS
from .sections import build_related, build_sections

SESSION_SEARCH_KEY = "werkpad.caseload.q"


def _coach(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not user.is_coach:
        raise PermissionDenied
    return user


def _file(
    request: HttpRequest,
    public_id: UUID,
    what: str,
    action: str = Action.VIEW,
    *,
    section: str | None = None,
    edit: bool = False,
    manage: bool = False,
) -> tuple[User, Participant]:
    """The coach and one file, logged. To anyone but a coach a file simply does not exist (404,
    logged as refused by the access layer); so is a section outside the coach's scope."""
    user = request.user
    if not isinstance(user, User):
        raise Http404
    return user, access.get_case_file(
        user, public_id, what=what, action=action, section=section, edit=edit, manage=manage
    )


def _narrowed(flt: CaseloadFilter) -> bool:
    """Whether the filter leaves out some of the listed participants (more than sorting)."""
    return bool(
        flt.q
        or flt.phase
        or flt.dutch
        or flt.municipality
        or flt.organisation
        or flt.programme
        or flt.status
    )


def _filter_choices(pairs: Mapping[tuple[int | None, int | None], int]) -> dict[str, Any]:
    """The municipalities and organisations of the participants listed before filtering, from
    the (municipality, organisation) pairs among them: the few rows by key."""
    return {
        "municipalities": Municipality.objects.filter(
            pk__in={m for m, _o in pairs if m is not None}
        ).order_by("name"),
        "organisations": Organisation.objects.filter(
            pk__in={o for _m, o in pairs if o is not None}
        ).order_by("name"),
    }


def _listed_ids(flt: CaseloadFilter, base: Any) -> tuple[dict[str, Any], list[int] | Any]:
    """The filter choices and the ids of the listed participants, in order.

    Unfiltered (the caseload, "everyone I may see"), one query reads every listed id in order
    with its municipality and organisation: the choices, the count and the page come from that
    one pass over the access rules (at 100,000 participants, a coach who may see 12,600 files:
    one query of about 40 ms instead of two of 34 and 27). Filtered, the choices still come from
    everyone listed before filtering (a pass counting the pairs) and the page from a query of
    the filtered ids, counted and sliced by the paginator."""
    if not _narrowed(flt):
        rows = list(flt.apply(base).values_list("pk", "municipality_id", "organisation_id"))
        return _filter_choices(Counter((m, o) for _pk, m, o in rows)), [r[0] for r in rows]
    pairs = (
        base.order_by()
        .values_list("municipality_id", "organisation_id")
        .annotate(n=Count("pk"))
        .values_list("municipality_id", "organisation_id", "n")
    )
    return _filter_choices({(m, o): n for m, o, n in pairs}), flt.apply(base).values_list(
        "pk", flat=True
    )


@login_required
def caseload(request: HttpRequest) -> HttpResponse:
    user = _coach(request)
    if request.method == "POST":
        # Search terms can be names: they travel in the POST body and the session, never the URL.
        request.session[SESSION_SEARCH_KEY] = request.POST.get("q", "")[:100]
        query = request.GET.copy()
        query.pop("page", None)
        return redirect(f"{request.path}?{query.urlencode()}" if query else request.path)
    flt = CaseloadFilter.from_params(
        request.GET.dict(), request.session.get(SESSION_SEARCH_KEY, "")
    )
    base = access.caseload(user) if flt.scope == "mine" else access.visible_participants(user)
    from django.db.models import Prefetch

    from werkpad.pathway.models import FINAL_STATUSES, Enrolment, Programme

    active = Enrolment.objects.exclude(status__in=FINAL_STATUSES).select_related("programme")
    # The page's ids first, in order, then those few files with what the table shows: sorting
    # the ids alone is cheaper than sorting every listed file joined to its coach and places
    # ("everyone I may see" at 100,000 participants: 40 -> 26 ms). The ids come from the access
    # layer's queryset (``base``), so the files read by key are exactly those it lists; a file
    # deleted in between is left out.
    choices, listed = _listed_ids(flt, base)
    page = Paginator(listed, settings.WERKPAD_PAGE_SIZE).get_page(request.GET.get("page"))
    ids = list(page.object_list)
    files = (
        Participant.objects.filter(pk__in=ids)
        .select_related("municipality", "organisation", "regiehouder")
        .prefetch_related(Prefetch("enrolments", queryset=active, to_attr="active_enrolments"))
        .in_bulk()
    )
    page.object_list = [files[pk] for pk in ids if pk in files]
    actions.log_list(user, page.object_list, "caseload")
    today = timezone.localdate()
    rows = [(p, waiting_period(p, today)) for p in page.object_list]
    params = request.GET.copy()
    params.pop("page", None)
    context: dict[str, Any] = {
        "page": page,
        "rows": rows,
        "today": today,
        "flt": flt,
        "querystring": params.urlencode(),
        "phases": Phase.choices,
        "statuses": ParticipantStatus.choices,
        # A small table without personal data: every programme, not a join over the caseload.
        "programmes": Programme.objects.only("public_id", "name").order_by("name"),
        "levels": [c for c in LanguageLevel.choices if c[0]],
        **choices,
        "sorts": SORTS,
    }
    # The filters swap only the table (htmx) and push the URL; the same URL then serves two
    # bodies. A history restore (Back after a cache miss) gets the whole page, and ``Vary`` keeps
    # the browser's cache from answering a normal visit with the table fragment.
    fragment = bool(request.htmx) and not request.htmx.history_restore_request
    template = "participants/_caseload_table.html" if fragment else "participants/caseload.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
def detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    user, participant = _file(request, public_id, "file")
    scope = access.scope_of(user, participant)
    return render(
        request,
        "participants/detail.html",
        {
            "p": participant,
            "scope": scope,
            "sections": [
                s for s in build_sections(participant, with_rows=False) if scope.may(s.key)
            ],
            "related": [c for c in build_related(participant) if scope.may(c.kind)],
            "status_changes": participant.status_changes.select_related("recorded_by").order_by(
                "-date", "-recorded_at"
            ),
            "consents": participant.consents.select_related("recipient", "recorded_by")
            if scope.manage
            else [],
            "coach_links": participant.coach_links.select_related("coach__organisation"),
            "can_edit": scope.manage,
            "editable": {*scope.edit, *(k for k, s in ROW_SECTIONS.items() if s in scope.edit)},
            # The pages beside the file (path, plan, "May work?", suggestions) need their own
            # section (``purposes.RECORD_SECTIONS``): no link or panel where the scope lacks it.
            "reads": {k: scope.may(k) for k in ("pathway", "plan", "eligibility", "work")},
        },
    )


@login_required
def edit_section(request: HttpRequest, public_id: UUID, section: str) -> HttpResponse:
    form_class = SECTION_FORMS.get(section)
    if form_class is None:
        raise Http404
    if request.method == "POST":
        user, participant = _file(request, public_id, section, Action.UPDATE, section=section)
        form = form_class(request.POST, instance=participant, user=user)
        if form.is_valid():
            changed = form.save_with_history(user)
            if changed:
                messages.success(
                    request,
                    _("Saved. %(count)d change(s) recorded in the history.") % {"count": changed},
                )
            else:
                messages.info(request, _("Nothing changed."))
            return redirect("participants:detail", public_id=participant.public_id)
        messages.error(request, _("Not saved: please correct the fields marked below."))
    else:
        user, participant = _file(request, public_id, section, section=section, edit=True)
        form = form_class(instance=participant, user=user)
    return render(
        request,
        "participants/edit_section.html",
        {"p": participant, "form": form, "section": section, "title": form_class.title},
    )


@login_required
def history(request: HttpRequest, public_id: UUID) -> HttpResponse:
    user, participant = _file(request, public_id, "history")
    scope = access.scope_of(user, participant)
    changes_qs = participant.changes.select_related("user")
    if not scope.full:
        # A scoped coach reads the history of the sections they may read, nothing else.
        readable = [*scope.read, *(k for k, s in ROW_SECTIONS.items() if s in scope.read)]
        changes_qs = changes_qs.filter(section__in=readable)
    changes = Paginator(changes_qs, 50).get_page(request.GET.get("page"))
    return render(request, "participants/history.html", {"p": participant, "page": changes})


# Shared helpers for the workflow pages.


def _to_file(
    request: HttpRequest, user: User, participant: Participant, anchor: str
) -> HttpResponse:
    """Back to the file, or to the caseload when this change took the user's access away."""
    if access.may_see(user, participant.pk):
        url = reverse("participants:detail", args=[participant.public_id])
        return redirect(f"{url}#section-{anchor}")
    messages.warning(request, _("Saved. You no longer have access to this file."))
    return redirect("participants:caseload")


def _form_page(
    request: HttpRequest, participant: Participant, form: Any, title: str, intro: str = ""
) -> HttpResponse:
    return render(
        request,
        "participants/edit_section.html",
        {"p": participant, "form": form, "title": title, "intro": intro},
    )


def _open(
    request: HttpRequest, public_id: UUID, what: str, *, section: str | None = None
) -> tuple[User, Participant]:
    """The coach and the file, logged as a read (GET) or a change (POST). Without ``section``
    the page manages the file (status, consents, coaches, intake): the regiehouder's side."""
    action = Action.UPDATE if request.method == "POST" else Action.VIEW
    if section is not None:
        return _file(request, public_id, what, action, section=section, edit=True)
    return _file(request, public_id, what, action, manage=True)


# Intake.


@login_required
def intake_start(request: HttpRequest) -> HttpResponse:
    """Step 1 of a new intake; the participant is created when it validates."""
    user = _coach(request)
    if user.organisation is None:
        messages.error(
            request,
            _(
                "Your account has no organisation, so you cannot start an intake. Ask your administrator."
            ),
        )
        return redirect("participants:caseload")
    step = STEPS[INTAKE_STEPS[0]]
    if request.method == "POST":
        forms = StepForms(step, None, user, request.POST)
        if forms.is_valid():
            participant = forms.save(user, user.organisation)
            return _after_step(request, user, participant, step.key, request.POST.get("nav", ""))
        messages.error(request, _("Not saved: please correct the fields marked below."))
    else:
        forms = StepForms(step, None, user)
    return _render_step(request, None, step.key, forms)


@login_required
def intake_resume(request: HttpRequest, public_id: UUID) -> HttpResponse:
    _user, participant = _file(request, public_id, "intake", manage=True)
    step = participant.intake_step if participant.intake_step in STEPS else INTAKE_STEPS[0]
    return redirect("participants:intake_step", public_id=participant.public_id, step=step)


@login_required
def intake_step(request: HttpRequest, public_id: UUID, step: str) -> HttpResponse:
    if step not in STEPS:
        raise Http404
    user, participant = _open(request, public_id, f"intake {step}")
    spec = STEPS[step]
    if request.method == "POST":
        add = request.POST.get("add", "")
        if add in spec.rows:
            # "Add a row": show one more empty row; nothing is saved, nothing typed is lost.
            data = request.POST.copy()
            total = f"{add}-TOTAL_FORMS"
            data[total] = str(_int(data.get(total)) + 1)
            return _render_step(
                request, participant, step, StepForms(spec, participant, user, data)
            )
        forms = StepForms(spec, participant, user, request.POST)
        if forms.is_valid():
            forms.save(user)
            return _after_step(request, user, participant, step, request.POST.get("nav", ""))
        messages.error(request, _("Not saved: please correct the fields marked below."))
    else:
        forms = StepForms(spec, participant, user)
    return _render_step(request, participant, step, forms)


def _int(value: str | None) -> int:
    try:
        return max(0, min(int(value or 0), 50))
    except ValueError:
        return 0


def _after_step(
    request: HttpRequest, user: User, participant: Participant, step: str, nav: str
) -> HttpResponse:
    if nav == "later":
        actions.set_intake_step(user, participant, step)
        messages.success(
            request,
            _("Saved. The intake of %(name)s can be resumed from the caseload.")
            % {"name": participant.full_name},
        )
        return redirect("participants:caseload")
    target = previous_step(step) if nav == "back" else next_step(step)
    if target is None and nav != "back":
        actions.complete_intake(user, participant)
        messages.success(request, _("The intake is complete."))
        return redirect("participants:detail", public_id=participant.public_id)
    target = target or step
    actions.set_intake_step(user, participant, target)
    return redirect("participants:intake_step", public_id=participant.public_id, step=target)


def _render_step(
    request: HttpRequest, participant: Participant | None, step: str, forms: StepForms
) -> HttpResponse:
    return render(
        request,
        "participants/intake_step.html",
        {
            "p": participant,
            "step": STEPS[step],
            "steps": list(STEPS.values()),
            "forms": forms,
            "has_previous": previous_step(step) is not None,
            "is_last": next_step(step) is None,
        },
    )


# Related rows.


def _row_kind(kind: str) -> Any:
    spec = ROW_KINDS.get(kind)
    if spec is None:
        raise Http404
    return spec


def _row(participant: Participant, kind: str, row_id: int) -> Any:
    row = getattr(participant, kind).filter(pk=row_id).first()
    if row is None:
        raise Http404
    return row


@login_required
def row_add(request: HttpRequest, public_id: UUID, kind: str) -> HttpResponse:
    spec = _row_kind(kind)
    user, participant = _open(request, public_id, kind, section=kind)
    form = spec.form(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            row = actions.add_row(user, participant, kind, form.values())
            messages.success(request, _("Added: %(row)s.") % {"row": spec.describe(row)})
            return _to_file(request, user, participant, "rows-" + kind)
        messages.error(request, _("Not saved: please correct the fields marked below."))
    return _form_page(request, participant, form, str(spec.add_label))


@login_required
def row_edit(request: HttpRequest, public_id: UUID, kind: str, row_id: int) -> HttpResponse:
    spec = _row_kind(kind)
    user, participant = _open(request, public_id, kind, section=kind)
    row = _row(participant, kind, row_id)
    form = spec.form(request.POST or None, instance=row)
    if request.method == "POST":
        if form.is_valid():
            actions.update_row(user, participant, kind, row.pk, form.values())
            messages.success(request, _("Saved. The change is recorded in the history."))
            return _to_file(request, user, participant, "rows-" + kind)
        messages.error(request, _("Not saved: please correct the fields marked below."))
    return _form_page(request, participant, form, str(spec.title))


@login_required
@require_POST
def row_remove(request: HttpRequest, public_id: UUID, kind: str, row_id: int) -> HttpResponse:
    spec = _row_kind(kind)
    user, participant = _open(request, public_id, kind, section=kind)
    row = _row(participant, kind, row_id)
    text = spec.describe(row)
    actions.remove_row(user, participant, kind, row.pk)
    messages.success(
        request, _("Removed: %(row)s. This is recorded in the history.") % {"row": text}
    )
    return _to_file(request, user, participant, "rows-" + kind)


# Status, consent, coaches.


@login_required
def change_status(request: HttpRequest, public_id: UUID) -> HttpResponse:
    user, participant = _open(request, public_id, "status")
    form = StatusForm(request.POST or None, participant=participant)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            actions.set_status(
                user,
                participant,
                data["status"],
                on=data["date"],
                reason_code=data["reason_code"],
                reason=data["reason"].strip(),
            )
            messages.success(request, _("Status changed."))
            return _to_file(request, user, participant, "status")
        messages.error(request, _("Not saved: please correct the fields marked below."))
    return _form_page(request, participant, form, _("Change status"))


@login_required
def consent_add(request: HttpRequest, public_id: UUID) -> HttpResponse:
    user, participant = _open(request, public_id, "consent")
    form = ConsentForm(request.POST or None, participant=participant)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            actions.give_consent(
                user,
                participant,
                data["scope"],
                recipient=data["recipient"],
                purpose=data["purpose"].strip(),
                purpose_code=data.get("purpose_code", ""),
            )
            messages.success(request, _("Consent recorded."))
            return _to_file(request, user, participant, "consents")
        messages.error(request, _("Not saved: please correct the fields marked below."))
    return _form_page(
        request,
        participant,
        form,
        _("Record consent"),
        _("Record only what the participant has agreed to, for this purpose."),
    )


@login_required
@require_POST
def consent_withdraw(request: HttpRequest, public_id: UUID, consent_id: int) -> HttpResponse:
    user, participant = _open(request, public_id, "consent")
    consent = participant.consents.filter(pk=consent_id, withdrawn_at__isnull=True).first()
    if consent is None:
        raise Http404
    actions.withdraw_consent(user, participant, consent)
    messages.success(request, _("Consent withdrawn."))
    return _to_file(request, user, participant, "consents")


@login_required
def coach_link(request: HttpRequest, public_id: UUID) -> HttpResponse:
    user, participant = _open(request, public_id, "coaches")
    form = LinkCoachForm(request.POST or None, participant=participant)
    if request.method == "POST":
        if form.is_valid():
            actions.link_coach(
                user, participant, form.cleaned_data["coach"], form.cleaned_data["role"].strip()
            )
            messages.success(request, _("Coach linked."))
            return _to_file(request, user, participant, "coaches")
        messages.error(request, _("Not saved: please correct the fields marked below."))
    return _form_page(request, participant, form, _("Link a coach"))


@login_required
@require_POST
def coach_unlink(request: HttpRequest, public_id: UUID, link_id: int) -> HttpResponse:
    # A linked coach may always step back from a file; unlinking others manages the file.
    user, participant = _file(request, public_id, "coaches", Action.UPDATE)
    link = participant.coach_links.filter(pk=link_id).select_related("coach").first()
    if link is None:
        raise Http404
    if link.coach_id != user.pk and not access.scope_of(user, participant).manage:
        access.refuse(user, participant, "coaches")
    actions.unlink_coach(user, participant, link)
    messages.success(request, _("Coach unlinked."))
    return _to_file(request, user, participant, "coaches")


@login_required
def change_regiehouder(request: HttpRequest, public_id: UUID) -> HttpResponse:
    user, participant = _open(request, public_id, "coaches")
    form = RegiehouderForm(request.POST or None, participant=participant)
    if request.method == "POST":
        if form.is_valid():
            actions.set_regiehouder(
                user,
                participant,
                form.cleaned_data["coach"],
                keep_previous_linked=form.cleaned_data["keep_previous"],
            )
            messages.success(request, _("Regiehouder changed."))
            return _to_file(request, user, participant, "coaches")
        messages.error(request, _("Not saved: please correct the fields marked below."))
    return _form_page(
        request,
        participant,
        form,
        _("Change regiehouder"),
        _(
            "One regiehouder per person: plan a warm handover with the participant and both coaches."
        ),
    )
