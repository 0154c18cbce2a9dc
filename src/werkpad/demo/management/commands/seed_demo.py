"""``werkpad seed_demo [--size N] [--seed S]``: fill the database with the demo population.

Idempotent: when the demo was seeded before (the demo administrator exists), nothing is added and
the logins are printed again.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from werkpad.demo.seed import (
    ADMIN_USERNAME,
    DEMO_MARKER,
    Login,
    is_seeded,
    known_logins,
    seed_database,
)


class Command(BaseCommand):
    help = "Create the synthetic demo population (participants, organisations, coaches, logins)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--size", type=int, default=300, help="Number of participants.")
        parser.add_argument(
            "--seed", type=int, default=2025, help="Random seed (same seed, same people)."
        )

    def handle(self, *args: Any, size: int, seed: int, **options: Any) -> None:
        from werkpad.accounts.models import User

        if size < 0:
            raise CommandError("--size must be zero or more")
        if is_seeded():
            self.stdout.write("The demo data is already in this database; nothing added.")
            self.print_logins(known_logins())
            return
        if User.objects.filter(username=ADMIN_USERNAME).exclude(job_title=DEMO_MARKER).exists():
            raise CommandError(
                f"A user named {ADMIN_USERNAME!r} exists that is not the demo administrator: "
                "seed the demo into an empty database."
            )
        start = time.perf_counter()
        verbose = int(options.get("verbosity", 1)) > 1
        ctx = seed_database(
            size, seed, progress=(lambda msg: self.stdout.write(f"  {msg}")) if verbose else None
        )
        elapsed = time.perf_counter() - start
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data created: {len(ctx.participants)} participants, {len(ctx.coaches)} coaches, "
                f"{len(ctx.organisations)} organisations in {len(ctx.municipalities)} municipalities "
                f"({elapsed:.1f} s, seed {seed})."
            )
        )
        self.print_logins(ctx.logins)

    def print_logins(self, logins: list[Login]) -> None:
        if not logins:
            return
        w_role = max(len("role"), *(len(r) for r, _u, _p, _d in logins))
        w_user = max(len("username"), *(len(u) for _r, u, _p, _d in logins))
        w_pass = max(len("password"), *(len(p) for _r, _u, p, _d in logins))
        self.stdout.write("")
        self.stdout.write(
            self.style.MIGRATE_HEADING("Demo logins (synthetic data; one password for all):")
        )
        self.stdout.write(
            f"  {'role':<{w_role}}  {'username':<{w_user}}  {'password':<{w_pass}}  try"
        )
        for role, username, password, what in logins:
            self.stdout.write(
                f"  {role:<{w_role}}  {username:<{w_user}}  {password:<{w_pass}}  {what}"
            )
        self.stdout.write("")
