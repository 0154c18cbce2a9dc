"""The scope of an analyst: the organisations whose participants the evaluation pages count."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AnalystScope(models.Model):
    """An analyst with a scope sees only the participants of these organisations (none: all)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("analyst"),
        on_delete=models.CASCADE,
        related_name="analyst_scope",
        limit_choices_to={"role": "analyst"},
    )
    organisations = models.ManyToManyField(
        "accounts.Organisation", verbose_name=_("organisations"), related_name="+"
    )

    class Meta:
        verbose_name = _("analyst scope")
        verbose_name_plural = _("analyst scopes")

    def __str__(self) -> str:
        return str(self.user)
