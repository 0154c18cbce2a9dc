"""Warm handovers between coaches and organisations, and in-app notices.

A handover is a record with states (Primero's "transfer"): proposed -> accepted or rejected ->
completed (both coaches and the newcomer confirmed), or revoked. Until it is completed the receiver
sees only ``shared_sections`` of the file (``participants.access.scope_of``). Written only by
``handovers.actions``.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from werkpad.participants.purposes import Ground, Purpose


class HandoverState(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    COMPLETED = "completed", _("Completed")
    REVOKED = "revoked", _("Revoked")


OPEN_STATES = (HandoverState.PROPOSED, HandoverState.ACCEPTED)


class Handover(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    participant = models.ForeignKey(
        "participants.Participant", on_delete=models.CASCADE, related_name="handovers"
    )
    from_coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("from coach"),
        on_delete=models.PROTECT,
        related_name="handovers_sent",
    )
    from_organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    to_coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("to coach"),
        on_delete=models.PROTECT,
        related_name="handovers_received",
    )
    to_organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    purpose = models.CharField(
        _("purpose"), max_length=16, choices=Purpose.choices, default=Purpose.HANDOVER
    )
    ground = models.CharField(_("ground"), max_length=16, choices=Ground.choices, blank=True)
    consent = models.ForeignKey(
        "participants.Consent", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    override_reason = models.TextField(_("reason for handing over without consent"), blank=True)
    shared_sections = models.JSONField(_("shared sections"), default=list)
    meeting_date = models.DateField(_("meeting with the newcomer"), null=True, blank=True)
    change_enrolment_to = models.ForeignKey(
        "pathway.Programme",
        verbose_name=_("enrol in programme on completion"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    state = models.CharField(
        _("state"), max_length=12, choices=HandoverState.choices, default=HandoverState.PROPOSED
    )
    sender_confirmed_at = models.DateTimeField(null=True, blank=True)
    receiver_confirmed_at = models.DateTimeField(null=True, blank=True)
    newcomer_confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("handover")
        verbose_name_plural = _("handovers")
        permissions = [
            (
                "override_consent",
                "May hand over a file without the newcomer's consent (with a reason)",
            ),
            ("reassign_caseload", "May move a coach's caseload to other coaches"),
        ]
        indexes = [models.Index(fields=["to_coach", "state"])]

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


class HandoverEvent(models.Model):
    """The history of a handover: every state change and confirmation, who and when."""

    handover = models.ForeignKey(Handover, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    event = models.CharField(max_length=24)
    detail = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["at", "id"]


class Notice(models.Model):
    """An in-app notice for one user (a handover proposed to them, a caseload reassigned)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )
    text = models.CharField(max_length=300)
    link = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
