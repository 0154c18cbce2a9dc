"""Survey workflows: answer a moment, decline it, give or withdraw consent for evaluation.

Each is one transaction and writes the access log. Answering is voluntary and needs the
newcomer's consent for anonymous evaluation (``Purpose.EVALUATION``, recorded as a
:class:`~werkpad.participants.models.Consent` with the scope "research"); every question may be
left at "I'd rather not say".
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from werkpad.accounts.models import User
from werkpad.audit import log
from werkpad.audit.models import Action
from werkpad.participants import access
from werkpad.participants import actions as participant_actions
from werkpad.participants.choices import ConsentScope
from werkpad.participants.models import Consent, Participant
from werkpad.participants.purposes import Purpose
from werkpad.pathway.models import Enrolment

from . import instrument as instruments
from . import moments
from .models import Answer, Channel, Response, ResponseStatus

CONSENT_PURPOSE = "Survey of the 14 integration indicators (anonymous evaluation)"


def evaluation_consent(participant: Participant) -> Consent | None:
    return participant.consents.filter(
        scope=ConsentScope.RESEARCH, purpose_code=Purpose.EVALUATION, withdrawn_at__isnull=True
    ).first()


def _channel(user: User, participant: Participant) -> str:
    """The newcomer answers for themselves; a coach who may manage the file fills it in with
    them. Anyone else is refused."""
    if user.is_participant:
        if participant.user_id != user.pk:
            raise PermissionDenied
        return Channel.SELF
    if user.is_coach and access.can_edit(user, participant):
        return Channel.WITH_COACH
    raise PermissionDenied


@transaction.atomic
def give_consent(user: User, participant: Participant) -> Consent:
    _channel(user, participant)
    consent = evaluation_consent(participant)
    if consent is not None:
        return consent
    return participant_actions.give_consent(
        user,
        participant,
        ConsentScope.RESEARCH,
        purpose=CONSENT_PURPOSE,
        purpose_code=Purpose.EVALUATION,
    )


@transaction.atomic
def withdraw_consent(user: User, participant: Participant) -> None:
    """From now on, the newcomer's answers count in no evaluation (they still see them)."""
    _channel(user, participant)
    for consent in participant.consents.filter(
        scope=ConsentScope.RESEARCH, purpose_code=Purpose.EVALUATION, withdrawn_at__isnull=True
    ):
        participant_actions.withdraw_consent(user, participant, consent)


def _open_window(enrolment: Enrolment, moment: str, today: date) -> None:
    rules = instruments.moment_rules(instruments.current())
    for window in moments.windows([enrolment], rules)[enrolment.pk]:
        if window.code == moment and window.is_open(today):
            return
    raise ValidationError({"moment": _("This survey is not open now.")})


@transaction.atomic
def answer(
    user: User,
    participant: Participant,
    enrolment: Enrolment,
    moment: str,
    values: Mapping[str, int | None],
    *,
    consent: bool = False,
    language: str = "",
    today: date | None = None,
) -> Response:
    """Store the answers of one moment (all at once; every error at once, per question).

    ``values`` maps each indicator's code to a value of its scale, or ``None`` for "I'd rather
    not say" (a missing code counts as that too). Without an earlier consent for anonymous
    evaluation, ``consent`` must be true: the consent is then recorded with the answers.
    """
    channel = _channel(user, participant)
    today = today or timezone.localdate()
    if enrolment.participant_id != participant.pk:
        raise PermissionDenied
    _open_window(enrolment, moment, today)
    if Response.objects.filter(enrolment=enrolment, moment=moment).exists():
        raise ValidationError({"moment": _("This survey was already answered.")})
    instrument = instruments.current()
    questions = {q.code: q for q in instrument.questions.all() if q.asked_at(moment)}
    errors: dict[str, list[str]] = {}
    unknown = sorted(set(values) - set(questions))
    if unknown:
        errors["answers"] = [_("Unknown question: %(code)s.") % {"code": ", ".join(unknown)}]
    has_consent = evaluation_consent(participant) is not None
    if not has_consent and not consent:
        errors["consent"] = [
            _("Tick the box to agree that your answers are used for anonymous evaluation.")
        ]
    response = Response(
        participant=participant,
        enrolment=enrolment,
        moment=moment,
        instrument=instrument,
        status=ResponseStatus.COMPLETED,
        language=language[:8],
        channel=channel,
        recorded_by=user,
        completed_at=timezone.now(),
    )
    answers = []
    for code, question in questions.items():
        row = Answer(response=response, question=question, value=values.get(code))
        try:
            row.full_clean(exclude=["response"])
        except ValidationError as exc:
            errors[code] = exc.messages
        answers.append(row)
    if errors:
        raise ValidationError(errors)
    if not has_consent:
        give_consent(user, participant)
    response.save()
    for row in answers:
        row.response = response
    Answer.objects.bulk_create(answers)
    log.record(user, participant, Action.CREATE, "survey answers")
    return response


@transaction.atomic
def decline(
    user: User,
    participant: Participant,
    enrolment: Enrolment,
    moment: str,
    *,
    today: date | None = None,
) -> Response:
    """ "Not this time": the moment is closed for this newcomer without answers (no reminders)."""
    channel = _channel(user, participant)
    if enrolment.participant_id != participant.pk:
        raise PermissionDenied
    _open_window(enrolment, moment, today or timezone.localdate())
    if Response.objects.filter(enrolment=enrolment, moment=moment).exists():
        raise ValidationError({"moment": _("This survey was already answered.")})
    response = Response.objects.create(
        participant=participant,
        enrolment=enrolment,
        moment=moment,
        instrument=instruments.current(),
        status=ResponseStatus.DECLINED,
        channel=channel,
        recorded_by=user,
        completed_at=timezone.now(),
    )
    log.record(user, participant, Action.CREATE, "survey declined")
    return response
