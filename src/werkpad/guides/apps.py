from django.apps import AppConfig


class GuidesConfig(AppConfig):
    name = "werkpad.guides"
    label = "guides"
    verbose_name = "Public guides"
