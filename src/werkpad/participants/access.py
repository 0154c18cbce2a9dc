"""The one scoped layer through which personal data is read.

"What may this user see?" is decided here and only here. Views, exports and the API get
participant querysets from :func:`visible_participants` and single files from
:func:`get_participant`, which also writes the access log.

Rules:
- a coach sees participants they are linked to (regiehouder or linked coach), participants of
  their own organisation who consented to organisation-wide access, and participants of an
  accepted (not yet completed) handover to them;
- *which sections* of a file a coach may read or edit is :func:`scope_of`: everything for the
  regiehouder and coaches of the file's organisation with its organisation-wide consent; the
  link's scope for a linked coach (set by the regiehouder); the purpose's sections, read-only,
  for another organisation with consent; the shared sections, read-only, for the receiver of an
  accepted handover. ``get_case_file(..., section=...)`` refuses (404, logged) the rest;
- every way to a file serves a *purpose* and counts only with a *ground* for it (the newcomer's
  consent or a documented legal task; "Purposes and grounds" below, docs/purposes.md); every
  query states the purposes it serves (default :data:`CASEWORK`); a file without a grounded way
  is left out of lists and refused (404, ``denied``, "(no ground)");
- a newcomer sees only their own file (through the portal);
- employer contacts and analysts see no participant file at all (analysts get aggregates only);
- administrators manage users and the audit log, not case files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NoReturn

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.http import Http404

from werkpad.audit import log
from werkpad.audit.models import Action

from .choices import ConsentScope
from .models import CoachLink, Consent, Participant
from .purposes import (
    PURPOSES,
    RECORD_SECTIONS,
    ROW_SECTIONS,
    SECTIONS,
    Purpose,
    legal_ground_applies,
)

if TYPE_CHECKING:
    from werkpad.accounts.models import User


# --- Purposes and grounds ---------------------------------------------------------------------
#
# Every way a coach reaches a file serves one purpose (``purposes.Purpose``) and must rest on a
# ground for it (docs/purposes.md): the regiehouder, colleagues of the file's organisation and
# other organisations the newcomer consented to share with work for *guidance*; a linked coach
# for the purpose of the link; the receiver of an accepted handover for the handover's purpose.
# A way whose purpose is not among those the query states, or that has no ground, opens nothing:
# the file is left out of lists and a single file is refused (404, logged as ``denied``).
#
# Grounds: for guidance, the legal task of the file's organisation (a municipality: the coaches
# it engages, its own and linked ones, work under it) or the newcomer's active consent for
# guidance; for any other purpose, the legal task of the coach's organisation for that purpose
# (``purposes.legal_ground_applies``) or the newcomer's active consent for it (given to anyone or
# to the coach's organisation). A handover with a recorded override keeps its documented reason.

# The purposes of casework on the coaches' pages, exports and API (the default of every query):
# every purpose that needs sections of the file. Evaluation and research open no file.
CASEWORK: frozenset[str] = frozenset(p for p, r in PURPOSES.items() if r.sections)
# Only guidance: what a file may be used for beyond reading what a handover shares (matching,
# the employer desk).
GUIDANCE_ONLY: frozenset[str] = frozenset({Purpose.GUIDANCE})


def _legal_kinds(purpose: str) -> tuple[str, ...]:
    rule = PURPOSES[purpose]
    return rule.legal_receivers if rule.legal_ground else ()


def _legal_purposes(kind: str | None) -> list[str]:
    return [p for p in PURPOSES if legal_ground_applies(p, kind)]


def _consent(participant: object, purpose: object, organisation_id: object) -> Exists:
    """An active consent of ``participant`` for ``purpose``, given to anyone or to the
    organisation (each argument a value or an ``OuterRef``)."""
    return Exists(
        Consent.objects.filter(
            participant=participant, purpose_code=purpose, withdrawn_at__isnull=True
        ).filter(Q(recipient__isnull=True) | Q(recipient=organisation_id))
    )


def _purposes(purposes: Iterable[str] | None) -> frozenset[str]:
    return CASEWORK if purposes is None else frozenset(purposes)


def visible_participants(
    user: User,
    purposes: Iterable[str] | None = None,
    section: str | None = None,
    *,
    edit: bool = False,
) -> QuerySet[Participant]:
    """Every participant ``user`` may open for one of ``purposes`` (default :data:`CASEWORK`),
    with a ground for it. Empty for roles without case access. A newcomer sees their own file
    (the data subject needs no purpose).

    With ``section`` (a section of the file, a related row kind or a record kind, see
    :func:`section_of`): only those files whose :func:`scope_of` for ``user`` also lets them
    read that section (``edit``: change it). The same rules as :func:`scope_of`, as one
    queryset, for lists, exports and the employer desk.
    """
    if section is not None:
        return visible_participants(user, purposes).filter(
            pk__in=_with_section(user, section_of(section), edit).values("pk")
        )
    if not user.is_authenticated or not user.is_active:
        return Participant.objects.none()
    if user.is_participant:
        return Participant.objects.filter(user=user)
    if not user.is_coach:
        return Participant.objects.none()
    # One ``pk IN (a UNION b UNION ...)`` subquery: each branch is answered from an index, and
    # both PostgreSQL and SQLite plan it better than ``a OR pk IN b OR pk IN c`` (which scans
    # every participant on PostgreSQL: 18 -> 8 ms for a count over 10,000 participants).
    sql, params = _visible_sql(user, _purposes(purposes))
    # The SQL is the ORM's own compilation of the branches (values bound as parameters).
    return Participant.objects.filter(pk__in=RawSQL(sql, params))  # noqa: S611


# The SQL of a coach's branches, compiled once per process and key (see :func:`_compiled`).
_COMPILED: dict[tuple[Any, ...], tuple[str, tuple[Any, ...]]] = {}
_COMPILED_MAX = 4096


def _compiled(
    use: str,
    user: User,
    wanted: frozenset[str],
    build: Callable[[], QuerySet[Any, Any]],
) -> tuple[str, tuple[Any, ...]]:
    """The SQL and parameters of ``build()`` for this ``use`` of the coach's branches, compiled
    once per process and per what that SQL depends on: the coach, their organisation and its
    kind, the purposes (and the database connection: its SQL dialect). Building and compiling
    the branches through the ORM (a dozen joined conditions) cost 10-25 ms a request. It holds
    query text, not answers: each use runs it against the database as it is then."""
    organisation = user.organisation if user.organisation_id else None
    key = (
        use,
        connection.alias,
        user.pk,
        user.organisation_id,
        organisation.kind if organisation else None,
        wanted,
    )
    compiled = _COMPILED.get(key)
    if compiled is None:
        sql, params = build().query.sql_with_params()
        if len(_COMPILED) >= _COMPILED_MAX:
            _COMPILED.clear()
        compiled = _COMPILED[key] = (sql, tuple(params))
    return compiled


def _visible_sql(user: User, wanted: frozenset[str]) -> tuple[str, tuple[Any, ...]]:
    """The SQL of the union of the coach's branches (participant ids)."""

    def union() -> QuerySet[Any, Any]:
        first, *rest = _visible_branches(user, wanted)
        return first.union(*rest, all=True)

    return _compiled("visible", user, wanted, union)


