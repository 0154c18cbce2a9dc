"""The ESCO taxonomy as plain, immutable Python values.

Every concept is identified by its ESCO URI (a stable string); all cross references between
concepts are URIs, never object references, so that each mapping below corresponds to one simple
database table (``uri`` primary key, or ``(from_uri, to_uri)`` pairs).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

RelationType = Literal["essential", "optional"]


@dataclass(frozen=True, slots=True)
class Labels:
    """The labels of one concept in one language (one row per ``(uri, language)``)."""

    preferred_label: str
    alt_labels: tuple[str, ...] = ()
    hidden_labels: tuple[str, ...] = ()
    description: str = ""

    def all_labels(self) -> tuple[str, ...]:
        """The preferred label followed by the alternative labels, without duplicates."""
        return tuple(dict.fromkeys((self.preferred_label, *self.alt_labels)))


@dataclass(frozen=True, slots=True)
class Occupation:
    """An ESCO occupation, with its labels in the taxonomy's base language.

    ``code`` is the ESCO code (``"2654.1.7"``), ``isco_group`` the 4-digit ISCO-08 unit group code
    (``"2654"``); use :meth:`Taxonomy.isco_group_of` for the :class:`IscoGroup` itself.
    """

    uri: str
    code: str
    isco_group: str
    preferred_label: str
    alt_labels: tuple[str, ...] = ()
    hidden_labels: tuple[str, ...] = ()
    description: str = ""

    @property
    def labels(self) -> Labels:
        return Labels(self.preferred_label, self.alt_labels, self.hidden_labels, self.description)


@dataclass(frozen=True, slots=True)
class Skill:
    """An ESCO skill or knowledge concept (``skill_type``: ``"skill/competence"``, ``"knowledge"``
    or ``""``; ``reuse_level``: ``"transversal"``, ``"cross-sector"``, ``"sector-specific"``,
    ``"occupation-specific"`` or ``""`` -- a handful of real ESCO rows leave them empty)."""

    uri: str
    preferred_label: str
    alt_labels: tuple[str, ...] = ()
    skill_type: str = ""
    reuse_level: str = ""
    description: str = ""


@dataclass(frozen=True, slots=True)
class IscoGroup:
    """An ISCO-08 group (1 to 4 digit ``code``) of the occupation pillar."""

    uri: str
    code: str
    preferred_label: str


@dataclass(frozen=True, slots=True)
class SkillGroup:
    """A skill group of the skill pillar (e.g. ``S1.1``, ISCED-F fields of knowledge)."""

    uri: str
    code: str
    preferred_label: str


@dataclass(frozen=True, slots=True)
class SkippedRow:
    """A row the loader left out because it refers to a concept that is not in the taxonomy."""

    file: str
    line: int
    reason: str


@dataclass(frozen=True, slots=True)
class OccupationSkillRelation:
    occupation_uri: str
    skill_uri: str
    relation_type: RelationType


@dataclass(slots=True)
class Taxonomy:
    """An ESCO taxonomy (or a subset of it), keyed by URI throughout.

    Built by :func:`werkpad.core.taxonomy.load_esco` (official ESCO CSV files) or
    :func:`werkpad.core.taxonomy.demo.demo_taxonomy` (a small built-in set). Fields:

    ``language``
        Base language of the labels on :class:`Occupation` and :class:`Skill` values (``"en"``).
    ``occupations``, ``skills``, ``isco_groups``, ``skill_groups``
        Concepts by URI (``dict[str, Occupation]`` etc.), in file order.
    ``essential_skills``, ``optional_skills``
        Occupation URI -> tuple of skill URIs (file order). Every occupation has an entry in
        both (possibly ``()``); every skill URI in them is a key of ``skills``.
    ``skill_broader``
        Skill or skill-group URI -> broader skill / skill-group URIs (the skill pillar
        hierarchy). Only concepts with a broader concept have an entry.
    ``occupation_broader``
        Occupation or ISCO-group URI -> broader occupation / ISCO-group URIs (the occupation
        pillar: an ESCO occupation sits under an ISCO unit group or under a parent occupation).
    ``occupation_labels``, ``skill_labels``
        Language -> occupation (skill) URI -> :class:`Labels`. Hold the base language too;
        other languages are merged in by :func:`werkpad.core.taxonomy.add_labels`
        (:func:`werkpad.core.taxonomy.add_skill_labels`).
    ``skipped``
        Rows of the source files left out because they refer to unknown concepts (the official
        v1.1.1 files hold 67 relations and 1 broader relation of an occupation that is missing
        from ``occupations_en.csv``).

    Mutable only while being built: treat a loaded taxonomy as read-only.
    """

    language: str
    occupations: dict[str, Occupation] = field(default_factory=dict)
    skills: dict[str, Skill] = field(default_factory=dict)
    isco_groups: dict[str, IscoGroup] = field(default_factory=dict)
    skill_groups: dict[str, SkillGroup] = field(default_factory=dict)
    essential_skills: dict[str, tuple[str, ...]] = field(default_factory=dict)
    optional_skills: dict[str, tuple[str, ...]] = field(default_factory=dict)
    skill_broader: dict[str, tuple[str, ...]] = field(default_factory=dict)
    occupation_broader: dict[str, tuple[str, ...]] = field(default_factory=dict)
    occupation_labels: dict[str, dict[str, Labels]] = field(default_factory=dict)
    skill_labels: dict[str, dict[str, Labels]] = field(default_factory=dict)
    skipped: list[SkippedRow] = field(default_factory=list)
    _isco_by_code: dict[str, IscoGroup] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @property
    def languages(self) -> tuple[str, ...]:
        """Languages with occupation labels, base language first, then sorted."""
        others = sorted(lang for lang in self.occupation_labels if lang != self.language)
        return (self.language, *others)

    def labels_of(self, occupation_uri: str, language: str) -> Labels | None:
        """Labels of an occupation in ``language``, or ``None`` when there are none."""
        return self.occupation_labels.get(language, {}).get(occupation_uri)

    def isco_group_of(self, occupation_uri: str) -> IscoGroup | None:
        """The ISCO-08 unit group of an occupation (by its ``isco_group`` code)."""
        occupation = self.occupations.get(occupation_uri)
        if occupation is None:
            return None
        if len(self._isco_by_code) != len(self.isco_groups):
            self._isco_by_code = {group.code: group for group in self.isco_groups.values()}
        return self._isco_by_code.get(occupation.isco_group)

    def skills_of(self, occupation_uri: str, *, include_optional: bool = True) -> tuple[str, ...]:
        """Skill URIs of an occupation: the essential ones, then (optionally) the optional ones."""
        essential = self.essential_skills.get(occupation_uri, ())
        if not include_optional:
            return essential
        return essential + self.optional_skills.get(occupation_uri, ())

    def skill_ancestors(self, skill_uri: str) -> tuple[str, ...]:
        """All broader skills and skill groups of a skill, nearest first (breadth-first)."""
        seen: dict[str, None] = {}
        frontier = list(self.skill_broader.get(skill_uri, ()))
        while frontier:
            following: list[str] = []
            for uri in frontier:
                if uri not in seen and uri != skill_uri:
                    seen[uri] = None
                    following.extend(self.skill_broader.get(uri, ()))
            frontier = following
        return tuple(seen)

    def relations(self) -> Iterator[OccupationSkillRelation]:
        """All occupation-skill relations, essential before optional per occupation."""
        for occupation_uri in self.occupations:
            for skill_uri in self.essential_skills.get(occupation_uri, ()):
                yield OccupationSkillRelation(occupation_uri, skill_uri, "essential")
            for skill_uri in self.optional_skills.get(occupation_uri, ()):
                yield OccupationSkillRelation(occupation_uri, skill_uri, "optional")
