"""Who may see which employer-desk records: decided here, and only here.

- Coaches work with the shared employer network: every employer and vacancy. Shortlists, TWV
  applications and placements carry a participant, so a coach sees those of participants they may
  see (``participants.access.visible_participants``), plus — as account manager — the TWV
  applications and placements at the employers they manage, where the participant stays
  pseudonymous unless visible to them.
- An employer contact (``role == employer``) sees only the employer of their own organisation, its
  vacancies, and its candidates as *pseudonymous profiles*: the name is added only while the
  newcomer's consent (scope ``employer_profile``, recipient = that organisation) is active. Nothing
  identifying is ever handed to an employer's template, API response or export: they receive
  :class:`CandidateProfile` values built here, never a ``Participant``.
- Everyone else sees nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import Model, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.translation import gettext as _

from werkpad.audit import log
from werkpad.audit.models import Action
from werkpad.participants import access as participant_access
from werkpad.participants.access import visible_participants
from werkpad.participants.choices import BsnStatus, CertificateKind, ConsentScope
from werkpad.participants.models import Consent, Participant
from werkpad.participants.sections import describe_mask

from .choices import ShortlistStatus, TwvStatus
from .models import ContactMoment, Employer, Placement, Shortlist, TwvApplication, Vacancy
from .terms import TwvTerms

if TYPE_CHECKING:
    from werkpad.accounts.models import User

M = TypeVar("M", bound=Model)


def _active(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active)


def employer_of(user: User) -> Employer | None:
    """The employer an employer contact speaks for (``None`` for other roles)."""
    if not _active(user) or not user.is_employer or user.organisation_id is None:
        return None
    return Employer.objects.filter(organisation_id=user.organisation_id).first()


def employers_for(user: User) -> QuerySet[Employer]:
    qs = Employer.objects.select_related("organisation", "account_manager")
    if not _active(user):
        return qs.none()
    if user.is_coach:
        return qs.all()
    if user.is_employer and user.organisation_id is not None:
        return qs.filter(organisation_id=user.organisation_id)
    return qs.none()


def vacancies_for(user: User) -> QuerySet[Vacancy]:
    qs = Vacancy.objects.select_related("employer__organisation", "location")
    if not _active(user):
        return qs.none()
    if user.is_coach:
        return qs.all()
    if user.is_employer and user.organisation_id is not None:
        return qs.filter(employer__organisation_id=user.organisation_id)
    return qs.none()


def shortlists_for(user: User) -> QuerySet[Shortlist]:
    """Shortlist entries: a coach's for visible participants; an employer's on own vacancies."""
    qs = Shortlist.objects.select_related("vacancy__employer__organisation")
    if not _active(user):
        return qs.none()
    if user.is_coach:
        return qs.filter(participant__in=visible_participants(user, section="shortlist"))
    if user.is_employer and user.organisation_id is not None:
        return qs.filter(vacancy__employer__organisation_id=user.organisation_id)
    return qs.none()


def twv_for(user: User) -> QuerySet[TwvApplication]:
    return _participant_and_employer_scope(
        user, TwvApplication.objects.select_related("employer__organisation", "vacancy"), "twv"
    )


def placements_for(user: User) -> QuerySet[Placement]:
    return _participant_and_employer_scope(
        user, Placement.objects.select_related("employer__organisation", "vacancy"), "placement"
    )


_Row = TypeVar("_Row", TwvApplication, Placement)


def _participant_and_employer_scope(user: User, qs: QuerySet[_Row], kind: str) -> QuerySet[_Row]:
    """Records about a participant at an employer: a coach sees those of participants whose
    section for ``kind`` they may read (``RECORD_SECTIONS``) and those at employers they manage
    (pseudonymous there); an employer contact sees their own organisation's."""
    if not _active(user):
        return qs.none()
    if user.is_coach:
        return qs.filter(
            Q(participant__in=visible_participants(user, section=kind))
            | Q(employer__account_manager=user)
        )
    if user.is_employer and user.organisation_id is not None:
        return qs.filter(employer__organisation_id=user.organisation_id)
    return qs.none()


