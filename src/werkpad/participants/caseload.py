"""The caseload query: search, filters and sorting, over the scoped queryset."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from werkpad.core.text import fold
from werkpad.http import query_id

from .choices import LanguageLevel, ParticipantStatus, Phase
from .models import Participant


def _in_order(field: str, values: list[str]) -> Case:
    """Sort by the order of the value list (the pipeline order), not alphabetically by code."""
    return Case(
        *(When(**{field: v}, then=Value(i)) for i, v in enumerate(values)),
        default=Value(len(values)),
        output_field=IntegerField(),
    )


SORTS = {
    "name": ("last_name", "first_name", "id"),
    "-name": ("-last_name", "-first_name", "-id"),
    "number": ("number",),
    "phase": (_in_order("phase", list(Phase.values)), "last_name", "id"),
    "status": (_in_order("status", list(ParticipantStatus.values)), "last_name", "id"),
    "updated": ("-updated_at", "id"),
}


@dataclass(frozen=True)
class CaseloadFilter:
    q: str = ""
    phase: str = ""
    dutch: str = ""
    municipality: int | None = None
    organisation: int | None = None
    programme: str = ""  # a programme's public id: participants actively enrolled in it
    status: str = ""  # participants with an active enrolment in this status
    scope: str = "mine"  # "mine": my caseload; "all": everyone I may see
    sort: str = "name"

    @classmethod
    def from_params(cls, params: dict[str, str], q: str) -> CaseloadFilter:
        phase = params.get("phase", "")
        programme = params.get("programme", "")
        try:
            programme = str(uuid.UUID(programme)) if programme else ""
        except ValueError:
            programme = ""
        status = params.get("status", "")
        dutch = params.get("dutch", "")
        return cls(
            q=q.strip()[:100],
            phase=phase if phase in Phase.values else "",
            dutch=dutch if dutch in LanguageLevel.values and dutch else "",
            # An id that is no database id (text, negative, beyond 64 bits) is ignored.
            municipality=query_id(params.get("municipality")),
            organisation=query_id(params.get("organisation")),
            programme=programme,
            status=status if status in ParticipantStatus.values else "",
            scope="all" if params.get("scope") == "all" else "mine",
            sort=params.get("sort", "name") if params.get("sort") in SORTS else "name",
        )

    def apply(self, qs: QuerySet[Participant]) -> QuerySet[Participant]:
        if self.q:
            # Names are matched on the stored folded form (no accents, lower case), so the
            # database compares plain text: same result on SQLite and PostgreSQL, no extension.
            for term in self.q.split():
                qs = qs.filter(
                    Q(search_name__contains=fold(term))
                    | Q(number__iexact=term)
                    | Q(number__iexact=f"WP-{term}")
                )
        if self.phase:
            qs = qs.filter(phase=self.phase)
        if self.dutch:
            qs = qs.filter(dutch_spoken=self.dutch)
        if self.programme or self.status:
            # Status belongs to the enrolment: filter on active enrolments (pathway).
            from werkpad.pathway.models import FINAL_STATUSES, Enrolment

            enrolments = Enrolment.objects.exclude(status__in=FINAL_STATUSES)
            if self.programme:
                enrolments = enrolments.filter(programme__public_id=self.programme)
            if self.status:
                enrolments = enrolments.filter(status=self.status)
            qs = qs.filter(pk__in=enrolments.values("participant_id"))
        if self.municipality:
            qs = qs.filter(municipality_id=self.municipality)
        if self.organisation:
            qs = qs.filter(organisation_id=self.organisation)
        return qs.order_by(*SORTS[self.sort])
