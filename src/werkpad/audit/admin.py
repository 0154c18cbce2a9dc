from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import AccessLogEntry
from .what import label


@admin.register(AccessLogEntry)
class AccessLogAdmin(admin.ModelAdmin):
    list_display = ["at", "user", "participant_number", "action", "what_label"]
    list_filter = ["action"]
    search_fields = ["participant_number", "user__username"]
    date_hierarchy = "at"
    # Never the participant link itself: it would show the participant's name. The number is
    # enough to find the file through the scoped pages.
    fields = ["at", "user", "participant_number", "action", "what_label"]
    readonly_fields = fields

    @admin.display(description=_("what"))
    def what_label(self, obj: AccessLogEntry) -> str:
        return label(obj.what)

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
