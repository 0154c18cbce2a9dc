"""From Werkpad's records to the rules engine's inputs, and back: mapping only, no rules.

Every decision (may this person work, from when, what do they keep under the REBA) is made by
``werkpad.core.rules``; this module only turns a :class:`~werkpad.participants.models.Participant`
into a :class:`rules.Person` and a vacancy (or a what-if form) into a :class:`rules.Job`, and holds
the process-wide :class:`rules.ParameterSet` (package parameters + ``settings.WERKPAD_RULES_FILE``).

A value the file does not hold becomes ``None`` ("unknown"), never a guess: the engine then answers
"unknown" for the conditions that need it.

Public API (also used by the matching app)::

    get_parameters() -> ParameterSet
    person_from_participant(p) -> rules.Person
    job_from_vacancy(v, *, twv_application=None) -> rules.Job
    work_window_for(p, on) -> rules.WorkWindow
    evaluate_for(p, job, on) -> rules.EligibilityResult
"""

from __future__ import annotations

import functools
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings

from werkpad.core import rules

if TYPE_CHECKING:
    from werkpad.participants.models import Participant

__all__ = [
    "clear_parameters_cache",
    "evaluate_for",
    "get_parameters",
    "job_from_vacancy",
    "map_sector",
    "minimum_wage_for",
    "person_from_participant",
    "reba_examples_for",
    "rules_file",
    "twv_from_application",
    "work_window_for",
]


# --- parameters ------------------------------------------------------------------------------------


def rules_file() -> Path | None:
    """The operator's rules file from ``settings.WERKPAD_RULES_FILE`` (``None``: package only)."""
    extra = getattr(settings, "WERKPAD_RULES_FILE", None)
    return Path(extra) if extra else None


@functools.cache
def _load(path: Path | None) -> rules.ParameterSet:
    return rules.load_parameters(path)


def get_parameters() -> rules.ParameterSet:
    """The rule parameters, loaded once per process per rules file (``RulesFileError`` if invalid).

    Keyed by the configured path, so ``override_settings(WERKPAD_RULES_FILE=...)`` takes effect;
    call :func:`clear_parameters_cache` after changing the *contents* of a file.
    """
    return _load(rules_file())


def clear_parameters_cache() -> None:
    _load.cache_clear()


# --- participant -> Person -------------------------------------------------------------------------

# Participant.household -> (adults, has_partner, children belong to the household). Values not
# listed (with parents, supported living, azc, other, unknown) leave the size unknown.
_HOUSEHOLD: dict[str, tuple[int, bool, bool]] = {
    "alone": (1, False, False),
    "partner": (2, True, False),
    "partner_children": (2, True, True),
    "single_parent": (1, False, True),
}
_HOUSED_RESIDENCES = frozenset({"home", "tussenopvang"})
_INBURGERING_STARTED = frozenset({"started", "on_hold", "completed"})


def _household(p: Participant) -> tuple[int | None, bool | None]:
    entry = _HOUSEHOLD.get(p.household or "")
    if entry is None:
        return None, None
    adults, partner, with_children = entry
    if not with_children:
        return adults, partner
    # "with children": the size is known only with a positive number of children.
    if p.children_count:
        return adults + p.children_count, partner
    return None, partner


def _lives_in_coa(p: Participant) -> bool | None:
    if p.residence == "azc":
        return True
    if p.residence in _HOUSED_RESIDENCES:
        return False
    if p.coa_location_id is not None or p.household == "azc":
        return True
    return None


def _bsn(p: Participant) -> rules.BsnStatus | None:
    if p.bsn_status == "received" or p.bsn_received_date is not None:
        return rules.BsnStatus.RECEIVED
    if p.bsn_status == "requested" or p.bsn_requested_date is not None:
        return rules.BsnStatus.REQUESTED
    if p.bsn_status == "":
        # The file's empty choice is labelled "Not requested".
        return rules.BsnStatus.NONE
    return None


def _inburgering_started(p: Participant) -> bool | None:
    if p.inburgering_start_date is not None or p.inburgering_status in _INBURGERING_STARTED:
        return True
    if p.inburgering_status == "not_started":
        return False
    return None


def person_from_participant(p: Participant) -> rules.Person:
    """The participant as the rules see them; what the file does not say stays unknown."""
    size, partner = _household(p)
    return rules.Person(
        phase=rules.Phase(p.phase),
        birth_date=p.birth_date,
        asylum_application_date=p.asylum_application_date,
        lives_in_coa=_lives_in_coa(p),
        has_w_document=True if p.w_document_expiry is not None else None,
        w_document_expiry=p.w_document_expiry,
        bsn=_bsn(p),
        bsn_requested_on=p.bsn_requested_date,
        residence_permit_date=p.residence_permit_date,
        household_size=size,
        has_partner=partner,
        housing_offered=True if p.residence in _HOUSED_RESIDENCES else None,
        inburgering_started=_inburgering_started(p),
        linked_to_municipality=_linked(p),
    )


