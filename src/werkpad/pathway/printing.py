"""The printable plan: a PDF in the newcomer's language next to Dutch (it helps learning Dutch).

Rendered by WeasyPrint (HarfBuzz shapes Arabic and Ge'ez) from ``pathway/plan_print.html`` with a
print stylesheet; fonts are Debian's ``fonts-noto-core`` (Noto Sans, Noto Sans Arabic, Noto Sans
Ethiopic), found through fontconfig. Every fixed text is a gettext msgid, rendered twice: in the
newcomer's language and in Dutch. What the coach typed (step titles, expectations) is printed as
typed.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from werkpad.participants.models import Participant

from . import plan_words
from .models import PlanVersion

# Languages with the plan's fixed texts translated (the rest print Dutch next to English).
PRINT_LANGUAGES = ("nl", "en", "ar", "fa", "ti", "uk")
RTL = frozenset({"ar", "fa", "ps", "ckb", "ur"})


def print_language(participant: Participant, asked: str = "") -> str:
    for code in (asked, participant.contact_language, participant.mother_tongue):
        if code in PRINT_LANGUAGES:
            return code
    return "en"


def _value(value: object) -> SafeString:
    """A number, date or name inside a translated sentence: its own inline box with its own
    direction, so that a right-to-left line never mixes directions within one run of text (the
    PDF's text then reads back in logical order, see tests/pdftext.py)."""
    return format_html('<span class="value" dir="ltr">{}</span>', value)


def _fixed(version: PlanVersion, participant: Participant) -> dict[str, str]:
    """The plan's fixed texts in the active language."""
    return {
        "title": _("My step plan"),
        "version": mark_safe(  # the msgid escaped, the values format_html
            conditional_escape(_("Version %(n)s of %(date)s"))
            % {"n": _value(version.number), "date": _value(version.created_at.date().isoformat())}
        ),
        "goal": _("My goal"),
        "droombaan": _("Dream job"),
        "steps": _("Steps"),
        "who": _("Who"),
        "due": _("Due"),
        "expect": _("What to expect"),
        "offers": _("What the service offers"),
        "not_offers": _("What the service does not offer"),
        "no_guarantee": _("There is no job guarantee."),
        "contact": _("Whom to call"),
        "agreed": _("We made this plan together."),
    }


def _steps(version: PlanVersion) -> list[dict[str, str]]:
    return [
        {
            "title": s.get("title", ""),
            "type": plan_words.value_label("type", s.get("type", "")),
            "owner": plan_words.value_label("owner", s.get("owner", "")),
            "status": plan_words.value_label("status", s.get("status", "")),
            "due": s.get("due_date", ""),
        }
        for s in version.snapshot.get("steps", [])
    ]


def plan_context(version: PlanVersion, participant: Participant, language: str) -> dict[str, Any]:
    with translation.override("nl"):
        nl, steps_nl = _fixed(version, participant), _steps(version)
    with translation.override(language):
        other, steps_other = _fixed(version, participant), _steps(version)
    return {
        "language": language,
        "rtl": language in RTL,
        "nl": nl,
        "other": other,
        "rows": [{"nl": a, "other": b} for a, b in zip(steps_nl, steps_other, strict=True)],
        "s": version.snapshot,
        "name": participant.full_name,
    }


def plan_pdf(version: PlanVersion, participant: Participant, language: str) -> bytes:
    from weasyprint import HTML

    html = render_to_string("pathway/plan_print.html", plan_context(version, participant, language))
    return HTML(string=html).write_pdf()  # type: ignore[no-any-return]


def plan_pdf_response(
    version: PlanVersion, participant: Participant, asked: str = ""
) -> HttpResponse:
    language = print_language(participant, asked)
    response = HttpResponse(
        plan_pdf(version, participant, language), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="plan-v{version.number}-{language}.pdf"'
    return response
