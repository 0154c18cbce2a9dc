"""Portal forms: few fields, plain words, every error next to its field."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MessageKind, Mood


class OwnStepForm(forms.Form):
    title = forms.CharField(
        label=_("What do you want to do?"),
        max_length=200,
        error_messages={"required": _("Write what you want to do.")},
    )
    due_date = forms.DateField(
        label=_("When (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Choose a date.")},
    )


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment on the plan"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write a comment.")},
    )


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write a message.")},
    )


class CheckinForm(forms.Form):
    mood = forms.ChoiceField(
        label=_("How is it going?"),
        choices=Mood.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how it is going.")},
    )
    body = forms.CharField(
        label=_("Do you want to say more? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    kind = forms.CharField(widget=forms.HiddenInput, initial=MessageKind.CHECKIN, required=False)


class CalculatorForm(forms.Form):
    hours = forms.DecimalField(
        label=_("Hours a week"),
        min_value=Decimal(1),
        max_value=Decimal(60),
        decimal_places=1,
        error_messages={
            "required": _("Enter the hours a week."),
            "invalid": _("Enter a number of hours."),
            "min_value": _("Enter between 1 and 60 hours."),
            "max_value": _("Enter between 1 and 60 hours."),
        },
    )
    wage = forms.DecimalField(
        label=_("Gross wage per hour in euros"),
        min_value=Decimal("0.01"),
        max_value=Decimal(200),
        decimal_places=2,
        error_messages={
            "required": _("Enter the gross wage per hour."),
            "invalid": _("Enter an amount, for example 14.50."),
            "min_value": _("Enter an amount above 0."),
            "max_value": _("Enter at most 200 euros an hour."),
        },
    )


class InterestForm(forms.Form):
    interested = forms.ChoiceField(choices=[("yes", "yes"), ("no", "no")])
    reason = forms.CharField(
        label=_("Why not?"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SetPasswordForInvitationForm(forms.Form):
    password1 = forms.CharField(
        label=_("Choose a password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("The same password again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, user, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):  # type: ignore[no-untyped-def]
        from django.contrib.auth import password_validation

        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords are not the same."))
        elif p1:
            try:
                password_validation.validate_password(p1, self.user)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data
