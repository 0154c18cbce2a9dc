"""Forms of the path. They check the input's shape; the pipeline's rules are checked by the
actions (``pathway.actions``), whose errors the views put next to the fields, all at once."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werkpad.accounts.models import Organisation
from werkpad.core import pathway as core
from werkpad.matching.widgets import OccupationWidget
from werkpad.participants.choices import ParticipantStatus, StatusReason
from werkpad.participants.forms import DATE_WIDGET

from .choices import HerijkingTrigger, OutflowDestination, Participation
from .models import EmploymentSpell, Plan, PlanStep, Pretrajectory, Programme

ACTIVE_CHOICES = [(v, lbl) for v, lbl in ParticipantStatus.choices if v not in core.FINAL]


def apply_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Put an action's errors next to the form's fields (others at the top)."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for name, errors in exc.message_dict.items():
        form.add_error(name if name in form.fields else None, errors)


class EnrolForm(forms.Form):
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.none())
    intake_date = forms.DateField(label=_("Instroom date"), widget=DATE_WIDGET)
    status = forms.ChoiceField(label=_("Status at instroom"), choices=ACTIVE_CHOICES)
    participation = forms.ChoiceField(
        label=_("Participation"),
        required=False,
        choices=[("", _("As the programme says")), *Participation.choices],
    )

    def __init__(self, *args: Any, organisation_ids: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = (  # type: ignore[attr-defined]
            Programme.objects.filter(organisations__in=organisation_ids).distinct().order_by("name")
        )
        self.fields["intake_date"].initial = timezone.localdate()

    def clean_intake_date(self) -> Any:
        value = self.cleaned_data["intake_date"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("This date lies in the future."))
        return value


class EnrolmentStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=ParticipantStatus.choices)
    date = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    reason_code = forms.ChoiceField(
        label=_("Reason"),
        required=False,
        choices=[("", _("No reason needed")), *StatusReason.choices],
        help_text=_("Needed for on hold and drop-out; may be given for an end."),
    )
    reason = forms.CharField(label=_("Explanation"), required=False, max_length=200)
    outflow_destination = forms.ChoiceField(
        label=_("Outflow destination"),
        required=False,
        choices=[("", _("Only for drop-out or end")), *OutflowDestination.choices],
        help_text=_("Where the participant went (one destination, as in the DRS)."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        on = data.get("date")
        if on is not None and on > timezone.localdate():
            self.add_error("date", _("This date lies in the future."))
        status = data.get("status")
        if data.get("outflow_destination") and status not in core.FINAL:
            self.add_error(
                "outflow_destination", _("An outflow destination belongs to drop-out or end.")
            )
        if data.get("reason_code") == StatusReason.OTHER and not data.get("reason", "").strip():
            self.add_error("reason", _("Explain the reason when you choose 'other'."))
        return data


class PretrajectoryForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Pretrajectory
        fields = ["start_date", "end_date", "completed", "kind", "type", "weeks", "goal"]
        widgets = {
            "start_date": DATE_WIDGET,
            "end_date": DATE_WIDGET,
        }


class EmploymentSpellForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = EmploymentSpell
        fields = [
            "employer_name",
            "sector",
            "start_date",
            "end_date",
            "hours_per_week",
            "contract_kind",
        ]
        widgets = {"start_date": DATE_WIDGET, "end_date": DATE_WIDGET}

    def clean_hours_per_week(self) -> Any:
        value = self.cleaned_data.get("hours_per_week")
        if value is not None and not 0 < value <= 60:
            raise forms.ValidationError(_("Give the hours per week between 1 and 60."))
        return value


class ProgrammeForm(forms.ModelForm):  # type: ignore[type-arg]
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations"),
        queryset=Organisation.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
    )
    steps = forms.CharField(
        label=_("Own step templates"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One step per line, optionally starting with the number of days after instroom and a "
            'semicolon, e.g. "14; Brede intake". Empty: the default steps.'
        ),
    )

    class Meta:
        model = Programme
        fields = [
            "name",
            "kind",
            "organisations",
            "start_date",
            "end_date",
            "target_group",
            "participation",
            "partners",
            "language_provider",
            "work_priority",
            "aftercare_weekly_weeks",
            "aftercare_monthly_until_months",
        ]
        widgets = {"start_date": DATE_WIDGET, "end_date": DATE_WIDGET}

    def __init__(self, *args: Any, organisations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisations"].queryset = organisations  # type: ignore[attr-defined]
        if self.instance.pk:
            self.fields["organisations"].initial = list(self.instance.organisations.all())
            self.fields["steps"].initial = "\n".join(
                f"{s.due_after_days}; {s.title}" if s.due_after_days is not None else s.title
                for s in self.instance.step_templates.all()
            )

    def clean_steps(self) -> list[tuple[int | None, str]]:
        out: list[tuple[int | None, str]] = []
        for n, line in enumerate(self.cleaned_data.get("steps", "").splitlines(), start=1):
            line = line.strip()
            if not line:
                continue
            days: int | None = None
            title = line
            if ";" in line:
                head, title = (part.strip() for part in line.split(";", 1))
                if not head.isdigit() or int(head) > 3650:
                    raise forms.ValidationError(
                        _("Line %(n)s: the days before the semicolon must be a number up to 3650.")
                        % {"n": n}
                    )
                days = int(head)
            if not title or len(title) > 200:
                raise forms.ValidationError(
                    _("Line %(n)s: give a step of at most 200 characters.") % {"n": n}
                )
            out.append((days, title))
        return out

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date lies before the start date."))
        return data


# --- the step plan (issue 11) ---------------------------------------------------------------------


class PlanGoalsForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Plan
        fields = [
            "droombaan",
            "droombaan_uri",
            "category_now",
            "category_next",
            "offers",
            "not_offers",
            "contact",
        ]
        widgets = {
            "droombaan": OccupationWidget(),
            "droombaan_uri": forms.HiddenInput,
            "offers": forms.Textarea(attrs={"rows": 3}),
            "not_offers": forms.Textarea(attrs={"rows": 3}),
        }


class PlanStepForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = PlanStep
        fields = [
            "type",
            "title",
            "owner",
            "due_date",
            "status",
            "drop_reason",
            "vacancy",
            "pretrajectory",
            "course",
        ]
        widgets = {"due_date": DATE_WIDGET}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        from django.db.models import Q

        from werkpad.employers.access import vacancies_for

        super().__init__(*args, **kwargs)
        # Only the participant's own voortrajecten can be linked.
        self.fields["pretrajectory"].queryset = Pretrajectory.objects.filter(  # type: ignore[attr-defined]
            enrolment__participant_id=self.instance.plan.participant_id
        )
        # Only vacancies the coach may see (the employer desk's one rule), open ones or the one
        # already linked; the action checks it again for the API.
        self.fields["vacancy"].queryset = (  # type: ignore[attr-defined]
            vacancies_for(user)
            .filter(Q(status="open") | Q(pk=self.instance.vacancy_id))
            .select_related("employer")
            .order_by("title", "pk")
        )
        self.fields["vacancy"].label_from_instance = (  # type: ignore[attr-defined]
            lambda v: f"{v.title} — {v.employer.name}"
        )

    def validate_unique(self) -> None:
        """The step's one constraint (a dropped step has a reason) is checked by ``clean`` of
        the model, which puts the error next to the field; the database keeps the constraint."""


class StartPlanForm(forms.Form):
    programme = forms.ModelChoiceField(
        label=_("Start from the steps of programme"),
        queryset=Programme.objects.none(),
        required=False,
        empty_label=_("No template: an empty plan"),
    )

    def __init__(self, *args: Any, participant: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = (  # type: ignore[attr-defined]
            Programme.objects.filter(enrolments__participant=participant).distinct()
        )


class PlanVersionForm(forms.Form):
    trigger = forms.ChoiceField(
        label=_("Reason for the herijking"),
        choices=[("", "—"), *[c for c in HerijkingTrigger.choices if c[0] != "first"]],
        required=False,
    )
    note = forms.CharField(label=_("About this herijking"), max_length=300, required=False)


class InPersonConfirmationForm(forms.Form):
    language = forms.CharField(label=_("Language of the conversation"), max_length=60)
    interpreter = forms.CharField(
        label=_("Interpreter (name or service)"), max_length=120, required=False
    )
