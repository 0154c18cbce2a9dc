"""Pages of the path: a participant's timeline, the programme list."""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from werkpad.accounts.models import User
from werkpad.participants.access import get_participant

from . import access, actions
from .timeline import timeline


@login_required
def participant_timeline(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Enrolments, statuses, records and placements of one participant on one line of time."""
    user = request.user
    assert isinstance(user, User)
    if user.is_participant:
        raise Http404  # newcomers see their path in the portal
    participant = get_participant(user, public_id, what="timeline")
    return render(
        request,
        "pathway/timeline.html",
        {"p": participant, "lanes": timeline(participant)},
    )


@login_required
def programme_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    programmes = access.visible_programmes(user).prefetch_related("organisations")
    if not (user.is_coach or user.is_administrator or user.is_analyst):
        raise Http404
    return render(
        request,
        "pathway/programmes.html",
        {"programmes": programmes, "may_manage": actions.may_manage_programmes(user)},
    )
