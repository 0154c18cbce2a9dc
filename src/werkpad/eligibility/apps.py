from django.apps import AppConfig
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _


def check_rules_file() -> None:
    """Load the rule parameters now, so that an invalid ``WERKPAD_RULES_FILE`` stops the start.

    The message names the setting, then the core's :class:`RulesFileError` text, which starts with
    the key (or file) at fault and names the problem.
    """
    from werkpad.core.rules import RulesFileError

    from .adapters import get_parameters

    try:
        get_parameters()
    except RulesFileError as exc:
        raise ImproperlyConfigured(f"WERKPAD_RULES_FILE is invalid: {exc}") from exc


class EligibilityConfig(AppConfig):
    name = "werkpad.eligibility"
    verbose_name = _("Work eligibility and REBA")

    def ready(self) -> None:
        check_rules_file()