def _linked(p: Participant) -> bool | None:
    """A status holder in an azc with a municipality in the file has been linked to it."""
    if p.phase == rules.Phase.STATUS_HOLDER_AZC and p.municipality_id is not None:
        return True
    return None


# --- vacancy -> Job --------------------------------------------------------------------------------

# employers.choices.Sector -> rules.Sector (where one fits; other text is passed on as-is).
SECTORS: dict[str, rules.Sector] = {
    "logistiek": rules.Sector.LOGISTICS,
    "horeca": rules.Sector.HOSPITALITY,
    "bouw_techniek": rules.Sector.CONSTRUCTION,
    "productie": rules.Sector.PRODUCTION,
    "detailhandel": rules.Sector.RETAIL,
    "schoonmaak": rules.Sector.CLEANING,
    "zorg": rules.Sector.CARE,
    "distributie": rules.Sector.DISTRIBUTION,
    "anders": rules.Sector.OTHER,
}

# employers TwvApplication.status -> rules.TwvStatus, and the date field that goes with it.
_TWV: dict[str, tuple[rules.TwvStatus, str | None]] = {
    "prepared": (rules.TwvStatus.NONE, None),  # not yet at the UWV
    "submitted": (rules.TwvStatus.APPLIED, "submitted_on"),
    "granted": (rules.TwvStatus.GRANTED, "decided_on"),
    "refused": (rules.TwvStatus.REFUSED, "decided_on"),
    "withdrawn": (rules.TwvStatus.NONE, None),
}


def map_sector(sector: str | None) -> str | None:
    if not sector:
        return None
    return SECTORS.get(sector, sector)


def twv_from_application(application: Any | None) -> tuple[rules.TwvStatus, date | None]:
    """A TWV application (duck-typed: ``status``, ``submitted_on``, ``decided_on``) as the rules'
    TWV state; ``None`` (no application) is "not applied for"."""
    if application is None:
        return rules.TwvStatus.NONE, None
    status, field = _TWV.get(application.status, (rules.TwvStatus.NONE, None))
    return status, getattr(application, field) if field else None


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, Decimal) else Decimal(str(value))


def job_from_vacancy(vacancy: Any, *, twv_application: Any | None = None) -> rules.Job:
    """A vacancy (duck-typed on the employers ``Vacancy`` fields) as a :class:`rules.Job`.

    ``hours_per_week``, ``wage_hourly`` (gross), ``start_date``, ``contract_months``,
    ``contract_kind`` and ``sector`` are read when present. ``twv_application`` is this person's TWV
    application for the job, if any (see :func:`twv_from_application`); without one the TWV counts
    as not applied for yet.
    """
    kind = getattr(vacancy, "contract_kind", None) or None
    permanent = None if kind in (None, "other") else kind == "permanent"
    twv, twv_date = twv_from_application(twv_application)
    return rules.Job(
        hours_per_week=_decimal(getattr(vacancy, "hours_per_week", None)),
        hourly_wage_gross=_decimal(getattr(vacancy, "wage_hourly", None)),
        monthly_wage_gross=_decimal(getattr(vacancy, "wage_monthly", None)),
        start_date=getattr(vacancy, "start_date", None),
        contract_months=getattr(vacancy, "contract_months", None),
        permanent_contract=permanent,
        sector=map_sector(getattr(vacancy, "sector", None)),
        twv=twv,
        twv_date=twv_date,
    )


# --- evaluations -----------------------------------------------------------------------------------


def work_window_for(p: Participant, on: date) -> rules.WorkWindow:
    """When could ``p`` start *a* job (for matching many vacancies cheaply)? A file whose dates
    contradict each other (see ``rules.IncoherentInput``) gives "unknown", never a crash."""
    try:
        return rules.work_window(person_from_participant(p), on, get_parameters())
    except rules.IncoherentInput:
        return rules.WorkWindow(rules.Outcome.UNKNOWN, None, None, None, None)


def evaluate_for(p: Participant, job: rules.Job, on: date) -> rules.EligibilityResult:
    """May ``p`` work in ``job``, judged on ``on``? Raises ``rules.IncoherentInput`` when the file
    and the job contradict each other (see ``present.incoherence_text``)."""
    return rules.evaluate_work(person_from_participant(p), job, on, get_parameters())


def minimum_wage_for(on: date, birth_date: date | None = None) -> Decimal | None:
    """The statutory minimum gross hourly wage on ``on`` (for the age on that day, when the
    birth date is known); ``None`` when the parameters say "unknown"."""
    age = rules.age_on(birth_date, on) if birth_date is not None else None
    return rules.minimum_hourly_wage(get_parameters(), on, age)


def reba_examples_for(
    person: rules.Person,
    job: rules.Job,
    on: date,
    hours: tuple[int, ...] = rules.DEFAULT_EXAMPLE_HOURS,
) -> rules.RebaExamples:
    """REBA examples for ``job`` at its contract hours and at ``hours``, for ``person``'s household."""
    return rules.reba_examples(
        job,
        on,
        get_parameters(),
        household_size=person.household_size,
        lives_in_coa=person.coa_resident,
        hours=hours,
    )
