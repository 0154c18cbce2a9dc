"""Forms of the handover pages; the rules themselves live in ``actions``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from werkpad.accounts.models import Role, User
from werkpad.participants.purposes import SECTIONS, Purpose

SECTION_LABELS = {
    "person": _("Person"),
    "procedure": _("Procedure and phase"),
    "languages": _("Languages and education"),
    "work": _("Work and ambitions"),
    "situation": _("Situation"),
    "inburgering": _("Inburgering and benefit"),
    "documents": _("Documents"),
    "availability": _("Availability"),
}
SECTION_CHOICES = [(s, SECTION_LABELS[s]) for s in SECTIONS]
HANDOVER_PURPOSES = [
    (p.value, p.label) for p in (Purpose.HANDOVER, Purpose.GUIDANCE, Purpose.KOPPELING)
]


class CoachChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        name = obj.get_full_name() or obj.get_username()
        return f"{name} ({obj.organisation})" if obj.organisation_id else name


def coaches() -> Any:
    return (
        User.objects.filter(role=Role.COACH, is_active=True, organisation__isnull=False)
        .select_related("organisation")
        .order_by("organisation__name", "last_name")
    )


class ProposeForm(forms.Form):
    to_coach = CoachChoice(label=_("Hand over to"), queryset=User.objects.none())
    purpose = forms.ChoiceField(label=_("Purpose"), choices=HANDOVER_PURPOSES)
    shared_sections = forms.MultipleChoiceField(
        label=_("Sections shared before completion"),
        choices=SECTION_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    meeting_date = forms.DateField(
        label=_("Meeting with the newcomer"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    override_reason = forms.CharField(
        label=_("Reason for handing over without consent"),
        required=False,
        help_text=_("Only with the permission to override a missing consent; it is logged."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_coach"].queryset = coaches().exclude(pk=user.pk)  # type: ignore[attr-defined]


class MeetingForm(forms.Form):
    meeting_date = forms.DateField(
        label=_("Meeting with the newcomer"), widget=forms.DateInput(attrs={"type": "date"})
    )


class LinkScopeForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Purpose"), choices=Purpose.choices)
    read_sections = forms.MultipleChoiceField(
        label=_("May read"),
        choices=SECTION_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    edit_sections = forms.MultipleChoiceField(
        label=_("May edit"),
        choices=SECTION_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class CoachesChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.get_username())


class ReassignForm(forms.Form):
    """Step one of a bulk reassignment: who leaves, who receives (one or several colleagues).
    The action checks the receivers again (``actions.check_receivers``)."""

    leaving = CoachChoice(label=_("Coach who leaves"), queryset=User.objects.none())
    receivers = CoachesChoice(
        label=_("Distribute the caseload over"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The preview spreads the files evenly over these coaches, counting the files they "
            "already hold; you can change the coach of each file before moving."
        ),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        colleagues = coaches().filter(organisation_id=user.organisation_id)
        self.fields["leaving"].queryset = colleagues  # type: ignore[attr-defined]
        self.fields["receivers"].queryset = colleagues  # type: ignore[attr-defined]
