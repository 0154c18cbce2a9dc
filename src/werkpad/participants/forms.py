"""Forms for the sections of the participant file.

Each section form edits a group of fields on :class:`Participant` and saves through
:func:`actions.update_participant`, so that every change lands in the history.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from werkpad import validation
from werkpad.accounts.models import Organisation, OrganisationKind, Role, User
from werkpad.core import schedule
from werkpad.matching.widgets import OccupationWidget

from . import actions, codes
from .choices import (
    REASON_REQUIRED,
    REASONS_BY_STATUS,
    ConsentScope,
    Dagdeel,
    ParticipantStatus,
    StatusReason,
    Weekday,
)
from .fields import SECTION_FIELDS
from .models import Participant
from .purposes import Purpose
from .sections import CODED_FIELDS

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SectionForm(forms.ModelForm):  # type: ignore[type-arg]
    title: ClassVar[Any] = ""
    section: ClassVar[str] = ""

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.widget = DATE_WIDGET

    def changes(self) -> dict[str, Any]:
        return {
            name: self.cleaned_data[name] for name in self.Meta.fields if name in self.cleaned_data
        }

    def save_with_history(self, user: Any) -> int:
        # ModelForm's validation already assigned the values to the instance: restore the
        # stored values first so the action sees old -> new and records the history.
        participant = Participant.objects.get(pk=self.instance.pk)
        return len(
            actions.update_participant(user, participant, self.changes(), section=self.section)
        )


class PersonForm(SectionForm):
    title = _("Person")
    section = "person"

    class Meta:
        model = Participant
        fields = SECTION_FIELDS["person"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, kind in CODED_FIELDS.items():
            model_field = Participant._meta.get_field(name)
            self.fields[name] = codes.code_field(
                kind, label=capfirst(model_field.verbose_name), help_text=model_field.help_text
            )
            codes.keep_unrecognised(self.fields[name], getattr(self.instance, name) or "", kind)


class ProcedureForm(SectionForm):
    title = _("Procedure and phase")
    section = "procedure"

    class Meta:
        model = Participant
        fields = SECTION_FIELDS["procedure"]


class LanguagesForm(SectionForm):
    title = _("Languages and education")
    section = "languages"

    class Meta:
        model = Participant
        fields = SECTION_FIELDS["languages"]
        widgets = {"speaks_english": forms.NullBooleanSelect}


class WorkForm(SectionForm):
    title = _("Work and ambitions")
    section = "work"

    class Meta:
        model = Participant
        fields = [
            "job_at_intake",
            "desired_occupation",
            "desired_occupation_uri",
            "desired_self_development",
            "informal_work",
        ]
        widgets = {
            "informal_work": forms.Textarea(attrs={"rows": 4}),
            "desired_occupation": OccupationWidget(),
            "desired_occupation_uri": forms.HiddenInput,
        }


class SituationForm(SectionForm):
    title = _("Situation")
    section = "situation"

    class Meta:
        model = Participant
        fields = SECTION_FIELDS["situation"]
        widgets = {"childcare_need": forms.NullBooleanSelect}

    def clean_postcode(self) -> str:
        # Normalised here; the model validates the format (``models.POSTCODE``).
        return str(self.cleaned_data.get("postcode", "")).upper().replace(" ", "")


class InburgeringForm(SectionForm):
    title = _("Inburgering and benefit")
    section = "inburgering"

    class Meta:
        model = Participant
        fields = SECTION_FIELDS["inburgering"]
        widgets = {
            "has_benefit": forms.NullBooleanSelect,
            "participatiewet_obligations": forms.Textarea(attrs={"rows": 3}),
        }


class DocumentsForm(SectionForm):
    title = _("Documents")
    section = "documents"

    class Meta:
        model = Participant
        fields = SECTION_FIELDS["documents"]


class ScheduleWidget(forms.CheckboxSelectMultiple):
    """The 21 dagdelen as a table: days as rows, morning / afternoon / evening as columns, each
    cell a plain checkbox (named by its row and column header, and by its own hidden label)."""

    template_name = "participants/widgets/schedule.html"
    caption: Any = ""

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        options = {o["value"]: o for _g, group, _i in widget["optgroups"] for o in group}
        widget["caption"] = self.caption
        widget["columns"] = [Dagdeel(p).label for p in range(3)]
        widget["grid"] = [
            (capfirst(Weekday(d).label), [options[schedule.code(d, p)] for p in range(3)])
            for d in range(7)
        ]
        return context


class ScheduleField(forms.MultipleChoiceField):
    """A week grid of dagdelen, stored as a 21-bit mask."""

    widget = ScheduleWidget

    def __init__(self, **kwargs: Any) -> None:
        # Callable choices are evaluated when the form renders, in the reader's language (a list
        # built here would be frozen in whatever language was active at import time).
        super().__init__(choices=schedule_choices, required=False, **kwargs)
        self.widget.caption = self.label  # type: ignore[attr-defined]


def schedule_choices() -> list[tuple[str, str]]:
    return [
        (schedule.code(d, p), f"{Weekday(d).label} — {Dagdeel(p).label}")
        for d in range(7)
        for p in range(3)
    ]


def mask_from_codes(codes: list[str]) -> int:
    lookup = {schedule.code(d, p): (d, p) for d in range(7) for p in range(3)}
    return schedule.mask_of(lookup[c] for c in codes if c in lookup)


def codes_from_mask(mask: int) -> list[str]:
    return [schedule.code(d, p) for d, p in schedule.slots_of(mask)]


class AvailabilityForm(SectionForm):
    title = _("Availability")
    section = "availability"
    availability = ScheduleField(label=_("Available for work"))
    lessons = ScheduleField(label=_("Lesson times"))

    class Meta:
        model = Participant
        fields = ["max_hours_per_week"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["availability"] = codes_from_mask(self.instance.availability_mask)
            self.initial["lessons"] = codes_from_mask(self.instance.lesson_mask)

    def changes(self) -> dict[str, Any]:
        return {
            "max_hours_per_week": self.cleaned_data.get("max_hours_per_week"),
            "availability_mask": mask_from_codes(self.cleaned_data.get("availability", [])),
            "lesson_mask": mask_from_codes(self.cleaned_data.get("lessons", [])),
        }


SECTION_FORMS: dict[str, type[SectionForm]] = {
    f.section: f
    for f in (
        PersonForm,
        ProcedureForm,
        LanguagesForm,
        WorkForm,
        SituationForm,
        InburgeringForm,
        DocumentsForm,
        AvailabilityForm,
    )
}


# Forms for the workflows on the participant page (status, consent, coaches).


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=ParticipantStatus.choices)
    date = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    reason_code = forms.ChoiceField(
        label=_("Reason"),
        required=False,
        choices=[("", _("No reason needed")), *StatusReason.choices],
        help_text=_(
            "Needed for on hold (family, medical, pregnancy, other) and drop-out "
            "(language or education, pregnancy, medical, partner earns above the norm, other)."
        ),
    )
    reason = forms.CharField(
        label=_("Explanation"),
        required=False,
        max_length=200,
        help_text=_("Needed when the reason is 'other'."),
    )

    def __init__(self, *args: Any, participant: Participant, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.participant = participant
        # Preselect where the participant is now, not the first choice ("Unknown").
        self.fields["status"].initial = participant.status
        self.fields["date"].initial = timezone.localdate()

    def clean_date(self) -> date:
        value: date = self.cleaned_data["date"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("This date lies in the future."))
        return value

    def clean(self) -> dict[str, Any]:
        from django.core.exceptions import ValidationError

        from werkpad.pathway import actions as pathway_actions

        data = super().clean() or {}
        status, code = data.get("status"), data.get("reason_code", "")
        # Status belongs to the enrolment: check against its history (pathway.actions).
        enrolment = pathway_actions.active_enrolment(self.participant)
        self.enrolment = enrolment
        if enrolment is not None and status and data.get("date"):
            try:
                pathway_actions.check_change(enrolment, status, data["date"], "")
            except ValidationError as exc:
                for name, errors in exc.message_dict.items():
                    if name in ("status", "date"):
                        for error in errors:
                            self.add_error(name, error)
        elif status and status == self.participant.status:
            self.add_error("status", _("This is already the current status."))
        allowed = REASONS_BY_STATUS.get(status or "", ())
        if status in REASON_REQUIRED and not code:
            self.add_error(
                "reason_code", _("Choose a reason: this status needs one for the evaluation.")
            )
        elif code and code not in allowed:
            if allowed:
                self.add_error(
                    "reason_code",
                    _("This reason does not apply to the chosen status. Choose one of: %(list)s.")
                    % {"list": ", ".join(str(StatusReason(c).label) for c in allowed)},
                )
            else:
                self.add_error("reason_code", _("Only on hold, drop-out and end take a reason."))
        if code == StatusReason.OTHER and not data.get("reason", "").strip():
            self.add_error("reason", _("Explain the reason when you choose 'other'."))
        return data


class ConsentForm(forms.Form):
    scope = forms.ChoiceField(label=_("What"), choices=ConsentScope.choices)
    recipient = forms.ModelChoiceField(
        label=_("With whom"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        help_text=_("Only for sharing with another organisation or with an employer."),
    )
    purpose_code = forms.ChoiceField(
        label=_("For the purpose"),
        choices=[("", _("The usual purpose of this kind of consent")), *Purpose.choices],
        required=False,
        help_text=_("See the purposes and their grounds: a handover needs consent for a handover."),
    )
    purpose = forms.CharField(
        label=_("Purpose"),
        max_length=200,
        validators=[validation.one_line],
        error_messages={"required": _("State the purpose: consent is given for a purpose.")},
    )

    def __init__(self, *args: Any, participant: Participant, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.participant = participant

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        scope, recipient = data.get("scope"), data.get("recipient")
        if scope in (ConsentScope.ORGANISATION_OTHER, ConsentScope.EMPLOYER_PROFILE):
            if recipient is None:
                self.add_error("recipient", _("Choose the organisation to share with."))
            elif (
                scope == ConsentScope.ORGANISATION_OTHER
                and recipient.pk == self.participant.organisation_id
            ):
                self.add_error(
                    "recipient",
                    _("This is the participant's own organisation: choose another one."),
                )
            elif (
                scope == ConsentScope.ORGANISATION_OTHER
                and recipient.kind == OrganisationKind.EMPLOYER
            ):
                # Sharing the whole file is for partner organisations; an employer gets at most
                # the pseudonymous profile (the employer-profile consent).
                self.add_error(
                    "recipient",
                    _("An employer cannot receive the file: record consent for the profile."),
                )
            elif (
                scope == ConsentScope.EMPLOYER_PROFILE
                and recipient.kind != OrganisationKind.EMPLOYER
            ):
                self.add_error("recipient", _("Choose an employer."))
        elif scope and recipient is not None:
            self.add_error(
                "recipient", _("Leave this empty: this consent is not about another organisation.")
            )
        if scope and not self.errors:
            active = self.participant.consents.filter(
                scope=scope, recipient=recipient, withdrawn_at__isnull=True
            )
            if active.exists():
                self.add_error("scope", _("This consent has already been given."))
        return data


def find_coach(value: str) -> User:
    """An active coach by user name or email address, or a ValidationError that says why not."""
    value = value.strip()
    matches = list(
        User.objects.filter(role=Role.COACH, is_active=True)
        .filter(Q(username__iexact=value) | Q(email__iexact=value))
        .select_related("organisation")[:2]
    )
    if not matches:
        raise forms.ValidationError(_("There is no coach with this user name or email address."))
    if len(matches) > 1:
        raise forms.ValidationError(
            _("Several coaches have this email address: enter the user name.")
        )
    return matches[0]


class LinkCoachForm(forms.Form):
    coach = forms.CharField(
        label=_("User name or email address of the coach"),
        max_length=254,
        help_text=_("Coaches of other organisations can be linked too."),
    )
    role = forms.CharField(
        label=_("Role in the trajectory"),
        max_length=100,
        required=False,
        validators=[validation.one_line],
        help_text=_("E.g. jobcoach, language coach, COA case manager."),
    )

    def __init__(self, *args: Any, participant: Participant, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.participant = participant

    def clean_coach(self) -> User:
        coach = find_coach(self.cleaned_data["coach"])
        if coach.pk == self.participant.regiehouder_id:
            raise forms.ValidationError(_("This coach is the regiehouder already."))
        if self.participant.coach_links.filter(coach=coach).exists():
            raise forms.ValidationError(_("This coach is linked already."))
        return coach


class RegiehouderForm(forms.Form):
    coach = forms.CharField(
        label=_("User name or email address of the new regiehouder"), max_length=254
    )
    keep_previous = forms.BooleanField(
        label=_("Keep the previous regiehouder linked as a coach"), required=False, initial=True
    )

    def __init__(self, *args: Any, participant: Participant, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.participant = participant

    def clean_coach(self) -> User:
        coach = find_coach(self.cleaned_data["coach"])
        if coach.pk == self.participant.regiehouder_id:
            raise forms.ValidationError(_("This coach is the regiehouder already."))
        return coach