def contact_moments_for(user: User) -> QuerySet[ContactMoment]:
    """An account manager's contact moments (coaches only)."""
    if not _active(user) or not user.is_coach:
        return ContactMoment.objects.none()
    return ContactMoment.objects.filter(account_manager=user).select_related(
        "employer__organisation", "placement"
    )


def get_or_404(qs: QuerySet[M], **lookup: object) -> M:
    """One row of an already scoped queryset; 404 when missing, not theirs, or malformed.

    For records that carry a participant (shortlist entries, TWV applications, placements) use
    :func:`get_shortlist`, :func:`get_twv` and :func:`get_placement`, which log a refusal.
    """
    try:
        return qs.get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404 from None


_P = TypeVar("_P", Shortlist, TwvApplication, Placement)


def _get_about_participant(user: User, qs: QuerySet[_P], ref: object, what: str) -> _P:
    """A record about a participant by its public reference, from the user's scope. A reference
    that exists but is not theirs is refused: one ``denied`` entry for its participant, 404."""
    try:
        return qs.get(public_id=ref)
    except (ObjectDoesNotExist, ValueError, TypeError, ValidationError):
        pass
    try:
        existing = qs.model.objects.select_related("participant").get(public_id=ref)
    except (ObjectDoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404 from None
    participant_access.refuse(user, existing.participant, what)


def get_shortlist(user: User, ref: object) -> Shortlist:
    return _get_about_participant(user, shortlists_for(user), ref, "shortlist")


def get_twv(user: User, ref: object) -> TwvApplication:
    return _get_about_participant(user, twv_for(user), ref, "twv")


def get_placement(user: User, ref: object) -> Placement:
    return _get_about_participant(user, placements_for(user), ref, "placement")


def consent_employer(user: User, participant: Participant, employer_id: object) -> Employer:
    """The employer a newcomer decides about in the portal ("who may see my profile"): only an
    employer that shortlisted them. Anything else is refused: one ``denied`` entry, 404."""
    try:
        return Employer.objects.select_related("organisation").get(
            pk=int(str(employer_id)),
            pk__in=Shortlist.objects.filter(participant=participant).values("vacancy__employer_id"),
        )
    except (ObjectDoesNotExist, ValueError, TypeError):
        participant_access.refuse(user, participant, "portal consent")


# --- pseudonymous candidate profiles --------------------------------------------------------------


_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def profile_withdrawals(participant_id: int, organisation_id: int | None) -> int:
    """How often the newcomer withdrew their employer-profile consent from this organisation."""
    if organisation_id is None:
        return 0
    return Consent.objects.filter(
        participant_id=participant_id,
        scope=ConsentScope.EMPLOYER_PROFILE,
        recipient_id=organisation_id,
        withdrawn_at__isnull=False,
    ).count()


def _rotated(shortlist: Shortlist, withdrawals: int, purpose: bytes) -> bytes:
    """A value only the server can derive: HMAC(secret key, entry id, withdrawals, purpose). The
    employer knows the entry's old ``ref`` but not the key, so cannot link old and new."""
    message = shortlist.public_id.bytes + withdrawals.to_bytes(4, "big") + purpose
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).digest()


def pseudonym_code(shortlist: Shortlist, withdrawals: int | None = None) -> str:
    """The code an employer knows this candidate by, e.g. ``K-7QHM``.

    Stable per shortlist entry — until the newcomer withdraws the consent to show their name to
    that employer: each withdrawal gives the entry a new code (and a new ``ref``), so an employer
    who once saw the name cannot keep following the person under the old code. Other employers
    are unaffected: their codes are per entry of their own vacancies and never showed them the
    name under this consent, so there is nothing for them to unlink.
    """
    if withdrawals is None:
        withdrawals = profile_withdrawals(
            shortlist.participant_id, shortlist.vacancy.employer.organisation_id
        )
    if withdrawals == 0:
        return shortlist.pseudonym_code
    digest = int.from_bytes(_rotated(shortlist, withdrawals, b"pseudonym")[:8], "big")
    chars = []
    for _i in range(4):
        digest, rem = divmod(digest, len(_ALPHABET))
        chars.append(_ALPHABET[rem])
    return "K-" + "".join(chars)


