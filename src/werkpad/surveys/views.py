"""Survey pages: the newcomer's moments and answers (portal), the coach filling it in with them,
and the analysts' results (aggregates only) with their CSV export.

Views are thin: files come from the scoped layer (``participants.access``, which logs every read
and refusal), changes from ``surveys.actions``, figures from ``surveys.results``.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from werkpad.accounts.models import User
from werkpad.audit.models import Action
from werkpad.monitoring import tables
from werkpad.participants import access
from werkpad.participants.models import Participant
from werkpad.pathway.models import Enrolment
from werkpad.portal.views import PORTAL_LANGUAGES

from . import actions, results
from . import instrument as instruments
from . import moments as survey_moments
from .models import Moment, Response


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


def _moments(participant: Participant) -> list[survey_moments.EnrolmentMoment]:
    rules = instruments.moment_rules(instruments.current())
    enrolments = participant.enrolments.select_related("programme")
    return survey_moments.moments_of(enrolments, rules, timezone.localdate())


def _enrolment(participant: Participant, enrolment_id: UUID) -> Enrolment:
    enrolment = participant.enrolments.filter(public_id=enrolment_id).first()
    if enrolment is None:
        raise Http404
    return enrolment


def _parse(
    post: Mapping[str, Any], codes: list[str]
) -> tuple[dict[str, int | None], dict[str, list[str]]]:
    values: dict[str, int | None] = {}
    errors: dict[str, list[str]] = {}
    for code in codes:
        raw = (post.get(f"q-{code}") or "").strip()
        if raw in ("", "none"):
            values[code] = None
            continue
        try:
            values[code] = int(raw)
        except ValueError:
            errors[code] = [_("Choose one of the answers.")]
    return values, errors


def _form(
    request: HttpRequest,
    user: User,
    participant: Participant,
    enrolment: Enrolment,
    moment: str,
    *,
    template: str,
    done: str,
    extra: dict[str, Any],
) -> HttpResponse:
    """The answer form of one moment (newcomer or coach): GET shows it, POST answers or declines."""
    language = get_language() or "en"
    current = instruments.current()
    questions = instruments.questions_in(current, language, moment)
    has_consent = actions.evaluation_consent(participant) is not None
    values: dict[str, int | None] = {}
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        try:
            if request.POST.get("decision") == "decline":
                actions.decline(user, participant, enrolment, moment)
                messages.success(request, _("Fine: we will not ask this time."))
                return redirect(done)
            values, errors = _parse(request.POST, [q.code for q in questions])
            if not errors:
                actions.answer(
                    user,
                    participant,
                    enrolment,
                    moment,
                    values,
                    consent=request.POST.get("consent") == "yes",
                    language=language,
                )
                messages.success(request, _("Thank you for your answers."))
                return redirect(done)
        except ValidationError as exc:
            errors = {**errors, **exc.message_dict}
            if "moment" in errors:
                for message in errors["moment"]:
                    messages.error(request, message)
                return redirect(done)
    rows = [
        {"q": q, "value": values.get(q.code), "errors": errors.get(q.code, [])} for q in questions
    ]
    return render(
        request,
        template,
        {
            "p": participant,
            "moment": moment,
            "moment_label": Moment(moment).label,
            "rows": rows,
            "errors": errors,
            "consent_errors": errors.get("consent", []),
            "other_errors": errors.get("answers", []),
            "has_consent": has_consent,
            "consent_checked": request.POST.get("consent") == "yes",
            **extra,
        },
        status=400 if errors else 200,
    )


# --- the newcomer ---------------------------------------------------------------------------------


@login_required
def portal_home(request: HttpRequest) -> HttpResponse:
    """My surveys: what I can answer now, what I answered, my consent."""
    _user, participant = _own_file(request, what="portal surveys")
    all_moments = _moments(participant)
    return render(
        request,
        "surveys/portal_home.html",
        {
            "p": participant,
            "open": [
                m
                for m in all_moments
                if m.response is None and m.window.is_open(timezone.localdate())
            ],
            "answered": [m for m in all_moments if m.response is not None],
            "consent": actions.evaluation_consent(participant),
            "lang_choices": PORTAL_LANGUAGES,
        },
    )


@login_required
def portal_answer(request: HttpRequest, enrolment_id: UUID, moment: str) -> HttpResponse:
    if moment not in Moment.values:
        raise Http404
    action = Action.CREATE if request.method == "POST" else Action.VIEW
    user, participant = _own_file(request, what="portal surveys", action=action)
    enrolment = _enrolment(participant, enrolment_id)
    return _form(
        request,
        user,
        participant,
        enrolment,
        moment,
        template="surveys/answer.html",
        done=reverse("surveys:portal_home"),
        extra={"lang_choices": PORTAL_LANGUAGES, "with_coach": False},
    )


@login_required
def portal_answers(request: HttpRequest, response_id: UUID) -> HttpResponse:
    """My own answers at one moment (only the newcomer sees them)."""
    _user, participant = _own_file(request, what="portal survey answers")
    response = (
        Response.objects.filter(participant=participant, public_id=response_id)
        .select_related("instrument", "enrolment__programme")
        .first()
    )
    if response is None:
        raise Http404
    language = get_language() or "en"
    shown = {q.code: q for q in instruments.questions_in(response.instrument, language)}
    rows = []
    for answer in response.answers.select_related("question"):
        q = shown[answer.question.code]
        label = next((o for o in q.options if o.value == answer.value), None)
        rows.append({"q": q, "option": label})
    return render(
        request,
        "surveys/my_answers.html",
        {"p": participant, "response": response, "rows": rows, "lang_choices": PORTAL_LANGUAGES},
    )


@login_required
@require_POST
def portal_consent(request: HttpRequest) -> HttpResponse:
    user, participant = _own_file(request, what="portal surveys", action=Action.UPDATE)
    if request.POST.get("decision") == "withdraw":
        actions.withdraw_consent(user, participant)
        messages.success(
            request, _("Your answers are no longer used for evaluation. You can still see them.")
        )
    else:
        actions.give_consent(user, participant)
        messages.success(
            request, _("Thank you: your answers may be used for anonymous evaluation.")
        )
    return redirect("surveys:portal_home")


# --- the coach, with the newcomer -----------------------------------------------------------------


@login_required
def coach_file(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The moments of one newcomer for their coach: which are open, which were answered (not the
    answers: those are the newcomer's)."""
    user = request.user
    assert isinstance(user, User)
    participant = access.get_case_file(user, public_id, what="surveys", manage=True)
    today = timezone.localdate()
    return render(
        request,
        "surveys/coach_file.html",
        {
            "p": participant,
            "moments": _moments(participant),
            "today": today,
            "consent": actions.evaluation_consent(participant),
        },
    )