def _visible_branches(user: User, wanted: frozenset[str]) -> list[QuerySet[Any, dict[str, int]]]:
    """The branches of :func:`visible_participants` for a coach, each a one-column query of
    participant ids."""
    branches = _linked_branches(user, wanted) + _handover_branches(user, wanted)
    if user.organisation_id is None or Purpose.GUIDANCE not in wanted:
        return branches
    own_organisation = Consent.objects.filter(
        participant__organisation_id=user.organisation_id,
        scope=ConsentScope.ORGANISATION,
        purpose_code=Purpose.GUIDANCE,
        withdrawn_at__isnull=True,
    )
    # Consent to share with another organisation *for guidance* opens the file to that
    # organisation (read-only); consent for a handover only grounds that handover.
    shared_with_organisation = Consent.objects.filter(
        scope=ConsentScope.ORGANISATION_OTHER,
        purpose_code=Purpose.GUIDANCE,
        recipient_id=user.organisation_id,
        withdrawn_at__isnull=True,
    )
    return [
        *branches,
        own_organisation.order_by().values("participant_id"),
        shared_with_organisation.order_by().values("participant_id"),
    ]


def _may_open(user: User, participant: Participant, purposes: Iterable[str] | None) -> bool:
    """Whether :func:`visible_participants` of ``user`` (for ``purposes``) holds ``participant``,
    asked for this one file."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_participant:
        return participant.user_id == user.pk
    if not user.is_coach:
        return False
    return _coach_may_open(user, participant.pk, purposes)


# A value no participant key takes: the question below is compiled once per coach (and
# organisation, its kind, the purposes) with it, and asked with the real key in its place.
_ANY_PARTICIPANT = -7_654_321_987


def _coach_may_open(user: User, participant_pk: int, purposes: Iterable[str] | None) -> bool:
    """Whether the coach ``user``'s :func:`visible_participants` holds this one participant:
    the same branches, each asked for this participant only (from its indexes), instead of
    building the whole set (a scan over every consent of the organisation). Asked three times
    per file view (the page and its two fragments), so compiled once (:func:`_compiled`) and run
    with this participant's key: the answer always comes from the database as it is now."""
    wanted = _purposes(purposes)

    def question() -> QuerySet[Any, Any]:
        narrowed = []
        for branch in _visible_branches(user, wanted):
            (column,) = branch.query.values_select
            narrowed.append(branch.filter(**{column: _ANY_PARTICIPANT}))
        first, *rest = narrowed
        return Participant.objects.filter(pk=_ANY_PARTICIPANT, pk__in=first.union(*rest)).values(
            "pk"
        )[:1]

    sql, params = _compiled("may open", user, wanted, question)
    if _ANY_PARTICIPANT not in params:  # pragma: no cover - the ORM inlined the key
        visible = RawSQL(*_visible_sql(user, wanted))  # noqa: S611 - the ORM's own SQL
        return Participant.objects.filter(pk=participant_pk, pk__in=visible).exists()
    with connection.cursor() as cursor:
        cursor.execute(sql, [participant_pk if p == _ANY_PARTICIPANT else p for p in params])
        return cursor.fetchone() is not None


