"""``werkpad assign-instance DIR --year FY16 --capacity persons|categories [--format json]``.

Solves a public HIAS resettlement instance exactly (HiGHS, ``mip_rel_gap=0``), checks the answer
independently and prints the figures of the run, with a greedy and a seeded random assignment for
comparison. It reads files only; it touches no database.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from werkpad.core.koppeling import (
    CapacityMode,
    InstanceError,
    Method,
    SolverSettings,
    load_hias,
    run,
)


class Command(BaseCommand):
    help = (
        "Solve a HIAS resettlement instance (FYxx_emp/Compatibility/size/cap.csv in DIR) exactly "
        "and print objective, bound, gap, placements, violations, time, greedy and random."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", type=Path, help="Folder with the instance's four CSV files.")
        parser.add_argument("--year", required=True, help="Instance prefix, e.g. FY16 or FY17.")
        parser.add_argument(
            "--capacity",
            choices=[m.value for m in CapacityMode],
            default=CapacityMode.PERSONS.value,
            help="persons: one capacity per affiliate; categories: one per children/adults/seniors.",
        )
        parser.add_argument("--format", choices=["json", "text"], default="text")
        parser.add_argument(
            "--details",
            action="store_true",
            help="Print the whole report (stages, settings, quota use per affiliate, ratios).",
        )
        parser.add_argument(
            "--cases-first",
            action="store_true",
            help="Place as many cases as possible first, then maximise the weight.",
        )
        parser.add_argument("--seed", type=int, default=0, help="Seed of the random baseline.")
        parser.add_argument(
            "--time-limit",
            type=float,
            default=None,
            help="Seconds for the solver (default: none, so the optimum is proven).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        folder: Path = options["folder"]
        if not folder.is_dir():
            raise CommandError(f"{folder} is not a folder.")
        try:
            instance = load_hias(folder, options["year"], options["capacity"])
        except InstanceError as exc:
            raise CommandError(str(exc)) from exc
        report = run(
            instance.problem,
            SolverSettings(mip_rel_gap=0.0, time_limit=options["time_limit"]),
            method=Method.EXACT,
            maximise_cases_first=options["cases_first"],
            seed=options["seed"],
        )
        figures = report.as_dict() if options["details"] else report.summary()
        if options["details"]:
            figures["affiliates"] = [
                {"capacity_file": cap, "column": column} for cap, column in instance.affiliates
            ]
        if options["format"] == "json":
            self.stdout.write(json.dumps(figures, indent=None if not options["details"] else 2))
            return
        for key, value in figures.items():
            self.stdout.write(f"{key:>16}: {value}")
