"""Suggestions: rank through the matching core and turn the results into what a page shows.

Readers of participant data get their participants from ``participants.access`` (scoped and
logged) before calling in here; vacancies come from ``employers.access``. Every suggestion shown
carries a signed snapshot of exactly what was shown (score, components, exclusions, plan steps,
weights version), which the coach's decision stores (see :mod:`werkpad.matching.actions`).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
from django.core import signing
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from werkpad import formats
from werkpad.core.i18n import Message, msg
from werkpad.core.matching import (
    Candidate,
    ComponentName,
    Matcher,
    PairScore,
    Ranking,
    Vacancy,
    Weights,
)
from werkpad.employers.choices import VacancyStatus
from werkpad.employers.models import Vacancy as VacancyRecord
from werkpad.participants.choices import ParticipantStatus
from werkpad.participants.models import Participant

from . import adapters
from .models import Decision, MatchDecision, SkillSuggestion
from .taxonomy import TaxonomyBundle, current

K = 10
SNAPSHOT_SALT = "werkpad.matching.decision"
SNAPSHOT_MAX_AGE = 12 * 3600  # seconds: a decision on an older page asks for a reload
WEIGHTS = Weights()
#: Statuses whose participants are not proposed for jobs any more.
INACTIVE_STATUSES = (ParticipantStatus.ENDED, ParticipantStatus.DROPOUT)

COMPONENT_LABELS = {
    ComponentName.SKILLS: gettext_lazy("Skills"),
    ComponentName.OCCUPATION: gettext_lazy("Occupation"),
    ComponentName.EXPERIENCE: gettext_lazy("Experience"),
    ComponentName.DESIRED_OCCUPATION: gettext_lazy("Desired occupation"),
    ComponentName.DESIRED_CATEGORY: gettext_lazy("Self-development"),
    ComponentName.LANGUAGE_RICH: gettext_lazy("Language-rich workplace"),
    ComponentName.EMPLOYER_EXPERIENCE: gettext_lazy("Employer experience"),
    ComponentName.DISTANCE: gettext_lazy("Distance"),
}

# Shared certificate codes (see adapters.CERTIFICATE_CODES) that need translating when shown.
_CODE_LABELS = {
    "rijbewijs": gettext_lazy("driving licence"),
    "heftruckcertificaat": gettext_lazy("forklift certificate"),
    "diploma": gettext_lazy("diploma"),
    "certificaat": gettext_lazy("certificate"),
}


def weights_version(weights: Weights | None = None) -> str:
    """A short, stable name of the weights (by default those in use; changes whenever a weight
    changes)."""
    if weights is None:
        from .weights import active_weights

        weights = active_weights()
    text = repr(sorted(dataclasses.asdict(weights).items()))
    return "w-" + hashlib.sha256(text.encode()).hexdigest()[:12]


def code_label(code: str) -> str:
    if code.startswith("rijbewijs-"):
        return _("driving licence %(category)s") % {"category": code.removeprefix("rijbewijs-")}
    label = _CODE_LABELS.get(code)
    return str(label) if label is not None else code


def render(message: Message) -> str:
    """A core message in the user's language; certificate codes become their names."""
    name = message.params.get("name")
    if isinstance(name, str) and (name in _CODE_LABELS or name.startswith("rijbewijs-")):
        message = msg(message.msgid, **{**message.params, "name": code_label(name)})
    return message.render(_, formats.message_param)


# --- what a page shows ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ShownComponent:
    name: str
    label: str
    value: float
    weight: float
    explanation: str
    evidence: tuple[str, ...] = ()

    @property
    def percent(self) -> int:
        return round(self.value * 100)


