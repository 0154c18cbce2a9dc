"""``werkpad report startbanen --peildatum YYYY-MM-DD [--suppress N] [--format csv|xlsx|json]``.

From Werkpad's database (every enrolment, or one ``--programme``); with ``--registry DIR`` straight
from a registry folder instead (nothing imported).
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from werkpad.core.stats.startbaan import BREAKDOWNS, report
from werkpad.monitoring import report as out
from werkpad.monitoring.registry import read_registry
from werkpad.monitoring.reports import Filters, startbaan_cells
from werkpad.pathway.models import Programme

log = logging.getLogger("werkpad.monitoring")


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as e:
        raise CommandError(f"not a date (YYYY-MM-DD): {value}") from e


class Command(BaseCommand):
    help = (
        "Print the startbaan report (seed 003, Bijlage 1, Tabel 1-9) at a peildatum, one row per "
        "cell: tabel,kolom,variabele,categorie,n,pct."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("report", choices=["startbanen"])
        parser.add_argument("--peildatum", required=True, type=_date)
        parser.add_argument(
            "--registry",
            default=None,
            type=Path,
            help="Read a registry folder in the startbaan layout (docs/registry-layout.md) "
            "instead of the database.",
        )
        parser.add_argument(
            "--programme", default=None, help="Only this programme (by name); database only."
        )
        parser.add_argument(
            "--registry-date",
            type=_date,
            default=None,
            help="The date the registry's status_peildatum holds on (default: --peildatum).",
        )
        parser.add_argument(
            "--suppress",
            type=int,
            default=None,
            help="Small-cell threshold (default WERKPAD_SMALL_CELL); 0 = none, logged.",
        )
        parser.add_argument(
            "--by",
            default="",
            help="Split Tabel 2 and 4 by these variables (comma-separated): "
            + ", ".join(BREAKDOWNS),
        )
        parser.add_argument("--format", choices=["csv", "xlsx", "json"], default="csv")
        parser.add_argument("--output", type=Path, default=None, help="File (xlsx: required).")

    def handle(self, *args: Any, **options: Any) -> None:
        peildatum: date = options["peildatum"]
        threshold = options["suppress"]
        if threshold is None:
            threshold = int(settings.WERKPAD_SMALL_CELL)
        if threshold < 0:
            raise CommandError("--suppress must be 0 or more")
        if threshold == 0:
            log.warning("startbaan report without suppression, peildatum %s", peildatum)
        by = [v for v in options["by"].split(",") if v]
        unknown = [v for v in by if v not in BREAKDOWNS]
        if unknown:
            raise CommandError(f"--by: unknown variable(s) {', '.join(unknown)}")
        if options["registry"] is not None:
            reg = read_registry(options["registry"], options["registry_date"] or peildatum)
            if reg.errors:
                for e in reg.errors[:50]:
                    self.stderr.write(str(e))
                raise CommandError(f"{len(reg.errors)} errors in the registry; nothing reported")
            cells = report(reg.persons.values(), peildatum, threshold, by)
        else:
            filters = Filters()
            if options["programme"]:
                prog = Programme.objects.filter(name=options["programme"]).first()
                if prog is None:
                    raise CommandError(f"no programme named {options['programme']!r}")
                filters = Filters(programme=prog.pk)
            cells = startbaan_cells(peildatum, filters, threshold, by)
        fmt = options["format"]
        if fmt == "xlsx":
            if options["output"] is None:
                raise CommandError("--format xlsx needs --output FILE")
            options["output"].write_bytes(out.to_xlsx(cells, peildatum, threshold))
            return
        text = (
            out.to_csv(cells, threshold)
            if fmt == "csv"
            else out.to_json(cells, peildatum, threshold)
        )
        if options["output"] is not None:
            options["output"].write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text, ending="")
        if fmt == "csv":
            for d in out.REPORT_DEVIATIONS:
                self.stderr.write(
                    f"note: tabel {d.tabel} {d.variabele}={d.categorie}: report "
                    f"{d.report_n if d.report_n is not None else ''} {d.report_pct or ''} "
                    f"- {d.reason}"
                )
