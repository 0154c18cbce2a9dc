from axes.models import AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import Organisation, User
from .twofactor import reset as reset_two_factor


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "municipality"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "organisation", "is_active"]
    list_filter = ["role", "organisation", "is_active"]
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Werkpad"), {"fields": ("role", "organisation", "job_title", "language")}),
    )
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        (_("Werkpad"), {"fields": ("role", "organisation", "first_name", "last_name")}),
    )
    actions = ["reset_two_factor"]

    @admin.action(description=_("Reset two-factor authentication (the user enrols again)"))
    def reset_two_factor(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        """Remove the users' authenticator and recovery codes; recorded in each user's history
        in the admin (who, when), so the reset is logged."""
        for user in queryset:
            reset_two_factor(user)
            self.log_change(request, user, [{"changed": {"fields": ["two-factor authentication"]}}])
        self.message_user(
            request,
            _("Two-factor authentication reset for %(count)d user(s).") % {"count": len(queryset)},
        )


# django-axes: administrators unlock in "Access attempts" (delete the record). Werkpad keeps no
# log of successful logins nor a separate failure log in axes (AXES_DISABLE_ACCESS_LOG, see
# settings), so their always-empty pages are left out of the admin.
for _model in (AccessLog, AccessFailureLog):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
