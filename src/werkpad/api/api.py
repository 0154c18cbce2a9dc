"""The JSON API (OpenAPI at /api/docs). Same access layer and actions as the HTML views.

Authentication is the Django session (with CSRF on unsafe methods). Each app contributes a router
in its own ``api.py``; they are mounted here.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.security import SessionAuth

api = NinjaAPI(
    title="Werkpad API",
    version="1",
    auth=SessionAuth(),
    urls_namespace="api",
    docs_url="/docs",
)


@api.get("/me", tags=["accounts"])
def me(request: HttpRequest) -> dict[str, str]:
    user = request.auth  # type: ignore[attr-defined]
    return {"username": user.username, "role": user.role}


def _mount() -> None:
    import importlib

    for app, prefix in (
        ("werkpad.eligibility", "/eligibility/"),
        ("werkpad.employers", "/employers/"),
        ("werkpad.pathway", "/pathway/"),
        ("werkpad.matching", "/matching/"),
        ("werkpad.portal", "/portal/"),
        ("werkpad.monitoring", "/monitoring/"),
        ("werkpad.handovers", "/handovers/"),
        ("werkpad.participants", "/participants/"),
    ):
        try:
            module = importlib.import_module(f"{app}.api")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app}.api":
                raise
            continue
        api.add_router(prefix, module.router)


_mount()
