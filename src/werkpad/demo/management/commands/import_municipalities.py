"""``werkpad import-municipalities FILE.csv``: load CBS municipalities (upsert by CBS code).

All or nothing: every row is checked first; if any row is bad, the errors are listed per line and
nothing is written. The file is read by the import engine's bounded reader (size, rows, columns,
cell length; CSV or XLSX), the same as the employer desk's imports.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from werkpad.demo.municipalities import RowError, parse_cbs_rows, upsert
from werkpad.employers.imports import FileProblem, read_table


class Command(BaseCommand):
    help = "Import Dutch municipalities from a CBS CSV (gm_code, gm_name, pv_name, am_name, lat, lon, population_YYYY)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("csv", type=Path, help="The CSV file (UTF-8, header row).")

    def handle(self, *args: Any, csv: Path, **options: Any) -> None:
        try:
            sheet = read_table(csv.name, csv.read_bytes())
        except OSError as exc:
            raise CommandError(f"Cannot read {csv}: {exc}") from exc
        except FileProblem as exc:
            raise CommandError(f"{csv.name}: {exc}") from exc
        numbered = [(n, row) for n, row in enumerate(sheet.rows, start=2) if row]
        rows, errors = parse_cbs_rows(sheet.header, numbered)
        errors = sorted(
            [
                *errors,
                *(
                    RowError(e.row, f"{e.column}: {e.message}" if e.column else e.message)
                    for e in sheet.errors
                ),
            ],
            key=lambda e: e.line,
        )
        if errors:
            for error in errors:
                self.stderr.write(f"  {csv.name}: {error}")
            raise CommandError(
                f"{len(errors)} bad row(s) in {csv.name}; nothing was imported. Fix them and run again."
            )
        if not rows:
            raise CommandError(f"{csv.name} holds no municipalities; nothing was imported.")
        with transaction.atomic():
            created, updated, unchanged = upsert(rows)
        self.stdout.write(
            self.style.SUCCESS(
                f"Municipalities: {created} created, {updated} updated, {unchanged} unchanged "
                f"({len(rows)} rows in {csv.name})."
            )
        )
