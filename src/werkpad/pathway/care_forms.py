"""Forms of contact moments, appointments and aftercare check-ins (shape only; the rules are the
models' ``validate`` and the actions, whose errors the views put next to the fields)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werkpad.participants.forms import DATE_WIDGET

from .care_choices import AppointmentKind, CheckInIssue, ContactKind, HowItGoes
from .care_models import NewcomerContact

TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class NewcomerContactForm(forms.ModelForm):
    class Meta:
        model = NewcomerContact
        fields = ["on", "kind", "with_whom", "note", "follow_up", "follow_up_on"]
        widgets = {"on": DATE_WIDGET, "follow_up_on": DATE_WIDGET}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()
        self.fields["kind"].choices = ContactKind.choices


class AppointmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=AppointmentKind.choices)
    on = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    starts = forms.TimeField(label=_("From"), widget=TIME_WIDGET)
    ends = forms.TimeField(label=_("Until"), widget=TIME_WIDGET)
    place = forms.CharField(label=_("Where"), max_length=200, required=False)
    details = forms.CharField(label=_("Details"), max_length=300, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        on, starts, ends = data.get("on"), data.get("starts"), data.get("ends")
        if on and starts and ends:
            tz = timezone.get_current_timezone()
            data["starts_at"] = datetime.combine(on, starts, tzinfo=tz)
            data["ends_at"] = datetime.combine(on, ends, tzinfo=tz)
            if ends < starts:
                self.add_error("ends", _("The appointment cannot end before it starts."))
        return data

    def fields_for_action(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "kind": d["kind"],
            "starts_at": d["starts_at"],
            "ends_at": d["ends_at"],
            "place": d.get("place", ""),
            "details": d.get("details", ""),
        }


class CheckInForm(forms.Form):
    done_on = forms.DateField(label=_("Date of the check-in"), widget=DATE_WIDGET)
    how = forms.ChoiceField(
        label=_("How it goes"), choices=HowItGoes.choices, widget=forms.RadioSelect
    )
    issues = forms.MultipleChoiceField(
        label=_("Issues raised"),
        choices=CheckInIssue.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)
    follow_up = forms.CharField(label=_("Follow-up"), max_length=300, required=False)
    follow_up_on = forms.DateField(label=_("Follow-up by"), required=False, widget=DATE_WIDGET)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["done_on"].initial = timezone.localdate()


class FeedForm(forms.Form):
    show_details = forms.BooleanField(
        label=_("Show what each appointment is in my calendar"),
        required=False,
        help_text=_(
            "Off: every appointment is called 'Appointment', so others who see your phone do not learn more."
        ),
    )