def _with_section(user: User, section: str, edit: bool) -> QuerySet[Participant]:
    if not user.is_authenticated or not user.is_active or section not in FULL_SECTIONS:
        return Participant.objects.none()
    if user.is_participant:
        return Participant.objects.none() if edit else Participant.objects.filter(user=user)
    if not user.is_coach:
        return Participant.objects.none()
    from werkpad.handovers.models import Handover, HandoverState

    # Scoped links and handovers: their sections are lists (JSON), read here in Python; a
    # coach has at most their caseload of links.
    scoped = [
        pid
        for pid, read, edits in CoachLink.objects.filter(coach=user).values_list(
            "participant_id", "read_sections", "edit_sections"
        )
        if section in (edits or []) or (not edit and section in (read or []))
    ]
    if not edit:
        scoped += [
            pid
            for pid, shared in Handover.objects.filter(
                to_coach=user, state=HandoverState.ACCEPTED
            ).values_list("participant_id", "shared_sections")
            if section in (shared or [])
        ]
    parts = [
        Participant.objects.filter(regiehouder=user).order_by().values("pk"),
        Participant.objects.filter(pk__in=scoped).order_by().values("pk"),
    ]
    if user.organisation_id is not None:
        # The file's own organisation with its organisation-wide consent: the whole file.
        parts.append(
            Consent.objects.filter(
                participant__organisation_id=user.organisation_id,
                scope=ConsentScope.ORGANISATION,
                withdrawn_at__isnull=True,
            )
            .order_by()
            .values("participant_id")
        )
        if not edit and section in PURPOSES[Purpose.GUIDANCE].sections:
            parts.append(
                Consent.objects.filter(
                    scope=ConsentScope.ORGANISATION_OTHER,
                    purpose_code=Purpose.GUIDANCE,
                    recipient_id=user.organisation_id,
                    withdrawn_at__isnull=True,
                )
                .order_by()
                .values("participant_id")
            )
    return Participant.objects.filter(pk__in=parts[0].union(*parts[1:]))


