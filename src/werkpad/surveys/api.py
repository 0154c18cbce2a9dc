"""JSON API of the survey, mounted at /api/surveys/: the instrument, the newcomer's own moments
and answers, and the analysts' aggregates. Same actions, access layer and suppression as the
pages; analysts never get a single answer."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Literal
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import get_language
from ninja import Router, Schema, Status

from werkpad.accounts.models import User
from werkpad.api.problems import Problem
from werkpad.audit.models import Action
from werkpad.participants import access
from werkpad.participants.models import Participant

from . import actions, results
from . import instrument as instruments
from . import moments as survey_moments

router = Router(tags=["surveys"])


class OptionOut(Schema):
    value: int
    icon: str
    label: str


class QuestionOut(Schema):
    code: str
    moments: list[str]  # empty: asked at every moment
    indicator: str
    text: str
    language: str
    needs_review: bool
    options: list[OptionOut]
    no_answer: str


class InstrumentOut(Schema):
    version: int
    valid_from: date
    source: str
    questions: list[QuestionOut]


class AnswerOut(Schema):
    code: str
    value: int | None


class MomentOut(Schema):
    enrolment: UUID
    programme: str
    moment: str
    opens: date
    closes: date
    open_now: bool
    status: str  # "open", "closed", "completed" or "declined"
    answered_at: datetime | None
    answers: list[AnswerOut]


class AnswersIn(Schema):
    answers: dict[str, int | None]
    consent: bool = False


class PairedRowOut(Schema):
    indicator: str
    pairs: str  # the count, or "<10" / "hidden"
    shown: bool
    mean_before: Decimal | None
    mean_after: Decimal | None
    mean_change: Decimal | None
    improved: int | None
    same: int | None
    worse: int | None


class GroupOut(Schema):
    key: str
    label: str
    rows: list[PairedRowOut]


class ResultsOut(Schema):
    before: str
    after: str
    by: str
    threshold: int
    groups: list[GroupOut]
    total: GroupOut


class RateOut(Schema):
    moment: str
    invited: str
    answered: str
    response_rate_pct: Decimal | None


class RatesOut(Schema):
    moments: list[RateOut]
    benchmark_pct: Decimal | None
    benchmark_source: str


def _user(request: HttpRequest) -> User:
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    return user


@router.get("/instrument", response=InstrumentOut)
def get_instrument(request: HttpRequest) -> InstrumentOut:
    """The current version's questions in the reader's language (English where none)."""
    current = instruments.current()
    questions = instruments.questions_in(current, get_language() or "en")
    return InstrumentOut(
        version=current.version,
        valid_from=current.valid_from,
        source=current.source,
        questions=[
            QuestionOut(
                code=q.code,
                moments=list(q.question.moments),
                indicator=q.indicator,
                text=q.text,
                language=q.language,
                needs_review=q.needs_review,
                options=[OptionOut(value=o.value, icon=o.icon, label=o.label) for o in q.options],
                no_answer=q.no_answer,
            )
            for q in questions
        ],
    )


def _own(user: User, action: str) -> Participant | None:
    if not user.is_participant:
        return None
    own = access.visible_participants(user).first()
    if own is None:
        raise Http404
    return access.get_participant(user, own.public_id, what="api surveys", action=action)


def _moment_out(m: survey_moments.EnrolmentMoment, today: date) -> MomentOut:
    r = m.response
    open_now = m.window.is_open(today)
    status = r.status if r is not None else ("open" if open_now else "closed")
    answers = (
        [
            AnswerOut(code=a.question.code, value=a.value)
            for a in r.answers.select_related("question")
        ]
        if r is not None
        else []
    )
    return MomentOut(
        enrolment=m.enrolment.public_id,
        programme=m.enrolment.programme.name,
        moment=m.code,
        opens=m.window.opens,
        closes=m.window.closes,
        open_now=r is None and m.window.is_open(today),
        status=status,
        answered_at=r.completed_at if r is not None else None,
        answers=answers,
    )


@router.get("/mine", response={200: list[MomentOut], 403: Problem})
def my_moments(request: HttpRequest) -> Status[object]:
    """The newcomer's own moments, with their own answers. Newcomers only."""
    participant = _own(_user(request), Action.VIEW)
    if participant is None:
        return Status(403, Problem(detail="Only a newcomer has surveys of their own."))
    today = timezone.localdate()
    rules = instruments.moment_rules(instruments.current())
    found = survey_moments.moments_of(
        participant.enrolments.select_related("programme"), rules, today
    )
    return Status(200, [_moment_out(m, today) for m in found])


