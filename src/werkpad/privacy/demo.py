"""Demo records: a few requests in the data-request queue and one published report (run by
``seed_demo``), so that the administrator, the privacy officer and the analyst see them."""

from __future__ import annotations

from typing import Any

from . import actions, reports


def seed(ctx: Any) -> None:
    newcomers = [ctx.users.get(f"nieuwkomer{i}") for i in (1, 2, 3)]
    admin = next((u for u in ctx.users.values() if u.is_administrator), None)
    files = [getattr(u, "participant", None) if u is not None else None for u in newcomers]
    if files[0] is not None and admin is not None:
        done = actions.make_request(
            newcomers[0], files[0], "correction", "Mijn telefoonnummer is veranderd."
        )
        actions.decide(admin, done, grant=True, note="Je coach heeft het nummer aangepast.")
    if files[1] is not None:
        actions.make_request(
            newcomers[1], files[1], "correction", "Mijn Nederlands is nu A2, niet A1."
        )
    if files[2] is not None:
        actions.make_request(newcomers[2], files[2], "erasure", "Ik ga verhuizen naar Duitsland.")
    analyst = ctx.users.get("analyst")
    if analyst is not None:
        reports.publish(analyst, "overview")
