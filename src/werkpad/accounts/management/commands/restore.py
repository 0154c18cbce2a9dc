"""``werkpad restore FILE``: restore a backup into a fresh, empty database (see werkpad.backup)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from werkpad.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore FILE (from werkpad backup) into the database of DATABASE_URL, which must be "
        "empty: a new SQLite file, or a database made with createdb."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        try:
            restore(file)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Restored {file}"))
