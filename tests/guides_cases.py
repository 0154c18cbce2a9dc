"""The situations of RULES.md §1 as the public guides' form answers them (shared by the
integration and browser tests of the guides). Dates are relative to ``today``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from werkpad.core import rules
from werkpad.core.rules import add_months


@dataclass(frozen=True)
class Case:
    name: str
    phase: str
    applied_months_ago: int | None = None
    lives_in_coa: str = ""
    w_document: str = ""
    w_document_valid_days: int | None = None
    bsn: str = ""
    bsn_requested_weeks_ago: int | None = None
    twv: str = ""
    birth_date: date = date(1995, 3, 14)

    def form(self, today: date) -> dict[str, str]:
        data = {
            "phase": self.phase,
            "birth_date": self.birth_date.isoformat(),
            "lives_in_coa": self.lives_in_coa,
            "has_w_document": self.w_document,
            "bsn": self.bsn,
            "twv": self.twv,
        }
        if self.applied_months_ago is not None:
            data["asylum_application_date"] = add_months(
                today, -self.applied_months_ago
            ).isoformat()
        if self.w_document_valid_days is not None:
            data["w_document_expiry"] = (
                today + timedelta(days=self.w_document_valid_days)
            ).isoformat()
        if self.bsn_requested_weeks_ago is not None:
            data["bsn_requested_on"] = (
                today - timedelta(weeks=self.bsn_requested_weeks_ago)
            ).isoformat()
        return data

    def api_payload(self, today: date) -> dict[str, object]:
        """The same situation for ``POST /api/eligibility/evaluate``."""
        yes_no = {"yes": True, "no": False, "": None}
        payload: dict[str, object] = {
            "phase": self.phase,
            "on": today.isoformat(),
            "birth_date": self.birth_date.isoformat(),
            "lives_in_coa": yes_no[self.lives_in_coa],
            "has_w_document": yes_no[self.w_document],
            "bsn": self.bsn or None,
            "twv": self.twv or None,
        }
        form = self.form(today)
        for key in ("asylum_application_date", "w_document_expiry", "bsn_requested_on"):
            if key in form:
                payload[key] = form[key]
        return payload

    def engine(self, today: date, params: rules.ParameterSet) -> rules.EligibilityResult:
        """The rules engine's own answer, built directly (not through the guides' code)."""
        form = self.form(today)
        applied = form.get("asylum_application_date")
        requested = form.get("bsn_requested_on")
        expiry = form.get("w_document_expiry")
        person = rules.Person(
            phase=rules.Phase(self.phase),
            birth_date=self.birth_date,
            asylum_application_date=date.fromisoformat(applied) if applied else None,
            lives_in_coa={"yes": True, "no": False}.get(self.lives_in_coa),
            has_w_document={"yes": True, "no": False}.get(self.w_document),
            w_document_expiry=date.fromisoformat(expiry) if expiry else None,
            bsn=rules.BsnStatus(self.bsn) if self.bsn else None,
            bsn_requested_on=date.fromisoformat(requested) if requested else None,
        )
        return rules.evaluate_work(person, self.job(person, today, params), today, params)

    def job(self, person: rules.Person, today: date, params: rules.ParameterSet) -> rules.Job:
        """A job paying the minimum wage in force when this person could start (the guides'
        question: "may I work?"), with the TWV state given."""
        window = rules.work_window(person, today, params)
        wage = window.min_hourly_wage_gross
        if wage is None:
            wage = rules.minimum_hourly_wage(params, window.earliest_start or today, None)
        twv = rules.TwvStatus(self.twv) if self.twv else None
        return rules.Job(hourly_wage_gross=wage, twv=twv)


ASYLUM = {
    "phase": "asylum_seeker",
    "lives_in_coa": "yes",
    "w_document": "yes",
    "w_document_valid_days": 400,
}

CASES = [
    Case("before_6_months", applied_months_ago=3, bsn="none", twv="none", **ASYLUM),
    Case("after_6_months", applied_months_ago=8, bsn="received", twv="granted", **ASYLUM),
    Case(
        "no_w_document",
        phase="asylum_seeker",
        applied_months_ago=8,
        lives_in_coa="yes",
        w_document="no",
        bsn="received",
        twv="none",
    ),
    Case(
        "bsn_pending",
        applied_months_ago=7,
        bsn="requested",
        bsn_requested_weeks_ago=2,
        twv="none",
        **ASYLUM,
    ),
    Case("temporary_protection", phase="temporary_protection"),
    Case("status_holder_azc", phase="status_holder_azc"),
    Case("status_holder_municipality", phase="inburgering"),
]

# More situations, for the completeness of the translations (every sentence an answer can show).
MORE_CASES = [
    Case("twv_applied", applied_months_ago=7, bsn="received", twv="applied", **ASYLUM),
    Case(
        "w_document_expires_soon",
        phase="asylum_seeker",
        applied_months_ago=9,
        lives_in_coa="yes",
        w_document="yes",
        w_document_valid_days=-1,
        bsn="received",
        twv="granted",
    ),
    Case("under_18", applied_months_ago=8, birth_date=date(2010, 1, 1), bsn="none", **ASYLUM),
    Case(
        "not_in_coa",
        phase="asylum_seeker",
        applied_months_ago=8,
        lives_in_coa="no",
        w_document="yes",
        w_document_valid_days=400,
    ),
    Case("nothing_known", phase="asylum_seeker"),
    Case("status_holder_nothing_known", phase="status_holder_azc", bsn="requested"),
]
