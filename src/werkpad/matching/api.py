"""JSON API of the matching app, mounted at /api/matching/.

Same access layers, services and action as the HTML pages: suggestions for a participant only for
a coach who may open the file (logged), candidates for a vacancy only from the coach's visible
participants, decisions only with a signed suggestion token as shown.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core import signing
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from werkpad.accounts.models import User
from werkpad.audit.models import Action
from werkpad.employers import access as employer_access
from werkpad.participants import access
from werkpad.participants.actions import log_list

from . import actions, services
from .views import search_hits, search_result

router = Router(tags=["matching"])


class OccupationHit(Schema):
    uri: str
    label: str
    label_nl: str
    label_en: str
    matched: str
    score: float
    matched_words: list[str] = []
    by_meaning: bool = False
    lexical: float = 0.0
    semantic: float = 0.0


class OccupationSearchOut(Schema):
    hits: list[OccupationHit]
    fallback: bool
    unsupported: bool
    language: str
    script: str
    language_name: str


class Component(Schema):
    name: str
    label: str
    value: float
    weight: float
    explanation: str
    evidence: list[str]


class SuggestionOut(Schema):
    participant: UUID
    vacancy: int
    vacancy_title: str
    score: float
    near_miss: bool
    distance_km: float
    components: list[Component]
    exclusions: list[str]
    plan_steps: list[str]
    token: str


class SuggestionsOut(Schema):
    matches: list[SuggestionOut]
    near_misses: list[SuggestionOut]
    eligible: int
    considered: int


class DecisionIn(Schema):
    token: str
    decision: str
    reason_code: str
    reason: str = ""


class DecisionOut(Schema):
    id: int
    decision: str
    score: float
    weights_version: str


def _user(request: HttpRequest) -> User:
    user = request.auth  # type: ignore[attr-defined]
    if not isinstance(user, User):
        raise HttpError(403, "Forbidden")
    return user


def _coach(request: HttpRequest) -> User:
    user = _user(request)
    if not user.is_coach:
        raise HttpError(403, "Forbidden")
    return user


def _out(s: services.Suggestions) -> dict[str, Any]:
    def one(x: services.Suggestion) -> dict[str, Any]:
        return {
            "participant": x.participant.public_id,
            "vacancy": x.vacancy.pk,
            "vacancy_title": x.vacancy.title,
            "score": x.score,
            "near_miss": x.near_miss,
            "distance_km": x.distance_km,
            "components": [c.__dict__ for c in x.components],
            "exclusions": list(x.exclusions),
            "plan_steps": list(x.steps),
            "token": x.token,
        }

    return {
        "matches": [one(x) for x in s.matches],
        "near_misses": [one(x) for x in s.near_misses],
        "eligible": s.eligible,
        "considered": s.considered,
    }


@router.get("/occupations/search", response=list[OccupationHit])
def occupation_search(request: HttpRequest, q: str, k: int = 8) -> list[dict[str, Any]]:
    """Typo-tolerant occupation search (Dutch and English labels of the taxonomy in use)."""
    _user(request)
    return search_hits(q.strip(), k=max(1, min(k, 25)))


@router.get("/occupations/find", response=OccupationSearchOut)
def occupation_find(request: HttpRequest, q: str, k: int = 8) -> dict[str, Any]:
    """Occupation search in any language the multilingual encoder reads, with the detected script
    and language; ``fallback`` is true for a language it cannot read (then only clear lexical
    hits are returned: offer the ISCO groups or entry with the coach)."""
    _user(request)
    return search_result(q.strip(), k=max(1, min(k, 25)))


@router.get("/participants/{public_id}/vacancies", response=SuggestionsOut)
def participant_suggestions(request: HttpRequest, public_id: UUID) -> dict[str, Any]:
    user = _user(request)
    participant = access.get_case_file(
        user, public_id, what="matching suggestions (api)", section="work"
    )
    return _out(
        services.vacancies_for_participant(participant, employer_access.vacancies_for(user))
    )


@router.get("/vacancies/{pk}/candidates", response=SuggestionsOut)
def vacancy_candidates(request: HttpRequest, pk: int) -> dict[str, Any]:
    user = _coach(request)
    vacancy = employer_access.get_or_404(employer_access.vacancies_for(user), pk=pk)
    result = services.participants_for_vacancy(
        vacancy, access.visible_participants(user, access.GUIDANCE_ONLY)
    )
    log_list(user, services.shown_participants(result), "matching candidates (api)")
    return _out(result)


@router.post("/decisions", response={201: DecisionOut, 400: dict})
def decide(request: HttpRequest, payload: DecisionIn) -> Status:
    user = _coach(request)
    try:
        data = services.read_token(payload.token)
    except signing.BadSignature:
        return Status(400, {"detail": "The suggestion token is invalid or out of date."})
    participant = access.get_participant(
        user, data["participant"], what="matching decision (api)", action=Action.UPDATE
    )
    vacancy = employer_access.get_or_404(employer_access.vacancies_for(user), pk=data["vacancy"])
    try:
        entry = actions.decide(
            user,
            participant,
            vacancy,
            decision=payload.decision,
            reason_code=payload.reason_code,
            reason=payload.reason,
            shown=data["shown"],
        )
    except ValidationError as error:
        return Status(400, {"detail": " ".join(error.messages)})
    return Status(
        201,
        {
            "id": entry.pk,
            "decision": entry.decision,
            "score": entry.score,
            "weights_version": entry.weights_version,
        },
    )
