"""Demo records: a few handovers in different states and scoped links (run by ``seed_demo``)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError

from werkpad.participants.choices import ConsentScope
from werkpad.participants.models import CoachLink, Consent, Participant
from werkpad.participants.purposes import Purpose

from . import actions


def seed(ctx: Any) -> None:
    group, _created = Group.objects.get_or_create(name="Coordinators")
    group.permissions.add(Permission.objects.get(codename="reassign_caseload"))
    coach, partner = ctx.users.get("coach"), ctx.users.get("partner")
    if coach is None or partner is None:
        return
    candidates = Participant.objects.filter(regiehouder=coach).exclude(coach_links__coach=partner)
    # The completed handover needs the newcomer's confirmation: a file with a portal account.
    completed = (
        Participant.objects.filter(user__isnull=False, regiehouder__isnull=False)
        .exclude(regiehouder__organisation=partner.organisation)
        .exclude(coach_links__coach=partner)
        .order_by("number")
        .first()
    )
    files = list(candidates.exclude(pk=getattr(completed, "pk", None)).order_by("number")[:4])
    if completed is None or completed.regiehouder is None or len(files) < 4:
        return
    sender = completed.regiehouder
    proposed, waiting, accepted, revoked = files
    today = ctx.today

    def consent(p: Participant) -> None:
        Consent.objects.create(
            participant=p,
            scope=ConsentScope.ORGANISATION_OTHER,
            recipient=partner.organisation,
            purpose_code=Purpose.HANDOVER,
            purpose="warm handover",
            given_at=_now(),
            recorded_by=p.regiehouder,
        )

    try:
        # Proposed, waiting for the newcomer's consent.
        actions.propose(coach, waiting, partner, meeting_date=today + timedelta(days=7))
        # Proposed with consent, not yet accepted.
        consent(proposed)
        actions.propose(coach, proposed, partner)
        # Accepted: the partner reads the shared sections; meeting recorded.
        consent(accepted)
        h = actions.propose(coach, accepted, partner, shared_sections=["person", "work"])
        actions.accept(partner, h)
        actions.record_meeting(coach, h, today)
        actions.confirm(coach, h)
        # Completed: the partner is regiehouder now.
        consent(completed)
        h = actions.propose(sender, completed, partner)
        actions.accept(partner, h)
        actions.record_meeting(partner, h, today - timedelta(days=3))
        for who in (sender, partner, completed.user):
            actions.confirm(who, h)
        # Revoked.
        consent(revoked)
        h = actions.propose(coach, revoked, partner)
        actions.revoke(coach, h, "the newcomer moves elsewhere")
    except ValidationError:
        return
    # Scoped links: the language coach of each of Utrecht's linked files reads languages and
    # availability only, edits languages.
    for link in CoachLink.objects.filter(coach__username="taal").select_related("participant")[:10]:
        actions.set_link_scope(
            coach,
            link.participant,
            link,
            purpose=Purpose.GUIDANCE,
            read=["languages", "inburgering", "availability"],
            edit=["languages"],
        )


def _now() -> Any:
    from django.utils import timezone

    return timezone.now()
