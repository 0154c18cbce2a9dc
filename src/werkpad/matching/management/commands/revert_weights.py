"""``werkpad revert-weights --by USER``: stop using the adopted weights (logged)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from werkpad.matching import weights as learned

from .adopt_weights import administrator


class Command(BaseCommand):
    help = "Retire the adopted matching weights: the previous ones (or the defaults) apply again."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--by", required=True, help="User name of the administrator.")

    def handle(self, *args: Any, **options: Any) -> None:
        retired = learned.revert(administrator(options["by"]))
        if retired is None:
            self.stdout.write("The built-in default weights are in use; nothing to revert.")
            return
        current = learned.active_set()
        now = f"#{current.pk} ({current.version})" if current else "the built-in defaults"
        self.stdout.write(f"Weights #{retired.pk} reverted; in use now: {now}.")
