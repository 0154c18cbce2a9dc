"""Public guides without login: "May I work?" for newcomers and "Can I hire …?" for employers.

Thin views over the rules engine (``eligibility.api.situation`` maps the answers exactly as the
anonymous ``POST /api/eligibility/evaluate`` does; ``eligibility.present`` words the result).

Privacy and caching, by design:

- The language is part of the address (``/guides/ar/…``): no cookie is needed to choose it, and a
  public cache keeps one copy per language. The question pages (GET) are public and cacheable
  (``Cache-Control: public, max-age=WERKPAD_GUIDES_MAX_AGE``); they render no CSRF token and touch
  no session, so they set no cookie.
- Answers are computed from a POST (what was typed never appears in an address or a request log),
  sent with ``Cache-Control: no-store``, and neither stored (no database write, no session) nor
  logged.
- The answer form is exempt from CSRF protection: the POST changes nothing (no state, no session,
  no database, no e-mail) and its answer goes only to whoever sent it, so a forged cross-site POST
  gains an attacker nothing (the same origin policy keeps the answer from the forging page). A
  CSRF token would need a cookie, which the guides promise not to set.
- Answers are rate-limited per client address (``ratelimit``) in Django's cache, not the database.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from werkpad.accounts.models import Organisation, OrganisationKind
from werkpad.core import rules
from werkpad.core.i18n import COACH, NEWCOMER
from werkpad.eligibility import adapters, present
from werkpad.eligibility.api import situation
from werkpad.employers import terms
from werkpad.employers.checklist import items as checklist_items

from . import ratelimit
from .forms import EmployerForm, NewcomerForm, SituationForm

# The dated parameters each guide shows as "the rules and their sources".
NEWCOMER_FACTS = (
    "asylum.min_age",
    "asylum.waiting_months",
    "asylum.twv_legal_weeks",
    "asylum.twv_practical_weeks",
    "asylum.bsn_after_months",
    "asylum.bsn_wait_weeks",
    "asylum.weeks_cap_applies",
    "temporary_protection.twv_required",
    "status_holder.twv_required",
)
EMPLOYER_FACTS = (*NEWCOMER_FACTS, "wage.minimum_hourly_gross")

# The myth, answered in the rules engine's own words (the note it adds to every asylum answer).
PERMIT_NOTE = (
    "A residence permit does not oblige anyone to stop working: the TWV lapses "
    "because status holders have free access to the labour market."
)


def _language(request: HttpRequest, lang: str) -> None:
    translation.activate(lang)
    request.LANGUAGE_CODE = lang


def _public(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, public=True, max_age=settings.WERKPAD_GUIDES_MAX_AGE)
    return response


def _private(response: HttpResponse) -> HttpResponse:
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)
    return response


def _languages(request: HttpRequest, url_name: str, lang: str) -> list[dict[str, Any]]:
    return [
        {
            "code": code,
            "url": reverse(url_name, kwargs={"lang": code}),
            "current": code == lang,
        }
        for code, _name in settings.LANGUAGES
    ]


def facts(keys: tuple[str, ...], on: date) -> list[present.ParameterRow]:
    """The parameters in force on ``on``, each with its value, validity and source."""
    resolved = adapters.get_parameters().resolve(on)
    return [present.parameter_row(resolved[key]) for key in keys if key in resolved]


def figures(on: date) -> dict[str, Any]:
    """The figures the guides' texts name (``None``: unknown), from the dated parameters."""
    resolved = adapters.get_parameters().resolve(on)
    return {
        "min_age": resolved.integer("asylum.min_age"),
        "waiting_months": resolved.integer("asylum.waiting_months"),
        "twv_legal_weeks": resolved.integer("asylum.twv_legal_weeks"),
        "twv_practical_weeks": resolved.integer("asylum.twv_practical_weeks"),
        "bsn_after_months": resolved.integer("asylum.bsn_after_months"),
        "bsn_wait_weeks": resolved.integer("asylum.bsn_wait_weeks"),
    }


def _context(request: HttpRequest, lang: str, url_name: str, **extra: Any) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "guide_lang": lang,
        "guide_languages": _languages(request, url_name, lang),
        "today": today,
        "figures": figures(today),
        **extra,
    }


@require_safe
def start(request: HttpRequest) -> HttpResponse:
    """``/guides/``: on to the guides in the reader's language (cookie or browser)."""
    lang = translation.get_language_from_request(request)
    response = HttpResponseRedirect(reverse("guides:index", kwargs={"lang": lang}))
    response["Vary"] = "Accept-Language, Cookie"
    return response


