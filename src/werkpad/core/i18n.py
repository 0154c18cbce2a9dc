"""Translatable messages for the pure cores.

The cores cannot call Django's gettext, yet every sentence they produce must reach the user in the
user's language. They therefore return :class:`Message` values: an English message id (marked with
:func:`gettext_noop` so that ``makemessages`` extracts it into the catalogues) plus named parameters.
The application renders a message with its own ``gettext``; tests and the CLI render it with the
identity function.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from types import MappingProxyType
from typing import Union

ParamValue = Union[str, int, float, Decimal, date, "Message"]
Translate = Callable[[str], str]
# Shows a date or number parameter in the reader's language; ``None`` keeps the plain form.
FormatParam = Callable[[object], str | None]


def gettext_noop(message: str) -> str:
    """Mark ``message`` for extraction without translating it (same name as Django's)."""
    return message


def _identity(message: str) -> str:
    return message


@dataclass(frozen=True)
class Message:
    """A sentence to be translated at the edge: ``msgid % params``."""

    msgid: str
    params: Mapping[str, ParamValue] = field(default_factory=lambda: MappingProxyType({}))
    #: Other wordings of the same sentence by audience (e.g. ``"coach"``: about the newcomer, in the
    #: third person); ``msgid`` itself speaks to the newcomer.
    variants: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def for_audience(self, audience: str) -> Message:
        """The wording for ``audience`` (the newcomer's when there is no variant), all the way down."""
        params = {
            key: value.for_audience(audience) if isinstance(value, Message) else value
            for key, value in self.params.items()
        }
        return Message(self.variants.get(audience, self.msgid), MappingProxyType(params))

    def render(self, translate: Translate = _identity, fmt: FormatParam | None = None) -> str:
        """Translate the message id, then fill in the (recursively rendered) parameters.

        ``fmt`` lets the application write dates and numbers the reader's way ("6 december
        2026", "5,5"); without it dates are ISO and decimals have a point.

        A translation that references an unknown parameter falls back to the untranslated text
        instead of raising: a broken catalogue must never crash a page.
        """
        values = {key: _render_param(value, translate, fmt) for key, value in self.params.items()}
        template = translate(self.msgid)
        try:
            return template % values if values else template
        except (KeyError, ValueError, TypeError):
            return self.msgid % values if values else self.msgid

    def __str__(self) -> str:
        return self.render()


def _render_param(value: ParamValue, translate: Translate, fmt: FormatParam | None) -> str:
    if isinstance(value, Message):
        return value.render(translate, fmt)
    if fmt is not None:
        shown = fmt(value)
        if shown is not None:
            return shown
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return str(value)


def msg(msgid: str, /, **params: ParamValue) -> Message:
    """Build a :class:`Message`; ``msgid`` should be a literal wrapped in :func:`gettext_noop`."""
    return Message(msgid, MappingProxyType(dict(params)))


COACH = "coach"
NEWCOMER = "newcomer"


def msg_about(to_newcomer: str, to_coach: str, /, **params: ParamValue) -> Message:
    """A sentence in two wordings: ``to_newcomer`` speaks to the newcomer ("you"), ``to_coach``
    speaks to the coach about the newcomer. Both literals wrapped in :func:`gettext_noop`."""
    return Message(to_newcomer, MappingProxyType(dict(params)), MappingProxyType({COACH: to_coach}))
