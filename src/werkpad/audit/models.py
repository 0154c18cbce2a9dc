"""The access log: every read and write of a participant file."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    VIEW = "view", _("Viewed")
    CREATE = "create", _("Created")
    UPDATE = "update", _("Changed")
    DELETE = "delete", _("Deleted")
    EXPORT = "export", _("Exported")
    LIST = "list", _("Listed")
    DENIED = "denied", _("Access refused")


class AccessLogEntry(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    participant = models.ForeignKey(
        "participants.Participant",
        verbose_name=_("participant"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Kept when the participant is erased, so the log stays complete without the person's data.
    participant_number = models.CharField(_("participant number"), max_length=20, blank=True)
    action = models.CharField(_("action"), max_length=8, choices=Action.choices)
    what = models.CharField(
        _("what"), max_length=100, blank=True, help_text=_("Section or view, never data.")
    )
    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        indexes = [models.Index(fields=["participant", "at"]), models.Index(fields=["user", "at"])]
