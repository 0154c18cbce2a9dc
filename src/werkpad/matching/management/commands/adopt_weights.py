"""``werkpad adopt-weights ID --by USER``: put a proposed weight set in use (logged)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from werkpad.accounts.models import User
from werkpad.matching import weights as learned
from werkpad.matching.models import WeightSet


def administrator(username: str) -> User:
    user = User.objects.filter(username=username).first()
    if user is None or not user.is_administrator:
        raise CommandError(f"{username!r} is not an administrator")
    return user


class Command(BaseCommand):
    help = "Adopt a proposed set of matching weights (administrators only; logged, reversible)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("id", type=int, help="The proposal's number (werkpad fit-weights).")
        parser.add_argument("--by", required=True, help="User name of the administrator.")

    def handle(self, *args: Any, **options: Any) -> None:
        user = administrator(options["by"])
        entry = WeightSet.objects.filter(pk=options["id"]).first()
        if entry is None:
            raise CommandError(f"no weight set #{options['id']}")
        try:
            learned.adopt(user, entry)
        except (ValidationError, PermissionDenied) as error:
            raise CommandError(" ".join(getattr(error, "messages", [str(error)]))) from error
        self.stdout.write(f"Weights #{entry.pk} ({entry.version}) are in use.")
