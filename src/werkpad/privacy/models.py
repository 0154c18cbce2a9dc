"""Data-subject requests (AVG art. 15-17), anonymisations, and frozen published reports."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RequestKind(models.TextChoices):
    ACCESS = "access", _("Copy of my data")
    CORRECTION = "correction", _("Correction of my data")
    ERASURE = "erasure", _("Erasure of my data")


class RequestState(models.TextChoices):
    OPEN = "open", _("Waiting for a decision")
    DONE = "done", _("Carried out")
    REFUSED = "refused", _("Refused")


class RefusalGround(models.TextChoices):
    """AVG art. 17(3): the grounds on which erasure may be refused (and "not applicable" for the
    other kinds of request)."""

    NONE = "", "—"
    LEGAL_OBLIGATION = (
        "17_3_b",
        _("Art. 17(3)(b): a legal obligation or a public task requires keeping the data"),
    )
    PUBLIC_HEALTH = "17_3_c", _("Art. 17(3)(c): public health")
    ARCHIVING = (
        "17_3_d",
        _("Art. 17(3)(d): archiving, research or statistics in the public interest"),
    )
    LEGAL_CLAIMS = "17_3_e", _("Art. 17(3)(e): establishing, exercising or defending legal claims")
    NOT_ACCURATE = "inaccurate", _("The data are correct (correction refused)")


class DataRequest(models.Model):
    """A request of a newcomer about their own data, in the administrators' queue.

    Due one month after it was made (AVG art. 12(3)). ``participant`` stays linked after an
    erasure: the row it points to is then anonymous, and ``text`` is blanked."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    participant = models.ForeignKey(
        "participants.Participant",
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="data_requests",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=RequestKind.choices)
    text = models.TextField(_("what should change"), blank=True)
    state = models.CharField(
        _("state"), max_length=8, choices=RequestState.choices, default=RequestState.OPEN
    )
    created_at = models.DateTimeField(_("made"), auto_now_add=True)
    due_on = models.DateField(_("due"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    ground = models.CharField(
        _("ground"), max_length=12, choices=RefusalGround.choices, blank=True, default=""
    )
    note = models.TextField(_("explanation of the decision"), blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("data request")
        verbose_name_plural = _("data requests")
        indexes = [models.Index(fields=["state", "due_on"])]


class AnonymisationReason(models.TextChoices):
    ERASURE = "erasure", _("Erasure on request")
    RETENTION = "retention", _("Retention period ended")


class Anonymisation(models.Model):
    """The mark of an anonymised participant row: its personal data are gone, what is left (the
    status history, enrolments, placements) carries only a pseudonymous number."""

    participant = models.OneToOneField(
        "participants.Participant", on_delete=models.CASCADE, related_name="anonymisation"
    )
    reason = models.CharField(max_length=12, choices=AnonymisationReason.choices)
    at = models.DateField()
    rule_version = models.CharField(max_length=60, blank=True)

    class Meta:
        verbose_name = _("anonymisation")
        verbose_name_plural = _("anonymisations")


class FrozenError(Exception):
    """A published report was to be changed or deleted: published reports are frozen."""


class PublishedReport(models.Model):
    """A report as it was published: its payload is stored once and never recomputed, so that
    erasure and anonymisation (which may shift live figures) leave it byte-identical."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("report"), max_length=16)
    title = models.CharField(_("title"), max_length=200)
    params = models.JSONField(_("parameters"), default=dict)
    payload = models.TextField(_("payload"))
    sha256 = models.CharField(max_length=64)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    published_at = models.DateTimeField(_("published"), auto_now_add=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("published report")
        verbose_name_plural = _("published reports")

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None and not self._state.adding:
            raise FrozenError("published reports cannot be changed")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise FrozenError("published reports cannot be deleted")