def caseload(user: User, purposes: Iterable[str] | None = None) -> QuerySet[Participant]:
    """The participants a coach is responsible for or linked to (their own caseload)."""
    if not user.is_coach:
        return Participant.objects.none()
    return Participant.objects.filter(pk__in=_linked_ids(user, _purposes(purposes)))


def _linked_ids(user: User, purposes: frozenset[str] = CASEWORK) -> QuerySet[Any, dict[str, int]]:
    """Ids of participants the user is regiehouder of or linked to, for one of ``purposes`` and
    with a ground for it, as one UNION subquery."""
    first, *rest = _linked_branches(user, purposes)
    return first.union(*rest)


def _linked_branches(user: User, purposes: frozenset[str]) -> list[QuerySet[Any, dict[str, int]]]:
    """The branches of :func:`_linked_ids`, each filtered from an index (the coach's links, the
    files they are regiehouder of) and judged by a join, not a correlated ``EXISTS`` (which made
    the query three times slower)."""
    legal_guidance = _legal_kinds(Purpose.GUIDANCE)
    kind = user.organisation.kind if user.organisation_id else None
    active_consent = Q(participant__consents__withdrawn_at__isnull=True) & (
        Q(participant__consents__recipient__isnull=True)
        | Q(participant__consents__recipient=user.organisation_id)
    )
    links = (
        CoachLink.objects.filter(coach=user, purpose__in=purposes)
        .filter(
            # the legal task of the coach's organisation for the link's purpose,
            Q(purpose__in=_legal_purposes(kind))
            # guidance in a file of an organisation with that legal task,
            | Q(purpose=Purpose.GUIDANCE, participant__organisation__kind__in=legal_guidance)
            # or the newcomer's consent for the link's purpose.
            | (Q(participant__consents__purpose_code=F("purpose")) & active_consent)
        )
        .order_by()
        .values("participant_id")
    )
    if Purpose.GUIDANCE not in purposes:
        return [links]
    regie = (
        Participant.objects.filter(regiehouder=user)
        .filter(
            Q(organisation__kind__in=legal_guidance)
            | (
                Q(consents__purpose_code=Purpose.GUIDANCE)
                & Q(consents__withdrawn_at__isnull=True)
                & (
                    Q(consents__recipient__isnull=True)
                    | Q(consents__recipient=user.organisation_id)
                )
            )
        )
        .order_by()
        .values("pk")
    )
    return [links, regie]


def _handover_ground() -> Q:
    """On a Handover queryset: a recorded override, the receiver's legal task for the purpose,
    or the newcomer's active consent for it (to anyone or to the receiving organisation)."""
    legal = Q()
    for purpose in PURPOSES:
        kinds = _legal_kinds(purpose)
        if kinds:
            legal |= Q(purpose=purpose, to_organisation__kind__in=kinds)
    return (
        ~Q(override_reason="")
        | legal
        | Q(
            _consent(
                OuterRef("participant_id"), OuterRef("purpose"), OuterRef("to_organisation_id")
            )
        )
    )


def _handover_ids(user: User, purposes: frozenset[str] = CASEWORK) -> QuerySet[Any, dict[str, int]]:
    """Ids of participants of an accepted handover to ``user``, as one UNION subquery."""
    first, *rest = _handover_branches(user, purposes)
    return first.union(*rest)


