"""``werkpad import-esco DIR [--language en] [--labels nl=PATH ...] [--prune]``.

Reads the official ESCO CSV download in ``DIR`` (never copied into the project) and stores it in
the database, upserting by URI in one transaction: a second run with the same files changes
nothing. Prints the counts per table and the time taken.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from werkpad.core.taxonomy import EscoFormatError, load_esco
from werkpad.matching.taxonomy import import_taxonomy


class Command(BaseCommand):
    help = "Import an ESCO CSV download (occupations, skills, relations) into the database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path, help="Directory of the ESCO CSV files.")
        parser.add_argument(
            "--language", default="en", help="Language of the files in DIR (default: en)."
        )
        parser.add_argument(
            "--labels",
            action="append",
            default=[],
            metavar="LANG=PATH",
            help="Occupation labels in another language (ESCO occupations_LANG.csv); repeatable.",
        )
        parser.add_argument(
            "--prune",
            action="store_true",
            help="Also delete stored concepts that are not in the files.",
        )
        parser.add_argument(
            "--no-embeddings",
            action="store_true",
            help="Do not compute the label vectors of the multilingual search (lexical only).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        extra: dict[str, Path] = {}
        for item in options["labels"]:
            language, sep, path = item.partition("=")
            if not sep or not language.strip() or not path.strip():
                raise CommandError(f"--labels takes LANG=PATH, not {item!r}")
            if not Path(path).is_file():
                raise CommandError(f"--labels {language}: no such file {path}")
            extra[language.strip()] = Path(path.strip())
        started = time.perf_counter()
        try:
            taxonomy = load_esco(options["directory"], options["language"], extra_labels=extra)
        except EscoFormatError as error:
            raise CommandError(str(error)) from error
        loaded = time.perf_counter()
        report = import_taxonomy(
            taxonomy, prune=options["prune"], embed=not options["no_embeddings"]
        )
        stored = time.perf_counter()

        width = max(len(name) for name in report.totals)
        self.stdout.write(
            f"{'table':<{width}}  {'stored':>8}  {'created':>8}  {'updated':>8}  {'deleted':>8}"
        )
        for name, total in report.totals.items():
            self.stdout.write(
                f"{name:<{width}}  {total:>8}  {report.created.get(name, 0):>8}  "
                f"{report.updated.get(name, 0):>8}  {report.deleted.get(name, 0):>8}"
            )
        if taxonomy.skipped:
            self.stdout.write(
                f"{len(taxonomy.skipped)} rows of the files refer to unknown concepts and were "
                "left out."
            )
        if not options["no_embeddings"]:
            self.stdout.write(
                f"Label vectors of the multilingual search: {report.embedded} texts encoded "
                "(the others reused)."
            )
        if report.changed or report.embedded:
            self.stdout.write(f"Taxonomy version {report.version} stored.")
        else:
            self.stdout.write("Nothing changed: the database already holds these files.")
        self.stdout.write(
            f"Read the files in {loaded - started:.1f} s, stored in {stored - loaded:.1f} s, "
            f"total {stored - started:.1f} s."
        )
