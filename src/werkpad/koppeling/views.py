"""Koppeling pages: households, runs, explanations and decisions (COA regievoerder), the fairness
report (also analysts), and the household's own proposal in the portal. Thin: access layer,
action, render."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkpad.accounts.models import User
from werkpad.audit.models import Action
from werkpad.matching.fairness import REGION_LABELS
from werkpad.monitoring import tables
from werkpad.participants import access as file_access
from werkpad.participants.choices import Gender

from . import access, actions
from .forms import (
    CriterionForm,
    DecisionForm,
    EvidenceForm,
    HouseholdForm,
    ResponseForm,
    RunForm,
    tri,
)
from .models import HouseholdState

BREAKDOWNS = {
    "gender": gettext_lazy("Gender"),
    "household_size": gettext_lazy("Household size"),
    "region_of_origin": gettext_lazy("Region of origin"),
    "age_band": gettext_lazy("Age band"),
}


def _user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):
        raise Http404
    return user


def _regievoerder(request: HttpRequest) -> User:
    user = _user(request)
    if not access.is_regievoerder(user):
        raise Http404
    return user


def _errors(form: Any, exc: ValidationError) -> None:
    for field, errs in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errs)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The households of the regievoerder's COA location awaiting a link, and the runs."""
    user = _regievoerder(request)
    form = RunForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        half_year = form.cleaned_data["half_year"]
        households = [
            h
            for h in access.list_households(user, "koppeling run")
            if h.half_year == half_year and h.state != HouseholdState.DECIDED
        ]
        try:
            run = actions.run_batch(
                user,
                households,
                half_year=half_year,
                maximise_cases_first=form.cleaned_data["maximise_cases_first"],
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("The run is done: check the proposals, then decide."))
            return redirect("koppeling:run", run.public_id)
    return render(
        request,
        "koppeling/home.html",
        {
            "households": access.list_households(user, "koppeling households"),
            "runs": access.runs(user)[:10],
            "form": form,
        },
    )