def employer_ref(shortlist: Shortlist, withdrawals: int) -> str:
    """The entry's handle as an employer holds it: its public id, renewed with every withdrawal."""
    if withdrawals == 0:
        return str(shortlist.public_id)
    return str(uuid.UUID(bytes=_rotated(shortlist, withdrawals, b"ref")[:16], version=4))


def has_profile_consent(participant_id: int, organisation_id: int | None) -> bool:
    if organisation_id is None:
        return False
    return Consent.objects.filter(
        participant_id=participant_id,
        scope=ConsentScope.EMPLOYER_PROFILE,
        recipient_id=organisation_id,
        withdrawn_at__isnull=True,
    ).exists()


@dataclass(frozen=True)
class Experience:
    occupation: str
    years: str


@dataclass(frozen=True)
class CandidateProfile:
    """What an employer may know about a shortlisted candidate. ``name`` only with consent."""

    ref: str  # the shortlist entry's public id: the only handle an employer holds
    pseudonym: str
    status: str
    status_label: str
    vacancy_id: int
    vacancy_title: str
    dutch_spoken: str
    dutch_written: str
    english: str
    experience: tuple[Experience, ...]
    certificates: tuple[str, ...]
    availability: str
    hours_per_week: int | None
    twv_status: str = ""
    twv_status_label: str = ""
    twv_expected: date | None = None
    consented: bool = False
    name: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def display_name(self) -> str:
        return self.name or self.pseudonym

    def as_dict(self) -> dict[str, object]:
        return {
            "ref": self.ref,
            "pseudonym": self.pseudonym,
            "name": self.name or None,
            "consented": self.consented,
            "status": self.status,
            "vacancy_id": self.vacancy_id,
            "vacancy_title": self.vacancy_title,
            "dutch_spoken": self.dutch_spoken,
            "dutch_written": self.dutch_written,
            "english": self.english,
            "experience": [{"occupation": e.occupation, "years": e.years} for e in self.experience],
            "certificates": list(self.certificates),
            "availability": self.availability,
            "hours_per_week": self.hours_per_week,
            "twv_status": self.twv_status or None,
            "twv_expected_decision": self.twv_expected.isoformat() if self.twv_expected else None,
        }


