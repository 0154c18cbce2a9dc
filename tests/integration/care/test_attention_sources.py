"""The attention list is open: another part of Werkpad adds a source through the setting."""

from datetime import timedelta

from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from werkpad.attention import AttentionItem, Severity, collect, counts


def unread_messages(user, today):
    """A source as the portal would add one (messages of newcomers)."""
    yield AttentionItem(
        kind="message",
        title="2 unread messages",
        url="/portal/messages/",
        due=today - timedelta(days=1),
        severity=Severity.OVERDUE,
        kind_label="Messages",
    )


def test_a_source_added_by_setting_shows_on_the_coachs_day(world, login):
    from django.conf import settings as django_settings

    sources = [*django_settings.WERKPAD_ATTENTION_SOURCES, f"{__name__}.unread_messages"]
    with override_settings(WERKPAD_ATTENTION_SOURCES=sources):
        items = collect(world.anna, timezone.localdate())
        assert items[0].kind == "message"  # overdue first
        assert ("message", "Messages", 1) in counts(items)
        page = login(world.anna).get(reverse("pathway:day"))
        assert "2 unread messages" in page.text and 'href="/portal/messages/"' in page.text
        filtered = login(world.anna).get(reverse("pathway:day") + "?kind=message")
        assert "2 unread messages" in filtered.text
