"""``werkpad seal-audit``: chain and seal the access-log entries since the last seal.

Run it from a scheduler (cron, systemd timer, the task worker) every few minutes. Each seal is
appended to ``WERKPAD_AUDIT_ANCHOR_FILE`` (keep that file on other storage than the database,
or copy it off the machine). See :mod:`werkpad.audit.chain`.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from werkpad.audit.chain import seal


class Command(BaseCommand):
    help = (
        "Chain the new access-log entries and seal the block (anchor written outside the database)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--grace-seconds",
            type=int,
            default=60,
            help="Leave entries younger than this for the next seal (default 60).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        result = seal(grace_seconds=options["grace_seconds"])
        if result is None:
            self.stdout.write("Nothing to seal.")
        else:
            self.stdout.write(
                f"Sealed {result.entries} entries up to entry {result.last_entry_id}: {result.chain}"
            )
