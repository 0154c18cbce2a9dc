"""The intake as a guided form in six steps, which can be saved halfway and resumed.

A step is a few section forms (the same ones the participant page uses, so validation and history
are identical) plus inline formsets for related rows. :class:`StepForms` binds them together:
validate all, save all in one transaction through the actions. The first step creates the
participant (``actions.start_intake``); the last one records consent and completes the intake.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.db import transaction
from django.forms.models import BaseInlineFormSet, inlineformset_factory
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkpad.accounts.models import Organisation, OrganisationKind, User

from . import actions
from .choices import ConsentScope
from .forms import (
    AvailabilityForm,
    DocumentsForm,
    InburgeringForm,
    LanguagesForm,
    PersonForm,
    ProcedureForm,
    SectionForm,
    SituationForm,
    WorkForm,
)
from .models import INTAKE_STEPS, Participant
from .rows import ROW_KINDS


@dataclass(frozen=True)
class Step:
    key: str
    title: Promise
    intro: Promise
    forms: tuple[type[SectionForm], ...] = ()
    rows: tuple[str, ...] = ()
    consent: bool = False
    number: int = field(default=0)


_STEPS = (
    Step(
        "person",
        gettext_lazy("Person"),
        gettext_lazy("Who is this person, and where do they stand in the procedure?"),
        forms=(PersonForm, ProcedureForm),
    ),
    Step(
        "languages",
        gettext_lazy("Languages and education"),
        gettext_lazy("Dutch and other languages; education and diplomas."),
        forms=(LanguagesForm,),
        rows=("languages", "diplomas"),
    ),
    Step(
        "work",
        gettext_lazy("Work and ambitions"),
        gettext_lazy("What can this person do, and what do they want?"),
        forms=(WorkForm,),
        rows=("experiences", "certificates"),
    ),
    Step(
        "situation",
        gettext_lazy("Situation"),
        gettext_lazy("Household, housing, transport, inburgering, benefit and documents."),
        forms=(SituationForm, InburgeringForm, DocumentsForm),
    ),
    Step(
        "availability",
        gettext_lazy("Availability"),
        gettext_lazy("When can this person work, and what is fixed already?"),
        forms=(AvailabilityForm,),
        rows=("appointments",),
    ),
    Step(
        "consent",
        gettext_lazy("Consent"),
        gettext_lazy(
            "What may be shared with whom, and for which purpose. Ask the participant; "
            "they can withdraw consent at any time."
        ),
        consent=True,
    ),
)
STEPS: dict[str, Step] = {
    s.key: Step(s.key, s.title, s.intro, s.forms, s.rows, s.consent, number=i + 1)
    for i, s in enumerate(_STEPS)
}
assert tuple(STEPS) == INTAKE_STEPS, "intake steps and the model's INTAKE_STEPS must agree"


def _check_no_field_clashes() -> None:
    # The forms of one step share one HTML form without prefixes: their field names must differ.
    for step in STEPS.values():
        names: list[str] = []
        for form_class in step.forms:
            names += list(form_class.base_fields)
        assert len(names) == len(set(names)), f"field names clash in intake step {step.key}"


_check_no_field_clashes()


def previous_step(key: str) -> str | None:
    i = INTAKE_STEPS.index(key)
    return INTAKE_STEPS[i - 1] if i > 0 else None


def next_step(key: str) -> str | None:
    i = INTAKE_STEPS.index(key)
    return INTAKE_STEPS[i + 1] if i + 1 < len(INTAKE_STEPS) else None


class RowFormSet(BaseInlineFormSet):  # type: ignore[type-arg]
    kind: str = ""

    @property
    def spec(self) -> Any:
        return ROW_KINDS[self.kind]


def formset_class(kind: str) -> type[RowFormSet]:
    spec = ROW_KINDS[kind]
    cls = inlineformset_factory(
        Participant,
        spec.model,
        form=spec.form,
        formset=RowFormSet,
        fields=list(spec.form._meta.fields or ()),
        extra=1,
        can_delete=True,
    )
    cls.kind = kind
    return cls  # type: ignore[return-value]


class ConsentStepForm(forms.Form):
    """The consent step: organisation-wide access, sharing with another organisation, research."""

    organisation_access = forms.BooleanField(required=False)
    organisation_purpose = forms.CharField(label=gettext_lazy("Purpose"), required=False)
    share_with = forms.ModelChoiceField(
        label=gettext_lazy("Share the file with another organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=gettext_lazy("For example the language provider or a civil-society partner."),
    )
    share_purpose = forms.CharField(label=gettext_lazy("Purpose of sharing"), required=False)
    research = forms.BooleanField(
        label=gettext_lazy("The data may be used anonymously for evaluation"), required=False
    )
    research_purpose = forms.CharField(
        label=gettext_lazy("Purpose of the evaluation"), required=False
    )

    def __init__(self, *args: Any, participant: Participant, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.participant = participant
        self.fields["organisation_access"].label = _(
            "All coaches of %(organisation)s may see the file"
        ) % {"organisation": participant.organisation}
        self.fields["share_with"].queryset = (
            Organisation.objects.exclude(pk=participant.organisation_id)
            .exclude(kind=OrganisationKind.EMPLOYER)
            .order_by("name")
        )
        active = {
            (c.scope, c.recipient_id): c for c in participant.consents.filter(withdrawn_at=None)
        }
        org = active.get((ConsentScope.ORGANISATION, None))
        research = active.get((ConsentScope.RESEARCH, None))
        self.initial.update(
            organisation_access=org is not None,
            organisation_purpose=org.purpose if org else _("Guidance on the path to work"),
            research=research is not None,
            research_purpose=research.purpose if research else _("Evaluation of the service"),
            share_purpose=_("Guidance on the path to work"),
        )
        self.shared = [c for c in active.values() if c.scope == ConsentScope.ORGANISATION_OTHER]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        needs_purpose = (
            ("organisation_access", "organisation_purpose"),
            ("share_with", "share_purpose"),
            ("research", "research_purpose"),
        )
        for choice, purpose in needs_purpose:
            if data.get(choice) and not str(data.get(purpose, "")).strip():
                self.add_error(purpose, _("State the purpose: consent is given for a purpose."))
        return data

    def save(self, user: User) -> None:
        p, data = self.participant, self.cleaned_data
        active = {(c.scope, c.recipient_id): c for c in p.consents.filter(withdrawn_at=None)}
        for flag, scope, purpose in (
            ("organisation_access", ConsentScope.ORGANISATION, "organisation_purpose"),
            ("research", ConsentScope.RESEARCH, "research_purpose"),
        ):
            existing = active.get((scope, None))
            if data.get(flag) and existing is None:
                actions.give_consent(user, p, scope, purpose=data[purpose].strip())
            elif not data.get(flag) and existing is not None:
                actions.withdraw_consent(user, p, existing)
        if data.get("share_with") is not None:
            actions.give_consent(
                user,
                p,
                ConsentScope.ORGANISATION_OTHER,
                recipient=data["share_with"],
                purpose=data["share_purpose"].strip(),
            )


class StepForms:
    """All forms of one intake step, bound together."""

    def __init__(
        self,
        step: Step,
        participant: Participant | None,
        user: User,
        data: Any = None,
    ) -> None:
        self.step = step
        self.participant = participant
        instance = participant if participant is not None else Participant()
        self.forms: list[SectionForm] = [
            form_class(data, instance=instance, user=user) for form_class in step.forms
        ]
        self.formsets: list[RowFormSet] = (
            [formset_class(kind)(data, instance=participant, prefix=kind) for kind in step.rows]
            if participant is not None
            else []
        )
        self.consent: ConsentStepForm | None = (
            ConsentStepForm(data, participant=participant)
            if step.consent and participant is not None
            else None
        )

    def all_forms(self) -> list[Any]:
        return [*self.forms, *self.formsets, *([self.consent] if self.consent else [])]

    def is_valid(self) -> bool:
        # Validate every form (no short-circuit), so that every error shows at once.
        return all([f.is_valid() for f in self.all_forms()])

    @transaction.atomic
    def save(self, user: User, organisation: Organisation | None = None) -> Participant:
        """Save the step through the actions; create the participant on the first step."""
        if self.participant is None:
            assert organisation is not None
            sections = {f.section: f.changes() for f in self.forms}
            return actions.start_intake(user, organisation, sections, step=self.step.key)
        participant = self.participant
        for form in self.forms:
            form.save_with_history(user)
        # The section forms mutated the in-memory instance while validating; reload it.
        participant.refresh_from_db()
        for formset in self.formsets:
            save_rows(user, participant, formset)
        if self.consent is not None:
            self.consent.save(user)
        return participant


def save_rows(user: User, participant: Participant, formset: RowFormSet) -> int:
    """Apply a formset of related rows through the actions; returns the number of changes."""
    count = 0
    deleted = {id(f) for f in formset.deleted_forms}
    for form in formset.forms:
        pk = form.instance.pk
        if id(form) in deleted:
            if pk is not None:
                actions.remove_row(user, participant, formset.kind, pk)
                count += 1
            continue
        if not form.has_changed():
            continue
        if pk is not None:
            actions.update_row(user, participant, formset.kind, pk, form.values())
        else:
            actions.add_row(user, participant, formset.kind, form.values())
        count += 1
    return count
