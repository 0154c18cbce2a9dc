"""One model of purposes and grounds: why personal data of a newcomer is shared, and on what basis.

Every sharing of a file has a *purpose* (one of :class:`Purpose`) and a *ground*: either the
newcomer's consent for that purpose (a :class:`~werkpad.participants.models.Consent` whose
``purpose_code`` is the purpose), or a documented legal ground (a task the law gives the receiving
organisation). :data:`PURPOSES` is the one table of what each purpose allows: which grounds it may
rest on, which sections of the file it needs, whether it may edit. docs/purposes.md explains it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

# The sections of a file, in the order of the file page. Related rows belong to a section:
# languages and diplomas to "languages", experience and certificates to "work", fixed
# appointments to "availability".
SECTIONS: tuple[str, ...] = (
    "person",
    "procedure",
    "languages",
    "work",
    "situation",
    "inburgering",
    "documents",
    "availability",
)

ROW_SECTIONS: dict[str, str] = {
    "languages": "languages",
    "diplomas": "languages",
    "experiences": "work",
    "certificates": "work",
    "appointments": "availability",
}


# The section of the file that each record *outside* the file page belongs to: a coach reads it
# only with that section in their scope (``access.visible_participants(user, section=section)``), and
# writes it only with the section editable. One table for pages, API and exports.
RECORD_SECTIONS: dict[str, str] = {
    "shortlist": "work",  # candidate lists of the employer desk
    "placement": "work",  # placements and their aftercare
    "twv": "procedure",  # the TWV tracker: the work permit follows the asylum procedure
    "pathway": "procedure",  # enrolments, statuses, voortrajecten, the timeline, their exports
    "plan": "work",  # the step plan (the work part of the PIP)
    "eligibility": "procedure",  # "Mag werken?" and its API
}


class Purpose(models.TextChoices):
    GUIDANCE = "guidance", _("Guidance by my coach")
    HANDOVER = "handover", _("Handover to another coach")
    EMPLOYER = "employer", _("Sharing my profile with an employer")
    KOPPELING = "koppeling", _("COA to municipality transfer at housing (koppeling)")
    EVALUATION = "evaluation", _("Anonymous evaluation")
    RESEARCH = "research", _("Research export")


class Ground(models.TextChoices):
    CONSENT = "consent", _("Consent of the newcomer for this purpose")
    LEGAL = "legal", _("Legal task of the receiving organisation")


@dataclass(frozen=True)
class PurposeRule:
    purpose: Purpose
    # The legal ground, when the purpose may rest on one, in words; empty: consent only.
    legal_ground: str
    # Organisation kinds that hold that legal task (the receiver must be one of them).
    legal_receivers: tuple[str, ...]
    # The sections of the file this purpose needs (a link for it reads these, no more).
    sections: tuple[str, ...]
    # Whether a coach working for this purpose may edit (within the sections above).
    may_edit: bool


PURPOSES: dict[str, PurposeRule] = {
    Purpose.GUIDANCE: PurposeRule(
        Purpose.GUIDANCE,
        "Participatiewet art. 7 and Wet inburgering 2021 art. 16 (the municipality's task)",
        ("gemeente",),
        SECTIONS,
        True,
    ),
    Purpose.HANDOVER: PurposeRule(
        Purpose.HANDOVER,
        "",
        (),
        ("person", "languages", "work", "situation", "inburgering", "availability"),
        False,
    ),
    Purpose.EMPLOYER: PurposeRule(
        Purpose.EMPLOYER, "", (), ("languages", "work", "availability"), False
    ),
    Purpose.KOPPELING: PurposeRule(
        Purpose.KOPPELING,
        "Wet inburgering 2021 art. 41 and Huisvestingswet 2014 art. 28 (transfer to the "
        "municipality of housing)",
        ("gemeente",),
        ("person", "procedure", "languages", "work", "situation", "documents"),
        False,
    ),
    Purpose.EVALUATION: PurposeRule(Purpose.EVALUATION, "", (), (), False),
    Purpose.RESEARCH: PurposeRule(Purpose.RESEARCH, "", (), (), False),
}


def rule(purpose: str) -> PurposeRule:
    return PURPOSES[purpose]


def legal_ground_applies(purpose: str, receiver_kind: str | None) -> bool:
    """True when ``purpose`` may rest on a legal task of an organisation of ``receiver_kind``."""
    r = PURPOSES[purpose]
    return bool(r.legal_ground) and receiver_kind in r.legal_receivers


# The consents recorded before purposes existed: which purpose each scope served.
PURPOSE_OF_SCOPE: dict[str, str] = {
    "organisation": Purpose.GUIDANCE,
    "other_organisation": Purpose.GUIDANCE,
    "employer_profile": Purpose.EMPLOYER,
    "research": Purpose.EVALUATION,
}


def section_fields(section: str) -> list[str]:
    """The fields of the participant record in ``section`` (for the API and the exports)."""
    from .fields import SECTION_FIELDS

    extra = {
        "work": [
            "job_at_intake",
            "desired_occupation",
            "desired_self_development",
            "informal_work",
        ],
        "availability": ["availability_mask", "lesson_mask", "max_hours_per_week"],
    }
    return list(SECTION_FIELDS.get(section, extra.get(section, [])))
