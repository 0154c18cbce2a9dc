"""Template helpers of the employer desk."""

from __future__ import annotations

from typing import Any

from django import template

from werkpad.participants.sections import describe_mask

register = template.Library()


@register.simple_tag
def roster_text(mask: int) -> str:
    return describe_mask(int(mask or 0))


@register.inclusion_tag("employers/_participant_section.html", takes_context=True)
def employer_section(context: Any, participant: Any) -> dict[str, Any]:
    """Shortlists, TWV applications and placements on a participant's file (coach pages only).

    The page including this has already opened (and logged) the file through the access layer.
    """
    from django.utils import timezone

    from werkpad.participants.access import may_see

    user = context["request"].user
    if not getattr(user, "is_coach", False) or not may_see(user, participant.pk):
        return {"show": False}
    today = timezone.localdate()
    twvs = list(participant.twv_applications.select_related("employer__organisation", "vacancy"))
    return {
        "show": True,
        "p": participant,
        "shortlists": participant.shortlists.select_related("vacancy__employer__organisation"),
        "twvs": [(t, t.overdue_level(today)) for t in twvs],
        "placements": participant.placements.select_related("employer__organisation"),
        "today": today,
    }
