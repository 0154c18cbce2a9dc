"""The one shape of an error answer in the JSON API, and the conversion from a model's validation.

Every router answers a refused change with ``Problem``: a sentence and the messages per field, the same
shape as the 422 the API gives for a body that does not match its schema (see ``api.invalid_input``).
The messages come from the model's own validation (one truth per rule), so a form, an import and the API
say the same thing about the same input.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from ninja import Schema


class Problem(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


def field_errors(exc: ValidationError) -> dict[str, list[str]]:
    """The messages of a Django ValidationError per field; errors not tied to a field under ``""``."""
    if hasattr(exc, "error_dict"):
        return {field: [str(m) for m in messages] for field, messages in exc.message_dict.items()}
    return {"": [str(m) for m in exc.messages]}
