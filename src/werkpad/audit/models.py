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


class AppendOnlyError(Exception):
    """An access-log entry was to be changed or deleted: the log is append-only."""


class AccessLogQuerySet(models.QuerySet["AccessLogEntry"]):
    def update(self, **kwargs: object) -> int:
        raise AppendOnlyError("access-log entries cannot be changed")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("access-log entries cannot be deleted")


class AccessLogEntry(models.Model):
    """One line of the access log. Append-only: :meth:`save` refuses a change, :meth:`delete`
    and the queryset's ``update``/``delete`` refuse; the admin is read-only; on PostgreSQL a
    trigger refuses UPDATE (but of the two references a deletion elsewhere sets to NULL) and
    DELETE. Entries are chained by :mod:`werkpad.audit.chain` when sealed."""

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

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        indexes = [models.Index(fields=["participant", "at"]), models.Index(fields=["user", "at"])]

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError("access-log entries cannot be changed")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("access-log entries cannot be deleted")


class PersonKey(models.Model):
    """The key of one person's pseudonym in the audit chain (HMAC-SHA256 of the participant
    number). Kept apart from the log: erasing a person deletes this row, after which the log's
    pseudonym can no longer be linked to anyone, and the chain still verifies."""

    participant_number = models.CharField(max_length=20, unique=True)
    key = models.BinaryField(max_length=32)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("audit key")
        verbose_name_plural = _("audit keys")


class ChainLink(models.Model):
    """The chain value of one sealed entry: ``sha256(previous chain || entry digest)``, where the
    digest covers the entry's id, time, user id, action, what and the person's pseudonym. The
    entry id is a plain number, not a foreign key: a deleted entry leaves its link behind and
    ``werkpad verify-audit`` names it."""

    entry_id = models.BigIntegerField(primary_key=True)
    user_id = models.BigIntegerField(null=True)
    pseudonym = models.CharField(max_length=64, blank=True)
    chain = models.CharField(max_length=64)

    class Meta:
        ordering = ["entry_id"]


class Seal(models.Model):
    """A sealed block: the chain head after ``last_entry_id``. Each seal is also appended to
    the anchor file outside the database (``WERKPAD_AUDIT_ANCHOR_FILE``)."""

    last_entry_id = models.BigIntegerField(unique=True)
    entries = models.IntegerField()
    chain = models.CharField(max_length=64)
    sealed_at = models.DateTimeField()

    class Meta:
        ordering = ["last_entry_id"]
