"""Retention periods per kind of record: dated data with their source (data/retention.toml).

:func:`rules_on` gives the version of each kind in force on a day; :func:`apply_retention` (run by
``werkpad apply-retention``, and callable from a task queue) anonymises what has expired on that
day. docs/retention.md explains each kind.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import cache
from pathlib import Path

from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q
from django.utils import timezone

from werkpad.core.anonymity import add_months

DATA = Path(__file__).parent / "data" / "retention.toml"


@dataclass(frozen=True)
class RetentionRule:
    code: str
    label: str
    months: int | None
    follows: str
    counted_from: str
    valid_from: date
    source: str
    legal_duty: str

    @property
    def version(self) -> str:
        return f"{self.code}@{self.valid_from.isoformat()}"


@cache
def all_rules() -> tuple[RetentionRule, ...]:
    raw = tomllib.loads(DATA.read_text(encoding="utf-8"))
    rules = []
    for item in raw["kind"]:
        months = item.get("months")
        follows = item.get("follows", "")
        if (months is None) == (not follows):
            raise ValueError(f"retention kind {item['code']}: give either months or follows")
        rules.append(
            RetentionRule(
                code=item["code"],
                label=item["label"],
                months=int(months) if months is not None else None,
                follows=follows,
                counted_from=item["counted_from"],
                valid_from=item["valid_from"],
                source=item["source"],
                legal_duty=item.get("legal_duty", ""),
            )
        )
    return tuple(rules)


def rules_on(day: date) -> dict[str, RetentionRule]:
    """The version of each kind in force on ``day`` (kinds not yet in force are left out)."""
    current: dict[str, RetentionRule] = {}
    for r in sorted(all_rules(), key=lambda r: r.valid_from):
        if r.valid_from <= day:
            current[r.code] = r
    return current


def cutoff(rule: RetentionRule, day: date) -> date:
    """Records counted from before this date have expired on ``day``."""
    assert rule.months is not None
    return add_months(day, -rule.months)


def _start_of(d: date) -> datetime:
    return timezone.make_aware(datetime.combine(d, time.min))


@dataclass
class RetentionResult:
    day: date
    files: int = 0
    requests: int = 0
    handovers: int = 0
    match_reasons: int = 0

    def as_dict(self) -> dict[str, int | str]:
        return {
            "day": self.day.isoformat(),
            "participant_file": self.files,
            "data_request": self.requests,
            "handover_note": self.handovers,
            "match_decision_reason": self.match_reasons,
        }


def expired_files(day: date) -> list[int]:
    """Ids of participant files whose retention ended on ``day``: not yet anonymised, no
    enrolment still running, and the last enrolment ended (or, without one, the file last
    changed) before the cut-off."""
    from werkpad.participants.models import Participant

    rule = rules_on(day).get("participant_file")
    if rule is None:
        return []
    limit = cutoff(rule, day)
    from werkpad.pathway.models import Enrolment

    running = Enrolment.objects.filter(participant=OuterRef("pk"), outflow_date__isnull=True)
    any_enrolment = Enrolment.objects.filter(participant=OuterRef("pk"))
    qs = (
        Participant.objects.filter(anonymisation__isnull=True)
        .exclude(Exists(running))
        .annotate(last_outflow=Max("enrolments__outflow_date"), enrolled=Exists(any_enrolment))
        .filter(
            Q(enrolled=True, last_outflow__lt=limit)
            | Q(enrolled=False, updated_at__lt=_start_of(limit))
        )
    )
    return sorted(set(qs.values_list("pk", flat=True)))


def apply_retention(day: date | None = None) -> RetentionResult:
    """Anonymise every record whose retention period ended on ``day`` (default today).

    Idempotent: a second run on the same day changes nothing. Each file is anonymised in its own
    transaction (:func:`werkpad.privacy.anonymise.anonymise_participant`), so a failure leaves the
    others done; the small records are updated in one transaction per kind.
    """
    from werkpad.handovers.models import OPEN_STATES, Handover, HandoverEvent
    from werkpad.matching.models import MatchDecision
    from werkpad.participants.models import Participant

    from .anonymise import anonymise_participant, suppress_small_groups_in_anonymised
    from .models import AnonymisationReason, DataRequest, RequestState

    day = day or timezone.localdate()
    rules = rules_on(day)
    result = RetentionResult(day)
    for pk in expired_files(day):
        participant = Participant.objects.get(pk=pk)
        anonymise_participant(
            participant, AnonymisationReason.RETENTION, day, rules["participant_file"].version
        )
        result.files += 1
    if result.files:
        suppress_small_groups_in_anonymised()
    if "data_request" in rules:
        with transaction.atomic():
            result.requests = (
                DataRequest.objects.exclude(state=RequestState.OPEN)
                .filter(decided_at__lt=_start_of(cutoff(rules["data_request"], day)))
                .exclude(text="", note="")
                .update(text="", note="")
            )
    if "handover_note" in rules:
        limit = _start_of(cutoff(rules["handover_note"], day))
        with transaction.atomic():
            old = Handover.objects.exclude(state__in=OPEN_STATES).filter(closed_at__lt=limit)
            result.handovers = old.exclude(note="", override_reason="").update(
                note="", override_reason=""
            )
            HandoverEvent.objects.filter(handover__in=old).exclude(detail="").update(detail="")
    if "match_decision_reason" in rules:
        limit = _start_of(cutoff(rules["match_decision_reason"], day))
        with transaction.atomic():
            result.match_reasons = (
                MatchDecision.objects.filter(created_at__lt=limit)
                .exclude(reason="")
                .update(reason="")
            )
    return result
