"""The ``werkpad`` command: ``werkpad demo``, ``werkpad serve`` and every Django management command."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "werkpad.settings")
    command = argv[1] if len(argv) > 1 else "help"
    if "-" in command and not command.startswith("-"):
        # ``werkpad import-municipalities`` runs the ``import_municipalities`` command.
        command = argv[1] = command.replace("-", "_")
    if command == "demo":
        os.environ.setdefault("WERKPAD_DEMO", "true")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
