"""Administration of the learned matching weights: adopt a proposal, or revert (both logged)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from werkpad.accounts.models import User

from . import weights as learned
from .models import WeightSet


@admin.register(WeightSet)
class WeightSetAdmin(admin.ModelAdmin):
    list_display = ("id", "version", "status", "created_at", "adopted_at", "adopted_by")
    readonly_fields = (
        "weights",
        "version",
        "status",
        "fit",
        "created_at",
        "adopted_at",
        "adopted_by",
        "retired_at",
    )
    fields = ("note", *readonly_fields)
    actions = ("adopt", "revert")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # proposals come from `werkpad fit-weights`

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False  # the history of weights is kept

    @admin.action(description=_("Adopt the selected proposal (put it in use)"))
    def adopt(self, request: HttpRequest, queryset: QuerySet[WeightSet]) -> None:
        if queryset.count() != 1 or not isinstance(request.user, User):
            self.message_user(request, _("Select exactly one proposal."), messages.ERROR)
            return
        try:
            entry = learned.adopt(request.user, queryset.get())
        except (ValidationError, PermissionDenied) as error:
            self.message_user(request, " ".join(getattr(error, "messages", [])), messages.ERROR)
            return
        self.message_user(request, _("Weights #%(id)s are in use.") % {"id": entry.pk})

    @admin.action(description=_("Revert the weights in use (the previous ones apply again)"))
    def revert(self, request: HttpRequest, queryset: QuerySet[WeightSet]) -> None:
        if not isinstance(request.user, User):
            return
        retired = learned.revert(request.user)
        if retired is None:
            self.message_user(request, _("The built-in default weights are in use."))
        else:
            self.message_user(request, _("Weights #%(id)s reverted.") % {"id": retired.pk})
