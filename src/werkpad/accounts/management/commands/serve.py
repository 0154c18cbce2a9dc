"""``werkpad serve``: serve Werkpad with waitress (a production-grade pure-Python WSGI server)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Serve Werkpad over HTTP with waitress (static files by WhiteNoise)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args: Any, host: str, port: int, threads: int, **options: Any) -> None:
        from waitress import serve

        from werkpad.wsgi import application

        self._warm_up()
        self.stdout.write(f"Werkpad is running at http://{host}:{port}/  (Ctrl+C stops it)")
        serve(application, host=host, port=port, threads=threads, ident="Werkpad")

    def _warm_up(self) -> None:
        """Build what each process caches on first use (the taxonomy and the pool of open
        vacancies for the suggestions) before listening, so the first users after a start do
        not wait for it. A database that cannot answer yet (not migrated) is no reason not to
        start: the caches are then built on first use, as without this."""
        from django.db import DatabaseError, connection

        from werkpad.matching import pool

        started = time.monotonic()
        try:
            pool.warm()
        except DatabaseError as error:
            self.stderr.write(
                f"Warm-up skipped ({type(error).__name__}); caches build on first use."
            )
        else:
            self.stdout.write(f"Warmed up in {time.monotonic() - started:.1f} s.")
        finally:
            connection.close()  # the serving threads open their own
