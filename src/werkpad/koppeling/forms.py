"""Forms of the koppeling pages; the rules themselves live in ``actions``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from werkpad.places.models import Municipality

from .models import CriterionKind, EvidenceKind, HardCriterion, Response, Taakstelling


def half_years() -> list[tuple[str, str]]:
    values = sorted(set(Taakstelling.objects.values_list("half_year", flat=True)), reverse=True)
    return [(v, v) for v in values]


class MunicipalityChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.labour_market_region})" if obj.labour_market_region else obj.name


def municipalities() -> Any:
    return Municipality.objects.filter(latitude__isnull=False).order_by("name")


class RunForm(forms.Form):
    half_year = forms.ChoiceField(label=_("Half-year"), choices=())
    maximise_cases_first = forms.BooleanField(
        label=_("Place as many households as possible first"), required=False, initial=True
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["half_year"].choices = half_years()  # type: ignore[attr-defined]


class HouseholdForm(forms.Form):
    participant = forms.ModelChoiceField(label=_("Main applicant"), queryset=None)  # type: ignore[arg-type]
    half_year = forms.CharField(
        label=_("Half-year"), max_length=7, help_text=_("As 2026-H2."), initial=""
    )
    adults = forms.IntegerField(label=_("Adults"), min_value=0, max_value=20, initial=1)
    children = forms.IntegerField(label=_("Children"), min_value=0, max_value=20, initial=0)
    seniors = forms.IntegerField(
        label=_("Adults aged 65 or over"), min_value=0, max_value=20, initial=0
    )
    screened = forms.BooleanField(label=_("Screening conversation held"), required=False)
    network_municipality = MunicipalityChoice(
        label=_("Network (family, friends, community) near"),
        queryset=Municipality.objects.none(),
        required=False,
    )
    work_experience = forms.CharField(label=_("Work experience"), max_length=200, required=False)
    ambitions = forms.CharField(label=_("Ambitions"), max_length=200, required=False)

    def __init__(self, *args: Any, participants: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = participants  # type: ignore[attr-defined]
        self.fields["network_municipality"].queryset = municipalities()  # type: ignore[attr-defined]

    def clean_half_year(self) -> str:
        value = str(self.cleaned_data["half_year"]).strip().upper()
        import re

        if not re.fullmatch(r"20\d\d-H[12]", value):
            raise forms.ValidationError(_("Enter a half-year like 2026-H2."))
        return value


YES_NO_UNKNOWN = [("", _("Unknown")), ("yes", _("Yes")), ("no", _("No"))]


class CriterionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Hard criterion"), choices=CriterionKind.choices)
    municipality = MunicipalityChoice(
        label=_("Where (municipality)"), queryset=Municipality.objects.none()
    )
    hours_per_week = forms.DecimalField(
        label=_("Hours per week (work)"),
        required=False,
        min_value=0,
        max_value=60,
        decimal_places=1,
    )
    contract_signed = forms.ChoiceField(
        label=_("Contract signed (work)"), choices=YES_NO_UNKNOWN, required=False
    )
    payslip_shown = forms.ChoiceField(
        label=_("Latest payslip shown (work)"), choices=YES_NO_UNKNOWN, required=False
    )
    established = forms.BooleanField(
        label=_("Evidence seen (relatives, study, medical)"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities()  # type: ignore[attr-defined]


def tri(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document"), choices=EvidenceKind.choices)
    criterion = forms.ModelChoiceField(
        label=_("For the criterion"), queryset=HardCriterion.objects.none(), required=False
    )
    file = forms.FileField(
        label=_("File"), help_text=_("PDF, PNG or JPEG."), allow_empty_file=False
    )

    def __init__(self, *args: Any, household: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if household is not None:
            self.fields["criterion"].queryset = household.criteria.all()  # type: ignore[attr-defined]
            self.fields["criterion"].label_from_instance = (  # type: ignore[attr-defined]
                lambda c: f"{c.get_kind_display()} — {c.municipality.name}"
            )


class DecisionForm(forms.Form):
    municipality = MunicipalityChoice(
        label=_("Municipality"),
        queryset=Municipality.objects.none(),
        required=False,
        help_text=_("Leave as proposed to confirm; choose another to override (with a reason)."),
    )
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities()  # type: ignore[attr-defined]


class ResponseForm(forms.Form):
    response = forms.ChoiceField(
        label=_("Your answer"),
        choices=[
            (Response.AGREE.value, _("I agree with this municipality")),
            (Response.OBJECT.value, _("I object")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Why? (needed when you object)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
