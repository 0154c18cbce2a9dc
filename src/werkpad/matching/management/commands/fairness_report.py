"""``werkpad fairness-report [--k 10] [--organisation ID]``: exposure per group (aggregates only)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from werkpad.matching.fairness import as_text, fairness_report


class Command(BaseCommand):
    help = (
        "Print the exposure of gender and region-of-origin groups in the top-k candidate "
        "rankings of the open vacancies (small cells suppressed)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--k", type=int, default=10, help="Top k per vacancy (default 10).")
        parser.add_argument(
            "--organisation",
            type=int,
            default=None,
            help="Only the candidates of this organisation (id); default: all.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        k = max(1, options["k"])
        self.stdout.write(as_text(fairness_report(k=k, organisation_id=options["organisation"])))
