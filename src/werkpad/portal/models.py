"""The newcomer portal's own records: the message thread with the regiehouder (messages, "how is it
going?" check-ins and comments on the plan), the newcomer's portal preferences, and invitations
(one-time links that let a newcomer set their password)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MessageKind(models.TextChoices):
    MESSAGE = "message", _("Message")
    CHECKIN = "checkin", _("How is it going?")
    PLAN_COMMENT = "plan_comment", _("Comment on the plan")


class Mood(models.TextChoices):
    GOOD = "good", _("Good")
    OKAY = "okay", _("Okay")
    HARD = "hard", _("Difficult")


class Message(models.Model):
    """One message in the thread between a newcomer and their regiehouder."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    participant = models.ForeignKey(
        "participants.Participant", on_delete=models.CASCADE, related_name="portal_messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    from_newcomer = models.BooleanField(_("from the newcomer"))
    kind = models.CharField(
        _("kind"), max_length=12, choices=MessageKind.choices, default=MessageKind.MESSAGE
    )
    mood = models.CharField(_("how it is going"), max_length=8, choices=Mood.choices, blank=True)
    body = models.TextField(_("message"), max_length=2000, blank=True)
    plan_version = models.PositiveSmallIntegerField(_("plan version"), null=True, blank=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("portal message")
        verbose_name_plural = _("portal messages")
        indexes = [models.Index(fields=["participant", "from_newcomer", "read_at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.created_at:%Y-%m-%d}"


class Preference(models.Model):
    """What the newcomer chose for their portal: Dutch next to their language, job suggestions."""

    participant = models.OneToOneField(
        "participants.Participant", on_delete=models.CASCADE, related_name="portal_preference"
    )
    show_dutch = models.BooleanField(_("show Dutch next to my language"), default=False)
    wants_suggestions = models.BooleanField(_("show me vacancies that fit me"), default=False)
    changed_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("portal preference")
        verbose_name_plural = _("portal preferences")

    def __str__(self) -> str:
        return str(self.participant_id)


class Invitation(models.Model):
    """A one-time link (also printed as a QR code) with which a newcomer sets their password.

    Only a hash of the token is stored; the link is shown once, to the coach who made it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="portal_invitations"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("made"), auto_now_add=True)
    expires_at = models.DateTimeField(_("valid until"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("portal invitation")
        verbose_name_plural = _("portal invitations")

    def __str__(self) -> str:
        return f"invitation {self.pk}"