@dataclass(frozen=True)
class Suggestion:
    """One suggested pair as shown: the other side's record, the score in words, and the token
    that a decision on it sends back."""

    participant: Participant
    vacancy: VacancyRecord
    score: float
    components: tuple[ShownComponent, ...]
    exclusions: tuple[str, ...]
    steps: tuple[str, ...]
    near_miss: bool
    distance_km: float
    token: str

    @property
    def percent(self) -> int:
        return round(self.score * 100)

    @property
    def strongest(self) -> tuple[ShownComponent, ...]:
        """The components that add most to the score (for the one-line summary)."""
        ranked = sorted(self.components, key=lambda c: c.value * c.weight, reverse=True)
        return tuple(c for c in ranked[:3] if c.value > 0)


@dataclass
class Suggestions:
    matches: list[Suggestion] = field(default_factory=list)
    near_misses: list[Suggestion] = field(default_factory=list)
    eligible: int = 0
    considered: int = 0
    no_location: int = 0
    decided: int = 0
    taxonomy_is_demo: bool = False


def _shown(pair: PairScore, bundle: TaxonomyBundle) -> dict[str, Any]:
    language = (get_language() or "nl")[:2]
    components = []
    for c in pair.components:
        evidence = tuple(
            bundle.label(uri, language)
            if uri in bundle.taxonomy.occupations
            else bundle.skill_label(uri, language)
            for uri in c.evidence[:6]
        )
        components.append(
            {
                "name": c.name.value,
                "label": str(COMPONENT_LABELS[c.name]),
                "value": round(c.value, 4),
                "weight": c.weight,
                "explanation": render(c.explanation),
                "evidence": list(evidence),
            }
        )
    return {
        "score": round(pair.score, 4),
        "components": components,
        "exclusions": [
            {"code": e.code.value, "text": render(e.message), "fixable": e.code.fixable}
            for e in pair.exclusions
        ],
        "steps": [render(step) for step in pair.plan_steps],
        "near_miss": pair.near_miss,
        "distance_km": round(pair.distance_km, 1),
        "weights_version": weights_version(),
    }


def _suggestion(
    pair: PairScore, participant: Participant, vacancy: VacancyRecord, bundle: TaxonomyBundle
) -> Suggestion:
    shown = _shown(pair, bundle)
    token = signing.dumps(
        {"participant": str(participant.public_id), "vacancy": vacancy.pk, "shown": shown},
        salt=SNAPSHOT_SALT,
        compress=True,
    )
    return Suggestion(
        participant=participant,
        vacancy=vacancy,
        score=pair.score,
        components=tuple(
            ShownComponent(
                c["name"],
                c["label"],
                c["value"],
                c["weight"],
                c["explanation"],
                tuple(c["evidence"]),
            )
            for c in shown["components"]
        ),
        exclusions=tuple(e["text"] for e in shown["exclusions"]),
        steps=tuple(shown["steps"]),
        near_miss=pair.near_miss,
        distance_km=pair.distance_km,
        token=token,
    )


def read_token(token: str) -> dict[str, Any]:
    """The snapshot of a shown suggestion (``signing.BadSignature`` when forged or too old)."""
    data: dict[str, Any] = signing.loads(token, salt=SNAPSHOT_SALT, max_age=SNAPSHOT_MAX_AGE)
    return data


# --- queries ----------------------------------------------------------------------------------


def open_vacancies(qs: QuerySet[VacancyRecord]) -> QuerySet[VacancyRecord]:
    return qs.filter(status=VacancyStatus.OPEN).select_related(
        "employer__organisation__municipality", "location__municipality"
    )


def participant_prefetch(qs: QuerySet[Participant]) -> QuerySet[Participant]:
    from werkpad.participants.models import Certificate, FixedAppointment, WorkExperience

    return qs.select_related(
        "municipality", "coa_location__municipality", "organisation__municipality"
    ).prefetch_related(
        Prefetch("experiences", queryset=WorkExperience.objects.order_by("pk")),
        Prefetch("certificates", queryset=Certificate.objects.order_by("pk")),
        Prefetch("appointments", queryset=FixedAppointment.objects.order_by("pk")),
        Prefetch(
            "skill_suggestions",
            queryset=SkillSuggestion.objects.filter(status="confirmed").order_by("pk"),
        ),
    )


