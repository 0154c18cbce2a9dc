"""``werkpad digest``: queue today's daily e-mail digests (run it once a day, e.g. from cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Queue the daily e-mail digests of the coaches who asked for one (counts and links only)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        from werkpad.pathway.tasks import send_daily_digests

        result = send_daily_digests.enqueue()
        self.stdout.write(f"Queued the daily digests (task {result.id}, {result.status}).")
