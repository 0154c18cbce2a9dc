"""The survey of the 14 integration indicators: the versioned instrument and the answers.

The instrument (questions, scales, moments) is data: ``data/instrument.toml`` is loaded into
:class:`Instrument` and :class:`Question` rows by version (``instrument.current()``); answers refer
to the question of the version they were given with, so a new version never changes old answers.

A :class:`Response` is one newcomer's answers at one moment of one enrolment. Answering is
voluntary and rests on the newcomer's consent for anonymous evaluation
(``participants.purposes.Purpose.EVALUATION``); analysts only ever get aggregates.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from werkpad import validation as v


class Moment(models.TextChoices):
    INTAKE = "intake", _("At the start")
    M3 = "m3", _("3 months after starting work")
    M6 = "m6", _("6 months after starting work")
    M12 = "m12", _("12 months after starting work")


class Channel(models.TextChoices):
    SELF = "self", _("By the newcomer in the portal")
    WITH_COACH = "with_coach", _("Together with the coach")


class ResponseStatus(models.TextChoices):
    COMPLETED = "completed", _("Answered")
    DECLINED = "declined", _("Declined")


class Instrument(models.Model):
    """One version of the survey as loaded from the data file (never edited afterwards)."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    valid_from = models.DateField(_("valid from"))
    source = models.TextField(_("source"))
    checksum = models.CharField(max_length=64, editable=False)
    # The whole file as loaded: moments, scales, benchmark, languages to review.
    data = models.JSONField(editable=False)
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-version"]
        verbose_name = _("survey version")
        verbose_name_plural = _("survey versions")

    def __str__(self) -> str:
        return f"{self.title} v{self.version}"


class Question(models.Model):
    """One indicator's question in one version, with its texts per language."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="questions")
    code = models.CharField(_("indicator"), max_length=40)
    position = models.PositiveSmallIntegerField()
    scale = models.CharField(_("scale"), max_length=24)
    indicator = models.JSONField()  # {language: name of the indicator}
    text = models.JSONField()  # {language: the question}
    # The moments it is asked at; empty: every moment.
    moments = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["instrument", "position"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "code"], name="one_question_per_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} v{self.instrument_id}"

    def asked_at(self, moment: str) -> bool:
        return not self.moments or moment in self.moments


class Response(models.Model):
    """One newcomer's answers at one moment of one enrolment (or their "not this time")."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    participant = models.ForeignKey(
        "participants.Participant", on_delete=models.CASCADE, related_name="survey_responses"
    )
    enrolment = models.ForeignKey(
        "pathway.Enrolment", on_delete=models.CASCADE, related_name="survey_responses"
    )
    moment = models.CharField(_("moment"), max_length=8, choices=Moment.choices)
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="responses")
    status = models.CharField(
        _("status"), max_length=10, choices=ResponseStatus.choices, default=ResponseStatus.COMPLETED
    )
    language = models.CharField(_("language"), max_length=8, blank=True)
    channel = models.CharField(_("how"), max_length=12, choices=Channel.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    completed_at = models.DateTimeField(_("answered"))

    class Meta:
        ordering = ["-completed_at"]
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "moment"], name="one_response_per_moment")
        ]
        indexes = [models.Index(fields=["moment", "status"])]

    def __str__(self) -> str:
        return f"{self.get_moment_display()} ({self.get_status_display()})"


class Answer(v.Validated):
    """One answer: a value of the question's scale, or ``None`` for "I'd rather not say"."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    value = models.PositiveSmallIntegerField(_("answer"), null=True, blank=True)

    class Meta:
        ordering = ["question__position"]
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question")
        ]

    def validate(self, errors: v.Errors) -> None:
        if self.question_id is None or not errors.checks("value") or self.value is None:
            return
        scale = self.question.instrument.data["scales"][self.question.scale]
        if self.value not in scale["values"]:
            errors.add("value", str(_("Choose one of the answers.")))