def _dismissed_vacancies(participant: Participant) -> set[int]:
    return set(
        MatchDecision.objects.filter(
            participant=participant, decision=Decision.DISMISS
        ).values_list("vacancy_id", flat=True)
    )


def core_vacancies(
    records: Iterable[VacancyRecord], bundle: TaxonomyBundle, on: date
) -> tuple[list[Vacancy], dict[str, VacancyRecord], int]:
    out: list[Vacancy] = []
    by_id: dict[str, VacancyRecord] = {}
    missing = 0
    for record in records:
        vacancy = adapters.vacancy_from_record(record, bundle, on)
        if vacancy is None:
            missing += 1
            continue
        out.append(vacancy)
        by_id[vacancy.id] = record
    return out, by_id, missing


def core_candidates(
    people: Iterable[Participant], bundle: TaxonomyBundle, on: date
) -> tuple[list[Candidate], dict[str, Participant], int]:
    out: list[Candidate] = []
    by_id: dict[str, Participant] = {}
    missing = 0
    for person in people:
        candidate = adapters.candidate_from_participant(person, bundle, on)
        if candidate is None:
            missing += 1
            continue
        out.append(candidate)
        by_id[candidate.id] = person
    return out, by_id, missing


def matcher(bundle: TaxonomyBundle, weights: Weights | None = None) -> Matcher:
    """The matcher with ``weights`` (default: the adopted weights in use, see
    :func:`werkpad.matching.weights.active_weights`)."""
    from .weights import active_weights

    return Matcher(weights=weights or active_weights(), skill_space=bundle.skill_space)


def vacancies_for_participant(
    participant: Participant,
    vacancies: QuerySet[VacancyRecord],
    k: int = K,
    *,
    pooled: bool | None = None,
) -> Suggestions:
    """The best ``k`` open vacancies of ``vacancies`` (already scoped to the user) for
    ``participant`` (already read through the access layer), and the best near misses.

    By default through the per-process pool of open vacancies (:mod:`werkpad.matching.pool`),
    ranking among the ids of the scoped queryset; ``pooled=False`` reads and converts the
    scoped vacancies on the spot (the same result, much slower on a large database)."""
    from . import pool
    from .weights import active_weights

    bundle = current()
    today = timezone.localdate()
    result = Suggestions(taxonomy_is_demo=bundle.is_demo)
    person = participant_prefetch(Participant.objects.filter(pk=participant.pk)).get()
    candidate = adapters.candidate_from_participant(person, bundle, today)
    decided = _dismissed_vacancies(participant) | set(
        participant.shortlists.values_list("vacancy_id", flat=True)
    )
    result.decided = len(decided)
    if pooled is None:
        pooled = pool.supported()
    if not pooled:
        return _rank_directly(result, participant, candidate, vacancies, decided, bundle, today, k)
    current_pool = pool.current(bundle, today)
    weights = active_weights()
    fitted = pool.fitted(current_pool, weights, weights_version(weights))
    pks = current_pool.pks
    no_location = current_pool.no_location - decided
    if _is_everything(vacancies):
        # Every vacancy: the pool holds every open one (it was checked against the database's
        # version just now), so the ids need not be read.
        allowed = np.ones(len(pks), dtype=bool)
    else:
        scoped = list(
            vacancies.filter(status=VacancyStatus.OPEN).order_by().values_list("pk", flat=True)
        )
        allowed = np.isin(pks, np.array(scoped, dtype=np.int64))
        no_location = no_location.intersection(scoped)
    if decided:
        allowed &= ~np.isin(pks, np.array(sorted(decided), dtype=np.int64))
    result.no_location = len(no_location)
    result.considered = int(allowed.sum())
    if candidate is None:
        result.no_location = -1  # the participant's own location is unknown
        return result
    if not result.considered:
        return result
    ranking = fitted.rank_vacancies(candidate, k=k, among=allowed)
    result.eligible = ranking.eligible
    shown = {int(pair.vacancy_id) for pair in (*ranking.matches, *ranking.near_misses)}
    records = open_vacancies(vacancies).filter(pk__in=shown).in_bulk()

    def suggestions(pairs: Sequence[PairScore]) -> list[Suggestion]:
        return [
            _suggestion(pair, participant, records[int(pair.vacancy_id)], bundle)
            for pair in pairs
            if int(pair.vacancy_id) in records  # closed since the pool was read: left out
        ]

    result.matches = suggestions(ranking.matches)
    result.near_misses = suggestions(ranking.near_misses)
    return result