def candidate_profile_for(user: User, shortlist: Shortlist) -> CandidateProfile:
    """The profile of ``shortlist``'s candidate as ``user`` may see it.

    For an employer contact: pseudonymous, with the name only under an active consent for their
    organisation. For a coach: with the name when the participant is visible to them. The entry
    must come from :func:`shortlists_for` (checked again here).
    """
    if not shortlists_for(user).filter(pk=shortlist.pk).exists():
        raise Http404
    participant: Participant = shortlist.participant
    today = timezone.localdate()
    withdrawals = profile_withdrawals(participant.pk, shortlist.vacancy.employer.organisation_id)
    if user.is_employer:
        consented = has_profile_consent(participant.pk, user.organisation_id)
        ref = employer_ref(shortlist, withdrawals)
    else:
        consented = (
            visible_participants(user, section="shortlist").filter(pk=participant.pk).exists()
        )
        ref = str(shortlist.public_id)
    experience = tuple(
        Experience(e.occupation, _years(e.years)) for e in participant.experiences.all()
    )
    certificates = tuple(
        sorted(
            {
                force_str(CertificateKind(c.kind).label)
                for c in participant.certificates.all()
                if c.valid_on(today) and c.kind in CertificateKind.values
            }
        )
    )
    twv = (
        TwvApplication.objects.filter(participant=participant, employer=shortlist.vacancy.employer)
        .order_by("-prepared_on", "-id")
        .first()
    )
    expected = twv.expected if twv is not None else None
    log.record(
        user,
        participant,
        Action.VIEW,
        "employer profile (named)" if consented else "employer profile (pseudonymous)",
    )
    return CandidateProfile(
        ref=ref,
        pseudonym=_("Candidate %(code)s") % {"code": pseudonym_code(shortlist, withdrawals)},
        status=shortlist.status,
        status_label=force_str(ShortlistStatus(shortlist.status).label),
        vacancy_id=shortlist.vacancy_id,
        vacancy_title=shortlist.vacancy.title,
        dutch_spoken=participant.dutch_spoken or "",
        dutch_written=participant.dutch_written or "",
        english=participant.english_level
        or (force_str(_("yes")) if participant.speaks_english else ""),
        experience=experience,
        certificates=certificates,
        availability=describe_mask(participant.availability_mask),
        hours_per_week=participant.max_hours_per_week,
        twv_status=twv.status if twv else "",
        twv_status_label=force_str(TwvStatus(twv.status).label) if twv else "",
        twv_expected=expected.legal
        if expected is not None and twv and not twv.is_decided
        else None,
        consented=consented,
        name=participant.full_name if consented else "",
    )


def _years(value: object) -> str:
    if value is None:
        return ""
    text = f"{value}"
    return text[:-2] if text.endswith(".0") else text


@dataclass(frozen=True)
class TwvRow:
    """A TWV application as a list row: plain values, the candidate named only where allowed.

    Rows hold no model instance, so an employer's template cannot reach the participant.
    """

    ref: str
    status: str
    status_label: str
    employer_id: int
    employer_name: str
    vacancy_title: str
    prepared_on: date
    submitted_on: date | None
    decided_on: date | None
    expected: TwvTerms | None
    candidate: str
    participant_public_id: str | None
    bsn_status: str
    bsn_status_label: str
    overdue: str


def twv_rows(user: User, qs: QuerySet[TwvApplication], today: date) -> list[TwvRow]:
    visible = (
        set(visible_participants(user, section="twv").values_list("pk", flat=True))
        if user.is_coach
        else set()
    )
    rows = []
    named_participants = []
    for twv in qs.select_related("participant", "employer__organisation", "vacancy"):
        p = twv.participant
        entry = Shortlist.objects.filter(participant=p, vacancy__employer=twv.employer).first()
        named = p.pk in visible or (
            user.is_employer and has_profile_consent(p.pk, user.organisation_id)
        )
        if named:
            candidate = p.full_name
            named_participants.append(p)
        elif entry is not None:
            withdrawals = profile_withdrawals(p.pk, twv.employer.organisation_id)
            candidate = _("Candidate %(code)s") % {"code": pseudonym_code(entry, withdrawals)}
        else:
            candidate = _("Candidate (not shortlisted)")
        rows.append(
            TwvRow(
                ref=str(twv.public_id),
                status=twv.status,
                status_label=force_str(TwvStatus(twv.status).label),
                employer_id=twv.employer_id,
                employer_name=twv.employer.name,
                vacancy_title=twv.vacancy.title if twv.vacancy else "",
                prepared_on=twv.prepared_on,
                submitted_on=twv.submitted_on,
                decided_on=twv.decided_on,
                expected=twv.expected,
                candidate=candidate,
                participant_public_id=str(p.public_id) if p.pk in visible else None,
                bsn_status=p.bsn_status,
                bsn_status_label=force_str(BsnStatus(p.bsn_status).label),
                overdue=twv.overdue_level(today),
            )
        )
    if named_participants:
        log.record_many(user, named_participants, Action.LIST, "twv list")
    return rows
