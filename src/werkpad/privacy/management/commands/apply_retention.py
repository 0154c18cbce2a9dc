"""``werkpad apply-retention [--day YYYY-MM-DD]``: anonymise what has passed its retention period.

Run it daily from a scheduler. It calls :func:`werkpad.privacy.retention.apply_retention`, a plain
function a task queue can call as well. Idempotent: a second run the same day changes nothing.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from werkpad.privacy.retention import apply_retention


class Command(BaseCommand):
    help = "Anonymise participant files and other records whose retention period has ended."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--day",
            type=date.fromisoformat,
            default=None,
            help="Apply the periods as on this day (default today).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        result = apply_retention(options["day"])
        self.stdout.write(json.dumps(result.as_dict()))