def _is_everything(qs: QuerySet[Any]) -> bool:
    """Whether ``qs`` is the whole table (no filter, no slice, no set operation)."""
    query = qs.query
    return (
        not query.where and not query.combinator and query.low_mark == 0 and query.high_mark is None
    )


def _rank_directly(
    result: Suggestions,
    participant: Participant,
    candidate: Candidate | None,
    vacancies: QuerySet[VacancyRecord],
    decided: set[int],
    bundle: TaxonomyBundle,
    today: date,
    k: int,
) -> Suggestions:
    records = list(open_vacancies(vacancies).exclude(pk__in=decided))
    jobs, by_id, result.no_location = core_vacancies(records, bundle, today)
    result.considered = len(jobs)
    if candidate is None:
        result.no_location = -1  # the participant's own location is unknown
        return result
    if not jobs:
        return result
    ranking: Ranking = matcher(bundle).fit(jobs).rank_vacancies(candidate, k=k)
    result.eligible = ranking.eligible
    result.matches = [
        _suggestion(pair, participant, by_id[pair.vacancy_id], bundle) for pair in ranking.matches
    ]
    result.near_misses = [
        _suggestion(pair, participant, by_id[pair.vacancy_id], bundle)
        for pair in ranking.near_misses
    ]
    return result


def participants_for_vacancy(
    vacancy: VacancyRecord, people: QuerySet[Participant], k: int = K
) -> Suggestions:
    """The best ``k`` of ``people`` (the user's visible participants) for ``vacancy``."""
    bundle = current()
    today = timezone.localdate()
    result = Suggestions(taxonomy_is_demo=bundle.is_demo)
    record = open_vacancies(VacancyRecord.objects.filter(pk=vacancy.pk)).first()
    if record is None:  # not open
        return result
    job = adapters.vacancy_from_record(record, bundle, today)
    dismissed = MatchDecision.objects.filter(
        vacancy=vacancy, decision=Decision.DISMISS
    ).values_list("participant_id", flat=True)
    shortlisted = vacancy.shortlist.values_list("participant_id", flat=True)
    pool = (
        people.exclude(status__in=INACTIVE_STATUSES)
        .exclude(pk__in=dismissed)
        .exclude(pk__in=shortlisted)
    )
    result.decided = people.count() - pool.count()
    candidates, by_id, result.no_location = core_candidates(
        participant_prefetch(pool), bundle, today
    )
    result.considered = len(candidates)
    if job is None:
        result.no_location = -1  # the vacancy's location is unknown
        return result
    if not candidates:
        return result
    ranking = matcher(bundle).fit([job], candidates).rank_candidates(job, k=k)
    result.eligible = ranking.eligible
    result.matches = [
        _suggestion(pair, by_id[pair.candidate_id], record, bundle) for pair in ranking.matches
    ]
    result.near_misses = [
        _suggestion(pair, by_id[pair.candidate_id], record, bundle) for pair in ranking.near_misses
    ]
    return result


def shown_participants(suggestions: Suggestions) -> Sequence[Participant]:
    return [s.participant for s in (*suggestions.matches, *suggestions.near_misses)]
