"""``werkpad import-registry DIR [--programme NAME] [--organisation NAME] [--peildatum DATE]``."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from werkpad.monitoring.importer import import_registry


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as e:
        raise CommandError(f"not a date (YYYY-MM-DD): {value}") from e


class Command(BaseCommand):
    help = (
        "Import an evaluation registry in the startbaan layout (docs/registry-layout.md) as "
        "enrolments in one programme. All or nothing with a row report; a second run changes "
        "nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path)
        parser.add_argument(
            "--programme", default=None, help="Programme name (default: the folder's name)."
        )
        parser.add_argument(
            "--organisation",
            default=None,
            help="Organisation that holds the files (default: one named after the programme).",
        )
        parser.add_argument(
            "--peildatum",
            type=_date,
            default=None,
            help="The date status_peildatum holds on (default: the registry's latest date).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        directory: Path = options["directory"]
        if not directory.is_dir():
            raise CommandError(f"{directory}: no such folder")
        try:
            rep = import_registry(
                directory,
                programme=options["programme"],
                organisation=options["organisation"],
                peildatum=options["peildatum"],
            )
        except ValueError as e:
            raise CommandError(str(e)) from e
        for name, n in sorted(rep.rows.items()):
            self.stdout.write(f"{name}: {n} rows")
        if rep.errors:
            for err in rep.errors[:200]:
                self.stderr.write(str(err))
            if len(rep.errors) > 200:
                self.stderr.write(f"... and {len(rep.errors) - 200} more")
            raise CommandError(f"nothing imported: {len(rep.errors)} error(s)")
        self.stdout.write(
            f"programme {rep.programme!r}, peildatum {rep.peildatum}: "
            f"imported {rep.created} participants, unchanged {rep.unchanged}, "
            f"{rep.placements} placements, {rep.employers} new employers"
        )
