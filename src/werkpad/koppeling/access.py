"""The scoped access layer of the koppeling: who may see which household, proposal, run, document.

- a COA regievoerder (a coach of a COA organisation with the permission
  ``koppeling.link_households``) sees the households of their own COA location, their proposals,
  evidence and runs, and decides;
- the household (the main applicant's portal account) sees its own latest proposal and answers it;
- an analyst sees the fairness report of a run (aggregates, suppressed), nothing per household;
- everyone else: 404.

Every read, write and refusal of a household is logged here against the main applicant's file
(``audit.log``), never per view. A refusal looks like absence (404).
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, NoReturn

from django.db.models import QuerySet
from django.http import Http404

from werkpad.accounts.models import OrganisationKind
from werkpad.audit import log
from werkpad.audit.models import Action

from .models import Evidence, Household, Proposal, Run

if TYPE_CHECKING:
    from werkpad.accounts.models import User

PERMISSION = "koppeling.link_households"


def is_regievoerder(user: User) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and user.is_coach
        and user.organisation_id is not None
        and user.organisation is not None
        and user.organisation.kind == OrganisationKind.COA
        and user.has_perm(PERMISSION)
    )


def may_see_fairness(user: User) -> bool:
    return bool(
        user.is_authenticated and user.is_active and (user.is_analyst or is_regievoerder(user))
    )


def households(user: User) -> QuerySet[Household]:
    """The households ``user`` may work on (none for anyone but a regievoerder)."""
    if not is_regievoerder(user):
        return Household.objects.none()
    return Household.objects.filter(coa_location_id=user.organisation_id)


def list_households(user: User, what: str) -> list[Household]:
    """The households on a list page, each listing logged."""
    rows = list(households(user).select_related("participant").order_by("created_at", "id"))
    log.record_many(user, [h.participant for h in rows], Action.LIST, what)
    return rows


def _is_uuid(value: object) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def _refuse(user: User, household: Household | None, what: str) -> NoReturn:
    if household is not None:
        log.record(user, household.participant, Action.DENIED, what)
    raise Http404


def get_household(
    user: User, public_id: object, *, what: str, action: str = Action.VIEW
) -> Household:
    household = (
        Household.objects.select_related("participant").filter(public_id=public_id).first()
        if _is_uuid(public_id)
        else None
    )
    if household is None or not households(user).filter(pk=household.pk).exists():
        _refuse(user, household, what)
    log.record(user, household.participant, action, what)
    return household


def get_proposal(
    user: User, public_id: object, *, what: str, action: str = Action.VIEW
) -> Proposal:
    proposal = (
        Proposal.objects.select_related("household__participant", "run", "municipality")
        .filter(public_id=public_id)
        .first()
        if _is_uuid(public_id)
        else None
    )
    if proposal is None:
        raise Http404
    if not households(user).filter(pk=proposal.household_id).exists():
        _refuse(user, proposal.household, what)
    log.record(user, proposal.household.participant, action, what)
    return proposal


def own_proposal(user: User, *, what: str, action: str = Action.VIEW) -> Proposal | None:
    """The household's own latest proposal (the portal); ``None`` when there is none."""
    if not (user.is_authenticated and user.is_active and user.is_participant):
        raise Http404
    proposal = (
        Proposal.objects.select_related("household__participant", "municipality")
        .filter(household__participant__user=user)
        .order_by("-run__created_at", "-id")
        .first()
    )
    if proposal is not None:
        log.record(user, proposal.household.participant, action, what)
    return proposal


def get_run(user: User, public_id: object, *, fairness: bool = False) -> Run:
    """A run: its regievoerders' COA location; analysts only for the fairness report."""
    run = Run.objects.filter(public_id=public_id).first() if _is_uuid(public_id) else None
    if run is None:
        raise Http404
    if is_regievoerder(user) and run.coa_location_id == user.organisation_id:
        return run
    if fairness and may_see_fairness(user) and user.is_analyst:
        return run
    raise Http404


def run_proposals(user: User, run: Run, *, what: str) -> list[Proposal]:
    """The proposals of ``run`` for the households ``user`` may see, each listing logged."""
    rows = list(
        Proposal.objects.filter(run=run, household__in=households(user))
        .select_related("household__participant", "municipality", "decided_municipality")
        .order_by("id")
    )
    log.record_many(user, [p.household.participant for p in rows], Action.LIST, what)
    return rows


def runs(user: User) -> QuerySet[Run]:
    if is_regievoerder(user):
        return Run.objects.filter(coa_location_id=user.organisation_id)
    if user.is_authenticated and user.is_active and user.is_analyst:
        return Run.objects.all()
    return Run.objects.none()


def get_evidence(user: User, public_id: object, *, what: str) -> Evidence:
    evidence = (
        Evidence.objects.select_related("household__participant")
        .filter(public_id=public_id)
        .first()
        if _is_uuid(public_id)
        else None
    )
    if evidence is None:
        raise Http404
    if not households(user).filter(pk=evidence.household_id).exists():
        _refuse(user, evidence.household, what)
    log.record(user, evidence.household.participant, Action.VIEW, what)
    return evidence
