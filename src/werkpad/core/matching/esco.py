"""Bridges from the ESCO taxonomy (:mod:`werkpad.core.taxonomy`) to the matcher's plain data."""

from __future__ import annotations

from werkpad.core.matching.model import OccupationRef
from werkpad.core.matching.skills import SkillSpace
from werkpad.core.taxonomy import Taxonomy

__all__ = ["occupation_ref", "occupation_skills", "skill_space"]


def skill_space(taxonomy: Taxonomy) -> SkillSpace:
    """The skill space of a taxonomy: every skill, counted once per occupation that lists it
    (essential or optional), and the skill-to-skill part of the skill hierarchy."""
    counts = dict.fromkeys(taxonomy.skills, 0.0)
    for occupation in taxonomy.occupations:
        for uri in taxonomy.skills_of(occupation):
            counts[uri] += 1.0
    broader = {
        uri: taxonomy.skill_broader[uri] for uri in taxonomy.skills if uri in taxonomy.skill_broader
    }
    return SkillSpace(counts, broader)


def occupation_ref(taxonomy: Taxonomy, uri: str) -> OccupationRef:
    """An :class:`OccupationRef` with the ISCO group from the taxonomy (empty when unknown)."""
    occupation = taxonomy.occupations.get(uri)
    return OccupationRef(uri, occupation.isco_group if occupation else "")


def occupation_skills(taxonomy: Taxonomy, uri: str) -> tuple[frozenset[str], frozenset[str]]:
    """The essential and the optional skills of an occupation, e.g. for a vacancy that names
    only its occupation."""
    return (
        frozenset(taxonomy.essential_skills.get(uri, ())),
        frozenset(taxonomy.optional_skills.get(uri, ())),
    )
