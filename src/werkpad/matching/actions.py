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
from django.utils import timezone
from django.utils.translation import gettext as _

from werkpad.employers import actions as employer_actions
from werkpad.participants import actions as participant_actions

from .models import (
    Decision,
    DecisionReason,
    MatchDecision,
    SkillSuggestion,
    SuggestionStatus,
)

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


# --- skills from the story ------------------------------------------------------------------------


@transaction.atomic
def suggest_skills(user: User, participant: Participant, story: str) -> tuple[list[Any], Any]:
    """Suggest ESCO skills from ``story`` (the participant's own words, in a language the
    encoder reads), each with its supporting sentence. Suggestions are stored as *suggested*:
    they do not count in matching until a coach confirms them. A skill already decided on
    keeps its decision. Returns the new or updated suggestions and the language detection."""
    from werkpad.core.taxonomy.semantic import default_encoder
    from werkpad.core.taxonomy.semantic import suggest_skills as core_suggest

    from .taxonomy import current

    if not user.is_coach:
        raise PermissionDenied
    bundle = current()
    found, detection = core_suggest(story, bundle.skill_index, default_encoder())
    decided = set(
        participant.skill_suggestions.exclude(status=SuggestionStatus.SUGGESTED).values_list(
            "skill_uri", flat=True
        )
    )
    out = []
    language = "nl"
    for s in found:
        if s.uri in decided:
            continue
        entry, _created = SkillSuggestion.objects.update_or_create(
            participant=participant,
            skill_uri=s.uri,
            defaults={
                "skill_label": bundle.skill_label(s.uri, language)[:300],
                "sentence": s.sentence,
                "score": s.score,
                "created_by": user,
            },
        )
        out.append(entry)
    if out:
        participant_actions.record_related_change(
            user,
            participant,
            section="matching",
            label=_("Skills suggested from the story"),
            old="",
            new=", ".join(entry.skill_label for entry in out),
        )
    return out, detection


@transaction.atomic
def decide_skill(user: User, suggestion: SkillSuggestion, *, confirm: bool) -> SkillSuggestion:
    """A coach confirms (it enters matching) or rejects a suggested skill."""
    if not user.is_coach:
        raise PermissionDenied
    old = suggestion.get_status_display()
    suggestion.status = SuggestionStatus.CONFIRMED if confirm else SuggestionStatus.REJECTED
    suggestion.decided_by = user
    suggestion.decided_at = timezone.now()
    suggestion.save(update_fields=["status", "decided_by", "decided_at"])
    participant_actions.record_related_change(
        user,
        suggestion.participant,
        section="matching",
        label=_("Skill from the story"),
        old=f"{suggestion.skill_label}: {old}",
        new=f"{suggestion.skill_label}: {suggestion.get_status_display()}",
    )
    return suggestion
