"""The coach's decision on a suggestion: the only write of the matching app on case data.

Nothing is decided automatically. A decision stores what the coach saw (score, components,
exclusions and plan steps, weights version) and, for "shortlist", adds the shortlist entry
through the employers app's own action. One transaction; the participant's history and the
access log are written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from werkpad.employers import actions as employer_actions
from werkpad.participants import actions as participant_actions

from .models import Decision, DecisionReason, MatchDecision

if TYPE_CHECKING:
    from werkpad.accounts.models import User
    from werkpad.employers.models import Vacancy
    from werkpad.participants.models import Participant


@transaction.atomic
def decide(
    user: User,
    participant: Participant,
    vacancy: Vacancy,
    *,
    decision: str,
    reason_code: str,
    reason: str,
    shown: dict[str, Any],
) -> MatchDecision:
    """Record ``user``'s decision on the suggestion ``participant`` <-> ``vacancy``.

    ``participant`` comes from ``participants.access`` and ``vacancy`` from ``employers.access``
    (the caller's job); ``shown`` is the verified snapshot of the suggestion as displayed.
    """
    if not user.is_coach:
        raise PermissionDenied
    if decision not in (Decision.SHORTLIST, Decision.DISMISS):
        raise ValidationError(_("Unknown decision."))
    if reason_code not in DecisionReason.values:
        raise ValidationError(_("Choose a reason."))
    reason = reason.strip()
    if reason_code == DecisionReason.OTHER and not reason:
        raise ValidationError(_("Explain the reason when you choose 'other'."))
    if decision == Decision.SHORTLIST:
        employer_actions.shortlist(user, vacancy, participant, reason=reason)
    entry = MatchDecision.objects.create(
        coach=user,
        participant=participant,
        vacancy=vacancy,
        decision=decision,
        reason_code=reason_code,
        reason=reason,
        score=float(shown.get("score", 0.0)),
        shown=shown,
        weights_version=str(shown.get("weights_version", "")),
    )
    label = (
        _("Suggestion shortlisted") if decision == Decision.SHORTLIST else _("Suggestion dismissed")
    )
    participant_actions.record_related_change(
        user,
        participant,
        section="matching",
        label=label,
        old="",
        new=f"{vacancy.title} — {vacancy.employer.name}: {DecisionReason(reason_code).label}",
    )
    return entry
