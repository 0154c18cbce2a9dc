"""A small rate limit per client address for the public guides, kept in Django's cache.

No database, no session, no cookie: a fixed window per address. The counter's key holds a keyed
hash of the address (never the address itself) and expires with its window.

The cache is ``settings.WERKPAD_GUIDES_CACHE`` (an alias of ``CACHES``). With the default
local-memory cache each server process counts on its own (the limit then applies per process);
for several processes set ``WERKPAD_CACHE_LOCATION`` so that they share one cache (see
``settings.py`` and the README). The database cache is deliberately not offered: the guides write
nothing to the database.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest

from werkpad.accounts.throttle import client_ip_address


@dataclass(frozen=True)
class Rate:
    requests: int
    seconds: int


def parse_rate(text: str) -> Rate:
    """``"30/60"``: 30 requests per 60 seconds."""
    count, _, seconds = text.partition("/")
    rate = Rate(int(count), int(seconds or 60))
    if rate.requests < 1 or rate.seconds < 1:
        raise ValueError(f"rate must be N/SECONDS with N, SECONDS >= 1, not {text!r}")
    return rate


def _key(scope: str, address: str) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()[
        :32
    ]
    return f"guides:rl:{scope}:{digest}"


def allow(request: HttpRequest, scope: str) -> bool:
    """Count this request against its address; ``False`` once the window's budget is spent."""
    rate = parse_rate(settings.WERKPAD_GUIDES_RATE)
    key = _key(scope, client_ip_address(request) or "unknown")
    cache = caches[settings.WERKPAD_GUIDES_CACHE]
    cache.add(key, 0, timeout=rate.seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr: a new window
        cache.add(key, 1, timeout=rate.seconds)
        count = 1
    return count <= rate.requests
