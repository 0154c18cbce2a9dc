"""``werkpad backup FILE``: a consistent copy of the whole database (see werkpad.backup)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from werkpad.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the database to FILE: SQLite online backup (a database file), or "
        "pg_dump --format=custom on PostgreSQL. Safe while Werkpad is serving."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        try:
            backup(file)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Backup written to {file}"))
