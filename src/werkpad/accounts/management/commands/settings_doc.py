"""``werkpad settings_doc``: print the configuration table (the README's) from settings.py itself."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Print every environment variable Werkpad reads, with its default, as a Markdown table."

    def handle(self, *args: Any, **options: Any) -> None:
        from werkpad import settings

        self.stdout.write("| variable | default | meaning |\n|---|---|---|")
        for name, default, doc in settings.DOCUMENTED_SETTINGS:
            shown = (
                default
                if "sqlite" not in default
                else "SQLite file `werkpad.sqlite3` in the working directory"
            )
            self.stdout.write(f"| `{name}` | {shown or '(empty)'} | {doc} |")