@router.post(
    "/mine/{enrolment_id}/{moment}",
    response={201: MomentOut, 400: Problem, 403: Problem},
)
def answer_moment(
    request: HttpRequest,
    enrolment_id: UUID,
    moment: Literal["intake", "m3", "m6", "m12"],
    payload: AnswersIn,
) -> Status[object]:
    """Answer one open moment (every error at once, per indicator code). Without an earlier
    consent for anonymous evaluation, ``consent`` must be true."""
    user = _user(request)
    participant = _own(user, Action.CREATE)
    if participant is None:
        return Status(403, Problem(detail="Only a newcomer answers their own survey."))
    enrolment = (
        participant.enrolments.select_related("programme").filter(public_id=enrolment_id).first()
    )
    if enrolment is None:
        raise Http404
    try:
        response = actions.answer(
            user,
            participant,
            enrolment,
            moment,
            payload.answers,
            consent=payload.consent,
            language=get_language() or "",
        )
    except PermissionDenied:
        return Status(403, Problem(detail="Not allowed."))
    except ValidationError as exc:
        return Status(400, Problem(detail="The answers are not valid.", errors=exc.message_dict))
    rules = instruments.moment_rules(response.instrument)
    window = next(
        w for w in survey_moments.windows([enrolment], rules)[enrolment.pk] if w.code == moment
    )
    return Status(
        201,
        _moment_out(
            survey_moments.EnrolmentMoment(enrolment, window, response), timezone.localdate()
        ),
    )


def _analyst(user: User) -> bool:
    return bool(user.is_analyst or user.is_administrator)


@router.get("/results", response={200: ResultsOut, 403: Problem})
def paired(
    request: HttpRequest,
    after: Literal["m3", "m6", "m12"] = "m3",
    by: Literal["programme", "gender", "age"] = "programme",
) -> Status[object]:
    """Per indicator, intake vs ``after``, paired, per group of ``by`` and in total; small
    groups suppressed. Analysts and administrators only."""
    if not _analyst(_user(request)):
        return Status(403, Problem(detail="Analysts and administrators only."))
    groups, total = results.paired_results(after, by)

    def group_out(g: results.GroupResult) -> GroupOut:
        return GroupOut(
            key=g.key,
            label=g.label,
            rows=[
                PairedRowOut(
                    indicator=r.indicator,
                    pairs=r.n_text,
                    shown=r.shown,
                    mean_before=r.mean_before,
                    mean_after=r.mean_after,
                    mean_change=r.mean_change,
                    improved=r.improved,
                    same=r.same,
                    worse=r.worse,
                )
                for r in g.rows
            ],
        )

    from werkpad.monitoring import tables

    return Status(
        200,
        ResultsOut(
            before="intake",
            after=after,
            by=by,
            threshold=tables.threshold(),
            groups=[group_out(g) for g in groups],
            total=group_out(total),
        ),
    )


@router.get("/response-rates", response={200: RatesOut, 403: Problem})
def response_rates(request: HttpRequest) -> Status[object]:
    """Invited and answered per moment, suppressed; the rate where both are shown."""
    if not _analyst(_user(request)):
        return Status(403, Problem(detail="Analysts and administrators only."))
    rate, source = results.benchmark()
    return Status(
        200,
        RatesOut(
            moments=[
                RateOut(
                    moment=r.moment,
                    invited=r.invited_text,
                    answered=r.answered_text,
                    response_rate_pct=r.rate,
                )
                for r in results.response_rates(timezone.localdate())
            ],
            benchmark_pct=rate,
            benchmark_source=source,
        ),
    )
