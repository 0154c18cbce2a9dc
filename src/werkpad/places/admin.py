from django.contrib import admin

from .models import Municipality


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "province", "labour_market_region", "population"]
    search_fields = ["name", "code"]
    list_filter = ["province"]
