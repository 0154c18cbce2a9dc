from django.apps import AppConfig


class HandoversConfig(AppConfig):
    name = "werkpad.handovers"
    label = "handovers"
    default_auto_field = "django.db.models.BigAutoField"