def _handover_branches(user: User, purposes: frozenset[str]) -> list[QuerySet[Any, dict[str, int]]]:
    """Participants of an accepted handover to ``user`` (read-only on its shared sections), for
    one of ``purposes`` and with a ground: a recorded override, the receiver's legal task, or
    the newcomer's active consent for its purpose (to anyone or to the receiving organisation).
    """
    from werkpad.handovers.models import Handover, HandoverState

    legal = Q(pk__in=[])
    for purpose in purposes:
        kinds = _legal_kinds(purpose)
        if kinds:
            legal |= Q(purpose=purpose, to_organisation__kind__in=kinds)
    consent = (
        Q(participant__consents__purpose_code=F("purpose"))
        & Q(participant__consents__withdrawn_at__isnull=True)
        & (
            Q(participant__consents__recipient__isnull=True)
            | Q(participant__consents__recipient=F("to_organisation"))
        )
    )
    return [
        Handover.objects.filter(to_coach=user, state=HandoverState.ACCEPTED, purpose__in=purposes)
        .filter(~Q(override_reason="") | legal | consent)
        .order_by()
        .values("participant_id")
    ]


def _guidance_grounded(participant: Participant, user: User) -> bool:
    """In Python, for one file: guidance rests on the legal task of the file's organisation or
    on the newcomer's active consent for guidance (to anyone or to the coach's organisation)."""
    if participant.organisation.kind in _legal_kinds(Purpose.GUIDANCE):
        return True
    return (
        participant.consents.filter(purpose_code=Purpose.GUIDANCE, withdrawn_at__isnull=True)
        .filter(Q(recipient__isnull=True) | Q(recipient_id=user.organisation_id))
        .exists()
    )


def _has_ground(participant: Participant, purpose: str, organisation: object) -> bool:
    """In Python, for one file: an active consent for ``purpose`` (to anyone or to the
    organisation), or the legal task of the organisation for it."""
    kind = getattr(organisation, "kind", None)
    if legal_ground_applies(purpose, kind):
        return True
    organisation_id = getattr(organisation, "pk", None)
    return (
        participant.consents.filter(purpose_code=purpose, withdrawn_at__isnull=True)
        .filter(Q(recipient__isnull=True) | Q(recipient_id=organisation_id))
        .exists()
    )


def section_of(name: str) -> str:
    """The section of the file ``name`` stands for: a section itself, a related row kind
    (``ROW_SECTIONS``) or a record outside the file page (``RECORD_SECTIONS``: "twv", "plan")."""
    return RECORD_SECTIONS.get(name, ROW_SECTIONS.get(name, name))


@dataclass(frozen=True)
class Scope:
    """What one coach may do with one file: sections to read, sections to edit, and ``manage``
    (status, consents, coaches and their scopes, handovers, intake: the regiehouder's side)."""

    read: frozenset[str]
    edit: frozenset[str]
    manage: bool = False

    @property
    def full(self) -> bool:
        return self.manage and self.read >= FULL_SECTIONS and self.edit >= FULL_SECTIONS

    def may(self, section: str, *, edit: bool = False) -> bool:
        return section_of(section) in (self.edit if edit else self.read)

    def __or__(self, other: Scope) -> Scope:
        return Scope(self.read | other.read, self.edit | other.edit, self.manage or other.manage)


FULL_SECTIONS = frozenset(SECTIONS)
FULL = Scope(FULL_SECTIONS, FULL_SECTIONS, True)
NOTHING = Scope(frozenset(), frozenset(), False)


