"""``werkpad demo``: migrate, seed the demo population and serve (what ``make demo`` does).

The ``werkpad`` CLI sets ``WERKPAD_DEMO=true`` for this command before the settings load.
"""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Run Werkpad with demo data: migrate, seed_demo, serve."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--size", type=int, default=300, help="Number of demo participants.")
        parser.add_argument("--seed", type=int, default=2025)
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-serve", action="store_true", help="Only migrate and seed.")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write("Database is up to date.")
        call_command("seed_demo", size=options["size"], seed=options["seed"], stdout=self.stdout)
        if not options["no_serve"]:
            call_command("serve", host=options["host"], port=options["port"])
