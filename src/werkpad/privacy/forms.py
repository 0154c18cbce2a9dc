"""Forms of the privacy pages; the rules live in ``actions``."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import RefusalGround, RequestKind


class CorrectionForm(forms.Form):
    kind = forms.CharField(widget=forms.HiddenInput, initial=RequestKind.CORRECTION)
    text = forms.CharField(
        label=_("What is wrong, and what should it be?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ErasureForm(forms.Form):
    kind = forms.CharField(widget=forms.HiddenInput, initial=RequestKind.ERASURE)
    text = forms.CharField(
        label=_("Why (you do not have to say)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    sure = forms.BooleanField(
        label=_("I understand: after erasure my coach can no longer help me with this file."),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("grant", _("Carry out the request")), ("refuse", _("Refuse the request"))],
        widget=forms.RadioSelect,
    )
    ground = forms.ChoiceField(
        label=_("Ground for refusing (erasure: AVG art. 17(3))"),
        choices=RefusalGround.choices,
        required=False,
    )
    note = forms.CharField(
        label=_("Explanation to the newcomer"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PublishForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Report"),
        choices=[("overview", _("Monitoring overview")), ("startbaan", _("Startbaan report"))],
    )
    peildatum = forms.DateField(
        label=_("Peildatum (startbaan report)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