def scope_of(user: User, participant: Participant, purposes: Iterable[str] | None = None) -> Scope:
    """The sections of ``participant``'s file that ``user`` may read and edit for one of
    ``purposes`` (default :data:`CASEWORK`), each way to the file counted only with a ground for
    its purpose (see module doc and "Purposes and grounds" above)."""
    if not user.is_authenticated or not user.is_active:
        return NOTHING
    if user.is_participant:
        return (
            Scope(FULL_SECTIONS, frozenset(), False) if participant.user_id == user.pk else NOTHING
        )
    if not user.is_coach:
        return NOTHING
    wanted = _purposes(purposes)
    guidance = Purpose.GUIDANCE in wanted and _guidance_grounded(participant, user)
    if participant.regiehouder_id == user.pk and guidance:
        return FULL
    scope = NOTHING
    active = participant.consents.filter(withdrawn_at__isnull=True)
    if (
        Purpose.GUIDANCE in wanted
        and user.organisation_id is not None
        and participant.organisation_id == user.organisation_id
        and active.filter(scope=ConsentScope.ORGANISATION, purpose_code=Purpose.GUIDANCE).exists()
    ):
        return FULL
    for link in CoachLink.objects.filter(participant=participant, coach=user):
        if link.purpose not in wanted:
            continue
        if link.purpose == Purpose.GUIDANCE:
            grounded = guidance
        else:
            grounded = _has_ground(participant, link.purpose, user.organisation)
        if not grounded:
            continue
        edit = frozenset(link.edit_sections) & FULL_SECTIONS
        read = (frozenset(link.read_sections) & FULL_SECTIONS) | edit
        # A colleague of the file's own organisation with a full link works as the regiehouder's
        # team (status, consents); a link from another organisation never manages the file.
        manage = (
            participant.organisation_id == user.organisation_id
            and read >= FULL_SECTIONS
            and edit >= FULL_SECTIONS
        )
        scope = scope | Scope(read, edit, manage)
    if user.organisation_id is not None and Purpose.GUIDANCE in wanted:
        for consent in active.filter(
            scope=ConsentScope.ORGANISATION_OTHER,
            purpose_code=Purpose.GUIDANCE,
            recipient_id=user.organisation_id,
        ):
            sections = frozenset(PURPOSES[consent.purpose_code].sections)
            scope = scope | Scope(sections, frozenset(), False)
    from werkpad.handovers.models import Handover, HandoverState

    for shared in (
        Handover.objects.filter(
            participant=participant,
            to_coach=user,
            state=HandoverState.ACCEPTED,
            purpose__in=wanted,
        )
        .filter(_handover_ground())
        .values_list("shared_sections", flat=True)
    ):
        scope = scope | Scope(frozenset(shared) & FULL_SECTIONS, frozenset(), False)
    return scope


def get_participant(
    user: User,
    public_id: object,
    *,
    what: str,
    action: str = Action.VIEW,
    purposes: Iterable[str] | None = None,
    section: str | None = None,
) -> Participant:
    """One participant file for ``user``, for one of ``purposes`` (default :data:`CASEWORK`),
    logged; 404 when it does not exist *or* is not theirs *or* there is no ground for it.

    A refused attempt is logged too (as ``denied``) when the participant exists, so that
    administrators can see probing; the response is the same 404 either way. With ``section``,
    a coach must have it in their scope (editable when ``action`` is not a view), or the same
    refusal.
    """
    # The file by its key first, then whether this coach may open it (the same rules as
    # ``visible_participants``, asked for this file only).
    try:
        participant = Participant.objects.get(public_id=public_id)
    except (Participant.DoesNotExist, ValueError, TypeError, ValidationError):
        refuse_by_id(user, public_id, what)
    if not _may_open(user, participant, purposes):
        refuse_by_id(user, public_id, what)
    if (
        section is not None
        and user.is_coach
        and not scope_of(user, participant).may(section, edit=action != Action.VIEW)
    ):
        refuse(user, participant, what)
    log.record(user, participant, action, what)
    return participant


