"""``werkpad worker``: run the background tasks waiting in the database (django-tasks-db).

Start one or more beside the app servers when ``WERKPAD_TASKS_BACKEND=database`` (the production
default). The options are those of django-tasks-db's ``db_worker`` (``--batch`` runs what is queued
and stops; ``--queue-name``, ``--interval``, ``--max-tasks``); see README, "Background tasks".
"""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Run queued background tasks from the database (digests, long imports, batch matching)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", action="store_true", help="Run what is queued, then stop.")
        parser.add_argument("--queue-name", default="default")
        parser.add_argument("--interval", type=float, default=1.0)
        parser.add_argument("--max-tasks", type=int, default=None)

    def handle(
        self,
        *args: Any,
        batch: bool,
        queue_name: str,
        interval: float,
        max_tasks: int | None,
        **options: Any,
    ) -> None:
        extra = ["--batch"] if batch else []
        if max_tasks is not None:
            extra += ["--max-tasks", str(max_tasks)]
        call_command(
            "db_worker",
            *extra,
            queue_name=queue_name,
            interval=interval,
            reload=False,
            startup_delay=not batch,
            verbosity=options.get("verbosity", 1),
        )
