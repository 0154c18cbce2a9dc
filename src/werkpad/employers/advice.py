"""What the rules engine can tell the desk before something is saved: warnings, not errors.

The answers come from ``werkpad.core.rules`` through the eligibility adapters; nothing is decided
here. A form shows a warning and saves only when the coach (or employer) confirms it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from werkpad.eligibility import adapters

if TYPE_CHECKING:
    from werkpad.participants.models import Participant


def wage_warning(
    wage: Decimal | None, on: date | None = None, *, birth_date: date | None = None
) -> str | None:
    """A warning when ``wage`` (gross per hour) lies below the statutory minimum on ``on``; none
    when the wage or the minimum (an operator parameter) is unknown."""
    if wage is None:
        return None
    on = on or timezone.localdate()
    minimum = adapters.minimum_wage_for(on, birth_date)
    if minimum is None or wage >= minimum:
        return None
    if birth_date is None:
        text = _(
            "The wage of EUR %(wage)s per hour lies below the statutory minimum wage for adults on "
            "%(date)s (EUR %(minimum)s). Check the wage; for younger workers a lower minimum applies."
        )
    else:
        text = _(
            "The wage of EUR %(wage)s per hour lies below the statutory minimum wage for this "
            "person's age on %(date)s (EUR %(minimum)s)."
        )
    return text % {
        "wage": number_format(wage, 2),
        "minimum": number_format(minimum, 2),
        "date": date_format(on, "j F Y"),
    }


def twv_warning(participant: Participant, vacancy: Any, on: date | None = None) -> str | None:
    """A warning when the rules say this person needs no work permit (TWV) for this job."""
    on = on or timezone.localdate()
    job = adapters.job_from_vacancy(vacancy)
    result = adapters.evaluate_for(participant, job, on)
    if result.needs_twv is False:
        return _(
            "This participant needs no work permit (TWV) for this job: with a residence permit "
            "(status holder) they may work without one. Prepare a TWV only if you are sure it is "
            "needed."
        )
    return None
