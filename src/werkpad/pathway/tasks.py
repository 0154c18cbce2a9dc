"""Background tasks of the pathway (django-tasks; the code moves to ``django.tasks`` unchanged).

Run by the configured backend: at once in the demo and the tests, from the database by
``werkpad worker`` in production (README, "Background tasks").
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django_tasks import task


@task()
def send_daily_digests(on: str | None = None) -> int:
    """Send the daily digests (counts and links only); returns how many were sent."""
    from .digest import send_digests

    day = date.fromisoformat(on) if on else timezone.localdate()
    return send_digests(day)
