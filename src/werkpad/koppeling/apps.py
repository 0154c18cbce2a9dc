from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KoppelingConfig(AppConfig):
    name = "werkpad.koppeling"
    verbose_name = _("Municipality linking")
