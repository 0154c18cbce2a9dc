"""``werkpad import-drs FILE.csv --organisation NAME``: a DRS registration (seed 002) into Werkpad."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from werkpad.accounts.models import Organisation
from werkpad.pathway.drs import import_rows


class Command(BaseCommand):
    help = "Import a DRS file (the layout of /pathway/export/drs.csv); all or nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--organisation", required=True, help="Organisation holding the files.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        org = Organisation.objects.filter(name=options["organisation"]).exclude(kind="employer")
        if not org.exists():
            raise CommandError(f"no organisation named {options['organisation']!r}")
        rep = import_rows(path.read_text(encoding="utf-8"), org.first())  # type: ignore[arg-type]
        if rep.errors:
            for row, col, msg in rep.errors[:200]:
                self.stderr.write(f"row {row}: {col}: {msg}")
            raise CommandError(f"nothing imported: {len(rep.errors)} error(s)")
        self.stdout.write(f"imported {rep.created}, unchanged {rep.unchanged}")