@login_required
def household_new(request: HttpRequest) -> HttpResponse:
    user = _regievoerder(request)
    candidates = file_access.visible_participants(user).filter(koppeling_household__isnull=True)
    form = HouseholdForm(request.POST or None, participants=candidates)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        participant = file_access.get_participant(
            user, data["participant"].public_id, what="koppeling household", action=Action.UPDATE
        )
        assert user.organisation is not None
        try:
            household = actions.add_household(
                user,
                participant,
                user.organisation,
                half_year=data["half_year"],
                adults=data["adults"],
                children=data["children"],
                seniors=data["seniors"],
                screened=data["screened"],
                network_municipality=data["network_municipality"],
                work_experience=data["work_experience"],
                ambitions=data["ambitions"],
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            return redirect("koppeling:household", household.public_id)
    return render(request, "koppeling/household_new.html", {"form": form})


@login_required
def household(request: HttpRequest, public_id: UUID) -> HttpResponse:
    user = _user(request)  # the access layer refuses (and logs) everyone but the regievoerder
    posting = request.method == "POST"
    h = access.get_household(
        user,
        public_id,
        what="koppeling household",
        action=Action.UPDATE if posting else Action.VIEW,
    )
    criterion_form = CriterionForm(
        request.POST if posting and "add_criterion" in request.POST else None
    )
    evidence_form = EvidenceForm(
        request.POST if posting and "upload" in request.POST else None,
        request.FILES if posting and "upload" in request.POST else None,
        household=h,
    )
    if posting and "add_criterion" in request.POST and criterion_form.is_valid():
        d = criterion_form.cleaned_data
        try:
            actions.add_criterion(
                user,
                h,
                d["kind"],
                d["municipality"],
                hours_per_week=float(d["hours_per_week"])
                if d["hours_per_week"] is not None
                else None,
                contract_signed=tri(d["contract_signed"]),
                payslip_shown=tri(d["payslip_shown"]),
                established=d["established"],
            )
        except ValidationError as exc:
            _errors(criterion_form, exc)
        else:
            return redirect("koppeling:household", h.public_id)
    if posting and "upload" in request.POST and evidence_form.is_valid():
        d = evidence_form.cleaned_data
        try:
            actions.upload_evidence(user, h, d["kind"], d["file"], d["criterion"])
        except ValidationError as exc:
            _errors(evidence_form, exc)
        else:
            messages.success(request, _("The document is stored on the file."))
            return redirect("koppeling:household", h.public_id)
    return render(
        request,
        "koppeling/household.html",
        {
            "h": h,
            "criteria": h.criteria.select_related("municipality"),
            "evidence": h.evidence.all(),
            "proposals": h.proposals.select_related("run", "municipality").order_by("-id"),
            "criterion_form": criterion_form,
            "evidence_form": evidence_form,
        },
    )


@login_required
def evidence(request: HttpRequest, public_id: UUID) -> FileResponse:
    """A document, only through the file's access rules (logged); never from a public URL."""
    user = _user(request)
    doc = access.get_evidence(user, public_id, what="koppeling evidence")
    extension = doc.file.name.rsplit(".", 1)[-1]
    response = FileResponse(
        doc.file.open("rb"),
        as_attachment=True,
        filename=f"{doc.kind}.{extension}",
        content_type=doc.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response


@login_required
def run(request: HttpRequest, public_id: UUID) -> HttpResponse:
    user = _regievoerder(request)
    r = access.get_run(user, public_id)
    rows = access.run_proposals(user, r, what="koppeling run")
    report = r.report
    quota_use = sorted(
        (q for q in report.get("quota_use", []) if any(report_used for report_used in q["used"])),
        key=lambda q: q["name"],
    )
    return render(
        request,
        "koppeling/run.html",
        {"run": r, "report": report, "rows": rows, "quota_use": quota_use, "model": r.model},
    )


@login_required
def proposal(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """One household's explanation; the regievoerder confirms or overrides with a reason."""
    user = _user(request)  # the access layer refuses (and logs) everyone but the regievoerder
    posting = request.method == "POST"
    p = access.get_proposal(
        user, public_id, what="koppeling proposal", action=Action.UPDATE if posting else Action.VIEW
    )
    form = DecisionForm(request.POST or None, initial={"municipality": p.municipality_id})
    if posting and form.is_valid():
        try:
            actions.decide(
                user,
                p,
                form.cleaned_data["municipality"],
                form.cleaned_data["reason"],
                scores_shown=actions.scores_of(p),
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("The koppeling is decided."))
            return redirect("koppeling:proposal", p.public_id)
    elif not posting:
        actions.explanation_shown(user, p)
    return render(
        request,
        "koppeling/proposal.html",
        {
            "p": p,
            "h": p.household,
            "form": form,
            "events": p.events.select_related("user"),
            "binding": _binding_labels(p.binding),
        },
    )


def _binding_labels(binding: list[dict[str, Any]]) -> list[str]:
    labels = {
        "work": _("Work of at least 8 hours a week: within %(km)s km of the workplace"),
        "relative": _("First-degree relatives: within %(km)s km"),
        "study": _("Study: within %(km)s km"),
        "medical": _("Medical treatment: within %(km)s km"),
    }
    out = []
    for b in binding:
        if b["kind"] == "quota":
            out.append(
                _("Quota: a municipality with a higher chance had no room left for this household")
            )
        elif b["binds"]:
            out.append(labels[b["kind"]] % {"km": b["radius_km"]})
        else:
            out.append(
                _("%(kind)s: does not bind (%(status)s)")
                % {"kind": b["kind"], "status": b["status"]}
            )
    return out


@login_required
def fairness(request: HttpRequest, public_id: UUID) -> HttpResponse:
    user = _user(request)
    if not access.may_see_fairness(user):
        raise Http404
    r = access.get_run(user, public_id, fairness=True)
    report = r.fairness
    labels: dict[str, dict[str, str]] = {
        "gender": {g.value: str(g.label) for g in Gender} | {"": _("Unknown")},
        "region_of_origin": {k: str(v) for k, v in REGION_LABELS.items()},
        "age_band": {"onbekend": _("Unknown")},
    }
    k = int(report.get("threshold", tables.threshold()))
    breakdowns = []
    for name, title in BREAKDOWNS.items():
        data = report.get("breakdowns", {}).get(name)
        if not data:
            continue
        groups = []
        for g in data["groups"]:
            text = (
                str(g["count"])
                if g["count"] is not None
                else (tables.small_label(k) if g["status"] == "small" else tables.hidden_label())
            )
            groups.append(
                {**g, "label": labels.get(name, {}).get(g["key"], g["key"]), "text": text}
            )
        breakdowns.append(
            {"name": name, "title": title, "groups": groups, "withheld": data["withheld"]}
        )
    return render(
        request,
        "koppeling/fairness.html",
        {
            "run": r,
            "report": report,
            "breakdowns": breakdowns,
            "explanation": tables.explanation(),
            "model": r.model,
        },
    )


@login_required
def fairness_runs(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not access.may_see_fairness(user):
        raise Http404
    return render(request, "koppeling/fairness_runs.html", {"runs": access.runs(user)[:50]})


@login_required
def portal_proposal(request: HttpRequest) -> HttpResponse:
    """The household's own proposal, in its language; it agrees or objects with a reason."""
    user = _user(request)
    posting = request.method == "POST"
    p = access.own_proposal(
        user, what="portal koppeling", action=Action.UPDATE if posting else Action.VIEW
    )
    form = ResponseForm(request.POST or None)
    if posting and p is not None and form.is_valid():
        try:
            actions.respond(user, p, form.cleaned_data["response"], form.cleaned_data["reason"])
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("Thank you. Your answer has been recorded."))
            return redirect("koppeling:portal_proposal")
    return render(
        request,
        "koppeling/portal.html",
        {"p": p, "form": form, "today": timezone.localdate()},
    )
