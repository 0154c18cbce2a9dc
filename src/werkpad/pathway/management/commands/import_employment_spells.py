"""``werkpad import-employment-spells FILE.csv``: work after outflow from follow-up or payroll data.

The layout is the export's (``/pathway/export/employment-spells.csv``): participant_number,
programme, intake_date, employer, sector, start_date, end_date, hours_per_week, contract_kind.
All or nothing with a row report; running the same file again changes nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from werkpad.pathway.exports import import_spells


class Command(BaseCommand):
    help = "Import employment spells after outflow from a CSV file (all or nothing)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        report = import_spells(path.read_text(encoding="utf-8"))
        if report.errors:
            for line, message in report.errors:
                self.stderr.write(f"row {line}: {message}")
            raise CommandError(f"nothing imported: {len(report.errors)} row(s) with errors")
        self.stdout.write(f"imported {report.created}, unchanged {report.unchanged}")
