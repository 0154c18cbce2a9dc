"""JSON API of a file's sections and coach links, mounted at /api/participants/.

Same scoped layer as the pages (``access.get_case_file(..., section=...)``): a section outside the
coach's scope is a 404 logged as ``denied``; edits go through the section forms (one validation)
and keep their history; link scopes through ``handovers.actions.set_link_scope``.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import HttpRequest
from django.http.request import QueryDict
from ninja import Body, Router, Schema, Status

from werkpad.accounts.models import User
from werkpad.api.problems import Problem
from werkpad.audit.models import Action

from . import access
from .forms import SECTION_FORMS
from .purposes import SECTIONS, Purpose, section_fields

router = Router(tags=["participants"])


class SectionOut(Schema):
    section: str
    values: dict[str, Any]


class LinkOut(Schema):
    id: int
    coach: str
    organisation: str
    purpose: str
    read_sections: list[str]
    edit_sections: list[str]


class LinkScopeIn(Schema):
    purpose: Purpose
    read_sections: list[str] = []
    edit_sections: list[str] = []


def _user(request: HttpRequest) -> User:
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    return user


def _values(participant: Any, section: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in section_fields(section):
        value = getattr(participant, name)
        if hasattr(value, "pk"):
            value = value.pk
        elif hasattr(value, "isoformat"):
            value = value.isoformat()
        elif value is not None and not isinstance(value, bool | int | str):
            value = str(value)
        out[name] = value
    return out


@router.get("/{public_id}/sections/{section}", response={200: SectionOut, 404: Problem})
def read_section(request: HttpRequest, public_id: UUID, section: str) -> Status[object]:
    if section not in SECTIONS:
        return Status(404, Problem(detail="Not found."))
    participant = access.get_case_file(
        _user(request), public_id, what=f"{section} (api)", section=section
    )
    return Status(200, SectionOut(section=section, values=_values(participant, section)))


@router.put(
    "/{public_id}/sections/{section}", response={200: SectionOut, 400: Problem, 404: Problem}
)
def edit_section(
    request: HttpRequest,
    public_id: UUID,
    section: str,
    payload: dict[str, Any] = Body(...),  # noqa: B008
) -> Status[object]:
    form_class = SECTION_FORMS.get(section)
    if form_class is None or section not in SECTIONS:
        return Status(404, Problem(detail="Not found."))
    user = _user(request)
    participant = access.get_case_file(
        user, public_id, what=f"{section} (api)", action=Action.UPDATE, section=section
    )
    data = QueryDict(mutable=True)
    for name in section_fields(section):
        current = _values(participant, section)[name]
        value = payload.get(name, current)
        data[name] = "" if value is None else ("on" if value is True else str(value))
        if value is False:
            data.pop(name)
    form = form_class(data, instance=participant, user=user)
    if not form.is_valid():
        errors = {k: [str(e) for e in v] for k, v in form.errors.items()}
        return Status(400, Problem(detail="The section is not valid.", errors=errors))
    form.save_with_history(user)
    return Status(200, SectionOut(section=section, values=_values(participant, section)))


@router.get("/{public_id}/links", response=list[LinkOut])
def list_links(request: HttpRequest, public_id: UUID) -> list[LinkOut]:
    participant = access.get_case_file(_user(request), public_id, what="coaches (api)")
    return [
        _link_out(link) for link in participant.coach_links.select_related("coach__organisation")
    ]


@router.put("/{public_id}/links/{link_id}", response={200: LinkOut, 400: Problem, 404: Problem})
def set_link_scope(
    request: HttpRequest, public_id: UUID, link_id: int, payload: LinkScopeIn
) -> Status[object]:
    from werkpad.handovers import actions as handover_actions

    user = _user(request)
    participant = access.get_case_file(
        user, public_id, what="coaches (api)", action=Action.UPDATE, manage=True
    )
    link = participant.coach_links.filter(pk=link_id).select_related("coach").first()
    if link is None:
        return Status(404, Problem(detail="Not found."))
    unknown = set(payload.read_sections) | set(payload.edit_sections)
    unknown -= set(SECTIONS)
    if unknown:
        return Status(
            400,
            Problem(detail="Unknown section.", errors={"sections": sorted(unknown)}),
        )
    link = handover_actions.set_link_scope(
        user,
        participant,
        link,
        purpose=payload.purpose,
        read=payload.read_sections,
        edit=payload.edit_sections,
    )
    return Status(200, _link_out(link))


def _link_out(link: Any) -> LinkOut:
    return LinkOut(
        id=link.pk,
        coach=link.coach.username,
        organisation=str(link.coach.organisation or ""),
        purpose=link.purpose,
        read_sections=list(link.read_sections),
        edit_sections=list(link.edit_sections),
    )
