"""What was read or changed: the codes stored in the access log, and their labels.

The log stores a short code (``file``, ``caseload``, ``twv``, a section key such as ``personal``,
``intake languages``); the access-log page and its export show the label in the reader's
language. Codes that name a section of the participant file, a kind of related row or an intake
step take their label from the participant app's own registries, so a new section needs no entry
here. An unknown code (from an older version) is shown as stored.
"""

from __future__ import annotations

from django.utils.encoding import force_str
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

LABELS: dict[str, Promise] = {
    # participant pages and the API
    "file": _("Participant file"),
    "history": _("History of changes"),
    "caseload": _("Caseload"),
    "participant": _("New participant file"),
    "status": _("Status"),
    "consent": _("Consent"),
    "coaches": _("Coaches"),
    "intake": _("Intake"),
    "eligibility": _("May work? (eligibility)"),
    # matching
    "matching": _("Matching decision"),
    "matching suggestions": _("Suggested vacancies"),
    "matching suggestions (api)": _("Suggested vacancies (API)"),
    "matching candidates": _("Suggested candidates"),
    "matching candidates (api)": _("Suggested candidates (API)"),
    "matching decision": _("Matching decision"),
    "matching decision (api)": _("Matching decision (API)"),
    # employer desk
    "employer": _("Employer page (placements)"),
    "vacancy shortlist": _("Vacancy shortlist"),
    "vacancy form": _("Vacancy page (participant list)"),
    "shortlist": _("Shortlist"),
    "twv": _("TWV application"),
    "twv list": _("TWV list"),
    "twv form": _("New TWV application (participant list)"),
    "placement": _("Placement"),
    "employer profile (named)": _("Candidate profile for an employer (named)"),
    "employer profile (pseudonymous)": _("Candidate profile for an employer (pseudonymous)"),
    # newcomer portal
    "portal consent": _("Portal: who may see my profile"),
    # the log itself
    "access log export": _("Access log export"),
}


def label(code: str) -> str:
    """The label of ``code`` in the active language."""
    if code in LABELS:
        return force_str(LABELS[code])
    from werkpad.participants.forms import SECTION_FORMS
    from werkpad.participants.intake import STEPS
    from werkpad.participants.rows import ROW_KINDS

    if code in SECTION_FORMS:
        return force_str(_("File section: %(name)s")) % {"name": SECTION_FORMS[code].title}
    if code in ROW_KINDS:
        return force_str(_("File section: %(name)s")) % {"name": ROW_KINDS[code].title}
    prefix, _sep, step = code.partition(" ")
    if prefix == "intake" and step in STEPS:
        return force_str(_("Intake step: %(name)s")) % {"name": STEPS[step].title}
    return code
