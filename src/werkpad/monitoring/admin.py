from django.contrib import admin

from .models import AnalystScope


@admin.register(AnalystScope)
class AnalystScopeAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    filter_horizontal = ("organisations",)
