"""The newcomer's own answer to a suggested vacancy (portal "Vacatures voor mij"): interested, or
not interested because ... . Stored as a :class:`MatchDecision` with the newcomer as actor, so the
coach sees it next to their own decisions; it never shortlists anyone (the coach decides that)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from werkpad.audit import log
from werkpad.audit.models import Action
from werkpad.participants import actions as participant_actions

from .models import Decision, DecisionActor, DecisionReason, MatchDecision

if TYPE_CHECKING:
    from werkpad.accounts.models import User
    from werkpad.employers.models import Vacancy
    from werkpad.participants.models import Participant


@transaction.atomic
def newcomer_interest(
    user: User,
    participant: Participant,
    vacancy: Vacancy,
    *,
    interested: bool,
    reason: str = "",
    shown: dict[str, Any] | None = None,
) -> MatchDecision:
    """Record the newcomer's answer; "not interested" needs a reason in their own words."""
    if not user.is_participant or participant.user_id != user.pk:
        raise PermissionDenied
    reason = reason.strip()[:1000]
    if not interested and not reason:
        raise ValidationError({"reason": _("Tell your coach why this job is not for you.")})
    shown = shown or {}
    entry = MatchDecision.objects.create(
        coach=user,
        actor=DecisionActor.NEWCOMER,
        participant=participant,
        vacancy=vacancy,
        decision=Decision.INTERESTED if interested else Decision.NOT_INTERESTED,
        reason_code=(
            DecisionReason.PARTICIPANT_WANTS if interested else DecisionReason.NOT_INTERESTED
        ),
        reason=reason,
        score=float(shown.get("score", 0.0)),
        shown=shown,
        weights_version=str(shown.get("weights_version", "")),
    )
    participant_actions.record_related_change(
        user,
        participant,
        section="matching",
        label=_("Interested (the newcomer)") if interested else _("Not interested (the newcomer)"),
        old="",
        new=f"{vacancy.title} — {vacancy.employer.name}" + (f": {reason}" if reason else ""),
    )
    log.record(user, participant, Action.UPDATE, "portal vacancy interest")
    return entry


def latest_answers(participant: Participant) -> dict[int, MatchDecision]:
    """The newcomer's latest answer per vacancy."""
    answers: dict[int, MatchDecision] = {}
    for d in MatchDecision.objects.filter(
        participant=participant, actor=DecisionActor.NEWCOMER
    ).order_by("created_at", "id"):
        answers[d.vacancy_id] = d
    return answers
