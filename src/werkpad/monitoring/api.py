"""The evaluation API: the startbaan report and the outcome views as JSON, for analysts and
administrators only, with the same selection rules (minimum base, no subtraction) and the same
suppression as the pages."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError

from werkpad.accounts.models import User
from werkpad.core.stats.startbaan import BREAKDOWNS

from . import tables
from .reports import startbaan_payload
from .selection import selection_from

router = Router(tags=["monitoring"])


class Cell(Schema):
    tabel: int
    kolom: str
    variabele: str
    categorie: str
    n: str
    pct: str | None
    base: int | None


class Deviation(Schema):
    tabel: int
    kolom: str
    variabele: str
    categorie: str
    report_n: int | None
    report_pct: str | None
    reason: str


class StartbaanReport(Schema):
    report: str
    peildatum: str
    filters: dict[str, Any]
    threshold: int
    definition: str
    suppression: str
    shown: bool
    refusal: str
    cells: list[Cell]
    report_deviations: list[Deviation]


def _analyst(request: HttpRequest) -> User:
    user = request.auth  # type: ignore[attr-defined]
    if not isinstance(user, User) or not (user.is_analyst or user.is_administrator):
        raise HttpError(403, "Only analysts and administrators.")
    return user


@router.get("/startbanen", response=StartbaanReport)
def startbanen(
    request: HttpRequest,
    peildatum: date | None = None,
    programme: UUID | None = None,
    organisation: int | None = None,
    municipality: int | None = None,
    gender: str = "",
    cohort: int | None = None,
    by: str = "",
) -> dict[str, Any]:
    """Tabel 1-9 of the startbaan report at the end of the month of ``peildatum``; ``shown`` is
    false (and ``cells`` empty) when the selection is below the minimum base or differs from a
    wider one by fewer (``refusal``)."""
    user = _analyst(request)
    sel = selection_from(request, user)
    split = [by] if by in BREAKDOWNS else []
    refusal = sel.refusal()
    k = tables.threshold()
    if refusal:
        payload = {
            "report": "startbanen",
            "peildatum": sel.peildatum.isoformat(),
            "filters": sel.filters.as_dict(),
            "threshold": k,
            "definition": "",
            "suppression": "",
            "cells": [],
            "report_deviations": [],
        }
    else:
        payload = startbaan_payload(sel.peildatum, sel.filters, k, split)
    return {**payload, "shown": not refusal, "refusal": refusal}
