from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EligibilityConfig(AppConfig):
    name = "werkpad.eligibility"
    verbose_name = _("Work eligibility and REBA")