def get_case_file(
    user: User,
    public_id: object,
    *,
    what: str,
    action: str = Action.VIEW,
    section: str | None = None,
    edit: bool = False,
    manage: bool = False,
    purposes: Iterable[str] | None = None,
) -> Participant:
    """A participant file on the coaches' pages and API: only coaches open files there.

    Everyone else — a newcomer (who sees their own file in the portal), an employer contact, an
    analyst, an administrator — gets a 404, logged as ``denied`` when the participant exists.
    With ``section``, the coach must be allowed to read it (to edit it, when ``action`` is not a
    view, or ``edit`` for a form that would change it); with ``manage``, to manage the file
    (:class:`Scope`). Only ways to the file for one of ``purposes`` (default :data:`CASEWORK`)
    with a ground count. Otherwise: 404, ``denied``.
    """
    if not user.is_authenticated or not user.is_coach:
        refuse_by_id(user, public_id, what)
    # The file by its key first, then whether this coach may open it (the same rules as
    # ``visible_participants``, asked for this file only).
    try:
        participant = Participant.objects.get(public_id=public_id)
    except (Participant.DoesNotExist, ValueError, TypeError, ValidationError):
        refuse_by_id(user, public_id, what)
    if not _may_open(user, participant, purposes):
        refuse_by_id(user, public_id, what)
    if section is not None or manage:
        scope = scope_of(user, participant, purposes)
        if manage and not scope.manage:
            refuse(user, participant, what)
        if section is not None and not scope.may(section, edit=edit or action != Action.VIEW):
            refuse(user, participant, what)
    log.record(user, participant, action, what)
    return participant


def refuse_by_id(user: User, public_id: object, what: str) -> NoReturn:
    """Refuse access to the participant with ``public_id``: one ``denied`` entry when it exists
    (whoever asks), then 404."""
    existing = (
        Participant.objects.filter(public_id=public_id).first() if _is_uuid(public_id) else None
    )
    if existing is not None:
        if _ungrounded_way(user, existing):
            what = f"{what[:80]} (no ground)"
        log.record(user, existing, Action.DENIED, what)
    raise Http404


def _ungrounded_way(user: User, participant: Participant) -> bool:
    """Whether ``user`` has a way to the file (regiehouder, link, accepted handover) that was
    refused for want of a purpose or ground: the log then says so ("no ground")."""
    if not user.is_authenticated or not user.is_coach:
        return False
    from werkpad.handovers.models import Handover, HandoverState

    return (
        participant.regiehouder_id == user.pk
        or CoachLink.objects.filter(participant=participant, coach=user).exists()
        or Handover.objects.filter(
            participant=participant, to_coach=user, state=HandoverState.ACCEPTED
        ).exists()
    )


def refuse(user: User, participant: Participant, what: str) -> NoReturn:
    """Refuse something about ``participant`` (a record of theirs, a consent decision): one
    ``denied`` entry, then 404."""
    log.record(user, participant, Action.DENIED, what)
    raise Http404


def refuse_if_hidden(
    user: User, public_id: object, what: str, section: str | None = None, *, edit: bool = False
) -> None:
    """A participant chosen in a posted form (a shortlist, a TWV application): when it exists
    but ``user`` may not see it (or not ``section`` of it), refuse (``denied``, 404). Anything
    else is left to the form."""
    if not public_id or not _is_uuid(public_id):
        return
    if visible_participants(user, section=section, edit=edit).filter(public_id=public_id).exists():
        return
    refuse_by_id(user, public_id, what)


def may_see(
    user: User,
    participant_id: int,
    purposes: Iterable[str] | None = None,
    section: str | None = None,
) -> bool:
    """Whether :func:`visible_participants` (with these arguments) holds this participant."""
    if (
        section is None
        and user.is_authenticated
        and user.is_active
        and not user.is_participant
        and user.is_coach
    ):
        return _coach_may_open(user, participant_id, purposes)  # the same rules, for one file
    return visible_participants(user, purposes, section=section).filter(pk=participant_id).exists()


def can_edit(user: User, participant: Participant) -> bool:
    """May ``user`` manage the file (status, enrolments, consents, coaches)?"""
    return (
        bool(user.is_coach) and may_see(user, participant.pk) and scope_of(user, participant).manage
    )


def _is_uuid(value: object) -> bool:
    import uuid

    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True
