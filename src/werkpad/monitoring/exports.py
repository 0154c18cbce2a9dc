"""Pseudonymised microdata for researchers: one row per enrolment, no direct identifiers.

Only participants with an active consent for the research purpose, or a documented legal ground
for it (:mod:`werkpad.participants.purposes`), are exported. No name, number, address, contact or
exact date of birth: the birth year, the region of origin (not the country), the instroom year
and the outcomes. Each participant gets a pseudonym that is stable for the same export key and
unrelated across keys (HMAC of the key with the server's secret). The quasi-identifiers (birth
year, gender, region of origin, instroom year) are made k-anonymous with the small-cell threshold
(:func:`werkpad.core.anonymity.k_anonymise`): rare combinations are coarsened, and rows that
stay rare are withheld. Every exported participant is written to the access log (who, what).
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import logging
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from werkpad.accounts.models import User
from werkpad.audit import log as audit
from werkpad.core.anonymity import k_anonymise
from werkpad.core.pathway import status_on
from werkpad.core.stats.startbaan import REGISTRY_STATUS
from werkpad.participants.codes import region_of
from werkpad.participants.models import Participant
from werkpad.participants.purposes import Purpose, legal_ground_applies
from werkpad.pathway.history import histories
from werkpad.pathway.models import Enrolment

from . import tables
from .selection import scope_of

log = logging.getLogger("werkpad.monitoring")

COLUMNS = (
    "pseudoniem",
    "programma",
    "geboortejaar",
    "geslacht",
    "regio_herkomst",
    "instroomjaar",
    "deelname",
    "taalniveau_instroom",
    "status_peildatum",
    "startbaan",
    "aantal_startbanen",
    "uitstroom",
)
QUASI = ("geboortejaar", "geslacht", "regio_herkomst", "instroomjaar")
_STATUS_CODE = {s.value: code for code, s in REGISTRY_STATUS.items()}
_GENDER = {"man": "man", "woman": "vrouw", "other": "overig"}


def pseudonym(key: str, public_id: object) -> str:
    secret = hashlib.sha256(f"{settings.SECRET_KEY}|microdata|{key}".encode()).digest()
    return hmac.new(secret, str(public_id).encode(), hashlib.sha256).hexdigest()[:16]


def eligible(qs: Any) -> Any:
    """Participants with an active research consent (or a documented legal ground for it)."""
    consent = Q(
        consents__purpose_code=Purpose.RESEARCH,
        consents__withdrawn_at__isnull=True,
    )
    legal_kinds = [
        kind
        for kind in ("gemeente", "coa", "wsp", "research", "other")
        if legal_ground_applies(Purpose.RESEARCH, kind)
    ]
    if legal_kinds:
        consent |= Q(organisation__kind__in=legal_kinds)
    return qs.filter(consent).distinct()


def _decade(row: dict[str, str]) -> None:
    y = row.get("geboortejaar", "")
    if y.isdigit():
        row["geboortejaar"] = f"{y[:3]}0-{y[:3]}9"


def _no_region(row: dict[str, str]) -> None:
    row["regio_herkomst"] = ""


def _no_intake_year(row: dict[str, str]) -> None:
    row["instroomjaar"] = ""


def microdata_rows(
    user: User, key: str, peildatum: date, k: int
) -> tuple[list[dict[str, str]], int, int]:
    """(rows, generalised, withheld) for the analyst's scope; logs every exported participant."""
    people = eligible(Participant.objects.all())
    scope = scope_of(user)
    if scope:
        people = people.filter(organisation_id__in=scope)
    enrolments = list(
        Enrolment.objects.filter(participant__in=people, intake_date__lte=peildatum)
        .select_related("programme", "participant")
        .order_by("pk")
    )
    hist = histories([e.pk for e in enrolments])
    jobs: dict[int, int] = {}
    from werkpad.employers.models import Placement

    for eid in Placement.objects.filter(
        enrolment__in=enrolments, start_date__lte=peildatum
    ).values_list("enrolment_id", flat=True):
        jobs[eid] = jobs.get(eid, 0) + 1
    rows = []
    for e in enrolments:
        p = e.participant
        status = status_on(hist[e.pk], peildatum)
        profile = e.intake_profile or {}
        rows.append(
            {
                "pseudoniem": pseudonym(key, p.public_id),
                "programma": e.programme.name,
                "geboortejaar": str(p.birth_date.year) if p.birth_date else "",
                "geslacht": _GENDER.get(p.gender, ""),
                "regio_herkomst": region_of(p.country_of_origin) if p.country_of_origin else "",
                "instroomjaar": str(e.intake_date.year),
                "deelname": e.participation,
                "taalniveau_instroom": profile.get("taalniveau_instroom", p.dutch_spoken or ""),
                "status_peildatum": _STATUS_CODE.get(status.value, "") if status else "",
                "startbaan": "ja" if jobs.get(e.pk) else "nee",
                "aantal_startbanen": str(jobs.get(e.pk, 0)),
                "uitstroom": e.outflow_destination
                if e.outflow_date and e.outflow_date <= peildatum
                else "",
            }
        )
    result = k_anonymise(rows, QUASI, k, (_decade, _no_region, _no_intake_year))
    kept = {r["pseudoniem"] for r in result.rows}
    exported = {
        e.participant for e in enrolments if pseudonym(key, e.participant.public_id) in kept
    }
    audit.record_many(user, exported, "export", "research microdata")
    log.info(
        "research microdata exported by user %s: %d rows, %d generalised, %d withheld",
        user.pk,
        len(result.rows),
        result.generalised,
        result.withheld,
    )
    return result.rows, result.generalised, result.withheld


@login_required
@require_http_methods(["GET", "POST"])
def microdata(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not isinstance(user, User) or not (user.is_analyst or user.is_administrator):
        raise PermissionDenied
    k = tables.threshold()
    error = ""
    if request.method == "POST":
        key = request.POST.get("key", "").strip()
        if len(key) < 8:
            error = _("Give an export key of at least 8 characters (the research project's name).")
        else:
            peildatum = timezone.localdate()
            rows, generalised, withheld = microdata_rows(user, key, peildatum, k)
            out = io.StringIO()
            out.write(f"# peildatum: {peildatum.isoformat()}\n")
            out.write(
                f"# k-anonymity: every combination of {' '.join(QUASI)} holds at least {k} "
                f"rows; {generalised} rows coarsened, {withheld} withheld\n"
            )
            dw = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
            dw.writeheader()
            dw.writerows(rows)
            resp = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
            resp["Content-Disposition"] = 'attachment; filename="microdata.csv"'
            return resp
    return render(
        request,
        "monitoring/microdata.html",
        {"columns": COLUMNS, "quasi": QUASI, "threshold": k, "error": error},
    )
