"""The JSON API (OpenAPI at /api/docs). Same access layer and actions as the HTML views.

Authentication is the Django session (with CSRF on unsafe methods). Each app contributes a router
in its own ``api.py``; they are mounted here.
"""

from __future__ import annotations

from typing import Any

from django.db import DataError
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import ValidationError
from ninja.openapi.schema import OpenAPISchema
from ninja.security import SessionAuth

# Every status an operation can answer besides its own, documented on every operation (the
# fuzzing test in tests/integration/security/test_api_fuzz.py holds the API to it).
COMMON_ERRORS: dict[int, str] = {
    401: "Not logged in, or the second factor (two-factor authentication) is still missing.",
    403: "Not allowed for your role, or the CSRF token is missing on a change.",
    404: "Not found, or not visible to you (refusals are logged and look like absence).",
    422: "The request does not match the parameters or body described here.",
}
ERROR_SCHEMA = {
    "title": "Error",
    "type": "object",
    "properties": {
        "detail": {"title": "Detail", "type": "string"},
        "errors": {
            "title": "Errors",
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
    "required": ["detail"],
}


class WerkpadAPI(NinjaAPI):
    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
        ref = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
        for methods in schema.get("paths", {}).values():
            for operation in methods.values():
                responses = operation.setdefault("responses", {})
                present = {str(code) for code in responses}
                for code, description in COMMON_ERRORS.items():
                    if str(code) not in present:
                        responses[code] = {"description": description, **ref}
        return schema


api = WerkpadAPI(
    title="Werkpad API",
    version="1",
    auth=SessionAuth(),
    urls_namespace="api",
    docs_url="/docs",
)


@api.exception_handler(ValidationError)
def invalid_input(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """422 in the same shape as every other error: a sentence and the messages per field."""
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ())]
        field = ".".join(location[1:]) or ".".join(location) or "request"
        errors.setdefault(field, []).append(str(error.get("msg", "invalid")))
    return api.create_response(request, {"detail": "Invalid input.", "errors": errors}, status=422)


@api.exception_handler(OverflowError)
@api.exception_handler(DataError)
def out_of_range(request: HttpRequest, exc: Exception) -> HttpResponse:
    """A number too large for the database (an id, a count) is bad input, not a server error.

    Found by the fuzzing test: ``organisations: [10**30]`` crashed the programme form on both
    databases (SQLite's OverflowError, PostgreSQL's "out of range" DataError)."""
    return api.create_response(
        request,
        {"detail": "Invalid input.", "errors": {"request": ["A number is out of range."]}},
        status=422,
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
        ("werkpad.surveys", "/surveys/"),
        ("werkpad.koppeling", "/koppeling/"),
        ("werkpad.privacy", "/privacy/"),
    ):
        try:
            module = importlib.import_module(f"{app}.api")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app}.api":
                raise
            continue
        api.add_router(prefix, module.router)
    # Contact moments, appointments, aftercare check-ins, the attention list (issue 13).
    from werkpad.pathway.care_api import router as care

    api.add_router("/care/", care)


_mount()