@require_safe
def index(request: HttpRequest, lang: str) -> HttpResponse:
    _language(request, lang)
    return _public(render(request, "guides/index.html", _context(request, lang, "guides:index")))


def minimum_wage_job(person: rules.Person, on: date | None) -> Decimal | None:
    """The guides answer for "a job that pays the statutory minimum wage": the minimum gross hourly
    wage on the earliest day this person could start (``rules.work_window``; for an unknown age the
    adult minimum, which is the highest). ``None`` when the amount is not configured: the engine
    then answers with its proviso ("provided the pay is at least the minimum wage")."""
    day = on or timezone.localdate()
    window = rules.work_window(person, day, adapters.get_parameters())
    if window.min_hourly_wage_gross is not None:
        return window.min_hourly_wage_gross
    return adapters.minimum_wage_for(window.earliest_start or day)


def _answer(form: SituationForm, audience: str) -> tuple[present.EligibilityView | None, str]:
    """The rules engine's answer for a valid form, in the wording for ``audience``."""
    try:
        payload = form.payload(timezone.localdate())
        payload.hourly_wage_gross = minimum_wage_job(situation(payload)[0], payload.on)
        person, job, on = situation(payload)
        result = rules.evaluate_work(person, job, on, adapters.get_parameters())
    except rules.IncoherentInput:
        return None, _("Some of the dates contradict each other: check them and try again.")
    return present.eligibility_view(result, audience), ""


def _guide(
    request: HttpRequest,
    lang: str,
    *,
    form_class: type[SituationForm],
    audience: str,
    template: str,
    url_name: str,
    extra: dict[str, Any],
) -> HttpResponse:
    _language(request, lang)
    context = _context(request, lang, url_name, **extra)
    if request.method != "POST":
        context["form"] = form_class()
        return _public(render(request, template, context))
    if not ratelimit.allow(request, "answer"):
        context["form"] = form_class()
        context["too_many"] = True
        response = render(request, template, context, status=429)
        response["Retry-After"] = str(ratelimit.parse_rate(settings.WERKPAD_GUIDES_RATE).seconds)
        return _private(response)
    form = form_class(request.POST)
    context["form"] = form
    if form.is_valid():
        context["result"], context["incoherent"] = _answer(form, audience)
    return _private(render(request, template, context, status=200 if form.is_valid() else 400))


@csrf_exempt  # the answer changes nothing: see the module docstring
@require_http_methods(["GET", "HEAD", "POST"])
def may_i_work(request: HttpRequest, lang: str) -> HttpResponse:
    _language(request, lang)
    return _guide(
        request,
        lang,
        form_class=NewcomerForm,
        audience=NEWCOMER,
        template="guides/may_i_work.html",
        url_name="guides:may_i_work",
        extra={"facts": facts(NEWCOMER_FACTS, timezone.localdate()), "myth": _(PERMIT_NOTE)},
    )


def employer_desks() -> list[Organisation]:
    """The employer service points (WSP) in Werkpad, with their municipality: organisations, no
    people."""
    return list(
        Organisation.objects.filter(kind=OrganisationKind.WSP)
        .select_related("municipality")
        .order_by("name")
    )


def _employer_extra() -> dict[str, Any]:
    today = timezone.localdate()
    example = terms.expected_twv_decision(today)
    return {
        "facts": facts(EMPLOYER_FACTS, today),
        "terms": example,
        "minimum_wage": adapters.minimum_wage_for(today),
        "desks": employer_desks(),
        "myth": _(PERMIT_NOTE),
    }


@csrf_exempt  # the answer changes nothing: see the module docstring
@require_http_methods(["GET", "HEAD", "POST"])
def hiring(request: HttpRequest, lang: str) -> HttpResponse:
    _language(request, lang)
    return _guide(
        request,
        lang,
        form_class=EmployerForm,
        audience=COACH,  # about the candidate, in the third person
        template="guides/hiring.html",
        url_name="guides:hiring",
        extra=_employer_extra(),
    )


@require_safe
def checklist(request: HttpRequest, lang: str) -> HttpResponse:
    """The printable UWV checklist (the employer desk's bilingual document), without login."""
    _language(request, lang)
    example = terms.expected_twv_decision(timezone.localdate())
    context = _context(
        request,
        lang,
        "guides:checklist",
        terms=example,
        items=checklist_items(example),
        desks=employer_desks(),
    )
    return _public(render(request, "guides/checklist.html", context))
