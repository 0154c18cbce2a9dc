from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PathwayConfig(AppConfig):
    name = "werkpad.pathway"
    verbose_name = _("Path to work")
