"""Participant pages for coaches. Thin: parse, call the access layer or an action, render."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from werkpad.accounts.models import Organisation, User
from werkpad.places.models import Municipality

from . import access, actions
from .caseload import SORTS, CaseloadFilter
from .choices import LanguageLevel, Phase
from .forms import SECTION_FORMS
from .sections import build_sections

SESSION_SEARCH_KEY = "werkpad.caseload.q"


def _coach(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not user.is_coach:
        raise PermissionDenied
    return user


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
    qs = flt.apply(base).select_related("municipality", "organisation", "regiehouder")
    page = Paginator(qs, settings.WERKPAD_PAGE_SIZE).get_page(request.GET.get("page"))
    actions.log_list(user, page.object_list, "caseload")
    params = request.GET.copy()
    params.pop("page", None)
    context: dict[str, Any] = {
        "page": page,
        "flt": flt,
        "querystring": params.urlencode(),
        "phases": Phase.choices,
        "levels": [c for c in LanguageLevel.choices if c[0]],
        "municipalities": Municipality.objects.filter(
            participants__in=access.visible_participants(user)
        )
        .distinct()
        .order_by("name"),
        "organisations": Organisation.objects.filter(
            participants__in=access.visible_participants(user)
        )
        .distinct()
        .order_by("name"),
        "sorts": SORTS,
    }
    template = "participants/_caseload_table.html" if request.htmx else "participants/caseload.html"
    return render(request, template, context)


@login_required
def detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    user = _coach(request)
    participant = access.get_participant(user, public_id, what="file")
    return render(
        request,
        "participants/detail.html",
        {"p": participant, "sections": build_sections(participant), "can_edit": True},
    )


@login_required
def edit_section(request: HttpRequest, public_id: UUID, section: str) -> HttpResponse:
    user = _coach(request)
    form_class = SECTION_FORMS.get(section)
    if form_class is None:
        from django.http import Http404

        raise Http404
    if request.method == "POST":
        participant = access.get_participant(user, public_id, what=section, action="update")
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
        participant = access.get_participant(user, public_id, what=section)
        form = form_class(instance=participant, user=user)
    return render(
        request,
        "participants/edit_section.html",
        {"p": participant, "form": form, "section": section, "title": form_class.title},
    )


@login_required
def history(request: HttpRequest, public_id: UUID) -> HttpResponse:
    user = _coach(request)
    participant = access.get_participant(user, public_id, what="history")
    changes = Paginator(participant.changes.select_related("user"), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "participants/history.html", {"p": participant, "page": changes})
