"""Template helpers of the portal: Dutch next to the reader's language, the coach's portal card."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import translation
from django.utils.html import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def dutch(context: dict[str, Any], text: str) -> str:
    """The Dutch wording of a (translated) text, when the newcomer asked to see Dutch next to
    their language: ``{% dutch "My plan" %}`` -> ``<span class="nl-gloss" lang="nl">Mijn pad</span>``."""
    if not context.get("show_dutch"):
        return ""
    if (translation.get_language() or "nl")[:2] == "nl":
        return ""
    with translation.override("nl"):
        text_nl = translation.gettext(text)
    return format_html(' <span class="nl-gloss" lang="nl">{}</span>', text_nl)


@register.inclusion_tag("portal/_coach_card.html", takes_context=True)
def portal_card(context: dict[str, Any], participant: Any) -> dict[str, Any]:
    """On the participant file: the newcomer's unread messages and their answers to suggestions."""
    from werkpad.matching.models import DecisionActor, MatchDecision
    from werkpad.participants import access
    from werkpad.portal.models import Message

    user = context["request"].user
    manage = access.can_edit(user, participant)
    return {
        "p": participant,
        "manage": manage,
        "unread": (
            list(
                Message.objects.filter(
                    participant=participant, from_newcomer=True, read_at__isnull=True
                )
            )
            if manage
            else []
        ),
        "answers": list(
            MatchDecision.objects.filter(participant=participant, actor=DecisionActor.NEWCOMER)
            .select_related("vacancy__employer")
            .order_by("-created_at")[:10]
        ),
        "has_account": participant.user_id is not None,
        "csrf_token": context.get("csrf_token"),
    }
