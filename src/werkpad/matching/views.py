"""Pages of the matching app. Thin: read through the access layers, call one service or action.

Participant files are opened only through ``participants.access`` (scoped and logged); vacancies
only through ``employers.access``. To anyone but a coach a participant's suggestions do not exist
(404, logged as refused), as on the file itself.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from werkpad.accounts.models import User
from werkpad.audit.models import Action
from werkpad.employers import access as employer_access
from werkpad.monitoring import tables
from werkpad.participants import access
from werkpad.participants.actions import log_list

from . import actions, fairness, services
from .forms import DecisionForm, FairnessForm
from .models import DecisionReason
from .taxonomy import current

MAX_HITS = 8


def _user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user


#: The ten ISCO-08 major groups with a pictogram: the fallback for input in a language the search
#: cannot read (choose a group of work, then an occupation in it, or fill it in with the coach).
ISCO_MAJOR_GROUPS: tuple[tuple[str, str, Any], ...] = (
    ("1", "💼", gettext_lazy("Managers")),
    ("2", "🎓", gettext_lazy("Professionals: doctor, teacher, engineer")),
    ("3", "🔬", gettext_lazy("Technicians and associate professionals")),
    ("4", "🗂", gettext_lazy("Office and administrative work")),
    ("5", "🛒", gettext_lazy("Service, care and sales work")),
    ("6", "🌾", gettext_lazy("Farming, gardening and fishing")),
    ("7", "🔨", gettext_lazy("Building, crafts and trades")),
    ("8", "🚚", gettext_lazy("Machine operators and drivers")),
    ("9", "🧹", gettext_lazy("Cleaning, helping and simple work")),
    ("0", "🪖", gettext_lazy("Armed forces")),
)
MAX_GROUP_OCCUPATIONS = 40


@login_required
@require_GET
def occupation_search(request: HttpRequest) -> HttpResponse:
    """A listbox of occupations for the typed text (an occupation name, not personal data), in
    any language the search reads; for another language a message and the ISCO groups."""
    field = request.GET.get("field", "")
    group = request.GET.get("group", "")
    if group:
        return render(
            request,
            "matching/occupation_options.html",
            {"query": group, "hits": group_hits(group[:1]), "field": field},
        )
    query = (request.GET.get("q") or (request.GET.get(field, "") if field else "")).strip()
    result = search_result(query)
    return render(
        request,
        "matching/occupation_options.html",
        {
            "query": query,
            "hits": result["hits"],
            "fallback": result["fallback"],
            "unsupported": result["unsupported"],
            "language_name": result["language_name"],
            "groups": ISCO_MAJOR_GROUPS,
            "field": field,
            "search_url": reverse("matching:occupation_search"),
        },
    )


def _hit(bundle: Any, hit: Any, language: str) -> dict[str, Any]:
    return {
        "uri": hit.uri,
        "label": bundle.label(hit.uri, language),
        "label_nl": bundle.label(hit.uri, "nl"),
        "label_en": bundle.label(hit.uri, "en"),
        "matched": hit.matched_label,
        "matched_words": list(hit.matched_words),
        "by_meaning": not hit.matched_words,
        "score": round(hit.score, 3),
        "lexical": round(hit.lexical, 3),
        "semantic": round(hit.semantic, 3),
    }


#: Names of the languages the search recognises but cannot read (shown in the fallback message).
UNSUPPORTED_LANGUAGE_NAMES = {
    "ti": gettext_lazy("Tigrinya or Amharic"),
    "fa": gettext_lazy("Farsi or Dari"),
    "ps": gettext_lazy("Pashto"),
    "ckb": gettext_lazy("Sorani Kurdish"),
    "ur": gettext_lazy("Urdu"),
    "uk": gettext_lazy("Ukrainian"),
    "so": gettext_lazy("Somali"),
}


def search_result(query: str, k: int = MAX_HITS) -> dict[str, Any]:
    """Hits (as dicts) and what the search knew of the query's language (see
    :meth:`werkpad.matching.taxonomy.TaxonomyBundle.search_outcome`)."""
    if not query:
        return {
            "hits": [],
            "fallback": False,
            "unsupported": False,
            "language": "",
            "script": "",
            "language_name": "",
        }
    bundle = current()
    language = (get_language() or "nl")[:2]
    outcome = bundle.search_outcome(query[:200], k=k)
    detection = outcome.detection
    name = UNSUPPORTED_LANGUAGE_NAMES.get(detection.language, "")
    return {
        "hits": [_hit(bundle, hit, language) for hit in outcome.hits],
        "fallback": outcome.fallback,
        "unsupported": outcome.unsupported,
        "language": detection.language,
        "script": detection.script,
        "language_name": str(name) if name else "",
    }


def search_hits(query: str, k: int = MAX_HITS) -> list[dict[str, Any]]:
    hits: list[dict[str, Any]] = search_result(query, k)["hits"]
    return hits


def group_hits(major: str) -> list[dict[str, Any]]:
    """The occupations of one ISCO major group (by their unit group code), by label."""
    bundle = current()
    language = (get_language() or "nl")[:2]
    out = []
    for uri, occupation in bundle.taxonomy.occupations.items():
        if major and occupation.isco_group.startswith(major):
            label = bundle.label(uri, language)
            out.append(
                {
                    "uri": uri,
                    "label": label,
                    "label_nl": bundle.label(uri, "nl"),
                    "label_en": bundle.label(uri, "en"),
                    "matched": "",
                    "matched_words": [],
                    "by_meaning": False,
                    "score": 0.0,
                    "lexical": 0.0,
                    "semantic": 0.0,
                }
            )
    out.sort(key=lambda hit: hit["label"].casefold())
    return out[:MAX_GROUP_OCCUPATIONS]


# A decision that did not validate: what was chosen and the errors, kept in the (server-side)
# session for the page the coach returns to, which opens that form again with them.
PENDING_KEY = "werkpad.matching.pending"


def _decision_form(values: dict[str, Any]) -> dict[str, Any]:
    """What one decision form reads, every key present (an empty form: no token, no errors), so
    that rendering twenty forms never falls back from item to attribute lookup for a missing one."""
    form = {"token": "", "reason_code": "", "reason": "", **values}
    form["errors"] = defaultdict(list, values.get("errors") or {})
    return form


def _decision_context(request: HttpRequest, back: str, s: Any) -> dict[str, Any]:
    pending = _decision_form(request.session.pop(PENDING_KEY, {}))
    if pending.get("participant"):
        for x in [*s.matches, *s.near_misses]:
            if (str(x.participant.public_id), x.vacancy.pk) == (
                pending["participant"],
                pending["vacancy"],
            ):
                pending["token"] = x.token
    return {
        "reasons": DecisionReason.choices,
        # The reasons of a form with nothing chosen yet, the same for every suggestion: once.
        "reason_options": format_html_join(
            "", '<option value="{}">{}</option>', DecisionReason.choices
        ),
        "blank": _decision_form({}),
        "next": back,
        "pending": pending,
    }


def _keep_pending(request: HttpRequest, data: dict[str, Any], errors: dict[str, list[str]]) -> None:
    request.session[PENDING_KEY] = {
        "participant": str(data["participant"]),
        "vacancy": data["vacancy"],
        "decision": request.POST.get("decision", "")[:20],
        "reason_code": request.POST.get("reason_code", "")[:40],
        "reason": request.POST.get("reason", "")[:2000],
        "errors": errors,
    }


@login_required
@require_GET
@vary_on_headers("HX-Request")  # a fragment for htmx, the page otherwise
def participant_suggestions(request: HttpRequest, public_id: UUID) -> HttpResponse:
    user = _user(request)
    participant = access.get_case_file(user, public_id, what="matching suggestions", section="work")
    suggestions = services.vacancies_for_participant(
        participant, employer_access.vacancies_for(user)
    )
    back = reverse("participants:detail", args=[participant.public_id])
    context = {
        "p": participant,
        "s": suggestions,
        "full_page": not request.htmx,  # type: ignore[attr-defined]
        **_decision_context(request, back, suggestions),
    }
    return render(request, "matching/participant_suggestions.html", context)


@login_required
@require_GET
@vary_on_headers("HX-Request")  # a fragment for htmx, the page otherwise
def vacancy_candidates(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    if not user.is_coach:
        raise PermissionDenied
    vacancy = employer_access.get_or_404(employer_access.vacancies_for(user), pk=pk)
    suggestions = services.participants_for_vacancy(
        vacancy, access.visible_participants(user, access.GUIDANCE_ONLY, section="shortlist")
    )
    log_list(user, services.shown_participants(suggestions), "matching candidates")
    back = reverse("employers:vacancy_detail", args=[vacancy.pk])
    context = {
        "vacancy": vacancy,
        "s": suggestions,
        "full_page": not request.htmx,  # type: ignore[attr-defined]
        **_decision_context(request, back, suggestions),
    }
    return render(request, "matching/vacancy_candidates.html", context)


@login_required
@require_POST
def decide(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not user.is_coach:
        raise PermissionDenied
    form = DecisionForm(request.POST)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = reverse("home")
    try:
        data = services.read_token(request.POST.get("token", ""))
    except signing.BadSignature:
        messages.error(request, _("This suggestion is out of date: look at it again and decide."))
        return HttpResponseRedirect(back)
    if not form.is_valid():
        # Back to the page with this suggestion's form open, the chosen reason and the typed
        # explanation kept, and each error next to its field.
        _keep_pending(
            request,
            data,
            {
                ("general" if field == "__all__" else field): [str(e) for e in errors]
                for field, errors in form.errors.items()
            },
        )
        messages.error(request, _("Not saved: please correct the fields marked below."))
        return HttpResponseRedirect(back)
    participant = access.get_participant(
        user,
        data["participant"],
        what="matching decision",
        action=Action.UPDATE,
        section="shortlist",
    )
    vacancy = employer_access.get_or_404(employer_access.vacancies_for(user), pk=data["vacancy"])
    try:
        actions.decide(
            user,
            participant,
            vacancy,
            decision=form.cleaned_data["decision"],
            reason_code=form.cleaned_data["reason_code"],
            reason=form.cleaned_data["reason"],
            shown=data["shown"],
        )
    except ValidationError as error:
        _keep_pending(request, data, {"general": list(error.messages)})
        messages.error(request, _("Not saved: please correct the fields marked below."))
        return HttpResponseRedirect(back)
    if form.cleaned_data["decision"] == "shortlist":
        messages.success(
            request,
            _("%(name)s is on the shortlist of %(vacancy)s.")
            % {"name": participant.full_name, "vacancy": vacancy.title},
        )
    else:
        messages.success(
            request,
            _("The suggestion %(vacancy)s for %(name)s is dismissed.")
            % {"name": participant.full_name, "vacancy": vacancy.title},
        )
    return HttpResponseRedirect(back)


@login_required
@require_GET
def fairness_page(request: HttpRequest) -> HttpResponse:
    """Exposure per group in the candidate rankings: analysts only, aggregates only."""
    user = _user(request)
    if not user.is_analyst:
        raise PermissionDenied
    form = FairnessForm(request.GET or None)
    k, organisation = 10, None
    if form.is_bound and form.is_valid():
        k = form.cleaned_data["k"] or 10
        organisation = form.cleaned_data["organisation"]
    report = fairness.fairness_report(
        k=k, organisation_id=organisation.pk if organisation else None
    )
    return render(
        request,
        "matching/fairness.html",
        {
            "form": form,
            "report": report,
            "small_cell": tables.threshold(),
            "explanation": tables.explanation(),
        },
    )


@login_required
@vary_on_headers("HX-Request")
def participant_skills(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Skills from the participant's story: suggest (with the supporting sentence), then the
    coach confirms or rejects each one; only confirmed skills enter matching."""
    user = _user(request)
    story = ""
    detection = None
    if request.method == "POST":
        participant = access.get_case_file(
            user,
            public_id,
            what="skills from the story",
            section="work",
            edit=True,
            action=Action.UPDATE,
        )
        suggestion_id = request.POST.get("suggestion", "")
        if suggestion_id:
            suggestion = participant.skill_suggestions.filter(pk=suggestion_id[:12]).first()
            if suggestion is None or request.POST.get("decision") not in ("confirm", "reject"):
                raise PermissionDenied
            actions.decide_skill(
                user, suggestion, confirm=request.POST.get("decision") == "confirm"
            )
            return HttpResponseRedirect(
                reverse("matching:participant_skills", args=[participant.public_id])
            )
        story = request.POST.get("story", "")[:4000]
        found, detection = actions.suggest_skills(user, participant, story)
        if detection.supported and not found:
            messages.info(request, _("No skills found in this story."))
    else:
        participant = access.get_case_file(
            user, public_id, what="skills from the story", section="work"
        )
        story = participant.informal_work
    language_name = (
        str(UNSUPPORTED_LANGUAGE_NAMES.get(detection.language, ""))
        if detection is not None and not detection.supported
        else ""
    )
    return render(
        request,
        "matching/participant_skills.html",
        {
            "p": participant,
            "story": story,
            "unsupported": detection is not None and not detection.supported,
            "language_name": language_name,
            "suggestions": participant.skill_suggestions.order_by("status", "-score", "id"),
        },
    )
