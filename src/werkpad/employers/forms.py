"""Forms of the employer desk. They validate input; the actions do the writing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werkpad import validation
from werkpad.accounts.models import Role, User
from werkpad.matching.widgets import OccupationWidget
from werkpad.participants.choices import CertificateKind, ParticipantStatus
from werkpad.participants.forms import ScheduleField, codes_from_mask, mask_from_codes

from . import advice
from .choices import PlacementEndReason, TwvStatus, VacancyStatus
from .models import (
    Employer,
    EmployerLocation,
    Placement,
    TwvApplication,
    Vacancy,
    employer_name_error,
)

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class _DatesMixin:
    def _date_widgets(self) -> None:
        for field in self.fields.values():  # type: ignore[attr-defined]
            if isinstance(field, forms.DateField):
                field.widget = DATE_WIDGET


class _ConfirmWarnings:
    """Warnings from the rules engine, said before saving: the form shows each next to its field
    and saves only once the user ticks "save anyway" (the box appears with the first warning)."""

    confirm_label = _("I have read the warning: save anyway")

    def _add_confirm_field(self) -> None:
        self.fields["confirm"] = forms.BooleanField(  # type: ignore[attr-defined]
            required=False, widget=forms.HiddenInput, label=self.confirm_label
        )

    def _warn(self, warnings: list[tuple[str, str | None]]) -> None:
        shown = [(name, text) for name, text in warnings if text]
        self.warnings = [text for _name, text in shown]
        if not shown or self.cleaned_data.get("confirm"):  # type: ignore[attr-defined]
            return
        for name, text in shown:
            self.add_error(name, text)  # type: ignore[attr-defined]
        self.fields["confirm"].widget = forms.CheckboxInput()  # type: ignore[attr-defined]


class EmployerForm(validation.ModelFormValidation, _DatesMixin, forms.ModelForm):  # type: ignore[type-arg]
    name = forms.CharField(label=_("name"), max_length=200)

    def clean_name(self) -> str:
        value: str = self.cleaned_data.get("name", "")
        problem = employer_name_error(value)
        if problem:
            raise forms.ValidationError(problem)
        return value

    class Meta:
        model = Employer
        fields = [
            "kind",
            "sector",
            "size_band",
            "experience_with_status_holders",
            "contact_name",
            "contact_email",
            "contact_phone",
            "account_manager",
            "notes",
        ]
        widgets = {
            "experience_with_status_holders": forms.NullBooleanSelect,
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["account_manager"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            role=Role.COACH, is_active=True
        ).order_by("last_name", "first_name")
        self.fields["account_manager"].label_from_instance = (  # type: ignore[attr-defined]
            lambda u: u.get_full_name() or u.username
        )
        if self.instance.pk:
            self.initial.setdefault("name", self.instance.name)
        self.order_fields(["name"])

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in ["name", *self.Meta.fields]}


class LocationForm(validation.ModelFormValidation, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = EmployerLocation
        fields = ["name", "address", "postcode", "city", "municipality", "latitude", "longitude"]

    def clean_postcode(self) -> str:
        value: str = self.cleaned_data.get("postcode", "").replace(" ", "").upper()
        if value and not (len(value) == 6 and value[:4].isdigit() and value[4:].isalpha()):
            raise forms.ValidationError(_("Enter a Dutch postcode such as 3511AB."))
        return value


CERTIFICATE_CHOICES = [(c.value, c.label) for c in CertificateKind]


class VacancyForm(
    validation.ModelFormValidation,
    _ConfirmWarnings,
    _DatesMixin,
    forms.ModelForm,  # type: ignore[type-arg]
):
    # The roster and the certificates are model fields the form shows in its own way: the
    # model's errors about them land next to these form fields.
    model_error_fields = {"roster_mask": "roster", "required_certificates": "certificate_detail"}

    roster = ScheduleField(label=_("Roster (dagdelen)"))
    certificates = forms.MultipleChoiceField(
        label=_("Required certificates"),
        choices=CERTIFICATE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    driving_licence_category = forms.CharField(
        label=_("Driving licence category"), max_length=10, required=False
    )
    certificate_detail = forms.CharField(
        label=_("Details of the diploma or other certificate"), max_length=100, required=False
    )

    class Meta:
        model = Vacancy
        fields = [
            "title",
            "occupation",
            "sector",
            "location",
            "description",
            "hours_per_week",
            "roster_flexible",
            "contract_kind",
            "contract_months",
            "wage_hourly",
            "dutch_level",
            "language_rich",
            "twv_willing",
            "self_development",
            "places",
            "group_possible",
            "start_date",
            "status",
            "occupation_uri",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "occupation": OccupationWidget(),
            "occupation_uri": forms.HiddenInput,
        }

    def __init__(
        self, *args: Any, employer: Employer, for_employer: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._date_widgets()
        self._add_confirm_field()
        self.employer = employer
        self.instance.employer = employer
        self.fields["location"].queryset = employer.locations.all()  # type: ignore[attr-defined]
        self.fields["sector"].initial = employer.sector
        if for_employer:
            # Employers choose the status with the buttons (save as draft / submit / close).
            del self.fields["status"]
        if not self.is_bound:
            self.initial["roster"] = codes_from_mask(self.instance.roster_mask)
            certs = self.instance.required_certificates or []
            self.initial["certificates"] = [c.get("kind") for c in certs]
            for c in certs:
                if c.get("kind") == CertificateKind.DRIVING_LICENCE:
                    self.initial["driving_licence_category"] = c.get("detail", "")
                elif c.get("detail"):
                    self.initial["certificate_detail"] = c.get("detail", "")
        self.order_fields([*self.Meta.fields[:6], "roster", "roster_flexible", "certificates"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kinds = data.get("certificates") or []
        if data.get("driving_licence_category") and CertificateKind.DRIVING_LICENCE not in kinds:
            self.add_error(
                "certificates", _("Tick the driving licence when you give its category.")
            )
        if not data.get("roster") and not data.get("roster_flexible"):
            self.add_error("roster", _("Tick the dagdelen of the roster, or mark it flexible."))
        # The model validates these too (see model_error_fields).
        extra = self._extra()
        self.instance.roster_mask = extra["roster_mask"]
        self.instance.required_certificates = extra["required_certificates"]
        self._warn(
            [("wage_hourly", advice.wage_warning(data.get("wage_hourly"), data.get("start_date")))]
        )
        return data

    def _extra(self) -> dict[str, Any]:
        data = self.cleaned_data
        certificates = []
        for kind in data.get("certificates") or []:
            detail = ""
            if kind == CertificateKind.DRIVING_LICENCE:
                detail = data.get("driving_licence_category", "").strip().upper()
            elif kind in (CertificateKind.DIPLOMA, CertificateKind.OTHER, CertificateKind.BIG):
                detail = data.get("certificate_detail", "").strip()
            certificates.append({"kind": kind, "detail": detail})
        return {
            "roster_mask": mask_from_codes(data.get("roster") or []),
            "required_certificates": certificates,
        }

    def changes(self) -> dict[str, Any]:
        data = self.cleaned_data
        changes = {name: data[name] for name in self.Meta.fields if name in data}
        changes.update(self._extra())
        return changes


class ShortlistForm(forms.Form):
    participant = forms.ModelChoiceField(label=_("Participant"), queryset=None)  # type: ignore[arg-type]
    reason = forms.CharField(
        label=_("Why this candidate fits"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        validators=[validation.multi_line],
    )

    def __init__(self, *args: Any, participants: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["participant"]
        field.queryset = participants  # type: ignore[attr-defined]
        field.to_field_name = "public_id"  # type: ignore[attr-defined]
        field.label_from_instance = lambda p: f"{p.full_name} ({p.number})"  # type: ignore[attr-defined]


class TwvPrepareForm(_ConfirmWarnings, _DatesMixin, forms.Form):
    participant = forms.ModelChoiceField(label=_("Participant"), queryset=None)  # type: ignore[arg-type]
    vacancy = forms.ModelChoiceField(label=_("Vacancy"), queryset=None)  # type: ignore[arg-type]
    prepared_on = forms.DateField(label=_("Prepared on"), initial=timezone.localdate)
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: Any, participants: Any, vacancies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._date_widgets()
        self._add_confirm_field()
        pf = self.fields["participant"]
        pf.queryset = participants  # type: ignore[attr-defined]
        pf.to_field_name = "public_id"  # type: ignore[attr-defined]
        pf.label_from_instance = lambda p: f"{p.full_name} ({p.number})"  # type: ignore[attr-defined]
        self.fields["vacancy"].queryset = vacancies  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        twv = TwvApplication(prepared_on=data.get("prepared_on"), notes=data.get("notes", ""))
        _add_model_errors(self, twv, ["prepared_on", "notes"])
        participant, vacancy = data.get("participant"), data.get("vacancy")
        if participant is not None and vacancy is not None:
            self._warn([("participant", advice.twv_warning(participant, vacancy))])
        return data


def _add_model_errors(
    form: forms.Form,
    instance: Any,
    fields: list[str],
    rename: dict[str, str] | None = None,
) -> None:
    """The model's own validation of ``fields`` (``werkpad.validation``), next to the form's
    fields: a plain form refuses exactly what the model (and so the API and the import) refuses."""
    checked = [name for name in fields if (rename or {}).get(name, name) not in form.errors]
    for name, messages in validation.validate_instance(instance, checked, rename=rename).items():
        for message in messages:
            form.add_error(name if name in form.fields else None, message)


class TwvSubmitForm(_DatesMixin, forms.Form):
    submitted_on = forms.DateField(label=_("Submitted to the UWV on"), initial=timezone.localdate)
    uwv_reference = forms.CharField(label=_("UWV reference"), max_length=40, required=False)

    def __init__(self, *args: Any, twv: TwvApplication | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._date_widgets()
        self.twv = twv

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.twv is not None:
            twv = TwvApplication(
                prepared_on=self.twv.prepared_on,
                submitted_on=data.get("submitted_on"),
                uwv_reference=data.get("uwv_reference", ""),
            )
            _add_model_errors(self, twv, ["submitted_on", "uwv_reference"])
        return data


class TwvDecideForm(_DatesMixin, forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (s.value, s.label) for s in (TwvStatus.GRANTED, TwvStatus.REFUSED, TwvStatus.WITHDRAWN)
        ],
    )
    decided_on = forms.DateField(label=_("Date"), initial=timezone.localdate)

    def __init__(self, *args: Any, twv: TwvApplication | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._date_widgets()
        self.twv = twv

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.twv is not None:
            twv = TwvApplication(
                prepared_on=self.twv.prepared_on,
                submitted_on=self.twv.submitted_on,
                decided_on=data.get("decided_on"),
            )
            _add_model_errors(self, twv, ["decided_on"])
        return data


PLACEMENT_FIELDS = [
    "employer",
    "vacancy",
    "kind",
    "found_via",
    "start_date",
    "contract_months",
    "hours_kind",
    "hours_per_week",
    "occupation",
    "sector",
    "wage_hourly",
    "zero_hours",
    "lks",
    "werkcoach",
    "jobcoach",
    "harrie",
    "proefplaatsing",
    "detachering",
]


class PlacementForm(
    validation.ModelFormValidation,
    _ConfirmWarnings,
    _DatesMixin,
    forms.ModelForm,  # type: ignore[type-arg]
):
    # The enrolment whose status the placement moves (empty: the most recent active one).
    enrolment = forms.ModelChoiceField(
        label=_("Enrolment"),
        queryset=None,  # type: ignore[arg-type]
        required=False,
        empty_label=_("The most recent active enrolment"),
    )

    class Meta:
        model = Placement
        fields = PLACEMENT_FIELDS

    def __init__(self, *args: Any, participant: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from werkpad.pathway.models import FINAL_STATUSES, Enrolment

        active = Enrolment.objects.none()
        if participant is not None:
            active = participant.enrolments.exclude(status__in=FINAL_STATUSES).select_related(
                "programme"
            )
        self.fields["enrolment"].queryset = active  # type: ignore[attr-defined]
        if participant is None or active.count() < 2:
            del self.fields["enrolment"]
        self._date_widgets()
        self._add_confirm_field()
        self.participant = participant
        self.fields["employer"].queryset = Employer.objects.select_related("organisation")  # type: ignore[attr-defined]
        self.fields["vacancy"].queryset = Vacancy.objects.filter(  # type: ignore[attr-defined]
            status__in=(VacancyStatus.OPEN, VacancyStatus.FILLED)
        ).select_related("employer__organisation")
        self.fields["occupation"].required = False
        self.fields["sector"].required = False
        self.fields["occupation"].help_text = _("Empty: taken from the vacancy.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        employer, vacancy = data.get("employer"), data.get("vacancy")
        if vacancy is not None and employer is not None and vacancy.employer_id != employer.pk:
            self.add_error("vacancy", _("Choose a vacancy of this employer."))
        if not data.get("occupation") and vacancy is None:
            self.add_error("occupation", _("Enter the occupation, or choose a vacancy."))
        # What the action fills in from the vacancy or the employer, so that the model's
        # validation (in _post_clean) sees the placement as it will be saved.
        if vacancy is not None:
            data["occupation"] = data.get("occupation") or vacancy.occupation
            self.instance.occupation_uri = vacancy.occupation_uri
            data["sector"] = data.get("sector") or vacancy.sector
        if employer is not None:
            data["sector"] = data.get("sector") or employer.sector
        birth = getattr(self.participant, "birth_date", None)
        self._warn(
            [
                (
                    "wage_hourly",
                    advice.wage_warning(
                        data.get("wage_hourly"), data.get("start_date"), birth_date=birth
                    ),
                )
            ]
        )
        return data

    def changes(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in PLACEMENT_FIELDS}
        if self.cleaned_data.get("enrolment") is not None:
            data["enrolment"] = self.cleaned_data["enrolment"]
        for key in ("occupation", "sector"):
            if not data.get(key):
                data.pop(key, None)
        return data


class EndPlacementForm(_DatesMixin, forms.Form):
    """Ending a placement; the dates and the note are checked by ``Placement``'s validation."""

    end_date = forms.DateField(label=_("End date"), initial=timezone.localdate)
    reason = forms.ChoiceField(label=_("Reason"), choices=PlacementEndReason.choices)
    note = forms.CharField(label=_("About the end"), max_length=200, required=False)
    new_status = forms.ChoiceField(
        label=_("New status of the participant"),
        choices=[("", _("Keep the status")), *ParticipantStatus.choices],
        required=False,
    )

    def __init__(self, *args: Any, placement: Placement | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._date_widgets()
        self.placement = placement

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.placement is not None:
            import copy

            ended = copy.copy(self.placement)
            ended.end_date = data.get("end_date")
            ended.end_reason = data.get("reason", "")
            ended.end_note = data.get("note", "")
            _add_model_errors(
                self,
                ended,
                ["end_date", "end_reason", "end_note"],
                rename={"end_reason": "reason", "end_note": "note"},
            )
        return data


class ContactDoneForm(_DatesMixin, forms.Form):
    done_on = forms.DateField(label=_("Contact on"), initial=timezone.localdate)
    notes = forms.CharField(
        label=_("Notes"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        validators=[validation.multi_line],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._date_widgets()


class ContactRequestForm(forms.Form):
    notes = forms.CharField(
        label=_("What would you like to discuss?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        validators=[validation.multi_line],
    )


class ImportForm(forms.Form):
    what = forms.ChoiceField(
        label=_("What to import"),
        choices=[("employers", _("Employers")), ("vacancies", _("Vacancies"))],
    )
    file = forms.FileField(label=_("File (CSV or XLSX)"))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not (name.endswith(".csv") or name.endswith(".xlsx")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        from .imports import FileProblem, check_size

        try:
            check_size(upload.size)
        except FileProblem as exc:
            raise forms.ValidationError(str(exc)) from None
        return upload


VACANCY_STATUS_FOR_EMPLOYER = (VacancyStatus.DRAFT, VacancyStatus.OPEN, VacancyStatus.CLOSED)
