"""``werkpad verify-audit``: check the access-log chain against the seals and the anchors.

Exit status 0 when the chain is intact, 1 when it is not; the first problem named is the first
broken entry.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from werkpad.audit.chain import verify


class Command(BaseCommand):
    help = "Verify the access-log hash chain against the seals and the anchor file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--anchors",
            type=Path,
            default=None,
            help="Anchor file (default: WERKPAD_AUDIT_ANCHOR_FILE).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        report = verify(options["anchors"])
        if report.ok:
            self.stdout.write(
                f"Access log intact: {report.checked} sealed entries, {report.seals} seals, "
                f"{report.anchors} anchors."
            )
            return
        for problem in report.problems[:20]:
            self.stderr.write(problem)
        raise CommandError(f"Access log broken: first problem: {report.first_broken}")