@login_required
def coach_answer(
    request: HttpRequest, public_id: UUID, enrolment_id: UUID, moment: str
) -> HttpResponse:
    if moment not in Moment.values:
        raise Http404
    user = request.user
    assert isinstance(user, User)
    action = Action.CREATE if request.method == "POST" else Action.VIEW
    participant = access.get_case_file(user, public_id, what="surveys", action=action, manage=True)
    enrolment = _enrolment(participant, enrolment_id)
    return _form(
        request,
        user,
        participant,
        enrolment,
        moment,
        template="surveys/answer.html",
        done=reverse("surveys:coach_file", args=[participant.public_id]),
        extra={"with_coach": True},
    )


# --- analysts -------------------------------------------------------------------------------------


def _analyst(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not (user.is_analyst or user.is_administrator):
        raise PermissionDenied
    return user


def _choice(request: HttpRequest) -> tuple[str, str]:
    after = request.GET.get("after", Moment.M3)
    by = request.GET.get("by", "programme")
    if after not in [m.value for m in results.AFTER_MOMENTS]:
        after = Moment.M3
    if by not in results.breakdowns():
        by = "programme"
    return after, by


@login_required
def analyst_results(request: HttpRequest) -> HttpResponse:
    _analyst(request)
    after, by = _choice(request)
    groups, total = results.paired_results(after, by)
    rate, rate_source = results.benchmark()
    return render(
        request,
        "surveys/results.html",
        {
            "groups": groups,
            "suppressed": [g for g in groups if not g.any_shown],
            "by_label": results.breakdowns()[by],
            "total": total,
            "after": after,
            "by": by,
            "after_choices": [(m.value, m.label) for m in results.AFTER_MOMENTS],
            "by_choices": list(results.breakdowns().items()),
            "rates": results.response_rates(timezone.localdate()),
            "benchmark": rate,
            "benchmark_source": rate_source,
            "explanation": tables.explanation(),
            "threshold": tables.threshold(),
        },
    )


@login_required
def analyst_results_csv(request: HttpRequest) -> HttpResponse:
    _analyst(request)
    after, by = _choice(request)
    groups, total = results.paired_results(after, by)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="survey-{by}-intake-{after}.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            "breakdown",
            "group",
            "indicator",
            "before",
            "after",
            "pairs",
            "mean_before",
            "mean_after",
            "mean_change",
            "improved",
            "same",
            "worse",
        ]
    )
    for group in [*groups, total]:
        for row in group.rows:
            writer.writerow(
                [
                    by,
                    group.label,
                    row.indicator,
                    Moment.INTAKE.value,
                    after,
                    row.n_text,
                    *(
                        "" if x is None else x
                        for x in (
                            row.mean_before,
                            row.mean_after,
                            row.mean_change,
                            row.improved,
                            row.same,
                            row.worse,
                        )
                    ),
                ]
            )
    writer.writerow([])
    writer.writerow(["moment", "invited", "answered", "response_rate_pct"])
    for r in results.response_rates(timezone.localdate()):
        writer.writerow(
            [r.moment, r.invited_text, r.answered_text, "" if r.rate is None else r.rate]
        )
    return response
