"""Forms of the employer desk. They validate input; the actions do the writing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werkpad.accounts.models import Role, User
from werkpad.matching.widgets import OccupationWidget
from werkpad.participants.choices import CertificateKind, ParticipantStatus
from werkpad.participants.forms import ScheduleField, codes_from_mask, mask_from_codes

from .choices import PlacementEndReason, TwvStatus, VacancyStatus
from .models import Employer, EmployerLocation, Placement, Vacancy

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class _DatesMixin:
    def _date_widgets(self) -> None:
        for field in self.fields.values():  # type: ignore[attr-defined]
            if isinstance(field, forms.DateField):
                field.widget = DATE_WIDGET


class EmployerForm(_DatesMixin, forms.ModelForm):  # type: ignore[type-arg]
    name = forms.CharField(label=_("name"), max_length=200)

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


class LocationForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = EmployerLocation
        fields = ["name", "address", "postcode", "city", "municipality", "latitude", "longitude"]

    def clean_postcode(self) -> str:
        value: str = self.cleaned_data.get("postcode", "").replace(" ", "").upper()
        if value and not (len(value) == 6 and value[:4].isdigit() and value[4:].isalpha()):
            raise forms.ValidationError(_("Enter a Dutch postcode such as 3511AB."))
        return value


CERTIFICATE_CHOICES = [(c.value, c.label) for c in CertificateKind]


class VacancyForm(_DatesMixin, forms.ModelForm):  # type: ignore[type-arg]
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
        self.employer = employer
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

    def clean_hours_per_week(self) -> Any:
        value = self.cleaned_data.get("hours_per_week")
        if value is not None and not 0 < value <= 60:
            raise forms.ValidationError(_("Enter between 1 and 60 hours a week."))
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kinds = data.get("certificates") or []
        if data.get("driving_licence_category") and CertificateKind.DRIVING_LICENCE not in kinds:
            self.add_error(
                "certificates", _("Tick the driving licence when you give its category.")
            )
        if not data.get("roster") and not data.get("roster_flexible"):
            self.add_error("roster", _("Tick the dagdelen of the roster, or mark it flexible."))
        return data

    def changes(self) -> dict[str, Any]:
        data = self.cleaned_data
        certificates = []
        for kind in data.get("certificates") or []:
            detail = ""
            if kind == CertificateKind.DRIVING_LICENCE:
                detail = data.get("driving_licence_category", "").strip().upper()
            elif kind in (CertificateKind.DIPLOMA, CertificateKind.OTHER, CertificateKind.BIG):
                detail = data.get("certificate_detail", "").strip()
            certificates.append({"kind": kind, "detail": detail})
        changes = {name: data[name] for name in self.Meta.fields if name in data}
        changes["roster_mask"] = mask_from_codes(data.get("roster") or [])
        changes["required_certificates"] = certificates
        return changes


class ShortlistForm(forms.Form):
    participant = forms.ModelChoiceField(label=_("Participant"), queryset=None)  # type: ignore[arg-type]
    reason = forms.CharField(
        label=_("Why this candidate fits"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )

    def __init__(self, *args: Any, participants: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["participant"]
        field.queryset = participants  # type: ignore[attr-defined]
        field.to_field_name = "public_id"  # type: ignore[attr-defined]
        field.label_from_instance = lambda p: f"{p.full_name} ({p.number})"  # type: ignore[attr-defined]


class TwvPrepareForm(_DatesMixin, forms.Form):
    participant = forms.ModelChoiceField(label=_("Participant"), queryset=None)  # type: ignore[arg-type]
    vacancy = forms.ModelChoiceField(label=_("Vacancy"), queryset=None)  # type: ignore[arg-type]
    prepared_on = forms.DateField(label=_("Prepared on"), initial=timezone.localdate)
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: Any, participants: Any, vacancies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._date_widgets()
        pf = self.fields["participant"]
        pf.queryset = participants  # type: ignore[attr-defined]
        pf.to_field_name = "public_id"  # type: ignore[attr-defined]
        pf.label_from_instance = lambda p: f"{p.full_name} ({p.number})"  # type: ignore[attr-defined]
        self.fields["vacancy"].queryset = vacancies  # type: ignore[attr-defined]

    def clean_prepared_on(self) -> Any:
        value = self.cleaned_data.get("prepared_on")
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("This date lies in the future."))
        return value


class TwvSubmitForm(_DatesMixin, forms.Form):
    submitted_on = forms.DateField(label=_("Submitted to the UWV on"), initial=timezone.localdate)
    uwv_reference = forms.CharField(label=_("UWV reference"), max_length=40, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._date_widgets()


class TwvDecideForm(_DatesMixin, forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (s.value, s.label) for s in (TwvStatus.GRANTED, TwvStatus.REFUSED, TwvStatus.WITHDRAWN)
        ],
    )
    decided_on = forms.DateField(label=_("Date"), initial=timezone.localdate)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._date_widgets()


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


class PlacementForm(_DatesMixin, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Placement
        fields = PLACEMENT_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._date_widgets()
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
        hours = data.get("hours_per_week")
        if hours is not None and not 0 <= hours <= 60:
            self.add_error("hours_per_week", _("Enter between 0 and 60 hours a week."))
        return data

    def _post_clean(self) -> None:
        # Model validation runs in the action (which fills occupation and sector from the vacancy).
        pass

    def changes(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        for key in ("occupation", "sector"):
            if not data.get(key):
                data.pop(key, None)
        return data


class EndPlacementForm(_DatesMixin, forms.Form):
    end_date = forms.DateField(label=_("End date"), initial=timezone.localdate)
    reason = forms.ChoiceField(label=_("Reason"), choices=PlacementEndReason.choices)
    note = forms.CharField(label=_("About the end"), max_length=200, required=False)
    new_status = forms.ChoiceField(
        label=_("New status of the participant"),
        choices=[("", _("Keep the status")), *ParticipantStatus.choices],
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._date_widgets()


class ContactDoneForm(_DatesMixin, forms.Form):
    done_on = forms.DateField(label=_("Contact on"), initial=timezone.localdate)
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._date_widgets()


class ContactRequestForm(forms.Form):
    notes = forms.CharField(
        label=_("What would you like to discuss?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
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
