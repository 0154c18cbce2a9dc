"""``werkpad derive-quotas 2026-H2 [--total N]``: the taakstelling of a half-year per municipality,
in proportion to population, from the national total (the dated parameter
``koppeling.national_taakstelling_persons`` unless ``--total`` is given). Imported quotas stay."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from werkpad.koppeling import actions


class Command(BaseCommand):
    help = "Derive the taakstelling of a half-year per municipality in proportion to population."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("half_year", help="As 2026-H2.")
        parser.add_argument("--total", type=int, default=None, help="The national total (persons).")

    def handle(self, *args: Any, half_year: str, total: int | None, **options: Any) -> None:
        half_year = half_year.strip().upper()
        if not re.fullmatch(r"20\d\d-H[12]", half_year):
            raise CommandError("Give the half-year as 2026-H2.")
        if total is not None and total < 0:
            raise CommandError("The total must be at least 0.")
        try:
            done = actions.derive_quotas(
                half_year, total, detail=f"--total {total}" if total is not None else ""
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(self.style.SUCCESS(f"Taakstelling {half_year}: {done} persons divided."))
