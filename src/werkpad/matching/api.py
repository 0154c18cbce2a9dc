"""JSON API of the matching app, mounted at /api/matching/.

Same access layers, services and action as the HTML pages: suggestions for a participant only for
a coach who may open the file (logged), candidates for a vacancy only from the coach's visible
participants, decisions only with a signed suggestion token as shown.
"""

from __future__ import annotations

from typing import Any, Literal
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

from . import actions, services, weights
from .models import SkillSuggestion, WeightSet
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
        vacancy, access.visible_participants(user, access.GUIDANCE_ONLY, section="shortlist")
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
        user,
        data["participant"],
        what="matching decision (api)",
        action=Action.UPDATE,
        section="shortlist",
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


# --- skills from the story ------------------------------------------------------------------------


class SkillSuggestionOut(Schema):
    id: int
    skill_uri: str
    skill_label: str
    sentence: str
    score: float
    status: str


class StoryIn(Schema):
    story: str


class SkillsOut(Schema):
    suggestions: list[SkillSuggestionOut]
    unsupported: bool
    language: str


class SkillDecisionIn(Schema):
    decision: Literal["confirm", "reject"]


def _suggestion_out(s: SkillSuggestion) -> dict[str, Any]:
    return {
        "id": s.pk,
        "skill_uri": s.skill_uri,
        "skill_label": s.skill_label,
        "sentence": s.sentence,
        "score": s.score,
        "status": s.status,
    }


@router.get("/participants/{public_id}/skills", response=list[SkillSuggestionOut])
def skill_suggestions(request: HttpRequest, public_id: UUID) -> list[dict[str, Any]]:
    """Skills suggested from the participant's story, with their sentence and the coach's
    decision; only ``confirmed`` ones enter matching."""
    user = _user(request)
    participant = access.get_case_file(
        user, public_id, what="skills from the story (api)", section="work"
    )
    return [_suggestion_out(s) for s in participant.skill_suggestions.order_by("-score", "id")]


@router.post("/participants/{public_id}/skills", response=SkillsOut)
def suggest_skills(request: HttpRequest, public_id: UUID, payload: StoryIn) -> dict[str, Any]:
    """Suggest skills from a story in the participant's language (``unsupported``: a language
    the encoder does not read; nothing is suggested then)."""
    user = _coach(request)
    participant = access.get_case_file(
        user,
        public_id,
        what="skills from the story (api)",
        section="work",
        edit=True,
        action=Action.UPDATE,
    )
    found, detection = actions.suggest_skills(user, participant, payload.story[:4000])
    return {
        "suggestions": [_suggestion_out(s) for s in found],
        "unsupported": not detection.supported,
        "language": detection.language,
    }


@router.post("/participants/{public_id}/skills/{suggestion_id}", response=SkillSuggestionOut)
def decide_skill(
    request: HttpRequest, public_id: UUID, suggestion_id: int, payload: SkillDecisionIn
) -> dict[str, Any]:
    """The coach confirms (it enters matching) or rejects a suggested skill."""
    user = _coach(request)
    participant = access.get_case_file(
        user,
        public_id,
        what="skills from the story (api)",
        section="work",
        edit=True,
        action=Action.UPDATE,
    )
    suggestion = participant.skill_suggestions.filter(pk=suggestion_id).first()
    if suggestion is None:
        raise HttpError(404, "Not found")
    decided = actions.decide_skill(user, suggestion, confirm=payload.decision == "confirm")
    return _suggestion_out(decided)


# --- learned weights (administrators) ---------------------------------------------------------------


class WeightSetOut(Schema):
    id: int
    version: str
    status: str
    weights: dict[str, float]
    fit: dict[str, Any]


class RevertOut(Schema):
    retired: int | None
    in_use: str


def _admin(request: HttpRequest) -> User:
    user = _user(request)
    if not user.is_administrator:
        raise HttpError(403, "Forbidden")
    return user


def _weight_out(w: WeightSet) -> dict[str, Any]:
    return {
        "id": w.pk,
        "version": w.version,
        "status": w.status,
        "weights": w.weights,
        "fit": w.fit,
    }


@router.get("/weights", response=list[WeightSetOut])
def weight_sets(request: HttpRequest) -> list[dict[str, Any]]:
    """Proposed, adopted and reverted weight sets, newest first (administrators)."""
    _admin(request)
    return [_weight_out(w) for w in WeightSet.objects.order_by("-id")[:100]]


@router.post("/weights/{weight_id}/adopt", response=WeightSetOut)
def adopt_weights(request: HttpRequest, weight_id: int) -> dict[str, Any]:
    """Put a proposal in use (administrators; logged, reversible)."""
    user = _admin(request)
    entry = WeightSet.objects.filter(pk=weight_id).first()
    if entry is None:
        raise HttpError(404, "Not found")
    try:
        return _weight_out(weights.adopt(user, entry))
    except ValidationError as error:
        raise HttpError(422, " ".join(error.messages)) from error


@router.post("/weights/revert", response=RevertOut)
def revert_weights(request: HttpRequest) -> dict[str, Any]:
    """Retire the weights in use; the previous ones (or the defaults) apply again."""
    retired = weights.revert(_admin(request))
    current = weights.active_set()
    return {
        "retired": retired.pk if retired else None,
        "in_use": current.version if current else "default",
    }
