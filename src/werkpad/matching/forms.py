"""Forms of the matching pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from werkpad.accounts.models import Organisation

from .models import COACH_DECISIONS, DecisionReason


class DecisionForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(choices=COACH_DECISIONS)
    reason_code = forms.ChoiceField(
        label=_("Reason"),
        choices=[("", _("Choose a reason")), *DecisionReason.choices],
        error_messages={"required": _("Choose a reason for your decision.")},
    )
    reason = forms.CharField(
        label=_("Explanation"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("reason_code") == DecisionReason.OTHER and not data.get("reason", "").strip():
            self.add_error("reason", _("Explain the reason when you choose 'other'."))
        return data


class FairnessForm(forms.Form):
    k = forms.IntegerField(label=_("Top k"), min_value=1, max_value=50, initial=10)
    organisation = forms.ModelChoiceField(
        label=_("Candidates of"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("All organisations"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            Organisation.objects.filter(  # type: ignore[attr-defined]
                participants__isnull=False
            )
            .distinct()
            .order_by("name")
        )
