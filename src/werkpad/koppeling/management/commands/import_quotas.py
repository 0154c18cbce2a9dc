"""``werkpad import-quotas FILE.csv --half-year 2026-H2``: the published taakstelling per
municipality (columns ``gm_code, persons``). All or nothing: every row is checked first (a known
CBS code, a whole number ≥ 0, no code twice); if any row is bad, the errors are listed per line and
nothing is written. Read by the import engine's bounded reader (CSV or XLSX). Imported quotas
replace derived ones for that municipality and half-year; ``derive-quotas`` keeps them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from werkpad.employers.imports import FileProblem, read_table
from werkpad.koppeling.models import QuotaSource, Taakstelling
from werkpad.places.models import Municipality


class Command(BaseCommand):
    help = "Import the taakstelling of a half-year per municipality (gm_code, persons)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--half-year", required=True, help="As 2026-H2.")

    def handle(self, *args: Any, file: Path, half_year: str, **options: Any) -> None:
        half_year = half_year.strip().upper()
        if not re.fullmatch(r"20\d\d-H[12]", half_year):
            raise CommandError("Give the half-year as 2026-H2.")
        try:
            sheet = read_table(file.name, file.read_bytes())
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc}") from exc
        except FileProblem as exc:
            raise CommandError(f"{file.name}: {exc}") from exc
        header = [h.strip() for h in sheet.header]
        if "gm_code" not in header or "persons" not in header:
            raise CommandError(f"{file.name}: the columns gm_code and persons are needed.")
        known = dict(Municipality.objects.values_list("code", "pk"))
        errors = [f"line {e.row}: {e.message}" for e in sheet.errors]
        rows: dict[str, int] = {}
        for line, raw in enumerate(sheet.rows, start=2):
            if not raw:
                continue
            rec = {(k or "").strip(): (v or "").strip() for k, v in raw.items() if k is not None}
            code, persons = rec.get("gm_code", "").upper(), rec.get("persons", "")
            problems = []
            if code not in known:
                problems.append(f"gm_code {code!r} is not an imported municipality")
            elif code in rows:
                problems.append(f"gm_code {code} appears twice")
            if not persons.isdigit():
                problems.append(f"persons {persons!r} is not a whole number ≥ 0")
            if problems:
                errors.append(f"line {line}: " + "; ".join(problems))
            else:
                rows[code] = int(persons)
        if errors:
            for error in errors:
                self.stderr.write(f"  {file.name}: {error}")
            raise CommandError(f"{len(errors)} bad row(s) in {file.name}; nothing was imported.")
        if not rows:
            raise CommandError(f"{file.name} holds no quotas; nothing was imported.")
        with transaction.atomic():
            Taakstelling.objects.filter(
                half_year=half_year, municipality_id__in=[known[c] for c in rows]
            ).delete()
            Taakstelling.objects.bulk_create(
                [
                    Taakstelling(
                        municipality_id=known[code],
                        half_year=half_year,
                        persons=persons,
                        source=QuotaSource.IMPORTED,
                        source_detail=file.name[:200],
                    )
                    for code, persons in rows.items()
                ]
            )
        total = sum(rows.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Taakstelling {half_year}: {len(rows)} municipalities, {total} persons."
            )
        )
