"""``werkpad code-occupations``: code free-text occupations to ESCO occupations, for review.

Input: a UTF-8 TSV file with ``id<TAB>text`` per line (a DRS or spreadsheet column "beroep",
intake answers). Output: ``id<TAB>rank<TAB>uri<TAB>score`` for the top ``k`` occupations of each
line (rank 1 is the best), searched with the blended lexical + multilingual search of the
taxonomy in use; ``--labels`` adds the occupation's Dutch label and the label that matched as two
more columns. A line in a language the search cannot read gets no rows (counted on stderr), as
does an empty text. The file is read and written line by line: memory stays bounded.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from werkpad.matching.taxonomy import current

MAX_TEXT = 500


class Command(BaseCommand):
    help = "Code free-text occupations (id<TAB>text per line) to ESCO occupations."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--queries", type=Path, required=True, help="TSV: id<TAB>text.")
        parser.add_argument("--k", type=int, default=10, help="Occupations per line (1-100).")
        parser.add_argument(
            "--out", type=Path, required=True, help="TSV: id<TAB>rank<TAB>uri<TAB>score."
        )
        parser.add_argument(
            "--labels",
            action="store_true",
            help="Add the Dutch label and the matched label as two more columns.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        k = options["k"]
        if not 1 <= k <= 100:
            raise CommandError("--k must be between 1 and 100")
        source = Path(options["queries"])
        if not source.is_file():
            raise CommandError(f"no such file: {source}")
        bundle = current()
        started = time.perf_counter()
        lines = coded = unsupported = empty = 0
        with (
            source.open(encoding="utf-8-sig", newline="") as reader,
            Path(options["out"]).open("w", encoding="utf-8", newline="") as writer,
        ):
            for number, raw in enumerate(reader, start=1):
                line = raw.rstrip("\r\n")
                if not line.strip():
                    continue
                identifier, sep, text = line.partition("\t")
                if not sep:
                    raise CommandError(f"line {number}: expected id<TAB>text")
                if number == 1 and identifier.strip().lower() == "id":
                    continue  # a header
                lines += 1
                text = text.strip()[:MAX_TEXT]
                if not text:
                    empty += 1
                    continue
                outcome = bundle.hybrid.search(text, k, min_score=0.0)
                if outcome.unsupported:
                    unsupported += 1
                if outcome.hits:
                    coded += 1
                for rank, hit in enumerate(outcome.hits, start=1):
                    row = [identifier, str(rank), hit.uri, f"{hit.score:.4f}"]
                    if options["labels"]:
                        row += [bundle.label(hit.uri, "nl"), hit.matched_label]
                    writer.write("\t".join(cell.replace("\t", " ") for cell in row) + "\n")
        elapsed = time.perf_counter() - started
        self.stderr.write(
            f"{lines} lines, {coded} coded, {empty} empty, {unsupported} in a language the "
            f"search cannot read; {elapsed:.1f} s"
        )
