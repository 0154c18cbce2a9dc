"""The optional daily e-mail digest of a coach's day: counts and links only.

Never a name, a participant number or an appointment's details: per kind of item the number and
one link to the attention list filtered on that kind. Coaches ask for it on their "My day" page
(``DigestSubscription``); ``werkpad digest`` queues the sending as a background task.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from werkpad import attention

if TYPE_CHECKING:
    from werkpad.accounts.models import User


@dataclass(frozen=True)
class Digest:
    subject: str
    body: str
    total: int


def digest_for(user: User, today: date) -> Digest:
    """The digest of ``user``'s attention list on ``today``, in the user's language."""
    base = str(getattr(settings, "WERKPAD_SITE_URL", "")).rstrip("/")
    with translation.override(user.language or settings.LANGUAGE_CODE):
        items = attention.collect(user, today)
        overdue = sum(1 for i in items if i.severity == attention.Severity.OVERDUE)
        page = base + reverse("pathway:day")
        lines = [
            _("Good morning. What needs attention today:"),
            "",
        ]
        for kind, label, n in attention.counts(items):
            lines.append(f"- {label}: {n} — {page}?kind={kind}")
        if not items:
            lines.append(_("Nothing needs attention."))
        lines += [
            "",
            ngettext("%(n)d item is overdue.", "%(n)d items are overdue.", overdue)
            % {"n": overdue},
            _("Open your day: %(url)s") % {"url": page},
            "",
            _("This e-mail holds counts and links only. You can stop it on the page above."),
        ]
        subject = ngettext(
            "Werkpad: %(n)d item needs attention", "Werkpad: %(n)d items need attention", len(items)
        ) % {"n": len(items)}
    return Digest(subject, "\n".join(lines), len(items))


def send_digests(today: date) -> int:
    """Send today's digest to every subscriber who has an e-mail address and not had it today."""
    from .care_models import DigestSubscription

    sent = 0
    for sub in DigestSubscription.objects.select_related("user").exclude(last_sent_on=today):
        user = sub.user
        if not user.is_active or not user.is_coach or not user.email:
            continue
        digest = digest_for(user, today)
        send_mail(digest.subject, digest.body, None, [user.email])
        sub.last_sent_on = today
        sub.save(update_fields=["last_sent_on"])
        sent += 1
    return sent
