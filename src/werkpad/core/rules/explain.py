"""Sentences of the eligibility rules: explanations of conditions, steps, parameter names.

Built on first use from a condition's reason code and detail (see ``ConditionResult``), so that
deciding for many people pays for no sentences. Every sentence about the newcomer exists in two
wordings (:func:`~werkpad.core.i18n.msg_about`): to the newcomer ("you", the portal's) and to the
coach about the participant (the panel's); the app picks one with ``Message.for_audience``.

Missing parameters are named in words a coach can act on ("the statutory minimum wage"), never by
their configuration key: keys are shown to administrators only, by the app.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol

from werkpad.core.i18n import Message, gettext_noop, msg, msg_about
from werkpad.core.rules.dates import add_weeks
from werkpad.core.rules.model import ConditionResult, Step, Value, register_explainer
from werkpad.core.rules.wages import money, plain_number

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["PARAMETER_LABELS", "STEPS", "missing_text", "parameter_label"]


def unknown_value() -> Message:
    return msg(gettext_noop("unknown"))


def shown(value: int | Decimal | None) -> int | Decimal | Message:
    return unknown_value() if value is None else value


def hours_text(value: Decimal | None) -> str | Message:
    """Hours without trailing zeros (16, 7.5)."""
    return unknown_value() if value is None else plain_number(value)


# --- parameters in words ---------------------------------------------------------------------------

PARAMETER_LABELS: dict[str, str] = {
    "asylum.min_age": gettext_noop("the minimum age for asylum seekers"),
    "asylum.waiting_months": gettext_noop("the waiting period for asylum seekers"),
    "asylum.requires_coa_residence": gettext_noop("whether living in COA reception is required"),
    "asylum.requires_minimum_wage": gettext_noop("whether the minimum wage is required"),
    "asylum.requires_w_document": gettext_noop("whether a W-document is required"),
    "asylum.twv_required": gettext_noop("whether a TWV is required"),
    "asylum.twv_legal_weeks": gettext_noop("the legal decision term of the UWV"),
    "asylum.twv_practical_weeks": gettext_noop("the time the UWV takes in practice"),
    "asylum.twv_premature_counts_from_waiting_date": gettext_noop(
        "how the UWV treats a TWV applied for too early"
    ),
    "asylum.bsn_after_months": gettext_noop("when BRP registration (BSN) becomes possible"),
    "asylum.bsn_wait_weeks": gettext_noop("the usual wait for a BSN"),
    "asylum.weeks_cap_applies": gettext_noop("whether the 24-weeks rule applies"),
    "asylum.weeks_cap_per_year": gettext_noop("the maximum weeks of work a year"),
    "temporary_protection.twv_required": gettext_noop(
        "whether people with temporary protection need a TWV"
    ),
    "status_holder.twv_required": gettext_noop("whether status holders need a TWV"),
    "wage.minimum_hourly_gross": gettext_noop("the statutory minimum wage (age 21 and over)"),
    "wage.adult_minimum_age": gettext_noop("the age from which the adult minimum wage applies"),
    "wage.minimum_hourly_gross_age_18": gettext_noop("the statutory minimum wage at age 18"),
    "wage.minimum_hourly_gross_age_19": gettext_noop("the statutory minimum wage at age 19"),
    "wage.minimum_hourly_gross_age_20": gettext_noop("the statutory minimum wage at age 20"),
    "wage.net_share_of_gross": gettext_noop("the share of the gross wage paid out net"),
    "convention.weeks_per_month": gettext_noop("the number of weeks in a month"),
    "reba.keep_share": gettext_noop("the share of income a COA resident keeps (REBA)"),
    "reba.keep_cap_monthly": gettext_noop("the most a COA resident keeps a month (REBA)"),
    "reba.family_keep_share": gettext_noop("the share a family keeps (REBA)"),
    "reba.family_keep_cap_monthly": gettext_noop("the most a family keeps a month (REBA)"),
    "reba.family_extra_per_member_monthly": gettext_noop(
        "the extra amount per family member (REBA)"
    ),
    "reba.family_max_contribution_share": gettext_noop("the maximum family contribution (REBA)"),
    "bijstand.exit_min_hours_per_week": gettext_noop("the hours a week that end the bijstand"),
    "bijstand.norm_single_monthly_net": gettext_noop("the bijstandsnorm for a single person"),
    "bijstand.norm_couple_monthly_net": gettext_noop("the bijstandsnorm for a couple"),
    "startbaan.min_hours_per_week": gettext_noop("the municipality's startbaan norm"),
    "koppeling.hard_min_hours_per_week": gettext_noop("the minimum hours for the hard criterion"),
    "koppeling.radius_km": gettext_noop("the radius of the link"),
    "koppeling.omkoppeling_min_contract_months": gettext_noop(
        "the minimum contract length for omkoppeling"
    ),
    "koppeling.omkoppeling_excluded_sectors": gettext_noop("the sectors excluded from omkoppeling"),
}


def parameter_label(key: str) -> Message:
    """A parameter in words (a key Werkpad does not describe: "a rule figure")."""
    label = PARAMETER_LABELS.get(key)
    return msg(label) if label is not None else msg(gettext_noop("a rule figure"))


def _joined(labels: list[Message]) -> Message:
    text = labels[0]
    for label in labels[1:]:
        text = msg(gettext_noop("%(first)s, %(next)s"), first=text, next=label)
    return text


def missing_text(keys: Iterable[str], on: date) -> Message:
    """Why a condition (or amount) cannot be computed, in words a coach can act on."""
    labels = [parameter_label(key) for key in dict.fromkeys(keys)]
    if not labels:
        return msg(
            gettext_noop(
                "The rules in Werkpad give no value needed here for %(date)s, so this cannot be "
                "checked yet. Ask your Werkpad administrator to add it."
            ),
            date=on,
        )
    return msg(
        gettext_noop(
            "Werkpad has no value for %(what)s on %(date)s, so this cannot be checked yet. Ask "
            "your Werkpad administrator to add it."
        ),
        what=_joined(labels),
        date=on,
    )


def _param(cr: ConditionResult, key: str) -> int | Decimal | Message:
    value = cr.rule.value(key)
    assert value is None or isinstance(value, int | Decimal)
    return shown(value)


def _param_unknown(cr: ConditionResult) -> Message:
    return missing_text((p.key for p in cr.rule.parameters if not p.known), _date(cr.detail))


def _date(value: Value) -> date:
    assert isinstance(value, date)
    return value


def _amount(value: Value) -> Decimal:
    assert isinstance(value, Decimal)
    return value


# --- explanations ------------------------------------------------------------------------------------


def _explain_age(cr: ConditionResult) -> Message:
    if cr.reason == "param":
        return _param_unknown(cr)
    age = _param(cr, "asylum.min_age")
    if cr.reason == "pass":
        return msg_about(
            gettext_noop("You are %(age)s or older at the start (%(date)s)."),
            gettext_noop("The participant is %(age)s or older at the start (%(date)s)."),
            age=age,
            date=_date(cr.detail),
        )
    if cr.reason == "not_yet":
        return msg_about(
            gettext_noop("You turn %(age)s on %(date)s."),
            gettext_noop("The participant turns %(age)s on %(date)s."),
            age=age,
            date=_date(cr.holds_from),
        )
    return msg_about(
        gettext_noop(
            "Your date of birth is not known, so the minimum age of %(age)s cannot be checked."
        ),
        gettext_noop(
            "The participant's date of birth is not in the file, so the minimum age of %(age)s "
            "cannot be checked: add it to the file."
        ),
        age=age,
    )


def _explain_waiting(cr: ConditionResult) -> Message:
    if cr.reason == "param":
        return _param_unknown(cr)
    months = _param(cr, "asylum.waiting_months")
    if cr.reason == "input":
        return msg_about(
            gettext_noop(
                "The date of your asylum application is not known, so the waiting period of "
                "%(months)s months cannot be checked."
            ),
            gettext_noop(
                "The date of the asylum application is not in the file, so the waiting period of "
                "%(months)s months cannot be checked: add it to the file."
            ),
            months=months,
        )
    if cr.reason == "pass":
        return msg_about(
            gettext_noop(
                "Your asylum application of %(applied)s has been pending %(months)s months since "
                "%(date)s."
            ),
            gettext_noop(
                "The asylum application of %(applied)s has been pending %(months)s months since "
                "%(date)s."
            ),
            applied=_date(cr.value),
            months=months,
            date=_date(cr.detail),
        )
    return msg_about(
        gettext_noop(
            "Your asylum application of %(applied)s will have been pending %(months)s months on "
            "%(date)s."
        ),
        gettext_noop(
            "The asylum application of %(applied)s will have been pending %(months)s months on "
            "%(date)s."
        ),
        applied=_date(cr.value),
        months=months,
        date=_date(cr.detail),
    )


def _explain_coa(cr: ConditionResult) -> Message:
    reason = cr.reason
    if reason == "param":
        return _param_unknown(cr)
    if reason == "not_required":
        return msg(gettext_noop("Living in COA reception is not a condition on this date."))
    if reason == "pass":
        return msg_about(
            gettext_noop("You live in a COA reception facility."),
            gettext_noop("The participant lives in a COA reception facility."),
        )
    if reason == "fail":
        return msg_about(
            gettext_noop(
                "You do not live in a COA reception facility: an asylum seeker may only work while "
                "living in one."
            ),
            gettext_noop(
                "The participant does not live in a COA reception facility: an asylum seeker may "
                "only work while living in one."
            ),
        )
    return msg_about(
        gettext_noop("It is not known whether you live in a COA reception facility."),
        gettext_noop(
            "The file does not say whether the participant lives in a COA reception facility."
        ),
    )


def _explain_wage(cr: ConditionResult) -> Message:
    reason = cr.reason
    if reason == "param":
        return _param_unknown(cr)
    if reason == "amount":
        missing = [parameter_label(p.key) for p in cr.rule.parameters if not p.known]
        return msg(
            gettext_noop(
                "The pay must be at least the statutory minimum wage, but Werkpad has no value for "
                "%(what)s on %(date)s. Check the pay against the published amount "
                "(rijksoverheid.nl) and ask your Werkpad administrator to add it."
            ),
            what=_joined(missing),
            date=_date(cr.detail),
        )
    if reason == "not_required":
        return msg(gettext_noop("No minimum-wage condition applies on this date."))
    if reason == "input":
        return msg(
            gettext_noop("The job's gross hourly wage is not known, so the pay cannot be checked.")
        )
    wage = money(_amount(cr.value))
    minimum = _amount(cr.detail)
    if reason == "age_unknown":
        return msg_about(
            gettext_noop(
                "The job pays %(wage)s an hour gross, less than the adult minimum wage of "
                "%(minimum)s, and your age is not known: a lower youth minimum wage may apply."
            ),
            gettext_noop(
                "The job pays %(wage)s an hour gross, less than the adult minimum wage of "
                "%(minimum)s, and the participant's age is not in the file: a lower youth minimum "
                "wage may apply."
            ),
            wage=wage,
            minimum=minimum,
        )
    if reason == "pass":
        return msg(
            gettext_noop(
                "The job pays %(wage)s an hour gross: at least the minimum wage of %(minimum)s."
            ),
            wage=wage,
            minimum=minimum,
        )
    return msg(
        gettext_noop(
            "The job pays %(wage)s an hour gross: less than the minimum wage of %(minimum)s."
        ),
        wage=wage,
        minimum=minimum,
    )


def _explain_w_document(cr: ConditionResult) -> Message:
    reason = cr.reason
    if reason == "param":
        return _param_unknown(cr)
    if reason == "not_required":
        return msg(gettext_noop("A W-document is not a condition on this date."))
    if reason == "none":
        return msg_about(
            gettext_noop("You have no valid W-document: it must be issued first."),
            gettext_noop("The participant has no valid W-document: it must be issued first."),
        )
    if reason == "input":
        return msg_about(
            gettext_noop("It is not known until when your W-document is valid."),
            gettext_noop(
                "The file does not say until when the participant's W-document is valid: add the "
                "expiry date."
            ),
        )
    if reason == "expired":
        return msg_about(
            gettext_noop("Your W-document expired on %(expiry)s: renew it first."),
            gettext_noop("The participant's W-document expired on %(expiry)s: it must be renewed."),
            expiry=_date(cr.value),
        )
    if reason == "expires":
        return msg_about(
            gettext_noop(
                "Your W-document expires on %(expiry)s, before the earliest start on %(date)s: "
                "renew it first."
            ),
            gettext_noop(
                "The participant's W-document expires on %(expiry)s, before the earliest start on "
                "%(date)s: it must be renewed first."
            ),
            expiry=_date(cr.value),
            date=_date(cr.detail),
        )
    return msg_about(
        gettext_noop("Your W-document is valid until %(date)s."),
        gettext_noop("The participant's W-document is valid until %(date)s."),
        date=_date(cr.value),
    )


def _explain_twv(cr: ConditionResult) -> Message:
    reason = cr.reason
    if reason == "param":
        return _param_unknown(cr)
    if reason == "not_required":
        if cr.code == "temporary_protection.twv":
            return msg(gettext_noop("No TWV is needed with temporary protection."))
        return msg_about(
            gettext_noop("You have a residence permit: you may work without a TWV."),
            gettext_noop("The participant has a residence permit: no TWV is needed."),
        )
    if reason == "granted":
        return msg(gettext_noop("The TWV for this job has been granted."))
    if reason == "refused":
        return msg(gettext_noop("The TWV for this job was refused: this job cannot start with it."))
    if reason == "input":
        return msg(gettext_noop("It is not known whether a TWV has been applied for."))
    if reason == "applied_no_date":
        return msg(gettext_noop("A TWV was applied for, but the date is not known."))
    if reason == "can_from_unknown":
        return msg(
            gettext_noop(
                "No TWV has been applied for yet, and when it can be is not known: the other "
                "conditions cannot be checked."
            )
        )
    if reason == "applied":
        return msg(
            gettext_noop(
                "The TWV was applied for on %(applied)s: a decision is expected by %(date)s."
            ),
            applied=_date(cr.value),
            date=_date(cr.holds_from),
        )
    if reason == "premature":
        return msg(
            gettext_noop(
                "The TWV was applied for on %(applied)s, before the conditions held on %(from)s: "
                "too early ([004] §2.2). Werkpad assumes the UWV counts its term from %(from)s: a "
                "decision is expected by %(date)s."
            ),
            applied=_date(cr.value),
            date=_date(cr.holds_from),
            **{"from": _date(cr.detail)},
        )
    if reason == "premature_again":
        return msg(
            gettext_noop(
                "The TWV was applied for on %(applied)s, before the conditions held: too early "
                "([004] §2.2). The employer applies again from %(from)s; a decision is expected "
                "by %(date)s."
            ),
            applied=_date(cr.value),
            date=_date(cr.holds_from),
            **{"from": _date(cr.detail)},
        )
    if reason == "premature_unknown":
        return msg(
            gettext_noop(
                "The TWV was applied for on %(applied)s, before the conditions held on %(from)s: "
                "too early ([004] §2.2). How the UWV treats it is not known: ask the UWV."
            ),
            applied=_date(cr.value),
            **{"from": _date(cr.detail)},
        )
    return msg(
        gettext_noop(
            "No TWV has been applied for yet: if the employer applies on %(from)s, a decision is "
            "expected by %(date)s."
        ),
        date=_date(cr.holds_from),
        **{"from": _date(cr.detail)},
    )


def _explain_bsn(cr: ConditionResult) -> Message:
    reason = cr.reason
    if reason == "param":
        return _param_unknown(cr)
    if reason == "pass":
        return msg_about(
            gettext_noop("You have a BSN."), gettext_noop("The participant has a BSN.")
        )
    if reason == "input":
        return msg_about(
            gettext_noop("It is not known whether you have a BSN."),
            gettext_noop("The file does not say whether the participant has a BSN."),
        )
    if reason == "requested_no_date":
        return msg_about(
            gettext_noop("Your BSN was requested, but the date is not known."),
            gettext_noop("A BSN was requested, but the file does not give the date."),
        )
    if reason == "overdue":
        return msg_about(
            gettext_noop(
                "Your BSN was requested on %(requested)s and was expected by %(expected)s: it is "
                "overdue. Ask COA what is holding it up."
            ),
            gettext_noop(
                "The BSN was requested on %(requested)s and was expected by %(expected)s: it is "
                "overdue. Ask COA or the municipality what is holding it up."
            ),
            requested=_date(cr.value),
            expected=_date(cr.detail),
        )
    if reason == "requested":
        return msg_about(
            gettext_noop("Your BSN was requested on %(requested)s: expect it around %(date)s."),
            gettext_noop("The BSN was requested on %(requested)s: expected around %(date)s."),
            requested=_date(cr.value),
            date=_date(cr.holds_from),
        )
    return msg_about(
        gettext_noop(
            "You have no BSN yet: registration is possible from %(from)s; expect it around "
            "%(date)s."
        ),
        gettext_noop(
            "The participant has no BSN yet: registration is possible from %(from)s; expected "
            "around %(date)s."
        ),
        date=_date(cr.holds_from),
        **{"from": _date(cr.value)},
    )


def _explain_weeks_cap(cr: ConditionResult) -> Message:
    if cr.reason == "param":
        return _param_unknown(cr)
    weeks = _param(cr, "asylum.weeks_cap_per_year")
    if cr.reason == "pass":
        return msg(
            gettext_noop("The contract fits within the limit of %(weeks)s weeks in 52 weeks."),
            weeks=weeks,
        )
    if cr.reason == "fail":
        return msg(
            gettext_noop(
                "The contract is longer than %(weeks)s weeks: the TWV covers at most %(weeks)s "
                "weeks in 52 weeks."
            ),
            weeks=weeks,
        )
    return msg(
        gettext_noop("The contract length is not known: at most %(weeks)s weeks in 52 weeks."),
        weeks=weeks,
    )


def _explain_bijstand(cr: ConditionResult) -> Message:
    if cr.reason == "param":
        return _param_unknown(cr)
    if cr.reason == "input":
        return msg(gettext_noop("The hours of this job are not known."))
    hours = hours_text(_amount(cr.value))
    if cr.reason == "pass":
        return msg(
            gettext_noop("At %(hours)s hours a week this job can end the bijstand."), hours=hours
        )
    return msg(
        gettext_noop(
            "At %(hours)s hours a week this job does not end the bijstand (from %(norm)s hours): "
            "part of the income is offset against it."
        ),
        hours=hours,
        norm=hours_text(_amount(cr.detail)),
    )


def _explain_startbaan(cr: ConditionResult) -> Message:
    if cr.reason == "param":
        return _param_unknown(cr)
    if cr.reason == "input":
        return msg(gettext_noop("The hours of this job are not known."))
    hours = hours_text(_amount(cr.value))
    if cr.reason == "pass":
        return msg(
            gettext_noop(
                "At %(hours)s hours a week this job meets the municipality's startbaan norm."
            ),
            hours=hours,
        )
    return msg(
        gettext_noop(
            "At %(hours)s hours a week this job is below the municipality's startbaan norm of "
            "%(norm)s hours."
        ),
        hours=hours,
        norm=hours_text(_amount(cr.detail)),
    )


for _code, _explainer in {
    "asylum.age": _explain_age,
    "asylum.waiting_period": _explain_waiting,
    "asylum.coa_residence": _explain_coa,
    "asylum.minimum_wage": _explain_wage,
    "asylum.w_document": _explain_w_document,
    "asylum.twv": _explain_twv,
    "temporary_protection.twv": _explain_twv,
    "status_holder.twv": _explain_twv,
    "asylum.bsn": _explain_bsn,
    "asylum.weeks_cap": _explain_weeks_cap,
    "status_holder.bijstand_exit": _explain_bijstand,
    "status_holder.startbaan_norm": _explain_startbaan,
}.items():
    register_explainer(_code, _explainer)


# --- steps: what must happen first -----------------------------------------------------------------


class StepTerms(Protocol):
    """The figures a step mentions (the eligibility context of the rules in force)."""

    min_age: int | None
    waiting_months: int | None
    twv_legal: int | None
    twv_practical: int | None


def _step_age(
    c: StepTerms, holds_from: date | None, value: Value, reason: str, detail: Value
) -> Step | None:
    if holds_from is None:
        return None
    return Step(
        "wait_age",
        "person",
        msg_about(
            gettext_noop("Wait until you turn %(age)s, on %(date)s."),
            gettext_noop("Wait until the participant turns %(age)s, on %(date)s."),
            age=shown(c.min_age),
            date=holds_from,
        ),
        holds_from,
    )


def _step_waiting(
    c: StepTerms, holds_from: date | None, value: Value, reason: str, detail: Value
) -> Step | None:
    if holds_from is None:
        return None
    return Step(
        "wait_waiting_period",
        "person",
        msg(
            gettext_noop(
                "Wait until the asylum application has been pending %(months)s months, on %(date)s."
            ),
            months=shown(c.waiting_months),
            date=holds_from,
        ),
        holds_from,
    )


def _step_w_document(
    c: StepTerms, holds_from: date | None, value: Value, reason: str, detail: Value
) -> Step | None:
    if reason not in ("expires", "expired", "none"):
        return None
    return Step(
        "renew_w_document",
        "person",
        msg_about(
            gettext_noop("Renew the W-document (ask COA how): it must be valid when you start."),
            gettext_noop(
                "The participant renews the W-document (COA knows how): it must be valid at the "
                "start."
            ),
        ),
        None,
    )


def _step_twv(
    c: StepTerms, holds_from: date | None, value: Value, reason: str, detail: Value
) -> Step | None:
    if reason in ("none", "premature_again"):
        return Step(
            "employer_applies_twv",
            "employer",
            msg(
                gettext_noop(
                    "The employer applies for a TWV for this job at the UWV, from %(from)s, without "
                    "waiting for the BSN. Decision expected by %(date)s (legal term %(legal)s "
                    "weeks, in practice up to %(practical)s)."
                ),
                date=_date(holds_from),
                legal=shown(c.twv_legal),
                practical=shown(c.twv_practical),
                **{"from": _date(detail)},
            ),
            holds_from,
        )
    if reason == "premature":
        return Step(
            "uwv_decides_twv",
            "uwv",
            msg(
                gettext_noop(
                    "The TWV applied for on %(applied)s was too early: ask the UWV whether it "
                    "will be handled from %(from)s or must be applied for again. Werkpad expects "
                    "a decision by %(date)s."
                ),
                applied=_date(value),
                date=_date(holds_from),
                **{"from": _date(detail)},
            ),
            holds_from,
        )
    if reason == "applied":
        applied = _date(value)
        return Step(
            "uwv_decides_twv",
            "uwv",
            msg(
                gettext_noop(
                    "The UWV decides on the TWV applied for on %(applied)s: by law by %(legal)s, "
                    "in practice expected by %(date)s."
                ),
                applied=applied,
                legal=unknown_value() if c.twv_legal is None else add_weeks(applied, c.twv_legal),
                date=_date(holds_from),
            ),
            holds_from,
        )
    return None


def _step_bsn(
    c: StepTerms, holds_from: date | None, value: Value, reason: str, detail: Value
) -> Step | None:
    if reason == "overdue":
        return Step(
            "bsn_overdue",
            "coa",
            msg(
                gettext_noop(
                    "The BSN requested on %(requested)s is overdue (expected by %(expected)s): "
                    "COA asks the municipality (BRP) what is holding it up; once the TWV is "
                    "applied for, COA can ask for urgent registration."
                ),
                requested=_date(value),
                expected=_date(detail),
            ),
            holds_from,
        )
    if reason == "requested":
        return Step(
            "bsn_expected",
            "coa",
            msg(
                gettext_noop(
                    "BSN requested on %(requested)s, expected around %(date)s. Once the TWV is "
                    "applied for, COA can ask for urgent registration."
                ),
                requested=_date(value),
                date=_date(holds_from),
            ),
            holds_from,
        )
    if reason == "none":
        return Step(
            "request_bsn",
            "person",
            msg_about(
                gettext_noop(
                    "Register at a BRP-straat for a BSN, from %(from)s; expect it around %(date)s. "
                    "Once the TWV is applied for, COA can ask for urgent registration."
                ),
                gettext_noop(
                    "The participant registers at a BRP-straat for a BSN, from %(from)s; expected "
                    "around %(date)s. Once the TWV is applied for, COA can ask for urgent "
                    "registration."
                ),
                date=_date(holds_from),
                **{"from": _date(value)},
            ),
            holds_from,
        )
    return None


STEPS = {
    "asylum.age": _step_age,
    "asylum.waiting_period": _step_waiting,
    "asylum.twv": _step_twv,
    "temporary_protection.twv": _step_twv,
    "status_holder.twv": _step_twv,
    "asylum.bsn": _step_bsn,
    "asylum.w_document": _step_w_document,
}
